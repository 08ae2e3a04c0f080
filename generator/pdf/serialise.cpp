// The file's bytes from libharu's objects; see serialise.hpp.
#include "pdf/serialise.hpp"

#include <hpdf_objects.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <string_view>
#include <vector>

#include "pdf/haru.hpp"
#include "pdf/writer.hpp"

namespace brevgen::pdf {

namespace {

constexpr std::uint32_t id_mask = 0x00FFFFFF;
constexpr std::uint32_t skipped = 0;

/// Whether a byte is a PDF regular character: delimiters and whitespace end a token by
/// themselves; between two regular characters a space is needed.
constexpr std::array<bool, 256> regular_table = [] {
    std::array<bool, 256> t{};
    t.fill(true);
    for (unsigned char c : std::string_view("()<>[]{}/% \n\r\t\f", 15)) t[c] = false;
    t[0] = false;
    return t;
}();

bool regular(char c) { return regular_table[static_cast<unsigned char>(c)]; }

/// Whether a name byte must be written as #xx.
constexpr std::array<bool, 256> name_escape = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c) t[static_cast<std::size_t>(c)] = c < 0x21 || c > 0x7E || !regular_table[static_cast<std::size_t>(c)] || c == '#';
    return t;
}();

class Serialiser {
public:
    explicit Serialiser(HPDF_Doc pdf) : pdf_(pdf) {}

    std::string run();

private:
    HPDF_Doc pdf_;
    std::string out_;
    std::vector<std::uint32_t> number_;  ///< libharu's object id → the file's (skipped: not written)

    /// Starts a token beginning with `first`, with a space only where two regular
    /// characters would otherwise run together.
    void separate(char first) {
        if (!out_.empty() && regular(out_.back()) && regular(first)) out_ += ' ';
    }

    void integer(long long v) {
        char buf[24];
        const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
        separate(buf[0]);
        out_.append(buf, end);
    }

    void real(float v) {
        char buf[64];
        // Fixed notation (PDF has no exponents), as few digits as give back the same float.
        const auto end = v == 0.0f ? (buf[0] = '0', buf + 1) : std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed).ptr;
        separate(buf[0]);
        out_.append(buf, end);
    }

    void name(const char* n) {
        out_ += '/';
        const std::string_view plain(n);
        if (std::none_of(plain.begin(), plain.end(), [](char c) { return name_escape[static_cast<unsigned char>(c)]; })) {
            out_.append(plain);
            return;
        }
        static constexpr char hex[] = "0123456789ABCDEF";
        for (const char* p = n; *p != '\0'; ++p) {
            const auto c = static_cast<unsigned char>(*p);
            if (name_escape[c]) {
                out_ += '#';
                out_ += hex[c >> 4];
                out_ += hex[c & 0xF];
            } else {
                out_ += static_cast<char>(c);
            }
        }
    }

    /// A literal string: bytes as they are, with only the backslash, parentheses and CR
    /// escaped (a raw CR would be read as a line end).
    void literal(const HPDF_BYTE* bytes, HPDF_UINT len) {
        out_ += '(';
        const std::string_view text(reinterpret_cast<const char*>(bytes), len);
        if (text.find_first_of("()\\\r") == std::string_view::npos) {
            out_.append(text);
            out_ += ')';
            return;
        }
        for (HPDF_UINT i = 0; i < len; ++i) {
            const char c = static_cast<char>(bytes[i]);
            if (c == '(' || c == ')' || c == '\\') out_ += '\\';
            if (c == '\r') {
                out_ += "\\r";
                continue;
            }
            out_ += c;
        }
        out_ += ')';
    }

    void hex_string(const HPDF_BYTE* bytes, HPDF_UINT len) {
        static constexpr char hex[] = "0123456789ABCDEF";
        out_ += '<';
        for (HPDF_UINT i = 0; i < len; ++i) {
            out_ += hex[bytes[i] >> 4];
            out_ += hex[bytes[i] & 0xF];
        }
        out_ += '>';
    }

    void reference(const void* obj) {
        const auto id = static_cast<const HPDF_Obj_Header*>(obj)->obj_id & id_mask;
        if (id >= number_.size() || number_[id] == skipped) throw PdfError("an object refers to an object that is not written");
        integer(number_[id]);
        out_ += " 0 R";
    }

    /// An object where it is used: a reference when it is indirect.
    void value(const void* obj);
    /// The object itself.
    void body(const void* obj);
    /// "<<" and the entries, without the ">>" (a stream adds its own entries first).
    void dict(HPDF_Dict d);
    void object(HPDF_Dict d);
    void stream(HPDF_Dict d, std::string_view bytes, HPDF_UINT filter);
    void number_objects();
};

