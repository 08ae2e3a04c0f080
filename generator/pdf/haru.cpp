// Helpers over libharu's object API; see haru.hpp.
#include "pdf/haru.hpp"

#include <cmath>
#include <cstdio>

#include <zlib.h>

#include "common/utf8.hpp"

namespace brevgen::pdf::haru {

void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) {
    auto* state = static_cast<ErrorState*>(user_data);
    if (state != nullptr && state->code == 0) {
        state->code = error_no;
        state->detail = detail_no;
    }
}

void check(const ErrorState& state, bool ok, std::string_view what) {
    if (state.code == 0 && ok) return;
    char code[64];
    std::snprintf(code, sizeof code, "libharu error 0x%04X (detail %u)", static_cast<unsigned>(state.code),
                  static_cast<unsigned>(state.detail));
    throw PdfError(std::string(state.code != 0 ? code : "libharu call failed") + " while " + std::string(what));
}

HPDF_Dict new_dict(HPDF_Doc pdf) { return HPDF_Dict_New(pdf->mmgr); }

HPDF_Array new_array(HPDF_Doc pdf) { return HPDF_Array_New(pdf->mmgr); }

HPDF_Dict new_object(HPDF_Doc pdf) {
    HPDF_Dict dict = HPDF_Dict_New(pdf->mmgr);
    if (dict == nullptr || HPDF_Xref_Add(pdf->xref, dict) != HPDF_OK) throw PdfError("cannot create a PDF object");
    return dict;
}

std::string deflate(std::string_view data) {
    uLongf size = compressBound(static_cast<uLong>(data.size()));
    std::string out(size, '\0');
    // Level 6 (zlib's default) costs twice level 1 for ~2 % smaller letters: font outlines
    // hardly compress either way, and speed per letter matters more.
    if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(data.data()),
                  static_cast<uLong>(data.size()), 1) != Z_OK)
        throw PdfError("zlib cannot compress a stream (out of memory)");
    out.resize(size);
    return out;
}

namespace {

/// libharu drops a /Filter key from streams it does not compress itself, so the filter
/// of a stream compressed beforehand is written by this hook instead.
HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream stream) {
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

}  // namespace

HPDF_Dict new_stream(HPDF_Doc pdf, std::string_view data, bool compress) {
    if (compress) return new_deflated_stream(pdf, deflate(data));
    HPDF_Dict stream = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (stream == nullptr) throw PdfError("cannot create a stream object");
    set_stream_data(stream, data);
    return stream;
}

HPDF_Dict new_deflated_stream(HPDF_Doc pdf, std::string_view deflated) {
    HPDF_Dict stream = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (stream == nullptr) throw PdfError("cannot create a stream object");
    stream->write_fn = write_flate_filter;
    set_stream_data(stream, deflated);
    return stream;
}

void set_stream_data(HPDF_Dict stream, std::string_view data) {
    HPDF_MemStream_FreeData(stream->stream);
    if (!data.empty())
        HPDF_Stream_Write(stream->stream, reinterpret_cast<const HPDF_BYTE*>(data.data()),
                          static_cast<HPDF_UINT>(data.size()));
}

void write_content(HPDF_Page page, std::string_view data) {
    auto* attr = static_cast<HPDF_PageAttr>(page->attr);
    HPDF_Stream_Write(attr->stream, reinterpret_cast<const HPDF_BYTE*>(data.data()),
                      static_cast<HPDF_UINT>(data.size()));
}

void* text_string(HPDF_Doc pdf, std::string_view utf8) {
    bool ascii = true;
    for (char c : utf8) ascii = ascii && c >= 0x20 && c < 0x7F;
    if (ascii) return HPDF_String_New(pdf->mmgr, std::string(utf8).c_str(), nullptr);
    std::string utf16 = "\xFE\xFF";
    std::size_t i = 0;
    while (i < utf8.size()) {
        char32_t cp = utf8::decode(utf8, i);
        const auto put = [&](unsigned unit) {
            utf16 += static_cast<char>(unit >> 8);
            utf16 += static_cast<char>(unit & 0xFF);
        };
        if (cp >= 0x10000) {
            cp -= 0x10000;
            put(0xD800 + static_cast<unsigned>(cp >> 10));
            put(0xDC00 + static_cast<unsigned>(cp & 0x3FF));
        } else {
            put(static_cast<unsigned>(cp));
        }
    }
    return HPDF_Binary_New(pdf->mmgr, reinterpret_cast<HPDF_BYTE*>(utf16.data()),
                           static_cast<HPDF_UINT>(utf16.size()));
}

void add_text(HPDF_Doc pdf, HPDF_Dict dict, const char* key, std::string_view utf8) {
    HPDF_Dict_Add(dict, key, text_string(pdf, utf8));
}

void append_number(std::string& out, double v) {
    long long milli = std::llround(v * 1000.0);
    if (milli < 0) {
        out += '-';
        milli = -milli;
    }
    out += std::to_string(milli / 1000);
    if (long long frac = milli % 1000; frac != 0) {
        char digits[5];
        std::snprintf(digits, sizeof digits, ".%03lld", frac);
        std::string_view d(digits);
        while (d.back() == '0') d.remove_suffix(1);
        out += d;
    }
}

}  // namespace brevgen::pdf::haru
