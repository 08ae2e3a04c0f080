// Tables (one fragment per row; header rows repeat on every page) and fact boxes.

#include <algorithm>
#include <cmath>

#include "layout/blocks.hpp"
#include "layout/style.hpp"

namespace brevgen::layout {

void BlockLayout::table(const markup::Block& b, ElemId parent) {
    const std::size_t max_rows = text_.env().limits.max_table_rows;
    if (b.rows.size() > max_rows) {
        diags_.push_back(make_error(b.pos, {}, "a table has " + std::to_string(b.rows.size()) +
                                                   " rows; the limit is " + std::to_string(max_rows)));
        return;
    }
    const ElemId table = element(Role::Table, parent);
    const int id = tables_++;
    const TextStyle normal{fonts::Face::regular, style::table_size, 0};
    const TextStyle bold{fonts::Face::bold, style::table_size, 0};
    const double leading = style::table_leading;
    const double pad_x = style::cell_pad_x, pad_y = style::cell_pad_y;
    bool first = true;
    double header_height = 0;  // of the rows repeated above a continued row
    for (const auto& row : b.rows) {
        if (over_budget()) return;
        const ElemId tr = element(Role::TR, table);
        Fragment f;
        f.table = id;
        f.table_header = row.header;
        f.space_before = first ? style::paragraph_gap : 0;
        first = false;
        std::vector<std::vector<LineBox>> cells;
        std::vector<ElemId> cell_elems;
        std::vector<std::vector<ElemId>> cell_links;
        std::vector<std::vector<std::string>> hrefs(row.cells.size());
        double height = 0;
        for (std::size_t c = 0; c < row.cells.size(); ++c) {
            const auto& cell = row.cells[c];
            const double col_w = b.widths[c] * style::measure;
            const ElemId elem = cell.header ? element(Role::TH, tr, {}, row.header ? "Column" : "Row")
                                            : element(Role::TD, tr);
            cells.push_back(text_.break_lines(cell.content, cell.header || row.header ? bold : normal,
                                              std::max(col_w - 2 * pad_x, 10.0), &hrefs[c]));
            cell_elems.push_back(elem);
            cell_links.push_back(link_elements(hrefs[c], elem));
            height = std::max(height, static_cast<double>(cells.back().size()) * leading);
        }
        f.height = height + 2 * pad_y;
        if (row.header) {
            f.items.push_back(Item{Box{{style::left, 0, style::measure, f.height}, style::header_fill, -1, 0}, artifact});
            f.items.push_back(Item{Line{{style::left, 0}, {style::right, 0}, 0.6, 0}, artifact});
        }
        double x = style::left;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const double col_w = b.widths[c] * style::measure;
            const char align = c < b.align.size() ? b.align[c] : 'l';
            double baseline = pad_y + leading * 0.78;
            for (const auto& line : cells[c]) {
                double lx = x + pad_x;
                if (align == 'r') lx = x + col_w - pad_x - line.width;
                if (align == 'c') lx = x + (col_w - line.width) / 2;
                emit_line(line, lx, baseline, leading, cell_elems[c], cell_links[c], hrefs[c], f.items, f.links);
                baseline += leading;
            }
            x += col_w;
        }
        f.items.push_back(Item{Line{{style::left, f.height}, {style::right, f.height}, row.header ? 0.6 : 0.3,
                                    row.header ? 0 : style::rule_gray},
                               artifact});
        f.keep_with_next = row.header;  // a header row never ends a page
        // A header row that would fill much of a page is not repeated (hostile input).
        f.table_header = row.header && f.height < page_height() / 3;
        if (f.table_header) header_height += f.height;
        const std::size_t lines = static_cast<std::size_t>(std::lround((f.height - 2 * pad_y) / leading));
        if (!f.table_header && f.height > page_height() - header_height - continuation_marker()->height) {
            // Taller than a page: cut between its lines, never below the page's edge.
            std::vector<double> cuts;
            for (std::size_t k = 1; k < lines; ++k) cuts.push_back(pad_y + static_cast<double>(k) * leading);
            for (auto& slice : split_fragment(std::move(f), cuts, continuation_marker())) push(std::move(slice));
            continue;
        }
        push(std::move(f));
    }
}

void BlockLayout::facts(const markup::Block& b, ElemId parent) {
    const ElemId table = element(Role::Table, parent);
    const TextStyle label_style{fonts::Face::bold, style::body_size, 0};
    const TextStyle value_style{fonts::Face::regular, style::body_size, 0};
    const double pad = mm(3);
    const double label_w = mm(42);
    const double value_w = style::measure - label_w - 2 * pad;
    const double leading = style::body_leading;
    Fragment f;
    f.space_before = style::paragraph_gap + 2;
    f.items.push_back(Item{Box{{style::left, 0, style::measure, 0}, style::fact_fill, -1, 0}, artifact});
    double y = pad;
    std::vector<double> cuts;  // between lines and rows, in case the box is taller than a page
    for (std::size_t i = 0; i < b.items.size(); ++i) {
        if (i > 0) cuts.push_back(y);
        const ElemId tr = element(Role::TR, table);
        const ElemId th = element(Role::TH, tr, {}, "Row");
        const ElemId td = element(Role::TD, tr);
        const auto label = text_.break_lines(b.labels[i], label_style, label_w - mm(2));
        std::vector<std::string> hrefs;
        const auto value = text_.break_lines(b.items[i], value_style, value_w, &hrefs);
        const auto links = link_elements(hrefs, td);
        double ly = y + leading * 0.75;
        for (const auto& line : label) {
            emit_line(line, style::left + pad, ly, leading, th, f.items);
            ly += leading;
        }
        double vy = y + leading * 0.75;
        for (const auto& line : value) {
            emit_line(line, style::left + pad + label_w, vy, leading, td, links, hrefs, f.items, f.links);
            vy += leading;
        }
        const std::size_t lines = std::max(label.size(), value.size());
        for (std::size_t k = 1; k < lines; ++k) cuts.push_back(y + static_cast<double>(k) * leading);
        y += static_cast<double>(lines) * leading + 2;
    }
    f.height = y - 2 + pad;
    std::get<Box>(f.items.front().shape).rect.h = f.height;
    if (f.height > page_height() - continuation_marker()->height) {
        for (auto& slice : split_fragment(std::move(f), cuts, continuation_marker())) push(std::move(slice));
        return;
    }
    push(std::move(f));
}

double BlockLayout::page_height() { return style::body_bottom - style::later_page_top; }

std::shared_ptr<const Fragment> BlockLayout::continuation_marker() {
    if (!marker_) {
        auto f = std::make_shared<Fragment>();
        const TextStyle small{fonts::Face::italic, style::small_size, style::quiet_gray};
        f->height = 12;
        emit_line(text_.single_line(style::continued_text, small), style::left, 9, 12, artifact, f->items);
        marker_ = std::move(f);
    }
    return marker_;
}

}  // namespace brevgen::layout
