#pragma once
/// UTF-8 decoding and validation shared by the readers and the layout.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace brevgen::utf8 {

/// decode() past an ASCII byte: a sequence of two to four bytes, or malformed input.
char32_t decode_sequence(std::string_view s, std::size_t& i);

/// Decodes one code point at `i` and advances `i`; returns U+FFFD and advances one byte
/// on malformed input (callers validate first where that matters). Inline for ASCII,
/// which is most of a letter's text and every one of layout's per-character loops.
inline char32_t decode(std::string_view s, std::size_t& i) {
    const auto lead = static_cast<unsigned char>(s[i]);
    if (lead < 0x80) {
        ++i;
        return lead;
    }
    return decode_sequence(s, i);
}

/// Appends the UTF-8 encoding of `cp`.
void append(std::string& out, char32_t cp);

/// Byte offset of the first invalid sequence (overlong, surrogate, truncated, > U+10FFFF),
/// or nullopt when `s` is valid UTF-8.
std::optional<std::size_t> find_invalid(std::string_view s);

/// Number of code points.
std::size_t length(std::string_view s);

}  // namespace brevgen::utf8
