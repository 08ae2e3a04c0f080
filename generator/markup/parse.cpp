// Letter markup → markup::Letter. The vocabulary is documented in templates/README.md.

#include <pugixml.hpp>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <string_view>

#include "common/units.hpp"
#include "markup/document.hpp"

namespace brevgen::markup {
namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

/// Collapses runs of XML white space to one space, as HTML does: templates are indented.
std::string collapse_space(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        if (is_space(s[i])) {
            while (i < s.size() && is_space(s[i])) ++i;
            out += ' ';
            continue;
        }
        std::size_t end = i;
        while (end < s.size() && !is_space(s[end])) ++end;
        out.append(s.substr(i, end - i));  // a word at a time, not a character
        i = end;
    }
    return out;
}

std::string trim(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && is_space(s[b])) ++b;
    while (e > b && is_space(s[e - 1])) --e;
    return collapse_space(s.substr(b, e - b));
}

class Parser {
public:
    explicit Parser(std::string_view text) : text_(text) {}

    ParseResult run() {
        ParseResult result;
        pugi::xml_document doc;
        const auto options = pugi::parse_default & ~pugi::parse_wconv_attribute;
        const auto status = doc.load_buffer(text_.data(), text_.size(), options, pugi::encoding_utf8);
        if (!status) {
            error(static_cast<std::size_t>(status.offset), std::string("malformed markup: ") + status.description());
            result.diagnostics = std::move(diags_);
            return result;
        }
        if (std::string_view(text_).find("<!DOCTYPE") != std::string_view::npos) {
            error(std::string_view(text_).find("<!DOCTYPE"), "document type declarations are not allowed");
        }
        const auto root = doc.document_element();
        if (std::strcmp(root.name(), "letter") != 0) {
            error(root, std::string("the root element must be <letter>, not <") + root.name() + ">");
        } else {
            letter(root, result.letter);
        }
        result.diagnostics = std::move(diags_);
        return result;
    }

private:
    std::string_view text_;
    Diagnostics diags_;

    SourcePos pos_of(pugi::xml_node n) {
        auto offset = static_cast<std::size_t>(n.offset_debug());
        // pugixml points at an element's name; messages point at its '<'.
        if (n.type() == pugi::node_element && offset > 0 && offset <= text_.size() && text_[offset - 1] == '<') --offset;
        return positions_.at(offset);
    }
    PositionTracker positions_{text_};
    void error(std::size_t offset, std::string message) {
        diags_.push_back(make_error(position_of_offset(text_, offset), {}, std::move(message)));
    }
    void error(pugi::xml_node n, std::string message) {
        diags_.push_back(make_error(pos_of(n), {}, std::move(message)));
    }

    /// A length attribute: "12mm", "30pt", or a bare number of points.
    double length(pugi::xml_node n, const char* attr) {
        const std::string_view v = n.attribute(attr).as_string();
        if (v.empty()) return 0;
        double value = 0;
        const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
        const std::string_view unit(end, static_cast<std::size_t>(v.data() + v.size() - end));
        if (ec != std::errc() || value < 0 || (unit != "mm" && unit != "pt" && !unit.empty())) {
            error(n, std::string("attribute ") + attr + "=\"" + std::string(v) + "\" is not a length such as 12mm or 30pt");
            return 0;
        }
        return unit == "mm" ? mm(value) : value;
    }

    double number(pugi::xml_node n, const char* attr) {
        const std::string_view v = n.attribute(attr).as_string();
        double value = 0;
        const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
        if (v.empty() || ec != std::errc() || end != v.data() + v.size()) {
            error(n, std::string("attribute ") + attr + "=\"" + std::string(v) + "\" is not a number");
        }
        return value;
    }

