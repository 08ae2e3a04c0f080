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
    // Sized once and filled through a pointer: the PDF is most of the message, and appending
    // character by character cost more than the rest of the message together.
    const std::size_t start = out.size();
    out.resize(start + (bytes.size() + 2) / 3 * 4);
    char* o = out.data() + start;
    const auto* in = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t whole = bytes.size() / 3 * 3;
    for (std::size_t i = 0; i < whole; i += 3) {
        const unsigned v = static_cast<unsigned>(in[i]) << 16 | static_cast<unsigned>(in[i + 1]) << 8 | in[i + 2];
        *o++ = alphabet[v >> 18 & 63];
        *o++ = alphabet[v >> 12 & 63];
        *o++ = alphabet[v >> 6 & 63];
        *o++ = alphabet[v & 63];
    }
    const std::size_t rest = bytes.size() - whole;
    if (rest == 0) return;
    const unsigned v = static_cast<unsigned>(in[whole]) << 16 | (rest == 2 ? static_cast<unsigned>(in[whole + 1]) << 8 : 0U);
    *o++ = alphabet[v >> 18 & 63];
    *o++ = alphabet[v >> 12 & 63];
    *o++ = rest == 2 ? alphabet[v >> 6 & 63] : '=';
    *o = '=';
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