void Serialiser::value(const void* obj) {
    if ((static_cast<const HPDF_Obj_Header*>(obj)->obj_id & HPDF_OTYPE_INDIRECT) != 0) return reference(obj);
    body(obj);
}

void Serialiser::body(const void* obj) {
    const auto* header = static_cast<const HPDF_Obj_Header*>(obj);
    switch (header->obj_class & HPDF_OCLASS_ANY) {
        case HPDF_OCLASS_NULL: separate('n'); out_ += "null"; break;
        case HPDF_OCLASS_BOOLEAN:
            separate('t');
            out_ += static_cast<const HPDF_Boolean_Rec*>(obj)->value ? "true" : "false";
            break;
        case HPDF_OCLASS_NUMBER: integer(static_cast<const HPDF_Number_Rec*>(obj)->value); break;
        case HPDF_OCLASS_REAL: real(static_cast<const HPDF_Real_Rec*>(obj)->value); break;
        case HPDF_OCLASS_NAME: name(static_cast<const HPDF_Name_Rec*>(obj)->value); break;
        case HPDF_OCLASS_STRING: {
            const auto* s = static_cast<const HPDF_String_Rec*>(obj);
            literal(s->value, s->len);
            break;
        }
        case HPDF_OCLASS_BINARY: {
            const auto* b = static_cast<const HPDF_Binary_Rec*>(obj);
            hex_string(b->value, b->len);
            break;
        }
        case HPDF_OCLASS_ARRAY: {
            const auto* a = static_cast<const HPDF_Array_Rec*>(obj);
            out_ += '[';
            for (HPDF_UINT i = 0; i < a->list->count; ++i) value(a->list->obj[i]);
            out_ += ']';
            break;
        }
        case HPDF_OCLASS_DICT:
            dict(static_cast<HPDF_Dict>(const_cast<void*>(obj)));
            out_ += ">>";
            break;
        case HPDF_OCLASS_PROXY: reference(static_cast<const HPDF_Proxy_Rec*>(obj)->obj); break;
        default: throw PdfError("libharu holds an object of an unknown kind");
    }
}

void Serialiser::dict(HPDF_Dict d) {
    if (d->write_fn != nullptr || d->after_write_fn != nullptr) throw PdfError("a libharu object needs its own writer");
    if (d->before_write_fn != nullptr && d->before_write_fn(d) != HPDF_OK) throw PdfError("libharu cannot finish an object");
    const bool is_stream = d->stream != nullptr;
    out_ += "<<";
    for (HPDF_UINT i = 0; i < d->list->count; ++i) {
        const auto* element = static_cast<const HPDF_DictElement_Rec*>(d->list->obj[i]);
        if (element->value == nullptr) throw PdfError("a libharu dictionary holds an empty value");
        if ((static_cast<const HPDF_Obj_Header*>(element->value)->obj_id & HPDF_OTYPE_HIDDEN) != 0) continue;
        // A libharu stream's /Length is an object of its own and its /Filter follows the
        // filter flags; both are written directly by stream().
        if (is_stream && (std::strcmp(element->key, "Length") == 0 || std::strcmp(element->key, "Filter") == 0)) continue;
        name(element->key);
        value(element->value);
    }
}

void Serialiser::stream(HPDF_Dict d, std::string_view bytes, HPDF_UINT filter) {
    dict(d);
    out_ += "/Length";
    integer(static_cast<long long>(bytes.size()));
    if ((filter & HPDF_STREAM_FILTER_FLATE_DECODE) != 0) out_ += "/Filter/FlateDecode";
    else if ((filter & HPDF_STREAM_FILTER_DCT_DECODE) != 0) out_ += "/Filter/DCTDecode";
    out_ += ">>\nstream\n";
    out_ += bytes;
    out_ += "\nendstream";
}