    void letter(pugi::xml_node root, Letter& out) {
        out.title = root.attribute("title").as_string();
        out.author = root.attribute("author").as_string();
        out.subject = root.attribute("subject").as_string();
        out.keywords = root.attribute("keywords").as_string();
        out.date = root.attribute("date").as_string();
        if (auto lang = root.attribute("lang")) out.lang = lang.as_string();
        if (out.title.empty()) error(root, "<letter> needs a title attribute (the PDF title screen readers announce)");
        for (auto child : root.children()) {
            if (child.type() != pugi::node_element) {
                if (child.type() == pugi::node_pcdata && !trim(child.value()).empty()) {
                    error(child, "text outside a block; put it in <p>");
                }
                continue;
            }
            const std::string_view name = child.name();
            if (name == "letterhead") {
                letterhead(child, out);
            } else if (name == "address") {
                out.return_address = trim(child.attribute("return").as_string());
                out.address = lines(child);
            } else if (name == "reference") {
                for (auto item : child.children("item")) {
                    out.reference.emplace_back(trim(item.attribute("label").as_string()), trim(item.text().get()));
                }
            } else if (name == "running-header") {
                out.running_header = trim(child.text().get());
            } else if (name == "footer") {
                out.footer = trim(child.text().get());
            } else {
                block(child, out.body);
            }
        }
    }

    void letterhead(pugi::xml_node n, Letter& out) {
        for (auto child : n.children()) {
            if (child.type() != pugi::node_element) continue;
            const std::string_view name = child.name();
            if (name == "logo") {
                out.logo.src = child.attribute("src").as_string();
                out.logo.alt = trim(child.attribute("alt").as_string());
                out.logo.height = length(child, "height");
                if (out.logo.alt.empty()) error(child, "<logo> needs an alt attribute (alternative text)");
            } else if (name == "name" || name == "line") {
                const std::string line = trim(child.text().get());
                if (!line.empty()) out.letterhead.push_back(line);
            } else {
                error(child, "unknown element <" + std::string(name) + "> in <letterhead>");
            }
        }
    }

    std::vector<AddressLine> lines(pugi::xml_node n) {
        std::vector<AddressLine> out;
        for (auto child : n.children()) {
            if (child.type() != pugi::node_element) continue;
            if (std::strcmp(child.name(), "line") != 0) {
                error(child, std::string("unknown element <") + child.name() + "> in <" + n.name() + ">; expected <line>");
                continue;
            }
            std::string line = trim(child.text().get());
            if (!line.empty()) out.push_back(AddressLine{std::move(line), child.attribute("field").as_string(), pos_of(child)});
        }
        return out;
    }

    void block(pugi::xml_node n, std::vector<Block>& out);
    void list(pugi::xml_node n, Block& b);
    void facts(pugi::xml_node n, Block& b);
    void table(pugi::xml_node n, Block& b);
    void row(pugi::xml_node n, Block& b, bool header);
    void chart(pugi::xml_node n, Block& b);
    void signature_block(pugi::xml_node n, Block& b);
    Inlines inlines(pugi::xml_node n);
    void collect(pugi::xml_node n, Inline style, Inlines& out);
};

