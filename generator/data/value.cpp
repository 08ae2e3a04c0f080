#include "data/value.hpp"

#include <charconv>

namespace brevgen::data {

namespace {

/// Undoes RFC 6901 escaping of one reference token ("~1" is '/', "~0" is '~').
std::string unescape_token(std::string_view token) {
    std::string out;
    out.reserve(token.size());
    for (std::size_t i = 0; i < token.size(); ++i) {
        if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
            out += token[i + 1] == '0' ? '~' : '/';
            ++i;
        } else {
            out += token[i];
        }
    }
    return out;
}

const Value* step(const Value& v, std::string_view token) {
    if (v.type == Value::Type::object) return v.find(unescape_token(token));
    if (v.type != Value::Type::array || token.empty()) return nullptr;
    if (token.size() > 1 && token[0] == '0') return nullptr;  // RFC 6901: no leading zeros
    std::size_t index = 0;
    const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), index);
    if (ec != std::errc{} || end != token.data() + token.size() || index >= v.items.size()) return nullptr;
    return &v.items[index];
}

}  // namespace

const Value* Value::find(std::string_view key) const {
    if (type != Type::object) return nullptr;
    for (const auto& [name, value] : members) {
        if (name == key) return &value;
    }
    return nullptr;
}

Value* Value::find(std::string_view key) {
    return const_cast<Value*>(static_cast<const Value*>(this)->find(key));
}

const Value* Value::at(std::string_view pointer) const {
    if (pointer.empty()) return this;
    if (pointer.front() != '/') return nullptr;
    const Value* v = this;
    pointer.remove_prefix(1);
    while (v != nullptr) {
        const auto slash = pointer.find('/');
        v = step(*v, pointer.substr(0, slash));
        if (slash == std::string_view::npos) break;
        pointer.remove_prefix(slash + 1);
    }
    return v;
}

std::string pointer_token(std::string_view key) {
    std::string out;
    out.reserve(key.size());
    for (const char c : key) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace brevgen::data
