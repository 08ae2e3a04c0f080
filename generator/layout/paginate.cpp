// Pagination: greedy, page by page, honouring keep-with-next chains (headings with their
// text, widow and orphan lines, signature blocks) and repeating table header rows.

#include <map>

#include "layout/fragment.hpp"

namespace brevgen::layout {
namespace {

/// Height of the chain of fragments from `i` bound together by keep_with_next.
double chain_height(const std::vector<Fragment>& fs, std::size_t i) {
    double h = fs[i].height;
    while (fs[i].keep_with_next && i + 1 < fs.size() && !fs[i + 1].break_before) {
        ++i;
        h += fs[i].space_before + fs[i].height;
    }
    return h;
}

Fragment as_artifact(Fragment f) {
    for (auto& item : f.items) item.elem = artifact;
    f.links.clear();
    f.table_header = false;
    return f;
}

}  // namespace

std::vector<std::vector<PlacedFragment>> paginate(std::vector<Fragment> fs, double first_top, double later_top,
                                                  double bottom) {
    std::vector<std::vector<PlacedFragment>> pages(1);
    std::map<int, std::vector<Fragment>> headers;  // table → its header rows, for repetition
    double y = first_top;
    bool page_empty = true;
    bool chain_checked = false;  // inside a chain whose whole height was already checked

    auto new_page = [&] {
        pages.emplace_back();
        y = later_top;
        page_empty = true;
    };

    for (std::size_t i = 0; i < fs.size(); ++i) {
        Fragment& f = fs[i];
        if (f.break_before && !page_empty) new_page();
        const double gap = page_empty ? 0 : f.space_before;
        double needed = gap + (chain_checked ? f.height : chain_height(fs, i));
        const bool continues_table = f.table >= 0 && !f.table_header && headers.count(f.table) != 0;
        // A chain taller than any page breaks anyway: it starts here when its first part fits.
        const bool breaks_anyway = !chain_checked && needed - gap > bottom - later_top && y + gap + f.height <= bottom;
        if (y + needed > bottom && !page_empty && !breaks_anyway) {
            new_page();
            if (continues_table) {
                for (const auto& h : headers[f.table]) {
                    pages.back().push_back({as_artifact(h), y});
                    y += h.height;
                }
                page_empty = false;
            }
            if (f.continued) {  // the rest of a row or box too tall for one page
                pages.back().push_back({as_artifact(*f.continued), y});
                y += f.continued->height;
                page_empty = false;
            }
        }
        if (f.table_header) headers[f.table].push_back(f);
        y += page_empty ? 0 : f.space_before;
        pages.back().push_back({f, y});
        y += f.height;
        page_empty = false;
        // The rest of a chain was measured with its start; a chain longer than a page then
        // simply breaks where it must.
        chain_checked = f.keep_with_next;
    }
    return pages;
}

}  // namespace brevgen::layout