void Parser::block(pugi::xml_node n, std::vector<Block>& out) {
    const std::string_view name = n.name();
    Block b;
    b.pos = pos_of(n);
    using K = Block::Kind;
    if (name == "p") {
        b.kind = K::paragraph;
        b.inlines = inlines(n);
    } else if (name == "heading" || name == "subject") {
        b.kind = name == "heading" ? K::heading : K::subject;
        b.inlines = inlines(n);
    } else if (name == "ul" || name == "ol") {
        b.kind = name == "ul" ? K::bullet_list : K::numbered_list;
        list(n, b);
    } else if (name == "facts") {
        b.kind = K::facts;
        facts(n, b);
    } else if (name == "table") {
        b.kind = K::table;
        table(n, b);
    } else if (name == "signature" || name == "signatures") {
        b.kind = name == "signature" ? K::signature : K::signatures;
        signature_block(n, b);
    } else if (name == "image") {
        b.kind = K::image;
        b.src = n.attribute("src").as_string();
        b.alt = trim(n.attribute("alt").as_string());
        b.width = length(n, "width");
        b.height = length(n, "height");
        if (b.src.empty()) error(n, "<image> needs a src attribute");
        if (b.alt.empty()) error(n, "<image> needs an alt attribute (alternative text)");
    } else if (name == "chart") {
        b.kind = K::chart;
        chart(n, b);
    } else if (name == "pagebreak") {
        b.kind = K::page_break;
    } else if (name == "space") {
        b.kind = K::spacer;
        b.height = length(n, "height");
    } else if (name == "keep") {
        b.kind = K::keep;
        for (auto child : n.children()) {
            if (child.type() == pugi::node_element) block(child, b.children);
        }
    } else {
        error(n, "unknown element <" + std::string(name) + ">");
        return;
    }
    out.push_back(std::move(b));
}

void Parser::list(pugi::xml_node n, Block& b) {
    for (auto child : n.children()) {
        if (child.type() != pugi::node_element) continue;
        if (std::strcmp(child.name(), "li") != 0) {
            error(child, std::string("unknown element <") + child.name() + "> in a list; expected <li>");
            continue;
        }
        b.items.push_back(inlines(child));
    }
}

void Parser::facts(pugi::xml_node n, Block& b) {
    for (auto child : n.children()) {
        if (child.type() != pugi::node_element) continue;
        if (std::strcmp(child.name(), "fact") != 0) {
            error(child, std::string("unknown element <") + child.name() + "> in <facts>; expected <fact>");
            continue;
        }
        Inline label;
        label.text = trim(child.attribute("label").as_string());
        label.bold = true;
        label.pos = pos_of(child);
        b.labels.push_back({label});
        b.items.push_back(inlines(child));
    }
}

void Parser::table(pugi::xml_node n, Block& b) {
    std::string_view widths = n.attribute("widths").as_string();
    while (!widths.empty()) {
        const auto space = widths.find(' ');
        const auto word = widths.substr(0, space);
        widths = space == std::string_view::npos ? std::string_view() : widths.substr(space + 1);
        if (word.empty()) continue;
        double value = 0;
        const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
        if (ec != std::errc() || std::string_view(end, static_cast<std::size_t>(word.data() + word.size() - end)) != "%" || value <= 0) {
            error(n, "table widths must be percentages such as \"20% 30% 50%\", not \"" + std::string(word) + "\"");
            return;
        }
        b.widths.push_back(value / 100.0);
    }
    b.align = n.attribute("align").as_string();
    for (auto child : n.children()) {
        if (child.type() != pugi::node_element) continue;
        const std::string_view name = child.name();
        if (name == "thead") {
            for (auto tr : child.children()) {
                if (tr.type() == pugi::node_element) row(tr, b, true);
            }
        } else {
            row(child, b, false);
        }
    }
    const std::size_t columns = b.widths.size();
    if (columns == 0) {
        error(n, "<table> needs a widths attribute, one percentage per column");
        return;
    }
    double sum = 0;
    for (const double w : b.widths) sum += w;
    for (double& w : b.widths) w /= sum;
    for (const Row& r : b.rows) {
        if (r.cells.size() != columns) {
            error(n, "a table row has " + std::to_string(r.cells.size()) + " cells but widths names " +
                         std::to_string(columns) + " columns");
            return;
        }
    }
}

void Parser::row(pugi::xml_node n, Block& b, bool header) {
    if (std::strcmp(n.name(), "tr") != 0) {
        error(n, std::string("unknown element <") + n.name() + "> in <table>; expected <tr> or <thead>");
        return;
    }
    Row r;
    r.header = header;
    for (auto cell : n.children()) {
        if (cell.type() != pugi::node_element) continue;
        const std::string_view name = cell.name();
        if (name != "td" && name != "th") {
            error(cell, "unknown element <" + std::string(name) + "> in <tr>; expected <td> or <th>");
            continue;
        }
        r.cells.push_back(Cell{inlines(cell), name == "th"});
    }
    b.rows.push_back(std::move(r));
}

