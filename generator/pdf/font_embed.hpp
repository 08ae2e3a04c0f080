#pragma once
/// Internal to the PDF stage: puts one face into a document as a Type0 font with a
/// CIDFontType2 descendant whose program is a subset holding only the characters the
/// letter draws. CIDs number those characters from 1 in code point order, with an
/// identity CID-to-glyph map and a ToUnicode CMap for text extraction.

#include <array>
#include <cstdint>
#include <vector>

#include "fonts/font_set.hpp"
#include "pdf/haru.hpp"

namespace brevgen::pdf {

/// One face as one document uses it.
struct EmbeddedFace {
    std::vector<char32_t> code_points;  ///< sorted, unique; CID of code_points[i] is i + 1
    HPDF_Dict font = nullptr;           ///< the Type0 font, after embed()

    /// The CID that draws `cp` (which must be one of code_points).
    std::uint16_t cid(char32_t cp) const {
        return cp < latin.size() ? latin[cp] : cid_by_search(cp);
    }
    std::uint16_t cid_by_search(char32_t cp) const;

    /// CIDs of the Latin letters, filled by embed(): most characters look up here.
    std::array<std::uint16_t, 0x250> latin{};
};

/// Creates the font objects for `face.code_points` of `metrics`; with `pdfa`, adds the
/// CIDSet PDF/A-1 asks for.
void embed(HPDF_Doc pdf, const fonts::FontMetrics& metrics, EmbeddedFace& face, bool pdfa);

}  // namespace brevgen::pdf
