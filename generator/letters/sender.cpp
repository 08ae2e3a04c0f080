#include "letters/sender.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/io.hpp"
#include "common/messages.hpp"
#include "common/utf8.hpp"
#include "data/formats.hpp"
#include "data/value.hpp"

namespace brevgen::letters {

namespace {
/// A profile is a few hundred bytes; this only keeps a wrong path from reading a device.
constexpr std::uint64_t max_profile_bytes = std::uint64_t{1} << 20;

/// The window zone from {"venstre": 20, "top": 45, "hoejre": 105, "bund": 74} (mm), within
/// bounds that keep it clear of the letterhead, the reference column and the body.
AddressField address_field(const std::filesystem::path& file, const nlohmann::json& value) {
    const auto fail = [&](const std::string& path, const std::string& message) {
        throw SenderError(file.string() + ": error: /adressefelt" + path + ": " + message);
    };
    if (!value.is_object()) fail("", "expected an object with venstre, top, hoejre and bund in mm");
    AddressField out;
    const auto number = [&](const char* key, double& target, double min, double max) {
        const auto it = value.find(key);
        if (it == value.end()) fail("", std::string("missing \"") + key + "\" (mm)");
        if (!it->is_number()) fail(std::string("/") + key, "expected a number of mm");
        target = it->get<double>();
        if (!(target >= min && target <= max)) {
            fail(std::string("/") + key, "must be from " + std::to_string(static_cast<int>(min)) + " to " +
                                             std::to_string(static_cast<int>(max)) + " mm");
        }
    };
    // Left: the text starts 5 mm inside, keeping a 20 mm margin. Right: clear of the reference
    // column at 125 mm. Top: below the logo. Bottom: above where the text of page 1 begins.
    number("venstre", out.venstre, 15, 120);
    number("hoejre", out.hoejre, 15, 120);
    number("top", out.top, 30, 100);
    number("bund", out.bund, 30, 100);
    for (const auto& [key, v] : value.items()) {
        if (key != "venstre" && key != "hoejre" && key != "top" && key != "bund") fail("/" + key, "unknown field");
    }
    if (out.hoejre - out.venstre < 60) fail("/hoejre", "the window must be at least 60 mm wide");
    if (out.bund - out.top < 25) fail("/bund", "the window must be at least 25 mm high");
    return out;
}

}  // namespace

SenderProfile SenderProfile::load(const std::filesystem::path& file, const std::filesystem::path& root) {
    const auto text = io::read_confined(file, root, max_profile_bytes);
    if (!text) throw SenderError(file.string() + ": error: " + message::cannot_read("the sender profile", text.error));
    SenderProfile profile;
    // Absolute, so a logo resolves the same whatever directory letters are typeset from.
    profile.directory = std::filesystem::absolute(file).parent_path();
    profile.file = file;
    try {
        const auto json = nlohmann::json::parse(*text.bytes);
        if (!json.is_object()) throw SenderError(file.string() + ": error: the sender profile must be a JSON object");
        for (const auto& [key, value] : json.items()) {
            if (key == "adressefelt") {
                profile.adressefelt = address_field(file, value);
                continue;
            }
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

namespace {

bool is_kle_subject(const std::string& k) {
    return k.size() == 8 && k[2] == '.' && k[5] == '.' &&
           std::all_of(k.begin(), k.end(), [](char c) { return c == '.' || (c >= '0' && c <= '9'); });
}

/// The first problem with a profile's Digital Post fields: {field, what}.
std::optional<std::pair<std::string, std::string>> message_fields_problem(const SenderProfile& p,
                                                                          const MessageSender& m) {
    using Problem = std::pair<std::string, std::string>;
    if (m.cvr.empty()) return Problem{"cvr", "a Digital Post message needs the municipality's CVR number (8 digits)"};
    if (data::check_format(data::TextFormat::cvr, m.cvr)) {
        return Problem{"cvr", "expected the municipality's CVR number: 8 digits that pass the modulus-11 check"};
    }
    if (m.case_system.empty()) return Problem{"sagssystem", "a Digital Post message needs the case system's name"};
    if (!m.kle_subject.empty() || !m.kle_version.empty() || !m.kle_title.empty()) {
        if (!is_kle_subject(m.kle_subject)) {
            return Problem{"kle_emne", "expected a KLE subject such as \"32.18.00\" (with kle_version and kle_titel)"};
        }
        if (m.kle_version.empty()) return Problem{"kle_version", "a KLE subject needs the KLE version it is from"};
        if (m.kle_title.empty()) return Problem{"kle_titel", "a KLE subject needs its title"};
    }
    if (m.contact_point.empty() && !m.contact_point_label.empty()) {
        return Problem{"kontaktpunkt", "kontaktpunkt_navn needs the contact point's id"};
    }
    for (const char* field : {"navn", "sagssystem", "kle_version", "kle_titel", "kontaktpunkt", "kontaktpunkt_navn"}) {
        if (utf8::length(p.get(field)) > 256) return Problem{field, "a Digital Post message allows at most 256 characters"};
    }
    return std::nullopt;
}

}  // namespace

std::optional<MessageSender> SenderProfile::message_sender(Diagnostic& why) const {
    MessageSender m;
    m.cvr = get("cvr");
    m.case_system = get("sagssystem");
    m.kle_subject = get("kle_emne");
    m.kle_version = get("kle_version");
    m.kle_title = get("kle_titel");
    m.contact_point = get("kontaktpunkt");
    m.contact_point_label = get("kontaktpunkt_navn");
    if (auto problem = message_fields_problem(*this, m)) {
        why = make_error({}, "/" + problem->first, problem->second);
        why.file = file.string();
        return std::nullopt;
    }
    return m;
}

std::string SenderProfile::logo_path() const {
    const auto& logo = get("logo");
    if (logo.empty()) return {};
    return (directory / logo).string();
}

}  // namespace brevgen::letters