void Parser::chart(pugi::xml_node n, Block& b) {
    b.alt = trim(n.attribute("alt").as_string());
    b.title = trim(n.attribute("title").as_string());
    b.unit = n.attribute("unit").as_string();
    b.axis = trim(n.attribute("axis").as_string());
    b.width = length(n, "width");
    b.height = length(n, "height");
    if (n.attribute("reference")) b.reference = number(n, "reference");
    if (b.alt.empty()) error(n, "<chart> needs an alt attribute (the values in words)");
    for (auto bar : n.children()) {
        if (bar.type() != pugi::node_element) continue;
        if (std::strcmp(bar.name(), "bar") != 0) {
            error(bar, std::string("unknown element <") + bar.name() + "> in <chart>; expected <bar>");
            continue;
        }
        b.bars.push_back(Bar{trim(bar.attribute("label").as_string()), number(bar, "value")});
    }
}

void Parser::signature_block(pugi::xml_node n, Block& b) {
    for (auto child : n.children()) {
        if (child.type() != pugi::node_element) continue;
        const std::string_view name = child.name();
        if (b.kind == Block::Kind::signature && name == "line") {
            b.items.push_back(inlines(child));
        } else if (b.kind == Block::Kind::signatures && name == "sign") {
            Inline label;
            label.text = trim(child.attribute("label").as_string());
            label.pos = pos_of(child);
            b.labels.push_back({label});
            b.items.push_back(inlines(child));
        } else {
            error(child, "unknown element <" + std::string(name) + "> in <" + n.name() + ">");
        }
    }
}

Inlines Parser::inlines(pugi::xml_node n) {
    Inlines out;
    collect(n, Inline{}, out);
    // Trim the white space XML indentation leaves at the block's edges.
    while (!out.empty() && !out.front().line_break && trim(out.front().text).empty()) out.erase(out.begin());
    while (!out.empty() && !out.back().line_break && trim(out.back().text).empty()) out.pop_back();
    if (!out.empty() && !out.front().text.empty() && out.front().text.front() == ' ') out.front().text.erase(0, 1);
    if (!out.empty() && !out.back().text.empty() && out.back().text.back() == ' ') out.back().text.pop_back();
    return out;
}

void Parser::collect(pugi::xml_node n, Inline style, Inlines& out) {
    for (auto child : n.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
            Inline run = style;
            run.text = collapse_space(child.value());
            run.pos = pos_of(child);
            // Adjacent runs share one space at their seam.
            if (!out.empty() && !out.back().text.empty() && out.back().text.back() == ' ' &&
                !run.text.empty() && run.text.front() == ' ') {
                run.text.erase(0, 1);
            }
            if (!run.text.empty()) out.push_back(std::move(run));
            continue;
        }
        if (child.type() != pugi::node_element) continue;
        const std::string_view name = child.name();
        Inline inner = style;
        inner.pos = pos_of(child);
        if (name == "b") {
            inner.bold = true;
        } else if (name == "i") {
            inner.italic = true;
        } else if (name == "a") {
            inner.href = child.attribute("href").as_string();
            if (inner.href.empty()) error(child, "<a> needs an href attribute");
        } else if (name == "nohyphen") {
            inner.no_hyphen = true;
        } else if (name == "br") {
            inner.line_break = true;
            out.push_back(inner);
            continue;
        } else {
            error(child, "unknown element <" + std::string(name) + "> in text; expected <b>, <i>, <a>, <nohyphen> or <br/>");
            continue;
        }
        collect(child, inner, out);
    }
}

}  // namespace

ParseResult parse(std::string_view markup) { return Parser(markup).run(); }

}  // namespace brevgen::markup
