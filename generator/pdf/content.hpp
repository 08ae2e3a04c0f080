#pragma once
/// Internal to the PDF stage: paints one laid-out page into a libharu page's content
/// stream, wrapping every item in marked content so the structure tree can point at it.

#include <array>
#include <cstdio>
#include <string>
#include <vector>

#include "common/utf8.hpp"

#include "fonts/font_set.hpp"
#include "layout/page.hpp"
#include "pdf/font_embed.hpp"
#include "pdf/haru.hpp"

namespace brevgen::pdf {

/// Calls `visit` with each code point of `text` that is drawn in `face`: invisible format
/// characters the face has no glyph for are left out. Throws PdfError for a character the
/// face cannot draw (layout promises that never happens) or one beyond U+FFFF.
template <typename Visit>
void for_each_drawn(std::string_view text, const fonts::FontMetrics& face, Visit&& visit) {
    std::size_t i = 0;
    while (i < text.size()) {
        const char32_t cp = utf8::decode(text, i);
        if (face.has_glyph(cp) && cp <= 0xFFFF) {
            visit(cp);
        } else if (!fonts::is_default_ignorable(cp)) {
            char hex[16];
            std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(cp));
            throw PdfError(std::string("no glyph for ") + hex + " in " + face.file().filename().string());
        }
    }
}

/// What a page may draw with: one embedded font per face (null when the letter does not
/// use the face) and one image XObject per Document::images entry.
struct PageResources {
    const fonts::FontSet* fonts = nullptr;
    std::array<const EmbeddedFace*, fonts::face_count> faces{};
    std::vector<HPDF_Image> images;
};

/// A link annotation made for a page, with the Link element it belongs to.
struct PlacedLink {
    HPDF_Annotation annotation = nullptr;
    layout::ElemId elem = layout::artifact;
};

/// The result of painting one page.
struct PaintedPage {
    HPDF_Page page = nullptr;
    std::vector<layout::ElemId> mcid_elems;  ///< index: MCID on this page
    std::vector<PlacedLink> links;
};

/// Adds a page to `pdf` and paints `page` on it; with `tagged`, content is marked with
/// MCIDs (consecutive items of one element share one) and furniture as /Artifact.
PaintedPage paint_page(HPDF_Doc pdf, const layout::Document& doc, const layout::Page& page,
                       const PageResources& resources, bool tagged);

}  // namespace brevgen::pdf
