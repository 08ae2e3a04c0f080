#pragma once
/// Internal to the PDF stage: turns the images a letter uses into image XObjects that
/// PDF/A-1 accepts (no soft masks: alpha is flattened onto white).

#include <cstdint>
#include <string>

#include "layout/page.hpp"
#include "pdf/haru.hpp"

namespace brevgen::pdf {

/// A decoded image: 8-bit samples, gray (1 component) or RGB (3), rows top to bottom, no
/// alpha, kept compressed (it is cached per Writer and copied into every letter).
struct Raster {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    int components = 3;
    std::string deflated_samples;
};

/// Decodes PNG data, compositing any transparency onto white; throws PdfError naming
/// `source` when the data is not a PNG libpng can read.
Raster decode_png(std::string_view bytes, const std::string& source);

/// Adds a decoded raster to the document as an image XObject.
HPDF_Image add_raster(HPDF_Doc pdf, const Raster& raster);

/// Adds JPEG data as a DCT image XObject (passed through, not re-encoded); `colour` tells
/// whether it is RGB. CMYK JPEGs are refused when `pdfa` holds: the output intent is sRGB.
HPDF_Image add_jpeg(HPDF_Doc pdf, const haru::ErrorState& errors, const layout::ImageData& image, bool pdfa,
                    bool& colour);

}  // namespace brevgen::pdf
