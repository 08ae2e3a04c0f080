#pragma once
/// Internal to the PDF stage: Flate compression of the streams brevgen writes (page
/// content, font subsets, ToUnicode, CIDSet, the ICC profile, decoded images).

#include <string>
#include <string_view>

namespace brevgen::pdf {

/// `data` compressed in the zlib format (RFC 1950) FlateDecode expects, with libdeflate
/// at one fixed level: the same input always gives the same bytes. Throws PdfError when
/// memory runs out.
std::string flate_encode(std::string_view data);

}  // namespace brevgen::pdf
