#pragma once
/// Internal to the PDF stage: turns the images a letter uses into image XObjects that
/// PDF/A-1 accepts (no soft masks: alpha is flattened onto white).

#include <cstdint>
#include <string>

#include "layout/page.hpp"
#include "pdf/haru.hpp"

namespace brevgen::pdf {

/// An image ready for PDF: gray (1 component) or RGB (3) samples, or palette indices into
/// gray or RGB entries; rows top to bottom, no alpha, kept compressed (it is cached per
/// Writer and copied into every letter).
struct Raster {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    int components = 3;  ///< of a sample, or with a palette of its entries
    int bits = 8;        ///< bits per component (per index with a palette)
    /// With indices for samples: the entries, `components` bytes each (an /Indexed lookup).
    std::string palette;
    /// The samples, zlib-compressed; with png_predictors, a PNG's own IDAT data, whose
    /// rows each start with a PNG filter byte (FlateDecode's /Predictor 15 undoes them).
    std::string deflated_samples;
    bool png_predictors = false;
};

/// Turns PNG data into a raster: an opaque, non-interlaced gray, RGB or palette PNG of at
/// most 8 bits keeps its compressed data as it is (checked by inflating it, not re-encoded);
/// anything else is decoded with libpng, transparency composited onto white. Throws
/// PdfError naming `source` when the data is not a PNG that can be read.
Raster decode_png(std::string_view bytes, const std::string& source);

/// Adds a decoded raster to the document as an image XObject.
HPDF_Image add_raster(HPDF_Doc pdf, const Raster& raster);

/// Adds JPEG data as a DCT image XObject (passed through, not re-encoded); `colour` tells
/// whether it is RGB. CMYK JPEGs are refused when `pdfa` holds: the output intent is sRGB.
HPDF_Image add_jpeg(HPDF_Doc pdf, const haru::ErrorState& errors, const layout::ImageData& image, bool pdfa,
                    bool& colour);

}  // namespace brevgen::pdf
