// XML case files → case tree (docs/case-data.md, "JSON and XML").
//
// pugixml parses in place from our own copy of the text. It is told not to expand entities
// nor normalise line ends (no parse_escapes, no parse_eol): then character data stays
// exactly as written, offset_debug() of every node is its offset in the file, and we decode
// the text ourselves (xml_text.cpp), allowing only the five predefined entities and
// character references. pugixml never reads a DTD and never expands entities it did not
// define, and we reject any DOCTYPE outright, so billion-laughs and external entities have
// nothing to work with.

#include <pugixml.hpp>

#include <cstring>
#include <unordered_map>

#include "data/formats.hpp"
#include "data/input.hpp"
#include "data/read.hpp"
#include "data/xml_scan.hpp"
#include "data/xml_text.hpp"

namespace brevgen::data {

namespace {

constexpr unsigned parse_options =
    pugi::parse_cdata | pugi::parse_ws_pcdata_single | pugi::parse_doctype | pugi::parse_declaration;

bool is_text(pugi::xml_node n) { return n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata; }

bool has_element_child(pugi::xml_node n) {
    for (const auto child : n.children()) {
        if (child.type() == pugi::node_element) return true;
    }
    return false;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

bool is_blank(std::string_view s) {
    return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

/// Turns a parsed pugixml document into the case tree.
class Converter {
public:
    Converter(std::string_view text, const ReadLimits& limits, Diagnostics& out)
        : text_(text), limits_(limits), out_(out), positions_(text) {}

    void syntax_error(const pugi::xml_parse_result& result);
    /// Checks the parts around the root element, which must be <`root_name`>; returns the
    /// root or an empty node.
    pugi::xml_node check_document(const pugi::xml_document& doc, std::string_view root_name);
    Value element(pugi::xml_node el, std::size_t depth, const std::string& path);
    /// The case tree of a <sag> element (read_xml's root, or a batch order's child).
    Value case_tree(pugi::xml_node sag, const std::string& path);
    /// A batch order's id and kind attributes and its <sag> (read_order).
    void order(pugi::xml_node ordre, const char* buffer, OrderRead& out);

private:
    void text_content(pugi::xml_node el, Value& v, const std::string& path);
    /// Where each member name first appeared: its index in members, and the position of
    /// that element (an array made from repeats starts there).
    using MemberIndex = std::unordered_map<std::string_view, std::pair<std::size_t, SourcePos>>;
    void add_child(Value& object, MemberIndex& index, pugi::xml_node child, std::size_t depth,
                   const std::string& path);
    void mismatch_error(std::size_t offset);
    void error(std::size_t offset, std::string path, std::string message, std::string code = {},
               DiagnosticArgs args = {}) {
        out_.push_back(make_error(position_of_offset(text_, offset), std::move(path), std::move(message),
                                  std::move(code), std::move(args)));
    }
    static std::size_t element_offset(pugi::xml_node el) {
        return static_cast<std::size_t>(el.offset_debug() - 1);  // offset_debug is the name's
    }

    std::string_view text_;
    const ReadLimits& limits_;
    Diagnostics& out_;
    detail::PositionTracker positions_;
    bool stopped_ = false;  ///< a limit was crossed: stop converting, like the JSON reader
};

std::string status_message(pugi::xml_parse_status status) {
    switch (status) {
    case pugi::status_unrecognized_tag: return "malformed tag";
    case pugi::status_bad_pi: return "malformed processing instruction";
    case pugi::status_bad_comment: return "malformed comment";
    case pugi::status_bad_cdata: return "malformed CDATA section";
    case pugi::status_bad_doctype: return "malformed DOCTYPE declaration";
    case pugi::status_bad_pcdata: return "malformed character data";
    case pugi::status_bad_start_element: return "malformed start tag";
    case pugi::status_bad_attribute: return "malformed attribute";
    case pugi::status_bad_end_element: return "malformed end tag";
    case pugi::status_no_document_element: return "no root element; expected <sag>";
    case pugi::status_out_of_memory: return "out of memory while parsing XML";
    default: return "XML parser failed";
    }
}

void Converter::syntax_error(const pugi::xml_parse_result& result) {
    const auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0));
    if (result.status == pugi::status_end_element_mismatch) {
        mismatch_error(offset);
        return;
    }
    if (offset >= text_.size() && result.status != pugi::status_no_document_element) {
        error(offset, "", "unexpected end of input");
        return;
    }
    error(offset, "", status_message(result.status));
}

/// pugixml says "Start-end tags mismatch" both for a wrong end tag (its offset is then the
/// end tag's name) and for input that ends inside elements; we say which element it is.
void Converter::mismatch_error(std::size_t offset) {
    const bool at_end_tag = offset >= 2 && offset <= text_.size() && text_.substr(offset - 2, 2) == "</";
    const auto scan = detail::scan_markup(text_, at_end_tag ? offset - 2 : text_.size());
    if (scan.open.empty()) {
        error(offset, "", "end tag without a start tag");
        return;
    }
    const auto& open = scan.open.back();
    if (at_end_tag) {
        const auto name = text_.substr(offset, text_.find_first_of(" \t\r\n>", offset) - offset);
        bool closes_outer = false;
        for (const auto& tag : scan.open) closes_outer = closes_outer || tag.name == name;
        if (!closes_outer) {
            error(offset - 2, "", "end tag </" + shown(name) + "> does not match <" + shown(open.name) + ">");
            return;
        }
    }
    error(open.offset, "", "unclosed element <" + shown(open.name) + ">");
}

pugi::xml_node Converter::check_document(const pugi::xml_document& doc, std::string_view root_name) {
    const auto errors_before = out_.size();
    pugi::xml_node root;
    for (const auto node : doc.children()) {
        const auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(node.offset_debug(), 0));
        if (node.type() == pugi::node_doctype) {
            error(text_.rfind("<!", offset), "", "DOCTYPE declarations are not allowed (no DTDs, no entity declarations)");
        } else if (node.type() == pugi::node_declaration) {
            const std::string encoding = node.attribute("encoding").value();
            if (!encoding.empty() && !equals_ignoring_case(encoding, "utf-8") &&
                !equals_ignoring_case(encoding, "utf8")) {
                error(offset - 2, "", "encoding " + quote(encoding) + " is not supported; case files must be UTF-8", "encoding");
            }
        } else if (node.type() == pugi::node_element && !root) {
            root = node;
            if (node.name() != root_name && root_name == "sag") {
                error(element_offset(node), "", "root element must be <sag>, not <" + shown(node.name()) + ">");
            } else if (node.name() != root_name) {  // a batch record, inside the extract's root
                error(element_offset(node), "", "expected <" + std::string(root_name) + ">, found <" +
                                                    shown(node.name()) + ">");
            }
        }
    }
    const auto scan = detail::scan_markup(text_, text_.size());
    if (scan.outside_root != std::string_view::npos) {
        error(scan.outside_root, "", "content outside the root element <" + std::string(root_name) + ">");
    }
    return out_.size() == errors_before ? root : pugi::xml_node();
}

Value Converter::element(pugi::xml_node el, std::size_t depth, const std::string& path) {
    Value v;
    v.pos = positions_.at(element_offset(el));
    if (!has_element_child(el)) {
        text_content(el, v, path);
        return v;
    }
    v.type = Value::Type::object;
    MemberIndex index;
    for (const auto child : el.children()) {
        if (stopped_) break;
        if (is_text(child) && !is_blank(child.value())) {
            error(static_cast<std::size_t>(child.offset_debug()), path,
                  "element <" + shown(el.name()) + "> mixes text and child elements");
        } else if (child.type() == pugi::node_element) {
            add_child(v, index, child, depth, path);
        }
    }
    return v;
}

/// Adds a child element as a member; a repeated name turns the member into an array.
void Converter::add_child(Value& object, MemberIndex& index, pugi::xml_node child, std::size_t depth,
                          const std::string& path) {
    const std::string_view name = child.name();
    std::string child_path = path + '/' + mask_cpr_numbers(pointer_token(name));
    const auto [it, fresh] = index.emplace(name, std::pair(object.members.size(), positions_.at(element_offset(child))));
    Value* array = nullptr;
    if (!fresh) {
        array = &object.members[it->second.first].second;
        if (array->type != Value::Type::array) {  // elements alone never make arrays: a repeat
            Value first = std::move(*array);
            array->type = Value::Type::array;
            array->pos = it->second.second;
            array->items.push_back(std::move(first));
        }
        child_path += '/' + std::to_string(array->items.size());
        if (array->items.size() >= limits_.max_array_items) {
            error(element_offset(child), child_path, detail::items_limit_message(limits_), "limit", {{"limit", "items"}});
            stopped_ = true;
            return;
        }
    }
    // Checked before recursing, so the stack stays bounded. An element holding only text is
    // a scalar, as in JSON, and does not count as a level.
    if (depth >= limits_.max_depth && has_element_child(child)) {
        error(element_offset(child), child_path, detail::depth_limit_message(limits_), "limit", {{"limit", "depth"}});
        stopped_ = true;
        return;
    }
    Value v = element(child, depth + 1, child_path);
    if (array != nullptr) {
        array->items.push_back(std::move(v));
    } else {
        object.members.emplace_back(std::string(name), std::move(v));
    }
}

/// An element without child elements: its text, from all its text and CDATA children.
void Converter::text_content(pugi::xml_node el, Value& v, const std::string& path) {
    v.type = Value::Type::text;
    bool first = true;
    for (const auto child : el.children()) {
        if (!is_text(child)) continue;
        const auto offset = static_cast<std::size_t>(child.offset_debug());
        const std::string_view raw(child.value());
        if (first && !raw.empty()) {
            v.pos = positions_.at(child.type() == pugi::node_cdata ? offset - 9 : offset);
            first = false;
        }
        if (const auto bad = detail::decode_xml_text(raw, child.type() == pugi::node_cdata, v.scalar)) {
            error(offset + bad->offset, path, bad->message);
        }
        if (v.scalar.size() > limits_.max_string_bytes) {
            error(offset, path, detail::string_limit_message(limits_), "limit", {{"limit", "string"}});
            stopped_ = true;
            return;
        }
    }
}

Value Converter::case_tree(pugi::xml_node sag, const std::string& path) {
    Value tree = element(sag, 1, path);
    if (tree.type == Value::Type::text && tree.scalar.empty()) tree.type = Value::Type::object;  // <sag/>
    return tree;
}

void Converter::order(pugi::xml_node ordre, const char* buffer, OrderRead& out) {
    const auto record_pos = positions_.at(element_offset(ordre));
    for (const auto attribute : ordre.attributes()) {
        const std::string_view name = attribute.name();
        if (name != "id" && name != "kind") continue;
        // Parsed in place and without escapes, a value points into the buffer at its offset.
        const char* raw = attribute.value();
        const bool in_buffer = raw >= buffer && raw <= buffer + text_.size();
        const auto offset = in_buffer ? static_cast<std::size_t>(raw - buffer) : element_offset(ordre);
        const auto pos = positions_.at(offset);
        const bool is_id = name == "id";
        const std::string path = is_id ? "/id" : "/kind";
        auto& field = is_id ? out.id : out.kind;
        if (field) {
            error(offset, path, is_id ? "duplicate attribute id" : "duplicate attribute kind");
            continue;
        }
        std::string value;
        if (const auto bad = detail::decode_xml_text(raw, false, value)) error(offset + bad->offset, path, bad->message);
        field = std::move(value);
        (is_id ? out.id_pos : out.kind_pos) = pos;
    }
    for (const char* name : {"id", "kind"}) {
        if (!(name[0] == 'i' ? out.id : out.kind)) {
            out_.push_back(make_error(record_pos, "", std::string("missing required field \"") + name +
                                                          "\" (an attribute of <ordre>)"));
        }
    }
    pugi::xml_node sag;
    for (const auto child : ordre.children("sag")) {
        if (!sag) {
            sag = child;
        } else {
            error(element_offset(child), "/case", "more than one <sag> element");
            break;
        }
    }
    if (!sag) {
        out_.push_back(make_error(record_pos, "", "missing required field \"case\" (a <sag> element)"));
        return;
    }
    out.case_pos = positions_.at(element_offset(sag));
    out.case_root = case_tree(sag, "/case");
}

}  // namespace

