#pragma once
/// Internal to the PDF stage: document metadata (info dictionary + XMP, kept identical as
/// PDF/A requires), catalog entries for accessibility, the PDF/A output intent and the
/// content-derived file identifier.

#include <string>
#include <string_view>

#include "layout/page.hpp"
#include "pdf/haru.hpp"

namespace brevgen::pdf {

/// The Producer string of every brevgen PDF.
std::string producer();

/// Fills the info dictionary and, with `xmp`, the catalog's XMP metadata stream declaring
/// PDF/UA-1 (when `tagged`) and PDF/A-1a (when `pdfa`). Throws PdfError on a malformed date.
void write_metadata(HPDF_Doc pdf, const layout::Metadata& meta, bool tagged, bool pdfa);

/// /Lang, /MarkInfo and /ViewerPreferences on the catalog.
void write_accessibility(HPDF_Doc pdf, const layout::Metadata& meta);

/// An ICC profile for a PDF/A output intent.
struct OutputProfile {
    std::string deflated;   ///< the profile's bytes as haru::deflate() made them
    int components = 3;     ///< 1 gray, 3 RGB
    std::string condition;  ///< OutputConditionIdentifier
};

/// The output intent PDF/A asks for.
void write_output_intent(HPDF_Doc pdf, const OutputProfile& profile);

/// Replaces the placeholder /ID in a saved file with an MD5 of the file's bytes, so the
/// identifier is the same whenever the content is and needs no clock or random number.
void finish_id(std::string& pdf_bytes);

}  // namespace brevgen::pdf
