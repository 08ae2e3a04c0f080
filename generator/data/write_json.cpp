#include <nlohmann/json.hpp>

#include "data/value.hpp"

namespace brevgen::data {

namespace {

void write(const Value& v, std::string& out) {
    switch (v.type) {
    case Value::Type::null: out += "null"; return;
    case Value::Type::boolean:
    case Value::Type::number: out += v.scalar; return;  // the literal as read (a number is valid JSON)
    case Value::Type::string:
    case Value::Type::text:
        // The readers pass only valid UTF-8; replacing beats throwing if that ever changes.
        out += nlohmann::json(v.scalar).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
    case Value::Type::array:
        out += '[';
        for (std::size_t i = 0; i < v.items.size(); ++i) {
            if (i > 0) out += ',';
            write(v.items[i], out);
        }
        out += ']';
        return;
    case Value::Type::object:
        out += '{';
        for (std::size_t i = 0; i < v.members.size(); ++i) {
            if (i > 0) out += ',';
            out += nlohmann::json(v.members[i].first).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            out += ':';
            write(v.members[i].second, out);
        }
        out += '}';
        return;
    }
}

}  // namespace

std::string to_json_text(const Value& v) {
    std::string out;
    write(v, out);
    return out;
}

}  // namespace brevgen::data
