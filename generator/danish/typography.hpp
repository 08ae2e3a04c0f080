#pragma once
/// Danish typography for free text from the case (a meeting's purpose, a plan week's tasks
/// and precautions, the minutes): which words must not be split over two lines.

#include <string>
#include <string_view>

namespace brevgen::danish {

/// `text` with a no-break space (U+00A0) where Danish typography keeps two words on one
/// line: a number and its unit ("15 kg.", "37 timer", "49 %", "7,5 t."), a day and its
/// month ("1. januar", "24.–25. december"), a month and its year ("januar 2027"), and a
/// label and its number ("uge 49", "kl. 10.00", "§ 7 a", "nr. 3"). Other text, line
/// breaks and runs of spaces are left as they are. Layout draws a no-break space as a
/// space, so the PDF's text keeps a plain space.
std::string keep_together(std::string_view text);

}  // namespace brevgen::danish
