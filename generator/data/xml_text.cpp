#include "data/xml_text.hpp"

#include <charconv>
#include <cstdio>

#include "common/utf8.hpp"

namespace brevgen::data::detail {

namespace {

/// XML 1.0's Char production: what a document may contain at all.
bool is_xml_char(char32_t c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0x10FFFF);
}

std::string code_point_name(char32_t c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
    return buf;
}

std::optional<char32_t> predefined_entity(std::string_view name) {
    if (name == "lt") return U'<';
    if (name == "gt") return U'>';
    if (name == "amp") return U'&';
    if (name == "apos") return U'\'';
    if (name == "quot") return U'"';
    return std::nullopt;
}

/// The code point of "#65" or "#x41", or nullopt when it is not a number.
std::optional<char32_t> character_reference(std::string_view ref) {
    const bool hex = ref.starts_with("#x");
    const auto digits = ref.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 8) return std::nullopt;
    std::uint32_t value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, hex ? 16 : 10);
    if (ec != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
    return static_cast<char32_t>(value);
}

/// Decodes the reference starting at raw[i] == '&'; advances `i` past it.
std::optional<TextError> decode_reference(std::string_view raw, std::size_t& i, std::string& out) {
    const auto semicolon = raw.find(';', i);
    if (semicolon == std::string_view::npos || semicolon - i > 12) {
        return TextError{i, "'&' must be written as &amp;"};
    }
    const auto name = raw.substr(i + 1, semicolon - i - 1);
    const std::string written(raw.substr(i, semicolon - i + 1));
    std::optional<char32_t> c;
    if (name.starts_with("#")) {
        c = character_reference(name);
        if (!c) return TextError{i, "malformed character reference " + written};
        if (!is_xml_char(*c)) {
            return TextError{i, "character reference " + written + " is " + code_point_name(*c) +
                                    ", which XML does not allow"};
        }
    } else {
        c = predefined_entity(name);
        if (!c) {
            return TextError{i, "undefined entity " + written +
                                    " (only &lt; &gt; &amp; &apos; &quot; and character references exist)"};
        }
    }
    utf8::append(out, *c);
    i = semicolon + 1;
    return std::nullopt;
}

}  // namespace

std::optional<TextError> decode_xml_text(std::string_view raw, bool cdata, std::string& out) {
    out.reserve(out.size() + raw.size());
    std::size_t i = 0;
    while (i < raw.size()) {
        const char c = raw[i];
        if (c == '\r') {
            out += '\n';
            i += i + 1 < raw.size() && raw[i + 1] == '\n' ? 2 : 1;
        } else if (c == '&' && !cdata) {
            if (auto error = decode_reference(raw, i, out)) return error;
        } else if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') {
            return TextError{i, "control character " + code_point_name(static_cast<unsigned char>(c)) +
                                    " is not allowed in XML"};
        } else {
            // U+FFFE and U+FFFF are valid UTF-8 but not XML characters.
            if (raw.substr(i, 3) == "\xEF\xBF\xBE" || raw.substr(i, 3) == "\xEF\xBF\xBF") {
                return TextError{i, "character U+FFFE or U+FFFF is not allowed in XML"};
            }
            out += c;
            ++i;
        }
    }
    return std::nullopt;
}

}  // namespace brevgen::data::detail
