#include "common/messages.hpp"

#include <algorithm>
#include <cstdio>

#include "common/utf8.hpp"

namespace brevgen {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// A run of digits that may hold a CPR number, masked, and how many bytes of the text it
/// covers; nullopt when the digits starting at `at` cannot be one. A run counts when it
/// starts (no digit before it) with six or more digits and has ten or more, or has six or
/// more, one '-' or space, and four or more: "3001901234", "300190-1234", "300190 1234",
/// also with digits too many ("30019012345"). It shows as the letters show a CPR number:
/// the first six digits, '-', and an 'x' for every other digit ("300190-xxxx").
struct Masked {
    std::size_t length = 0;
    std::string text;
};

std::optional<Masked> cpr_like_at(std::string_view text, std::size_t at) {
    if (at > 0 && is_digit(text[at - 1])) return std::nullopt;
    const auto run_end = [&](std::size_t from) {
        while (from < text.size() && is_digit(text[from])) ++from;
        return from;
    };
    const std::size_t first = run_end(at);
    if (first - at < 6) return std::nullopt;
    std::size_t end = first;
    const bool separated = first + 1 < text.size() && (text[first] == '-' || text[first] == ' ') &&
                           is_digit(text[first + 1]);
    if (separated) {
        const std::size_t second = run_end(first + 1);
        if (first - at >= 10 || second - first - 1 >= 4) end = second;
    }
    if (end == first && first - at < 10) return std::nullopt;
    const std::size_t digits = end - at - (end == first ? 0 : 1);
    return Masked{end - at, std::string(text.substr(at, 6)) + "-" + std::string(digits - 6, 'x')};
}

}  // namespace

std::string mask_cpr_numbers(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (const auto masked = cpr_like_at(text, i)) {
            out += masked->text;
            i += masked->length;
        } else {
            out += text[i++];
        }
    }
    return out;
}

std::string shown(std::string_view text) {
    constexpr std::size_t max_characters = 40;
    std::string out;
    std::size_t i = 0;
    for (std::size_t count = 0; i < text.size() && count < max_characters; ++count) {
        // Masked before shortening, so a number cut at the 40th character is masked too.
        if (const auto masked = cpr_like_at(text, i)) {
            const std::size_t room = std::max<std::size_t>(11, max_characters - count);
            if (masked->text.size() > room) return mask_cpr_numbers(out + masked->text.substr(0, room)) + "…";
            out += masked->text;
            i += masked->length;
            count += masked->text.size() - 1;
            continue;
        }
        const char32_t c = utf8::decode(text, i);
        if (c == U'"' || c == U'\\') {
            out += '\\';
            utf8::append(out, c);
        } else if (c < 0x20 || c == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(c));
            out += buf;
        } else {
            utf8::append(out, c);
        }
    }
    if (i < text.size()) out += "…";
    // Escapes end in digits ("\u0014"): with digits after them they could read as a CPR number.
    return mask_cpr_numbers(out);
}

std::string quote(std::string_view text) {
    std::string out(1, '"');
    out += shown(text);
    out += '"';
    return out;
}

namespace message {

std::string unknown_kind(std::string_view kind, std::span<const std::string> known) {
    std::string list;
    for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
    return "unknown letter kind " + quote(kind) + "; known kinds: " + list;
}

std::string cannot_read(std::string_view what, std::string_view reason) {
    std::string out = "cannot read ";
    out += what;
    if (!reason.empty()) out.append(": ").append(reason);
    return out;
}

std::string cannot_write(std::string_view what, std::string_view reason) {
    std::string out = "cannot write ";
    out += what;
    if (!reason.empty()) out.append(": ").append(reason);
    return out;
}

std::string input_too_large(std::optional<std::uint64_t> size, std::uint64_t limit) {
    if (size) return "the input is " + std::to_string(*size) + " bytes; the limit is " + std::to_string(limit);
    return "the input is larger than the limit of " + std::to_string(limit) + " bytes";
}

std::string file_too_large(std::uint64_t size, std::uint64_t limit) {
    return "the file is " + std::to_string(size) + " bytes; the limit is " + std::to_string(limit);
}

}  // namespace message
}  // namespace brevgen
