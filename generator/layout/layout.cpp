// The entry point of layout: the first page's fixed parts (letterhead, window address,
// reference block), the body through BlockLayout and paginate, then page furniture.

#include "layout/layout.hpp"

#include <algorithm>

#include "layout/address.hpp"
#include "layout/blocks.hpp"
#include "layout/style.hpp"

namespace brevgen::layout {
namespace {

void shift(Item& item, double dy) {
    std::visit(
        [dy](auto& s) {
            using T = std::decay_t<decltype(s)>;
            if constexpr (std::is_same_v<T, TextRun>) {
                s.pos.y += dy;
            } else if constexpr (std::is_same_v<T, Line>) {
                s.from.y += dy;
                s.to.y += dy;
            } else {
                s.rect.y += dy;
            }
        },
        item.shape);
}

/// Lays out the parts of page 1 that sit at fixed places.
class FirstPage {
public:
    FirstPage(const markup::Letter& letter, TextEngine& text, BlockLayout& blocks, Document& doc, Diagnostics& diags)
        : letter_(letter), text_(text), blocks_(blocks), doc_(doc), diags_(diags) {}

    std::vector<Item> run() {
        letterhead();
        address();
        reference();
        return std::move(items_);
    }

private:
    const markup::Letter& letter_;
    TextEngine& text_;
    BlockLayout& blocks_;
    Document& doc_;
    Diagnostics& diags_;
    std::vector<Item> items_;

    void right_aligned(const std::string& s, const TextStyle& st, double baseline, ElemId elem) {
        const auto line = text_.single_line(s, st);
        blocks_.emit_line(line, style::right - line.width, baseline, 0, elem, items_);
    }

    // The letterhead and the address block stand directly in the Document: a Div around
    // them would group what already stands together, and says nothing to a screen reader.
    void letterhead() {
        const auto& logo = letter_.logo;
        if (!logo.src.empty()) logo_figure(0);
        // The sender's name and details are one unit: one P, each line on its own.
        const ElemId p = letter_.letterhead.empty() ? artifact : blocks_.element(Role::P, 0);
        double baseline = mm(17);
        for (std::size_t i = 0; i < letter_.letterhead.size(); ++i) {
            const bool name = i == 0;
            const TextStyle st{name ? fonts::Face::bold : fonts::Face::regular, name ? 13.0 : 8.5,
                               name ? 0 : style::quiet_gray};
            if (i > 0) BlockLayout::end_line_with_space(items_);
            right_aligned(letter_.letterhead[i], st, baseline, p);
            baseline += name ? 14 : 11;
        }
    }

    void logo_figure(ElemId parent) {
        const auto& logo = letter_.logo;
        const auto& read = text_.env().read_file;
        const auto bytes = read ? read(logo.src) : std::nullopt;
        bool is_png = false;
        const auto [w, h] = bytes ? image_size(*bytes, is_png) : std::pair<int, int>{0, 0};
        if (w <= 0 || h <= 0) {
            diags_.push_back(make_error({}, {}, "cannot read the logo \"" + logo.src + "\" as a PNG or JPEG file"));
            return;
        }
        const double height = logo.height > 0 ? logo.height : mm(16);
        const double width = height * w / h;
        doc_.images.push_back(ImageData{logo.src, *bytes, is_png});
        items_.push_back(Item{ImagePlacement{{style::left, mm(12), width, height}, doc_.images.size() - 1},
                              blocks_.element(Role::Figure, parent, logo.alt)});
    }

    void address() {
        const auto block = fit_address(letter_, text_, diags_);
        first_baseline_ = block.first_baseline;
        bottom_ = std::max(bottom_, block.bottom);
        if (block.rows.empty()) return;
        // The return address is one P, the recipient's lines another: each line on its own,
        // ending in a space, so read aloud "ApS" and "Att.:" never run together.
        ElemId p = artifact;
        bool return_line = false;
        for (const auto& row : block.rows) {
            if (p == artifact || row.return_line != return_line) {
                p = blocks_.element(Role::P, 0);
                return_line = row.return_line;
            } else {
                BlockLayout::end_line_with_space(items_);
            }
            blocks_.emit_line(row.box, row.x, row.baseline, 0, p, items_);
        }
        if (block.rule_y > 0) {
            items_.push_back(Item{Line{{block.rule_from, block.rule_y}, {block.rule_to, block.rule_y}, 0.3, style::rule_gray}, artifact});
        }
    }

