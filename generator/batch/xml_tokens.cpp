#include "batch/xml_tokens.hpp"

#include <algorithm>

#include "common/utf8.hpp"

namespace brevgen::batch {

namespace {

bool space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/// Where `terminator` ends, searching from max(from, hint); npos when not in the buffer yet.
std::size_t find_end(std::string_view buf, std::size_t from, std::size_t hint, std::string_view terminator) {
    const auto at = buf.find(terminator, std::max(from, hint));
    return at == std::string_view::npos ? at : at + terminator.size();
}

/// The end of a tag (after its '>'), skipping quoted attribute values; npos when not yet read.
std::size_t tag_end(std::string_view buf, std::size_t pos) {
    char quote = 0;
    for (std::size_t i = pos + 1; i < buf.size(); ++i) {
        const char c = buf[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return i + 1;
        } else if (c == '<') {
            throw XmlError{i, "'<' inside a tag"};
        }
    }
    return std::string_view::npos;
}

std::string_view tag_name(std::string_view buf, std::size_t from, std::size_t end) {
    std::size_t i = from;
    while (i < end && !space(buf[i]) && buf[i] != '/' && buf[i] != '>') ++i;
    if (i == from) throw XmlError{from, "expected an element name"};
    return buf.substr(from, i - from);
}

/// Resolves the five XML entities and character references in an attribute value.
std::string unescape(std::string_view raw, std::size_t offset) {
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '&') {
            out += raw[i];
            continue;
        }
        const auto semi = raw.find(';', i);
        if (semi == std::string_view::npos) throw XmlError{offset + i, "'&' without ';' in an attribute"};
        const auto ref = raw.substr(i + 1, semi - i - 1);
        static constexpr std::pair<std::string_view, char> named[] = {
            {"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}};
        const auto* hit = std::find_if(std::begin(named), std::end(named), [&](const auto& n) { return n.first == ref; });
        if (hit != std::end(named)) {
            out += hit->second;
        } else if (ref.size() > 1 && ref[0] == '#') {
            const bool hex = ref[1] == 'x';
            unsigned long cp = 0;
            const auto digits = ref.substr(hex ? 2 : 1);
            for (const char c : digits) {
                const int d = c >= '0' && c <= '9' ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (d < 0 || cp > 0x10FFFF) throw XmlError{offset + i, "invalid character reference"};
                cp = cp * (hex ? 16 : 10) + static_cast<unsigned long>(d);
            }
            if (digits.empty() || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                throw XmlError{offset + i, "invalid character reference"};
            }
            utf8::append(out, static_cast<char32_t>(cp));
        } else {
            throw XmlError{offset + i, "unknown entity &" + std::string(ref) + "; (only the five XML entities are allowed)"};
        }
        i = semi;
    }
    return out;
}

}  // namespace

bool is_space(std::string_view text) { return std::all_of(text.begin(), text.end(), space); }

std::optional<Token> scan_token(std::string_view buf, std::size_t pos, std::size_t hint, bool eof) {
    if (pos >= buf.size()) return std::nullopt;
    if (buf[pos] != '<') {
        const auto lt = buf.find('<', pos);
        return Token{TokenKind::text, pos, lt == std::string_view::npos ? buf.size() : lt, {}};
    }
    // Enough bytes to tell "<![CDATA[" from "<!--" and the rest.
    if (buf.size() - pos < 9 && !eof) return std::nullopt;
    const auto rest = buf.substr(pos);
    struct Special {
        std::string_view open, close;
        TokenKind kind;
    };
    static constexpr Special specials[] = {{"<!--", "-->", TokenKind::comment},
                                           {"<![CDATA[", "]]>", TokenKind::cdata},
                                           {"<?", "?>", TokenKind::pi},
                                           {"<!", ">", TokenKind::doctype}};
    for (const auto& s : specials) {
        if (!rest.starts_with(s.open)) continue;
        const auto end = find_end(buf, pos + s.open.size(), hint, s.close);
        if (end == std::string_view::npos) return std::nullopt;
        return Token{s.kind, pos, end, {}};
    }
    const auto end = tag_end(buf, pos);
    if (end == std::string_view::npos) return std::nullopt;
    if (rest.starts_with("</")) return Token{TokenKind::end, pos, end, tag_name(buf, pos + 2, end)};
    const bool empty = buf[end - 2] == '/';
    return Token{empty ? TokenKind::empty : TokenKind::start, pos, end, tag_name(buf, pos + 1, end)};
}

std::vector<Attribute> parse_attributes(std::string_view tag) {
    std::vector<Attribute> out;
    std::size_t i = 1;
    while (i < tag.size() && !space(tag[i]) && tag[i] != '/' && tag[i] != '>' && tag[i] != '?') ++i;  // the name
    for (;;) {
        while (i < tag.size() && space(tag[i])) ++i;
        if (i >= tag.size() || tag[i] == '>' || tag[i] == '/' || tag[i] == '?') return out;
        const auto name_start = i;
        while (i < tag.size() && !space(tag[i]) && tag[i] != '=' && tag[i] != '>') ++i;
        Attribute a;
        a.name = std::string(tag.substr(name_start, i - name_start));
        while (i < tag.size() && space(tag[i])) ++i;
        if (i >= tag.size() || tag[i] != '=') throw XmlError{i, "expected '=' after the attribute " + a.name};
        ++i;
        while (i < tag.size() && space(tag[i])) ++i;
        if (i >= tag.size() || (tag[i] != '"' && tag[i] != '\'')) throw XmlError{i, "expected a quoted attribute value"};
        const char quote = tag[i++];
        const auto close = tag.find(quote, i);
        if (close == std::string_view::npos) throw XmlError{i, "unterminated attribute value"};
        a.offset = i;
        a.value = unescape(tag.substr(i, close - i), i);
        out.push_back(std::move(a));
        i = close + 1;
    }
}

}  // namespace brevgen::batch
