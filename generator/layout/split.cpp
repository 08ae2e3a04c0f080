// Slicing a table row or a fact box that is taller than a page, so no line of it is lost
// below the page's edge.

#include <algorithm>
#include <cmath>
#include <variant>

#include "layout/fragment.hpp"

namespace brevgen::layout {
namespace {

/// The index of the slice that holds y: the last slice starting at or above it.
std::size_t slice_of(const std::vector<double>& tops, double y) {
    const auto it = std::upper_bound(tops.begin(), tops.end(), y + 1e-6);
    return it == tops.begin() ? 0 : static_cast<std::size_t>(it - tops.begin()) - 1;
}

/// A rule on the boundary between two slices belongs to the upper one: it is that slice's
/// bottom edge. A rule at the very top stays in the first.
std::size_t slice_of_rule(const std::vector<double>& tops, double y) {
    const std::size_t s = slice_of(tops, y);
    return s > 0 && std::abs(tops[s] - y) < 1e-6 ? s - 1 : s;
}

void move_up(Item& item, double dy) {
    std::visit(
        [dy](auto& shape) {
            using T = std::decay_t<decltype(shape)>;
            if constexpr (std::is_same_v<T, TextRun>) {
                shape.pos.y -= dy;
            } else if constexpr (std::is_same_v<T, Line>) {
                shape.from.y -= dy;
                shape.to.y -= dy;
            } else {
                shape.rect.y -= dy;
            }
        },
        item.shape);
}

}  // namespace

std::vector<Fragment> split_fragment(Fragment f, const std::vector<double>& cuts, std::shared_ptr<const Fragment> marker) {
    std::vector<double> tops{0};
    for (const double c : cuts) {
        if (c > tops.back() + 1e-6 && c < f.height - 1e-6) tops.push_back(c);
    }
    std::vector<Fragment> slices(tops.size());
    for (std::size_t i = 0; i < slices.size(); ++i) {
        Fragment& s = slices[i];
        const double bottom = i + 1 < tops.size() ? tops[i + 1] : f.height;
        s.height = bottom - tops[i];
        s.space_before = i == 0 ? f.space_before : 0;
        s.break_before = i == 0 && f.break_before;
        s.keep_with_next = i + 1 < slices.size() || f.keep_with_next;
        s.table = f.table;
        s.continued = i == 0 ? f.continued : marker;
    }
    for (auto& item : f.items) {
        if (auto* box = std::get_if<Box>(&item.shape)) {
            // A fill behind the whole box: one piece per slice it reaches.
            for (std::size_t i = 0; i < slices.size(); ++i) {
                const double top = std::max(box->rect.y, tops[i]);
                const double bottom = std::min(box->rect.y + box->rect.h, tops[i] + slices[i].height);
                if (bottom <= top) continue;
                Item piece = item;
                auto& r = std::get<Box>(piece.shape).rect;
                r.y = top - tops[i];
                r.h = bottom - top;
                slices[i].items.push_back(std::move(piece));
            }
            continue;
        }
        std::size_t s = 0;
        if (const auto* t = std::get_if<TextRun>(&item.shape)) {
            s = slice_of(tops, t->pos.y);
        } else if (const auto* l = std::get_if<Line>(&item.shape)) {
            s = slice_of_rule(tops, std::min(l->from.y, l->to.y));
        } else {
            s = slice_of(tops, std::get<ImagePlacement>(item.shape).rect.y);
        }
        move_up(item, tops[s]);
        slices[s].items.push_back(std::move(item));
    }
    for (auto& link : f.links) {
        const std::size_t s = slice_of(tops, link.rect.y + link.rect.h / 2);
        link.rect.y -= tops[s];
        slices[s].links.push_back(std::move(link));
    }
    return slices;
}

}  // namespace brevgen::layout