namespace {

/// Parses `text` (in place, in a copy) and hands its root element, when it is <root_name>,
/// to `take(converter, root, buffer, result)`.
template <typename Result, typename Take>
Result read_document(std::string_view text, const ReadLimits& limits, std::string_view root_name, Take take) {
    Result result;
    const auto body = detail::check_input(text, limits, result.diagnostics);
    if (!body) return result;
    const bool order = root_name != "sag";  // a batch record: its case is one level down, at /case
    if (const auto crossing = detail::check_structure(*body, limits, order ? 1 : 0, order ? "/case" : "")) {
        result.diagnostics.push_back(
            make_error(position_of_offset(*body, crossing->offset), crossing->path, crossing->message, "limit",
                       {{"limit", crossing->limit}}));
        return result;
    }
    std::string buffer(*body);  // pugixml parses in place and writes terminators into it
    pugi::xml_document doc;
    const auto parsed = doc.load_buffer_inplace(buffer.data(), buffer.size(), parse_options, pugi::encoding_utf8);
    Converter converter(*body, limits, result.diagnostics);
    if (!parsed) {
        converter.syntax_error(parsed);
        return result;
    }
    if (const auto root = converter.check_document(doc, root_name)) take(converter, root, buffer.data(), result);
    return result;
}

}  // namespace

ReadResult read_xml(std::string_view text, const ReadLimits& limits) {
    return read_document<ReadResult>(text, limits, "sag", [](Converter& c, pugi::xml_node root, const char*, ReadResult& r) {
        Value tree = c.case_tree(root, "");
        if (!has_errors(r.diagnostics)) r.root = std::move(tree);
    });
}

OrderRead read_xml_order(std::string_view text, const ReadLimits& limits) {
    return read_document<OrderRead>(text, limits, "ordre", [](Converter& c, pugi::xml_node root, const char* buffer, OrderRead& r) {
        c.order(root, buffer, r);
        if (has_errors(r.diagnostics)) r.case_root.reset();
    });
}

}  // namespace brevgen::data
