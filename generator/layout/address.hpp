#pragma once
/// The envelope window: the return line and the recipient's address fitted into the
/// window zone (docs/paper.md). Lines are never wrapped or hyphenated to fit: a line too
/// long is set smaller, down to a floor; a paper letter whose address still does not fit is
/// an error at the case field of that line, a digital letter wraps it and grows downwards.

#include <cstddef>
#include <vector>

#include "layout/text.hpp"

namespace brevgen::layout {

/// One line of the address block, ready to place.
struct AddressRow {
    LineBox box;
    double x = 0;
    double baseline = 0;
    double size = 0;           ///< the font size it was set in
    bool return_line = false;  ///< the small "Afsender: …" line at the top
    std::size_t source = 0;    ///< index into Letter::address (recipient lines only)
};

/// The fitted block.
struct AddressBlock {
    std::vector<AddressRow> rows;
    double rule_y = 0;           ///< the hairline under the return line (0: none)
    double rule_from = 0, rule_to = 0;
    double first_baseline = 0;   ///< of the recipient's first line (also without an address)
    double bottom = 0;           ///< the lowest ink of the block; 0 when there is no block
};

/// Fits the letter's return line and address into `text.env().window`; errors (paper
/// letters only) go to `diags`, with the line's case field as their path.
AddressBlock fit_address(const markup::Letter& letter, TextEngine& text, Diagnostics& diags);

}  // namespace brevgen::layout