    /// "Dato 23. november 2026": label and value on one line in one size, so text
    /// extraction and screen readers meet each label right before its value.
    void reference() {
        if (letter_.reference.empty()) return;
        const ElemId table = blocks_.element(Role::Table, 0);
        const TextStyle label_style{fonts::Face::regular, 9, style::quiet_gray};
        const TextStyle value_style{fonts::Face::regular, 9, 0};
        // A hair below the recipient's first line: text extraction then reads the
        // recipient first, as the structure tree does.
        double baseline = first_baseline_ + 0.5;
        for (const auto& [label, value] : letter_.reference) {
            const ElemId tr = blocks_.element(Role::TR, table);
            const auto label_line = text_.single_line(label + " ", label_style);
            blocks_.emit_line(label_line, style::reference_x, baseline, 0, blocks_.element(Role::TH, tr, {}, "Row"), items_);
            const ElemId td = blocks_.element(Role::TD, tr);
            const double value_x = style::reference_x + label_line.width;
            markup::Inlines runs{markup::Inline{value, false, false, false, false, {}, {}}};
            for (const auto& box : text_.break_lines(runs, value_style, style::right - value_x)) {
                blocks_.emit_line(box, value_x, baseline, 0, td, items_);
                baseline += 12;
            }
        }
        bottom_ = std::max(bottom_, baseline);
    }

public:
    /// The lowest point the fixed parts reach; the body starts below it.
    double bottom() const { return bottom_; }

private:
    double bottom_ = 0;
    double first_baseline_ = 0;
};

void furniture(Page& page, std::size_t index, std::size_t count, const markup::Letter& letter, TextEngine& text) {
    const TextStyle small{fonts::Face::regular, style::small_size, style::quiet_gray};
    auto add = [&](const LineBox& line, double x, double baseline) {
        for (const auto& p : line.pieces) {
            page.items.push_back(Item{TextRun{{x + p.x, baseline}, p.face, p.size, p.text, p.gray, 0}, artifact});
        }
    };
    if (index > 0 && !letter.running_header.empty()) {
        add(text.single_line(letter.running_header, small), style::left, style::running_header_baseline);
        const double rule_y = style::running_header_baseline + 4;
        page.items.push_back(Item{Line{{style::left, rule_y}, {style::right, rule_y}, 0.3, style::rule_gray}, artifact});
    }
    const double rule_y = style::footer_baseline - 10;
    page.items.push_back(Item{Line{{style::left, rule_y}, {style::right, rule_y}, 0.3, style::rule_gray}, artifact});
    const auto number = text.single_line("Side " + std::to_string(index + 1) + " af " + std::to_string(count),
                                         TextStyle{fonts::Face::regular, 8, 0});
    add(number, style::right - number.width, style::footer_baseline);
    if (!letter.footer.empty()) add(text.single_line(letter.footer, small), style::left, style::footer_baseline);
}

}  // namespace

LayoutResult layout_letter(const markup::Letter& letter, const Environment& env) {
    LayoutResult result;
    Document& doc = result.document;
    doc.meta = Metadata{letter.title, letter.author, letter.subject, letter.keywords, letter.lang, env.creator, letter.date};
    doc.elements.push_back(StructElem{Role::Document, artifact, {}, {}, {}});
    TextEngine text(env, result.diagnostics);
    std::vector<Fragment> fragments;
    BlockLayout blocks(text, doc, fragments, result.diagnostics);
    FirstPage first_page(letter, text, blocks, doc, result.diagnostics);
    auto first_items = first_page.run();
    const std::size_t max_pages = env.limits.max_pages;
    blocks.set_budget(static_cast<double>(max_pages) * (style::body_bottom - style::later_page_top));
    blocks.blocks(letter.body, blocks.element(Role::Sect, 0));
    if (blocks.over_budget()) {
        result.diagnostics.push_back(make_error({}, {}, "the letter would have more than " + std::to_string(max_pages) +
                                                            " pages; the limit is " + std::to_string(max_pages)));
        return result;
    }

    const double body_top = std::max(style::first_page_body_top, first_page.bottom() + mm(4));
    auto placed = paginate(std::move(fragments), body_top, style::later_page_top, style::body_bottom);
    if (placed.size() > env.limits.max_pages) {
        result.diagnostics.push_back(make_error({}, {}, "the letter would have " + std::to_string(placed.size()) +
                                                            " pages; the limit is " + std::to_string(env.limits.max_pages)));
        return result;
    }
    for (std::size_t i = 0; i < placed.size(); ++i) {
        Page page;
        if (i == 0) page.items = std::move(first_items);
        for (auto& pf : placed[i]) {
            for (auto& item : pf.fragment.items) {
                shift(item, pf.y);
                page.items.push_back(std::move(item));
            }
            for (auto& link : pf.fragment.links) {
                link.rect.y += pf.y;
                page.links.push_back(std::move(link));
            }
        }
        furniture(page, i, placed.size(), letter, text);
        doc.pages.push_back(std::move(page));
    }
    return result;
}

}  // namespace brevgen::layout
