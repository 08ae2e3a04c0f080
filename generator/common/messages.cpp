#include "common/messages.hpp"

#include <cstdio>

#include "common/utf8.hpp"

namespace brevgen {

std::string quote(std::string_view text) {
    std::string out = "\"";
    std::size_t i = 0;
    for (std::size_t count = 0; i < text.size() && count < 40; ++count) {
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
    return out + "\"";
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

}  // namespace message
}  // namespace brevgen
