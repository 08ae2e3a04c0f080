#pragma once
/// The bounds that keep hostile or broken input from costing unbounded memory, stack or
/// pages (docs/limits.md). Plain values: the readers and layout apply them, the front ends
/// set them from their flags.

#include <cstddef>

namespace brevgen {

/// Bounds on reading a case. Exceeding one is an error naming the limit, at the position
/// where it was crossed.
struct ReadLimits {
    std::size_t max_input_bytes = std::size_t{16} << 20;  ///< whole input, BOM included
    std::size_t max_depth = 64;                            ///< nested objects/arrays/elements
    std::size_t max_array_items = 10'000;                  ///< items of one array
    std::size_t max_string_bytes = std::size_t{1} << 20;   ///< one string, key or text
    /// Values in the whole case (JSON: every object, array and scalar; XML: every element,
    /// attribute, comment, processing instruction and CDATA section). Bounds the tree's
    /// memory however small the values are: a real case has a few hundred.
    std::size_t max_nodes = 100'000;
};

/// Bounds on laying out one letter.
struct LayoutLimits {
    std::size_t max_pages = 100;        ///< a letter longer than this is refused
    std::size_t max_table_rows = 1000;  ///< one table with more rows is refused
};

}  // namespace brevgen
