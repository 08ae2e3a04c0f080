#pragma once
// What the case-reader harnesses check beyond "no crash": every message masks CPR
// numbers, tight limits hold (the tree is no larger than the limits allow), and validation
// with a font check runs on whatever was read.
#include <cstdlib>
#include <string_view>

#include "letters/registry.hpp"

namespace fuzz_checks {

/// True when `s` holds six digits, an optional '-' or space, and four digits: an unmasked
/// CPR number (masked ones read "300190-xxxx").
inline bool has_cpr(std::string_view s) {
    const auto digit = [&](std::size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; };
    for (std::size_t i = 0; i + 10 <= s.size(); ++i) {
        bool six = true;
        for (std::size_t k = 0; k < 6; ++k) six = six && digit(i + k);
        if (!six) continue;
        const std::size_t j = i + 6 + ((s[i + 6] == '-' || s[i + 6] == ' ') ? 1 : 0);
        bool four = true;
        for (std::size_t k = 0; k < 4; ++k) four = four && digit(j + k);
        if (four) return true;
    }
    return false;
}

inline void no_cpr_in(const brevgen::Diagnostics& ds) {
    for (const auto& d : ds) {
        if (has_cpr(d.message) || has_cpr(d.path)) std::abort();
    }
}

/// Values in a tree, and its depth in containers.
inline void measure(const brevgen::data::Value& v, std::size_t depth, std::size_t& values, std::size_t& deepest) {
    ++values;
    const bool container = v.type == brevgen::data::Value::Type::array || v.type == brevgen::data::Value::Type::object;
    if (container && depth + 1 > deepest) deepest = depth + 1;
    for (const auto& item : v.items) measure(item, depth + 1, values, deepest);
    for (const auto& member : v.members) measure(member.second, depth + 1, values, deepest);
}

/// Reads `text` with tight limits; a tree that comes back must be within them (`slack`:
/// how many tree values and levels one counted node or level may become — in XML, repeated
/// elements make an array value, one more level).
template <typename Read>
void within_tight_limits(Read read, std::string_view text, std::size_t slack) {
    brevgen::data::ReadLimits tight;
    tight.max_nodes = 40;
    tight.max_depth = 4;
    tight.max_array_items = 5;
    tight.max_string_bytes = 64;
    const auto r = read(text, tight);
    no_cpr_in(r.diagnostics);
    if (!r.root) return;
    std::size_t values = 0, deepest = 0;
    measure(*r.root, 0, values, deepest);
    if (values > slack * tight.max_nodes || deepest > slack * tight.max_depth) std::abort();
}

/// Validation of every kind, with fonts that draw nothing above U+2FFF.
inline void validate_all(const brevgen::data::Value& root) {
    const brevgen::data::Drawable drawable = [](char32_t c) { return c < 0x3000; };
    for (const auto& kind : brevgen::letters::KindRegistry::built_in()->all()) {
        auto copy = root;
        no_cpr_in(brevgen::data::validate(kind.fields, copy, drawable));
    }
}

}  // namespace fuzz_checks
