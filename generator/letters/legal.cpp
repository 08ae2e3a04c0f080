#include "letters/legal.hpp"

#include <cmath>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "common/io.hpp"
#include "common/messages.hpp"

namespace brevgen::letters {

namespace {

// ordered_json keeps the file's order, so the templates' entries read like the file.
using json = nlohmann::ordered_json;

[[noreturn]] void fail(std::string_view source, const std::string& what) {
    throw std::runtime_error(std::string{source} + ": " + what);
}

/// A week count: a whole number from 1 to 104 (two years is already far past any deadline).
int week_count(const json& root, const char* key, std::string_view source) {
    const auto it = root.find(key);
    if (it == root.end()) fail(source, std::string{"missing \""} + key + '"');
    if (!it->is_number_integer() || it->get<long long>() < 1 || it->get<long long>() > 104) {
        fail(source, std::string{"\""} + key + "\" must be a whole number of weeks from 1 to 104");
    }
    return static_cast<int>(it->get<long long>());
}

double positive_number(const json& root, const char* key, std::string_view source) {
    const auto it = root.find(key);
    if (it == root.end()) fail(source, std::string{"missing \""} + key + '"');
    if (!it->is_number() || !(it->get<double>() > 0) || !std::isfinite(it->get<double>())) {
        fail(source, std::string{"\""} + key + "\" must be a positive number");
    }
    return it->get<double>();
}

/// Every entry as text; notes ("_…") are skipped, nested values are refused because the
/// templates read the entries as flat names.
std::vector<std::pair<std::string, std::string>> texts_of(const json& root, std::string_view source) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [key, value] : root.items()) {
        if (!key.empty() && key.front() == '_') continue;
        if (value.is_string()) {
            out.emplace_back(key, value.get<std::string>());
        } else if (value.is_number_integer()) {
            out.emplace_back(key, std::to_string(value.get<long long>()));
        } else if (value.is_number()) {
            out.emplace_back(key, value.dump());
        } else {
            fail(source, "\"" + key + "\" must be a string or a number");
        }
    }
    return out;
}

}  // namespace

const std::string* LegalRefs::find(std::string_view key) const {
    for (const auto& [k, v] : texts) {
        if (k == key) return &v;
    }
    return nullptr;
}

LegalRefs parse_legal(std::string_view json_text, std::string_view source) {
    json root;
    try {
        root = json::parse(json_text.begin(), json_text.end());
    } catch (const json::parse_error& e) {
        fail(source, std::string{"malformed JSON: "} + e.what());
    }
    if (!root.is_object()) fail(source, "the top level must be an object");
    LegalRefs refs;
    refs.foerste_opfoelgning_uger = week_count(root, "foerste_opfoelgning_uger", source);
    refs.samtale_7a_uger = week_count(root, "samtale_7a_uger", source);
    refs.fast_track_uger = week_count(root, "fast_track_uger", source);
    refs.optrapningsplan_max_uger = week_count(root, "optrapningsplan_max_uger", source);
    refs.delvis_fravaer_min_timer = positive_number(root, "delvis_fravaer_min_timer", source);
    refs.texts = texts_of(root, source);
    return refs;
}

LegalRefs load_legal(const std::filesystem::path& path, const std::filesystem::path& root, std::size_t max_bytes) {
    const auto text = io::read_confined(path, root, max_bytes);
    if (!text) throw std::runtime_error(path.string() + ": " + message::cannot_read("the legal references", text.error));
    return parse_legal(*text.bytes, path.string());
}

}  // namespace brevgen::letters
