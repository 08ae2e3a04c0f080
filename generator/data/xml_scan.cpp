#include "data/xml_scan.hpp"

namespace brevgen::data::detail {

namespace {

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Offset just past `terminator` at or after `from`, or the end of the text.
std::size_t skip_past(std::string_view text, std::size_t from, std::string_view terminator) {
    const auto at = text.find(terminator, from);
    return at == std::string_view::npos ? text.size() : at + terminator.size();
}

/// Offset just past the '>' closing a tag, skipping quoted attribute values.
std::size_t skip_tag(std::string_view text, std::size_t from) {
    char quote = 0;
    for (std::size_t i = from; i < text.size(); ++i) {
        const char c = text[i];
        if (quote != 0) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return i + 1;
        }
    }
    return text.size();
}

/// Offset just past a DOCTYPE declaration, whose internal subset may hold '>' characters.
std::size_t skip_doctype(std::string_view text, std::size_t from) {
    int brackets = 0;
    char quote = 0;
    for (std::size_t i = from; i < text.size(); ++i) {
        const char c = text[i];
        if (quote != 0) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[') {
            ++brackets;
        } else if (c == ']') {
            --brackets;
        } else if (c == '>' && brackets <= 0) {
            return i + 1;
        }
    }
    return text.size();
}

std::string_view tag_name(std::string_view text, std::size_t from) {
    std::size_t end = from;
    while (end < text.size() && !is_xml_space(text[end]) && text[end] != '/' && text[end] != '>') ++end;
    return text.substr(from, end - from);
}

}  // namespace

MarkupScan scan_markup(std::string_view text, std::size_t end) {
    MarkupScan scan;
    if (end < text.size()) text = text.substr(0, end);
    bool root_seen = false;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] != '<') {
            if (scan.open.empty() && !is_xml_space(text[i]) && scan.outside_root == std::string_view::npos) {
                scan.outside_root = i;
            }
            ++i;
            continue;
        }
        const auto rest = text.substr(i);
        if (rest.starts_with("<!--")) {
            i = skip_past(text, i + 4, "-->");
        } else if (rest.starts_with("<![CDATA[")) {
            i = skip_past(text, i + 9, "]]>");
        } else if (rest.starts_with("<?")) {
            i = skip_past(text, i + 2, "?>");
        } else if (rest.starts_with("<!")) {
            i = skip_doctype(text, i + 2);
        } else if (rest.starts_with("</")) {
            i = skip_tag(text, i + 2);
            const bool complete = text[i - 1] == '>';  // a cut-off end tag closes nothing
            if (complete && !scan.open.empty()) scan.open.pop_back();
        } else {
            if (scan.open.empty() && root_seen && scan.outside_root == std::string_view::npos) {
                scan.outside_root = i;
            }
            root_seen = true;
            const auto after = skip_tag(text, i + 1);
            const bool self_closing = after >= 2 && text[after - 1] == '>' && text[after - 2] == '/';
            if (!self_closing) scan.open.push_back({tag_name(text, i + 1), i});
            i = after;
        }
    }
    return scan;
}

}  // namespace brevgen::data::detail
