// Compiles a template the way the kainjow mustache library parses it and renders it the
// way the library does (kainjow/mustache.hpp: parser, render_component, render_section,
// context::get, line_buffer_state), over nlohmann::json instead of the library's data.

#include "letters/mustache_walk.hpp"

#include "letters/mustache_library.hpp"

#include <kainjow/mustache.hpp>

namespace brevgen::letters::mustache {

kainjow::mustache::data to_library_data(const nlohmann::json& j) {
    namespace mu = kainjow::mustache;
    switch (j.type()) {
    case nlohmann::json::value_t::object: {
        mu::data d{mu::data::type::object};
        for (const auto& [k, v] : j.items()) d.set(k, to_library_data(v));
        return d;
    }
    case nlohmann::json::value_t::array: {
        mu::data d{mu::data::type::list};
        for (const auto& v : j) d.push_back(to_library_data(v));
        return d;
    }
    case nlohmann::json::value_t::boolean: return mu::data(j.get<bool>());
    case nlohmann::json::value_t::string: return mu::data(j.get<std::string>());
    case nlohmann::json::value_t::null: return mu::data(false);
    default: return mu::data(j.dump());
    }
}

std::string lookup_bound_message() {
    return "the template looks up more than " + std::to_string(max_lookups) +
           " values for one letter (sections nested over lists?); the limit is " + std::to_string(max_lookups);
}

std::string markup_bound_message() {
    return "the template makes more than " + std::to_string(max_markup_bytes) +
           " bytes of markup for one letter; the limit is " + std::to_string(max_markup_bytes);
}

namespace {

using Kind = Node::Kind;

/// The library's tag types, as far as the walk needs them.
enum class Tag { variable, raw_variable, section, inverted, end, comment, unsupported };

/// The tag's type and name from its trimmed contents (the library's parse_tag_contents).
Tag classify(bool triple_brace, const std::string& contents, std::string& name) {
    if (triple_brace || contents.empty()) {
        name = contents;
        return triple_brace ? Tag::raw_variable : Tag::variable;
    }
    Tag tag = Tag::variable;
    switch (contents[0]) {
    case '#': tag = Tag::section; break;
    case '^': tag = Tag::inverted; break;
    case '/': tag = Tag::end; break;
    case '>': tag = Tag::unsupported; break;  // partials: the loader expands them
    case '&': tag = Tag::raw_variable; break;
    case '!': tag = Tag::comment; break;
    default: break;
    }
    name = tag == Tag::variable ? contents : kainjow::mustache::trim(contents.substr(1));
    return tag;
}

/// A dotted name's parts as the library splits it (std::getline on '.'): empty parts kept,
/// except after a final dot. Without the library's string stream, costly on first use.
std::vector<std::string> split_name(const std::string& name) {
    std::vector<std::string> parts;
    for (std::size_t start = 0; start < name.size();) {
        const std::size_t dot = name.find('.', start);
        if (dot == std::string::npos) {
            parts.push_back(name.substr(start));
            break;
        }
        parts.push_back(name.substr(start, dot - start));
        start = dot + 1;
    }
    return parts;
}

Node tag_node(Kind kind, std::string name) {
    Node n;
    n.kind = kind;
    n.dotted = name != "." && name.find('.') != std::string::npos;
    if (n.dotted) n.parts = split_name(name);
    n.text = std::move(name);
    return n;
}

class Compiler {
public:
    explicit Compiler(std::string_view in) : in_(in) {}

    std::optional<Program> run() {
        Program program;
        open_.push_back(&program.nodes);
        for (std::size_t at = 0; at < in_.size();) {
            const char c = in_[at];
            if (c == '{' && at + 1 < in_.size() && in_[at + 1] == '{') {
                text_done();
                if (!tag(at)) return std::nullopt;
            } else if (c == '\n' || c == '\r') {
                text_done();
                const std::size_t size = c == '\r' && at + 1 < in_.size() && in_[at + 1] == '\n' ? 2 : 1;
                Node n;
                n.kind = Kind::newline;
                n.text = std::string(in_.substr(at, size));
                open_.back()->push_back(std::move(n));
                at += size;
            } else {
                // Up to the next tag or line end; the library's separate blank components
                // only append to the line too.
                std::size_t end = at + 1;
                while (end < in_.size() && in_[end] != '{' && in_[end] != '\n' && in_[end] != '\r') ++end;
                text_.append(in_.substr(at, end - at));
                at = end;
            }
        }
        text_done();
        if (open_.size() != 1) return std::nullopt;  // a section without its end
        return program;
    }

private:
    std::string_view in_;
    std::vector<std::vector<Node>*> open_;  ///< the root's and each open section's nodes
    std::vector<std::string> names_;        ///< each open section's name
    std::string text_;

    void text_done() {
        if (text_.empty()) return;
        Node n;
        n.text = std::move(text_);
        open_.back()->push_back(std::move(n));
        text_.clear();
    }

