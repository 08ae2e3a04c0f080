#pragma once
/// Internal to the PDF stage: thin helpers over libharu's object API (hpdf_objects.h), which
/// brevgen uses for everything libharu 2.3.0 has no public call for (tagging, PDF/A).

#include <hpdf.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>

#include <optional>
#include <string>
#include <string_view>

#include "pdf/writer.hpp"

namespace brevgen::pdf::haru {

/// The first libharu error since the last reset; libharu reports through a C callback,
/// and C++ exceptions must not unwind through its C frames, so the callback only records.
struct ErrorState {
    HPDF_STATUS code = 0;
    HPDF_STATUS detail = 0;
};

/// The callback given to HPDF_New; user_data is the ErrorState.
void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data);

/// Throws PdfError ("libharu error 0x1234 (detail 5) while <what>") if libharu reported
/// an error or `ok` is false.
void check(const ErrorState& state, bool ok, std::string_view what);

/// A new direct dictionary / array owned by whatever it is added to.
HPDF_Dict new_dict(HPDF_Doc pdf);
HPDF_Array new_array(HPDF_Doc pdf);

/// A new indirect dictionary (its own numbered object).
HPDF_Dict new_object(HPDF_Doc pdf);

/// A new stream object holding `data`, compressed with FlateDecode when `compress`.
/// Its bytes live beside libharu's object (see own_stream), not in a libharu stream.
HPDF_Dict new_stream(HPDF_Doc pdf, std::string_view data, bool compress);

/// A new FlateDecode stream object from data flate_encode() (deflate.hpp) already
/// compressed (so data that recurs, like the ICC profile, is compressed once per Writer,
/// not once per letter).
HPDF_Dict new_deflated_stream(HPDF_Doc pdf, std::string_view deflated);

/// A PDF text string: PDFDocEncoding when it can hold the text, else UTF-16BE with a BOM.
void* text_string(HPDF_Doc pdf, std::string_view utf8);

/// Adds a text string entry.
void add_text(HPDF_Doc pdf, HPDF_Dict dict, const char* key, std::string_view utf8);

/// The bytes of a stream object new_stream made.
struct StreamData {
    std::string_view bytes;
    bool deflated = false;  ///< FlateDecode-compressed
};

/// The data of a stream new_stream or new_deflated_stream made; nullopt for any other
/// dictionary.
std::optional<StreamData> own_stream(HPDF_Dict dict);

/// Replaces the bytes of a libharu stream object.
void set_stream_data(HPDF_Dict stream, std::string_view data);

/// Sets a page's content stream to `content`, compressed here rather than by libharu,
/// which sets up a new zlib state for every page.
void set_page_content(HPDF_Page page, std::string_view content);

/// Formats a number compactly and deterministically (at most 3 decimals, no "-0").
void append_number(std::string& out, double v);

/// The same for a number given in thousandths (what append_number rounds `v * 1000` to).
void append_milli(std::string& out, long long milli);

}  // namespace brevgen::pdf::haru
