#include "letters/registry.hpp"

#include <algorithm>
#include <stdexcept>

#include "common/messages.hpp"
#include "common/utf8.hpp"

namespace brevgen::letters {

namespace {

bool valid_slug(std::string_view slug) {
    if (slug.empty() || slug.front() == '-') return false;
    return std::all_of(slug.begin(), slug.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

/// The /modtager choice an `either` kind's fields must have.
bool has_recipient_choice(const data::FieldSpec& root) {
    for (const auto& f : root.fields) {
        if (f.name != "modtager") continue;
        const auto& v = f.enum_values;
        return std::find(v.begin(), v.end(), "medarbejder") != v.end() &&
               std::find(v.begin(), v.end(), "arbejdsgiver") != v.end();
    }
    return false;
}

void check_notification(const KindRecord& k, const std::string& text, bool needed, const char* recipient) {
    const std::string& slug = k.info.name;
    if (needed && text.empty()) throw std::invalid_argument(slug + ": no Digital Post notification for the " + recipient);
    if (utf8::length(text) > max_notification_chars) {
        throw std::invalid_argument(slug + ": the notification for the " + std::string(recipient) + " is longer than " +
                                    std::to_string(max_notification_chars) + " characters");
    }
}

}  // namespace

KindRegistry::KindRegistry(std::vector<KindRecord> kinds) {
    for (auto& k : kinds) add(std::move(k));
}

void KindRegistry::add(KindRecord kind) {
    const std::string& slug = kind.info.name;
    if (!valid_slug(slug)) throw std::invalid_argument("a letter kind's name is [a-z0-9-]+, not " + quote(slug));
    if (find(slug) != nullptr) throw std::invalid_argument("the letter kind " + slug + " is already defined");
    if (kind.info.title.empty()) throw std::invalid_argument(slug + ": a letter kind needs a title");
    if (kind.fields.root.type != data::FieldType::object) {
        throw std::invalid_argument(slug + ": a letter kind's case data is an object");
    }
    if (kind.info.recipients == Recipients::either && !has_recipient_choice(kind.fields.root)) {
        throw std::invalid_argument(slug + ": a kind for either recipient needs the /modtager choice");
    }
    check_notification(kind, kind.info.notification_employee, kind.info.to_employee(), "employee");
    check_notification(kind, kind.info.notification_employer, kind.info.to_employer(), "employer");
    if (kind.info.digital_post_label.empty()) kind.info.digital_post_label = kind.info.title;
    if (kind.template_name.empty()) kind.template_name = slug;
    kinds_.push_back(std::move(kind));
}

const KindRecord* KindRegistry::find(std::string_view slug) const {
    for (const auto& kind : kinds_) {
        if (kind.info.name == slug) return &kind;
    }
    return nullptr;
}

std::vector<std::string> KindRegistry::slugs() const {
    std::vector<std::string> out;
    out.reserve(kinds_.size());
    for (const auto& kind : kinds_) out.push_back(kind.info.name);
    return out;
}

Diagnostic KindRegistry::unknown(std::string_view slug) const {
    return make_error({}, "", message::unknown_kind(slug, slugs()), "unknown-kind");
}

std::string KindRegistry::listing() const {
    std::size_t width = 0;
    for (const auto& kind : kinds_) width = std::max(width, kind.info.name.size());
    std::string out;
    for (const auto& kind : kinds_) {
        out += kind.info.name + std::string(width - kind.info.name.size() + 2, ' ') + kind.info.description + '\n';
    }
    return out;
}

CaseResult validate_case(const KindRecord& kind, data::Value root, const data::Drawable& drawable) {
    CaseResult result;
    result.diagnostics = data::validate(kind.fields, root, drawable);
    if (has_errors(result.diagnostics)) {
        result.partial = std::move(root);
    } else {
        result.root = std::move(root);
    }
    return result;
}

CaseResult load_case(const KindRecord& kind, std::string_view text, std::optional<data::Format> format,
                     const data::ReadLimits& limits, const data::Drawable& drawable) {
    auto read = format ? data::read(text, *format, limits) : data::read_case(text, limits);
    if (!read.root || has_errors(read.diagnostics)) {
        CaseResult result;
        result.diagnostics = std::move(read.diagnostics);
        result.malformed = true;
        return result;
    }
    CaseResult result = validate_case(kind, std::move(*read.root), drawable);
    result.diagnostics.insert(result.diagnostics.begin(), read.diagnostics.begin(), read.diagnostics.end());
    return result;
}

bool addressed_to_employer(const KindRecord& kind, const data::Value& root) {
    switch (kind.info.recipients) {
    case Recipients::employer: return true;
    case Recipients::either: {
        const data::Value* to = root.find("modtager");
        return to != nullptr && to->is_scalar() && to->scalar == "arbejdsgiver";
    }
    case Recipients::employee:
    case Recipients::together: return false;
    }
    return false;
}

}  // namespace brevgen::letters
