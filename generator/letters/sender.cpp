#include "letters/sender.hpp"

#include <nlohmann/json.hpp>

#include "common/io.hpp"
#include "common/messages.hpp"
#include "data/value.hpp"

namespace brevgen::letters {

namespace {
/// A profile is a few hundred bytes; this only keeps a wrong path from reading a device.
constexpr std::uint64_t max_profile_bytes = std::uint64_t{1} << 20;
}  // namespace

SenderProfile SenderProfile::load(const std::filesystem::path& file) {
    const auto text = io::read_file(file, max_profile_bytes);
    if (!text) throw SenderError(file.string() + ": error: " + message::cannot_read("the sender profile", text.error));
    SenderProfile profile;
    // Absolute, so a logo resolves the same whatever directory letters are typeset from.
    profile.directory = std::filesystem::absolute(file).parent_path();
    try {
        const auto json = nlohmann::json::parse(*text.bytes);
        if (!json.is_object()) throw SenderError(file.string() + ": error: the sender profile must be a JSON object");
        for (const auto& [key, value] : json.items()) {
            if (!value.is_string()) {
                throw SenderError(file.string() + ": error: /" + key + ": expected a string");
            }
            profile.fields[key] = value.get<std::string>();
        }
    } catch (const nlohmann::json::parse_error& e) {
        throw SenderError(file.string() + ": error: malformed JSON: " + e.what());
    }
    for (const char* required : {"navn", "adresse", "postnummer", "by", "telefon", "email"}) {
        if (profile.get(required).empty()) {
            throw SenderError(file.string() + ": error: /" + required + ": the sender profile needs this field");
        }
    }
    return profile;
}

SenderProfile SenderProfile::overridden_by(const data::Value* afsender) const {
    SenderProfile out = *this;
    if (!afsender || afsender->type != data::Value::Type::object) return out;
    for (const auto& [key, value] : afsender->members) {
        if (!value.is_scalar() || value.scalar.empty()) continue;
        if (key == "logo" && (value.scalar.find('/') != std::string::npos || value.scalar.find('\\') != std::string::npos ||
                              value.scalar.front() == '.')) {
            continue;
        }
        out.fields[key] = value.scalar;
    }
    return out;
}

const std::string& SenderProfile::get(const std::string& key) const {
    static const std::string empty;
    const auto it = fields.find(key);
    return it == fields.end() ? empty : it->second;
}

std::string SenderProfile::logo_path() const {
    const auto& logo = get("logo");
    if (logo.empty()) return {};
    return (directory / logo).string();
}

}  // namespace brevgen::letters
