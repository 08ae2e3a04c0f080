#pragma once
/// Fragments: the vertical units pagination moves between pages (a line of a paragraph, a
/// table row, a chart). Items inside are positioned relative to the fragment's top.

#include <vector>

#include "layout/page.hpp"

namespace brevgen::layout {

struct Fragment {
    double height = 0;
    double space_before = 0;        ///< dropped at the top of a page
    std::vector<Item> items;        ///< y relative to the fragment's top
    std::vector<LinkArea> links;    ///< y relative to the fragment's top
    bool keep_with_next = false;    ///< never put a page break after this fragment
    bool break_before = false;      ///< always start a new page before this fragment
    int table = -1;                 ///< table this row belongs to (header repetition)
    bool table_header = false;      ///< a header row, repeated on every page of its table
};

/// Distributes fragments over pages. Returns, per page, the fragments placed there with
/// their y; repeated table headers are copies marked as artifacts.
struct PlacedFragment {
    Fragment fragment;
    double y = 0;
};
std::vector<std::vector<PlacedFragment>> paginate(std::vector<Fragment> fragments, double first_top,
                                                  double later_top, double bottom);

}  // namespace brevgen::layout
