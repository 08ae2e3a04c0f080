#include "layout/blocks.hpp"

#include "layout/style.hpp"

namespace brevgen::layout {

ElemId BlockLayout::element(Role role, ElemId parent, std::string alt, std::string scope) {
    doc_.elements.push_back(StructElem{role, parent, std::move(alt), std::move(scope), {}});
    return static_cast<ElemId>(doc_.elements.size() - 1);
}

std::vector<ElemId> BlockLayout::link_elements(const std::vector<std::string>& links, ElemId parent) {
    std::vector<ElemId> ids;
    for (std::size_t i = 0; i < links.size(); ++i) ids.push_back(element(Role::Link, parent));
    return ids;
}

void BlockLayout::emit_line(const LineBox& line, double x, double baseline, double leading, ElemId elem,
                            std::vector<Item>& items) const {
    std::vector<LinkArea> none;
    emit_line(line, x, baseline, leading, elem, {}, {}, items, none);
}

void BlockLayout::emit_line(const LineBox& line, double x, double baseline, double leading, ElemId elem,
                            const std::vector<ElemId>& link_elems, const std::vector<std::string>& hrefs,
                            std::vector<Item>& items, std::vector<LinkArea>& links) const {
    for (const auto& p : line.pieces) {
        const ElemId owner = p.artifact ? artifact : p.link >= 0 ? link_elems[static_cast<std::size_t>(p.link)] : elem;
        items.push_back(Item{TextRun{{x + p.x, baseline}, p.face, p.size, p.text, p.gray, 0}, owner});
        if (p.link >= 0 && !p.artifact) {
            links.push_back(LinkArea{{x + p.x, baseline - leading * 0.75, p.width, leading},
                                    hrefs[static_cast<std::size_t>(p.link)], owner});
        }
    }
}

void BlockLayout::end_line_with_space(std::vector<Item>& items) {
    for (auto it = items.rbegin(); it != items.rend(); ++it) {
        auto* run = std::get_if<TextRun>(&it->shape);
        if (run == nullptr || it->elem == artifact) continue;
        if (!run->text.empty() && run->text.back() != ' ') run->text += ' ';
        return;
    }
}

void BlockLayout::push(Fragment f) {
    f.space_before += pending_space_;
    f.break_before = f.break_before || pending_break_;
    height_ += f.space_before + f.height;
    pending_space_ = 0;
    pending_break_ = false;
    out_.push_back(std::move(f));
}

void BlockLayout::text_lines(const markup::Inlines& runs, const TextStyle& style, double leading, double x,
                             double width, ElemId elem, double space_before, bool keep_all, const LineBox* label,
                             double label_x, ElemId label_elem) {
    std::vector<std::string> hrefs;
    if (over_budget()) return;
    const auto lines = text_.break_lines(runs, style, width, &hrefs);
    const auto link_elems = link_elements(hrefs, elem);
    const double ascent = leading * 0.75;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        Fragment f;
        f.height = leading;
        f.space_before = i == 0 ? space_before : 0;
        if (i == 0 && label) emit_line(*label, label_x, ascent, leading, label_elem, f.items);
        emit_line(lines[i], x, ascent, leading, elem, link_elems, hrefs, f.items, f.links);
        // Widows and orphans: the first two and the last two lines stay together.
        const std::size_t n = lines.size();
        f.keep_with_next = keep_all || (i + 1 < n && (i == 0 || i + 2 == n));
        push(std::move(f));
    }
}

void BlockLayout::blocks(const std::vector<markup::Block>& bs, ElemId parent) {
    for (const auto& b : bs) {
        if (over_budget()) return;
        block(b, parent);
    }
}

void BlockLayout::block(const markup::Block& b, ElemId parent) {
    using K = markup::Block::Kind;
    const double left = style::left;
    switch (b.kind) {
    case K::subject: {
        const TextStyle s{fonts::Face::bold, style::subject_size, 0};
        text_lines(b.inlines, s, style::subject_leading, left, style::measure, element(Role::H1, parent), 0, true);
        pending_space_ = 4;
        break;
    }
    case K::heading: {
        const TextStyle s{fonts::Face::bold, style::heading_size, 0};
        text_lines(b.inlines, s, style::heading_leading, left, style::measure, element(Role::H2, parent),
                   style::heading_gap, true);
        pending_space_ = -style::paragraph_gap + 1;
        break;
    }
    case K::paragraph:
        text_lines(b.inlines, TextStyle{fonts::Face::regular, style::body_size, 0}, style::body_leading, left,
                   style::measure, element(Role::P, parent), style::paragraph_gap, false);
        break;
    case K::bullet_list:
    case K::numbered_list: list(b, parent); break;
    case K::facts: facts(b, parent); break;
    case K::table: table(b, parent); break;
    case K::signature: signature(b, parent); break;
    case K::signatures: signatures(b, parent); break;
    case K::image: image(b, parent); break;
    case K::chart: chart(b, parent); break;
    case K::page_break: pending_break_ = true; break;
    case K::spacer: pending_space_ += b.height; break;
    case K::keep: {
        const std::size_t first = out_.size();
        blocks(b.children, parent);
        for (std::size_t i = first; i + 1 < out_.size(); ++i) out_[i].keep_with_next = true;
        break;
    }
    }
}

