#include "data/xml_scan.hpp"

#include <unordered_map>

#include "data/formats.hpp"
#include "data/input.hpp"

namespace brevgen::data::detail {

namespace {

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Offset just past `terminator` at or after `from`, or the end of the text.
std::size_t skip_past(std::string_view text, std::size_t from, std::string_view terminator) {
    const auto at = text.find(terminator, from);
    return at == std::string_view::npos ? text.size() : at + terminator.size();
}

/// Offset just past the '>' closing a tag, skipping quoted attribute values. Counts the
/// tag's attributes into `attributes` (one '=' outside quotes each) when asked.
std::size_t skip_tag(std::string_view text, std::size_t from, std::size_t* attributes = nullptr) {
    char quote = 0;
    for (std::size_t i = from; i < text.size(); ++i) {
        const char c = text[i];
        if (quote != 0) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return i + 1;
        } else if (c == '=' && attributes != nullptr) {
            ++*attributes;
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

namespace {

/// An open element as check_structure() sees it.
struct Frame {
    std::string_view name;
    std::size_t offset = 0;  ///< of its '<'
    std::size_t repeat = 0;  ///< how many earlier siblings had its name (its array index)
    std::unordered_map<std::string_view, std::size_t> children;  ///< child name → count so far
};

/// The JSON pointer the tree builder gives the innermost open element: names, and the
/// index of a repeated element from its second occurrence on (read_xml.cpp, add_child).
std::string path_of(const std::vector<Frame>& open, std::size_t outer, std::string_view case_path) {
    std::string path(open.size() > outer ? case_path : std::string_view{});
    for (std::size_t i = 1 + outer; i < open.size(); ++i) {
        path += '/' + mask_cpr_numbers(pointer_token(open[i].name));
        if (open[i].repeat > 0) path += '/' + std::to_string(open[i].repeat);
    }
    return path;
}

}  // namespace

std::optional<LimitCrossing> check_structure(std::string_view text, const ReadLimits& limits, std::size_t outer,
                                             std::string_view case_path) {
    std::vector<Frame> open;
    std::size_t nodes = 0;
    const auto too_many_nodes = [&](std::size_t added, std::size_t offset) -> std::optional<LimitCrossing> {
        nodes += added;
        if (nodes <= limits.max_nodes) return std::nullopt;
        return LimitCrossing{offset, path_of(open, outer, case_path), nodes_limit_message(limits), "nodes"};
    };
    std::size_t i = 0;
    while ((i = text.find('<', i)) != std::string_view::npos) {
        const auto rest = text.substr(i);
        const std::size_t at = i;
        if (rest.starts_with("<!--") || rest.starts_with("<![CDATA[") || rest.starts_with("<?")) {
            i = rest.starts_with("<!--") ? skip_past(text, i + 4, "-->")
                : rest[1] == '!'         ? skip_past(text, i + 9, "]]>")
                                         : skip_past(text, i + 2, "?>");
            if (auto crossing = too_many_nodes(1, at)) return crossing;
        } else if (rest.starts_with("<!")) {
            i = skip_doctype(text, i + 2);
        } else if (rest.starts_with("</")) {
            i = skip_tag(text, i + 2);
            if (!open.empty()) open.pop_back();
        } else {
            const auto name = tag_name(text, i + 1);
            std::size_t attributes = 0;
            i = skip_tag(text, i + 1, &attributes);
            const bool self_closing = i >= 2 && text[i - 1] == '>' && text[i - 2] == '/';
            std::size_t repeat = 0;
            if (!open.empty()) {
                // Its parent holds an element: the parent is a level, and must be allowed one.
                Frame& parent = open.back();
                if (open.size() > 1 + outer && open.size() - 1 - outer >= limits.max_depth) {
                    return LimitCrossing{parent.offset, path_of(open, outer, case_path), depth_limit_message(limits), "depth"};
                }
                repeat = parent.children[name]++;
            }
            open.push_back(Frame{name, at, repeat, {}});
            if (repeat > 0 && repeat >= limits.max_array_items) {
                return LimitCrossing{at, path_of(open, outer, case_path), items_limit_message(limits), "items"};
            }
            if (auto crossing = too_many_nodes(1 + attributes, at)) {
                return crossing;
            }
            if (self_closing) open.pop_back();
        }
    }
    return std::nullopt;
}

}  // namespace brevgen::data::detail
