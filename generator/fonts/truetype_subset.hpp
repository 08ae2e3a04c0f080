#pragma once
/// Per-document font subsets: a TrueType font holding just the glyphs one letter draws,
/// small enough to embed in every PDF.

#include <cstdint>
#include <string>
#include <vector>

#include "fonts/font_set.hpp"

namespace brevgen::fonts {

/// Builds a TrueType font from `font` whose glyph 0 is an empty .notdef and glyph i (from 1)
/// is its glyph `glyphs[i - 1]` (repeats allowed); glyphs that composite glyphs are built
/// from follow. Keeps head, hhea, maxp, hmtx, loca, glyf and the hinting tables (cvt, fpgm,
/// prep) when present — what a PDF CIDFontType2 program needs. An unhinted font on a
/// 2048-unit em is written on a 1024-unit em (glyph_halve.hpp). Deterministic; throws
/// FontError on a malformed glyph.
std::string subset_glyphs(const FontMetrics& font, const std::vector<std::uint16_t>& glyphs);

}  // namespace brevgen::fonts