void Serialiser::object(HPDF_Dict d) {
    if (auto own = haru::own_stream(d)) {
        stream(d, own->bytes, own->deflated ? HPDF_STREAM_FILTER_FLATE_DECODE : HPDF_STREAM_FILTER_NONE);
    } else if (d->stream != nullptr) {
        std::string bytes;
        bytes.reserve(d->stream->size);
        for (HPDF_UINT i = 0, n = HPDF_MemStream_GetBufCount(d->stream); i < n; ++i) {
            HPDF_UINT len = 0;
            const HPDF_BYTE* chunk = HPDF_MemStream_GetBufPtr(d->stream, i, &len);
            if (chunk != nullptr) bytes.append(reinterpret_cast<const char*>(chunk), len);
        }
        if (bytes.size() != d->stream->size) throw PdfError("a libharu stream is inconsistent");
        stream(d, bytes, d->filter);
    } else {
        dict(d);
        out_ += ">>";
    }
}

/// Numbers the objects 1..n in libharu's order, leaving out the length objects of
/// libharu's own streams (their lengths are written directly).
void Serialiser::number_objects() {
    const HPDF_List entries = pdf_->xref->entries;
    if (pdf_->xref->start_offset != 0 || pdf_->xref->prev != nullptr) throw PdfError("libharu's xref is not a single section");
    number_.assign(entries->count, 1);
    number_[0] = skipped;  // the free entry
    for (HPDF_UINT i = 1; i < entries->count; ++i) {
        const auto* entry = static_cast<const HPDF_XrefEntry_Rec*>(entries->obj[i]);
        const auto* header = static_cast<const HPDF_Obj_Header*>(entry->obj);
        if ((header->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT) continue;
        const auto d = static_cast<HPDF_Dict>(entry->obj);
        if (d->stream == nullptr) continue;
        const void* length = HPDF_Dict_GetItem(d, "Length", HPDF_OCLASS_NUMBER);
        if (length != nullptr) number_[static_cast<const HPDF_Obj_Header*>(length)->obj_id & id_mask] = skipped;
    }
    std::uint32_t next = 1;
    for (auto& n : number_)
        if (n != skipped) n = next++;
}

std::string Serialiser::run() {
    number_objects();
    const HPDF_List entries = pdf_->xref->entries;
    std::vector<std::size_t> offsets;
    offsets.reserve(entries->count);
    out_.reserve(32 * 1024);
    out_ += "%PDF-1.4\n%\xB7\xBE\xAD\xAA\n";  // binary bytes so transfers treat the file as binary (PDF/A-1)
    for (HPDF_UINT i = 1; i < entries->count; ++i) {
        if (number_[i] == skipped) continue;
        const auto* entry = static_cast<const HPDF_XrefEntry_Rec*>(entries->obj[i]);
        offsets.push_back(out_.size());
        integer(number_[i]);
        out_ += " 0 obj\n";
        if ((static_cast<const HPDF_Obj_Header*>(entry->obj)->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT)
            object(static_cast<HPDF_Dict>(entry->obj));
        else
            body(entry->obj);
        out_ += "\nendobj\n";
    }
    const std::size_t xref_at = out_.size();
    out_ += "xref\n0 ";
    integer(static_cast<long long>(offsets.size() + 1));
    out_ += "\n0000000000 65535 f\r\n";
    for (std::size_t offset : offsets) {
        char entry[21] = "0000000000 00000 n\r\n";
        for (int d = 9; d >= 0 && offset != 0; --d, offset /= 10) entry[d] = static_cast<char>('0' + offset % 10);
        if (offset != 0) throw PdfError("the file is too large for a cross-reference table");
        out_.append(entry, 20);
    }
    out_ += "trailer\n<</Size";
    integer(static_cast<long long>(offsets.size() + 1));
    out_ += "/Root";
    reference(pdf_->catalog);
    out_ += "/Info";
    reference(pdf_->info);
    out_ += "/ID[<00000000000000000000000000000000><00000000000000000000000000000000>]>>\nstartxref\n";
    integer(static_cast<long long>(xref_at));
    out_ += "\n%%EOF\n";
    return std::move(out_);
}

}  // namespace

std::string serialise(HPDF_Doc pdf) { return Serialiser(pdf).run(); }

}  // namespace brevgen::pdf
