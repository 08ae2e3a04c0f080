#pragma once
/// UTF-8 decoding and validation shared by the readers and the layout.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace brevgen::utf8 {

/// Decodes one code point at `i` and advances `i`; returns U+FFFD and advances one byte
/// on malformed input (callers validate first where that matters).
char32_t decode(std::string_view s, std::size_t& i);

/// Appends the UTF-8 encoding of `cp`.
void append(std::string& out, char32_t cp);

/// Byte offset of the first invalid sequence (overlong, surrogate, truncated, > U+10FFFF),
/// or nullopt when `s` is valid UTF-8.
std::optional<std::size_t> find_invalid(std::string_view s);

/// Number of code points.
std::size_t length(std::string_view s);

}  // namespace brevgen::utf8
