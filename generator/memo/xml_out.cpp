#include "memo/xml_out.hpp"

namespace brevgen::memo::detail {

void append_escaped(std::string& out, std::string_view text) {
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;  // so "]]>" never appears in text
        default: out += c;
        }
    }
}

void append_base64(std::string& out, std::string_view bytes) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    out.reserve(out.size() + (bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    const auto at = [&](std::size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(bytes[k])); };
    for (; i + 3 <= bytes.size(); i += 3) {
        const unsigned v = at(i) << 16 | at(i + 1) << 8 | at(i + 2);
        out += alphabet[v >> 18 & 63];
        out += alphabet[v >> 12 & 63];
        out += alphabet[v >> 6 & 63];
        out += alphabet[v & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest == 0) return;
    const unsigned v = at(i) << 16 | (rest == 2 ? at(i + 1) << 8 : 0U);
    out += alphabet[v >> 18 & 63];
    out += alphabet[v >> 12 & 63];
    out += rest == 2 ? alphabet[v >> 6 & 63] : '=';
    out += '=';
}

void XmlOut::indent() { out_.append(static_cast<std::size_t>(depth_) * 2, ' '); }

void XmlOut::open(std::string_view name) {
    indent();
    out_.append("<").append(name).append(">\n");
    ++depth_;
}

void XmlOut::close(std::string_view name) {
    --depth_;
    indent();
    out_.append("</").append(name).append(">\n");
}

void XmlOut::leaf(std::string_view name, std::string_view text) {
    indent();
    out_.append("<").append(name).append(">");
    append_escaped(out_, text);
    out_.append("</").append(name).append(">\n");
}

void XmlOut::optional_leaf(std::string_view name, std::string_view text) {
    if (!text.empty()) leaf(name, text);
}

void XmlOut::base64_leaf(std::string_view name, std::string_view bytes) {
    indent();
    out_.append("<").append(name).append(">");
    append_base64(out_, bytes);
    out_.append("</").append(name).append(">\n");
}

}  // namespace brevgen::memo::detail
