// Helpers over libharu's object API; see haru.hpp.
#include "pdf/haru.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <optional>

#include "common/utf8.hpp"
#include "pdf/deflate.hpp"

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

namespace {

/// The data of a stream object brevgen writes itself (see new_stream); owned by the
/// dictionary through its free_fn, so it lives exactly as long as libharu's object.
struct OwnStream {
    std::string data;
    bool deflated = false;
};

void free_own(HPDF_Dict dict) {
    delete static_cast<OwnStream*>(dict->attr);
    dict->attr = nullptr;
}

}  // namespace

std::optional<StreamData> own_stream(HPDF_Dict dict) {
    if (dict->free_fn != free_own || dict->attr == nullptr) return std::nullopt;
    const auto* s = static_cast<const OwnStream*>(dict->attr);
    return StreamData{s->data, s->deflated};
}

HPDF_Dict new_stream(HPDF_Doc pdf, std::string_view data, bool compress) {
    if (compress) return new_deflated_stream(pdf, flate_encode(data));
    HPDF_Dict dict = new_object(pdf);
    dict->attr = new OwnStream{std::string(data), false};
    dict->free_fn = free_own;
    return dict;
}

HPDF_Dict new_deflated_stream(HPDF_Doc pdf, std::string_view deflated) {
    HPDF_Dict dict = new_stream(pdf, deflated, false);
    static_cast<OwnStream*>(dict->attr)->deflated = true;
    return dict;
}

void set_stream_data(HPDF_Dict stream, std::string_view data) {
    HPDF_MemStream_FreeData(stream->stream);
    if (!data.empty())
        HPDF_Stream_Write(stream->stream, reinterpret_cast<const HPDF_BYTE*>(data.data()),
                          static_cast<HPDF_UINT>(data.size()));
}

void set_page_content(HPDF_Page page, std::string_view content) {
    auto* attr = static_cast<HPDF_PageAttr>(page->attr);
    // libharu never writes the stream (serialise() does): the flag only says the data is
    // compressed already.
    attr->contents->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    set_stream_data(attr->contents, flate_encode(content));
}

namespace {

/// PDFDocEncoding's bytes 0x80–0xA0, which differ from Latin-1 (0x9F is unassigned).
constexpr char32_t pdfdoc_high[] = {
    0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044, 0x2039, 0x203A, 0x2212,
    0x2030, 0x201E, 0x201C, 0x201D, 0x2018, 0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02, 0x0141,
    0x0152, 0x0160, 0x0178, 0x017D, 0x0131, 0x0142, 0x0153, 0x0161, 0x017E, 0xFFFF, 0x20AC};

/// The text in PDFDocEncoding, when every character has a code there; Danish text
/// nearly always does, and takes a quarter of the space of UTF-16 in hex.
std::optional<std::string> to_pdfdoc(std::string_view utf8) {
    std::string out;
    std::size_t i = 0;
    while (i < utf8.size()) {
        const char32_t cp = utf8::decode(utf8, i);
        if ((cp >= 0x20 && cp < 0x7F) || (cp >= 0xA1 && cp <= 0xFF && cp != 0xAD)) {
            out += static_cast<char>(cp);
            continue;
        }
        const auto* hit = std::find(std::begin(pdfdoc_high), std::end(pdfdoc_high), cp);
        if (hit == std::end(pdfdoc_high)) return std::nullopt;
        out += static_cast<char>(0x80 + (hit - std::begin(pdfdoc_high)));
    }
    return out;
}

}  // namespace

void* text_string(HPDF_Doc pdf, std::string_view utf8) {
    if (auto doc = to_pdfdoc(utf8)) return HPDF_String_New(pdf->mmgr, doc->c_str(), nullptr);
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

void append_milli(std::string& out, long long milli) {
    if (milli < 0) {
        out += '-';
        milli = -milli;
    }
    char buf[32];
    char* end = std::to_chars(buf, buf + sizeof buf, milli / 1000).ptr;
    if (long long frac = milli % 1000; frac != 0) {
        *end++ = '.';
        for (long long unit = 100; frac != 0; unit /= 10) {
            *end++ = static_cast<char>('0' + frac / unit);
            frac %= unit;
        }
    }
    out.append(buf, end);
}

void append_number(std::string& out, double v) { append_milli(out, std::llround(v * 1000.0)); }

}  // namespace brevgen::pdf::haru
