#pragma once
/// Internal to the PDF stage: writes the objects a libharu document holds as PDF bytes,
/// instead of libharu's HPDF_SaveToStream (a line per dictionary key, written byte by
/// byte through its stream layer, and an object of its own for every stream's length).

#include <hpdf.h>

#include <string>

namespace brevgen::pdf {

/// The whole file: header, every object in libharu's cross-reference order (renumbered,
/// without the length objects libharu makes for its own streams), the cross-reference
/// table and a trailer whose /ID holds two 16-byte zero placeholders for finish_id().
/// Dictionaries and arrays carry no whitespace a delimiter makes needless; the line breaks
/// PDF/A-1 asks for around obj, endobj, stream and endstream stay. Throws PdfError on an
/// object it cannot write.
std::string serialise(HPDF_Doc pdf);

}  // namespace brevgen::pdf