    /// Reads the tag at `at` and moves past it; false when the walk cannot take it.
    bool tag(std::size_t& at) {
        std::size_t contents = at + 2;
        const bool triple = at != in_.size() - 2 && in_.at(contents) == '{';
        if (triple) ++contents;
        const std::string_view close = triple ? "}}}" : "}}";
        const std::size_t end = in_.find(close, contents);
        if (end == std::string_view::npos) return false;
        const std::string inside = kainjow::mustache::trim(std::string(in_.substr(contents, end - contents)));
        at = end + close.size();
        if (!inside.empty() && inside[0] == '=') return false;  // set delimiters: refused at load
        std::string name;
        switch (classify(triple, inside, name)) {
        case Tag::variable: open_.back()->push_back(tag_node(Kind::variable, std::move(name))); return true;
        case Tag::raw_variable: open_.back()->push_back(tag_node(Kind::raw_variable, std::move(name))); return true;
        case Tag::comment: return true;
        case Tag::unsupported: return false;
        case Tag::section:
        case Tag::inverted: {
            const Kind kind = inside[0] == '#' ? Kind::section : Kind::inverted;
            open_.back()->push_back(tag_node(kind, name));
            open_.push_back(&open_.back()->back().children);
            names_.push_back(std::move(name));
            return true;
        }
        case Tag::end:
            if (names_.empty() || names_.back() != name) return false;
            open_.pop_back();
            names_.pop_back();
            return true;
        }
        return false;
    }
};

/// Appends `s` HTML-escaped as the library escapes.
void escape_into(std::string& out, std::string_view s) {
    for (const char ch : s) {
        switch (ch) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default: out += ch; break;
        }
    }
}

/// The library's false: false, and null (which the view's conversion made false).
bool is_false(const nlohmann::json& v) { return v.is_null() || (v.is_boolean() && !v.get<bool>()); }

class Walker {
public:
    Walker(const nlohmann::json& view, std::set<std::string>& missing) : missing_(missing) { stack_.push_back(&view); }

    std::string run(const Program& program) {
        walk(program.nodes);
        line_end(nullptr);
        return std::move(out_);
    }

private:
    std::vector<const nlohmann::json*> stack_;  ///< innermost last
    std::set<std::string>& missing_;
    std::string line_;            ///< the library's line buffer
    bool section_line_ = false;   ///< a section tag stood on this line
    std::string out_;
    std::size_t lookups_ = 0;

    void emit(std::string_view piece) {
        if (out_.size() + piece.size() > max_markup_bytes) throw RenderBound(markup_bound_message());
        out_.append(piece);
    }

    /// A line that held a section tag and otherwise only blanks is dropped with its end.
    void line_end(const std::string* newline) {
        const bool blank = line_.find_first_not_of(" \t") == std::string::npos;
        if (!(section_line_ && blank)) {
            emit(line_);
            if (newline != nullptr) emit(*newline);
        }
        line_.clear();
        section_line_ = false;
    }

    const nlohmann::json* resolve(const Node& n) const {
        if (n.text.size() == 1 && n.text[0] == '.') return stack_.back();
        for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
            const nlohmann::json* v = *it;
            if (!n.dotted) {
                if (!v->is_object()) continue;
                const auto found = v->find(n.text);
                if (found != v->end()) return &*found;
                continue;
            }
            for (const auto& part : n.parts) {
                if (!v->is_object()) {
                    v = nullptr;
                    break;
                }
                const auto found = v->find(part);
                v = found == v->end() ? nullptr : &*found;
                if (v == nullptr) break;
            }
            if (v != nullptr) return v;
        }
        return nullptr;
    }

    const nlohmann::json* lookup(const Node& n) {
        if (++lookups_ > max_lookups) throw RenderBound(lookup_bound_message());
        const nlohmann::json* found = resolve(n);
        if (found == nullptr) missing_.insert(n.text);
        return found;
    }

    void variable(const Node& n) {
        const nlohmann::json* v = lookup(n);
        if (v == nullptr || v->is_object() || v->is_array() || v->is_boolean() || v->is_null()) return;
        if (v->is_string()) {
            const auto& s = v->get_ref<const std::string&>();
            if (n.kind == Kind::variable) escape_into(line_, s);
            else line_ += s;
            return;
        }
        const std::string number = v->dump();  // numbers render as the view's conversion wrote them
        if (n.kind == Kind::variable) escape_into(line_, number);
        else line_ += number;
    }

    void section(const Node& n, const nlohmann::json* v) {
        if (v != nullptr && v->is_array() && !v->empty()) {
            for (const auto& item : *v) {
                section_line_ = true;
                stack_.push_back(&item);
                walk(n.children);
                stack_.pop_back();
                section_line_ = true;
            }
            return;
        }
        section_line_ = true;
        if (v != nullptr) stack_.push_back(v);
        walk(n.children);
        if (v != nullptr) stack_.pop_back();
        section_line_ = true;
    }

    void walk(const std::vector<Node>& nodes) {
        for (const Node& n : nodes) {
            switch (n.kind) {
            case Kind::text: line_ += n.text; break;
            case Kind::newline: line_end(&n.text); break;
            case Kind::variable:
            case Kind::raw_variable: variable(n); break;
            case Kind::section: {
                const nlohmann::json* v = lookup(n);
                if (v != nullptr && !is_false(*v) && !(v->is_array() && v->empty())) section(n, v);
                break;
            }
            case Kind::inverted: {
                const nlohmann::json* v = lookup(n);
                if (v == nullptr || is_false(*v) || (v->is_array() && v->empty())) section(n, v);
                break;
            }
            }
        }
    }
};

}  // namespace

std::optional<Program> compile(std::string_view text) { return Compiler(text).run(); }

std::string render(const Program& program, const nlohmann::json& view, std::set<std::string>& missing) {
    return Walker(view, missing).run(program);
}

}  // namespace brevgen::letters::mustache
