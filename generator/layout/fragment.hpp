#pragma once
/// Fragments: the vertical units pagination moves between pages (a line of a paragraph, a
/// table row, a chart). Items inside are positioned relative to the fragment's top.

#include <memory>
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
    /// Set on the slices after the first of a row or box too tall for a page: put at the top
    /// of a page before this fragment (after repeated headers), it marks the continuation.
    std::shared_ptr<const Fragment> continued;
};

/// Cuts `f` at `cuts` (y positions relative to its top, ascending, between its lines) into
/// slices chained by keep_with_next, so pagination keeps them together when they fit on a
/// page and breaks between them where they must. Text goes with the slice its baseline is
/// in, rules with the slice whose edge they are on, fills are cut into one box per slice.
/// Slices after the first carry `marker` as their `continued`.
std::vector<Fragment> split_fragment(Fragment f, const std::vector<double>& cuts,
                                     std::shared_ptr<const Fragment> marker);

/// Distributes fragments over pages. Returns, per page, the fragments placed there with
/// their y; repeated table headers are copies marked as artifacts.
struct PlacedFragment {
    Fragment fragment;
    double y = 0;
};
std::vector<std::vector<PlacedFragment>> paginate(std::vector<Fragment> fragments, double first_top,
                                                  double later_top, double bottom);

}  // namespace brevgen::layout