void BlockLayout::list(const markup::Block& b, ElemId parent) {
    const ElemId list = element(Role::L, parent);
    const TextStyle s{fonts::Face::regular, style::body_size, 0};
    for (std::size_t i = 0; i < b.items.size(); ++i) {
        const ElemId li = element(Role::LI, list);
        const ElemId lbl = element(Role::Lbl, li);
        const ElemId body = element(Role::LBody, li);
        const std::string mark = b.kind == markup::Block::Kind::bullet_list ? "•" : std::to_string(i + 1) + ".";
        const LineBox label = text_.single_line(mark, s, b.pos);
        const double label_x = b.kind == markup::Block::Kind::bullet_list ? style::left + mm(1.5)
                                                                          : style::left + mm(4.5) - label.width;
        text_lines(b.items[i], s, style::body_leading, style::left + style::list_indent,
                   style::measure - style::list_indent, body, i == 0 ? style::paragraph_gap : 2.5, false, &label,
                   label_x, lbl);
    }
}

void BlockLayout::signature(const markup::Block& b, ElemId parent) {
    const TextStyle s{fonts::Face::regular, style::body_size, 0};
    const std::size_t first = out_.size();
    // The lines are one unit (greeting, name, title, sender): one P, each line on its own,
    // with no Div around it (a group of one element says nothing the P does not).
    const ElemId p = element(Role::P, parent);
    double gap = style::paragraph_gap + 4;
    for (const auto& line : b.items) {
        if (line.empty()) {  // room for a handwritten signature
            gap += mm(12);
            continue;
        }
        if (out_.size() > first) end_line_with_space(out_.back().items);
        text_lines(line, s, style::body_leading, style::left, style::measure, p, gap, true);
        gap = 0;
    }
    for (std::size_t i = first; i + 1 < out_.size(); ++i) out_[i].keep_with_next = true;
}

void BlockLayout::signatures(const markup::Block& b, ElemId parent) {
    const ElemId div = element(Role::Div, parent);
    const TextStyle bold{fonts::Face::bold, style::body_size, 0};
    const TextStyle caption{fonts::Face::regular, style::small_size, style::quiet_gray};
    const double date_width = mm(38);
    const double sign_x = style::left + date_width + mm(8);
    for (std::size_t i = 0; i < b.labels.size(); ++i) {
        Fragment f;
        f.space_before = i == 0 ? style::paragraph_gap + 6 : mm(4);
        auto label = b.labels[i];
        if (i < b.items.size() && !b.items[i].empty()) {
            label.front().text += ": ";
            for (auto run : b.items[i]) label.push_back(run);
        }
        const ElemId p = element(Role::P, div);
        const auto lines = text_.break_lines(label, bold, style::measure);
        double y = style::body_leading * 0.75;
        for (const auto& line : lines) {
            emit_line(line, style::left, y, style::body_leading, p, f.items);
            y += style::body_leading;
        }
        const double rule_y = y + mm(10);
        f.items.push_back(Item{Line{{style::left, rule_y}, {style::left + date_width, rule_y}, 0.6, 0}, artifact});
        f.items.push_back(Item{Line{{sign_x, rule_y}, {style::right, rule_y}, 0.6, 0}, artifact});
        const ElemId date_caption = element(Role::P, div);
        emit_line(text_.single_line("Dato", caption), style::left, rule_y + 9, 9, date_caption, f.items);
        const ElemId sign_caption = element(Role::P, div);
        emit_line(text_.single_line("Underskrift", caption), sign_x, rule_y + 9, 9, sign_caption, f.items);
        f.height = rule_y + 11;
        f.keep_with_next = i + 1 < b.labels.size();
        push(std::move(f));
    }
}

}  // namespace brevgen::layout
