#pragma once
/// The letter's page geometry and typography, in one place.

#include "common/units.hpp"

namespace brevgen::layout::style {

// Margins: DIN 5008 asks for at least 20 mm on the left; 25 mm lines the body up with the
// recipient's text inside the window.
inline const double left = mm(25);
inline const double right = a4_width - mm(20);
inline const double measure = right - left;
inline const double first_page_body_top = mm(98);
inline const double later_page_top = mm(24);
inline const double body_bottom = a4_height - mm(22);

// The window envelope's address field is layout::Window (Environment::window); the block
// inside it is placed by address.cpp.

inline const double reference_x = mm(125);

inline constexpr double body_size = 10;
inline constexpr double body_leading = 14;
inline constexpr double paragraph_gap = 7;
inline constexpr double subject_size = 12;
inline constexpr double subject_leading = 16;
inline constexpr double heading_size = 10.5;
inline constexpr double heading_leading = 14;
inline constexpr double heading_gap = 11;
inline constexpr double small_size = 7.5;
inline constexpr double table_size = 9;
inline constexpr double table_leading = 11.5;
inline const double cell_pad_x = mm(1.5);
inline const double cell_pad_y = mm(1.3);
inline const double list_indent = mm(6);
inline constexpr double text_gray = 0;
inline constexpr double quiet_gray = 0.3;   ///< labels, letterhead details: dark enough to print
inline constexpr double rule_gray = 0.45;
inline constexpr double header_fill = 0.88;
inline constexpr double fact_fill = 0.94;

/// Above the part of a table row or fact box that a page break cut off (an artifact).
inline constexpr const char* continued_text = "(fortsat fra forrige side)";

inline const double footer_baseline = a4_height - mm(12);
inline const double running_header_baseline = mm(14);

}  // namespace brevgen::layout::style
