#pragma once
/// Internal to the fonts module: TrueType glyph descriptions re-encoded at half the source's
/// units per em, for the fonts embedded in letters.
///
/// Why: Liberation Sans and DejaVu Sans draw on a 2048-unit em, a grid chosen for TrueType
/// hinting, which brevgen's unhinted subsets do not carry. At 1024 units an outline keeps
/// the precision of every PostScript (1000-unit) font and of the PDF's own /W widths, while
/// most point-to-point steps fit TrueType's one-byte form: a letter's glyph outlines deflate
/// about 9 % smaller. The largest change to a point is half a unit of 1024, 0.004 mm at
/// 10 pt, a tenth of a 600 dpi printer dot.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fonts/truetype.hpp"

namespace brevgen::fonts::detail {

/// Half of a coordinate in font units, rounded half up: floor((v + 1) / 2). One rule for
/// every value keeps a glyph's bounding box equal to the halved points' box.
constexpr int half(int v) { return (v + 1) >> 1; }

/// `glyph` (a simple or composite glyph description) with every coordinate, offset and
/// bounding-box value halved, re-encoded in the compact TrueType form. Empty for an empty
/// glyph. nullopt when the glyph cannot be halved faithfully: it carries instructions
/// (hinting works in the source's units) or a coordinate would leave 16 bits. A malformed
/// description is a FontError through `r`.
std::optional<std::string> halved_glyph(const Reader& r, std::string_view glyph);

/// A simple glyph's points in absolute font units (empty for a composite or empty glyph);
/// a malformed description is a FontError. For checking what halved_glyph wrote.
std::vector<std::pair<int, int>> simple_glyph_points(const Reader& r, std::string_view glyph);

}  // namespace brevgen::fonts::detail
