// Builds the font objects with libharu's object API rather than HPDF_GetFont: in UTF-8
// mode libharu 2.3.0 describes every code point of the font file in every document (a
// 65536-step loop with a linear cmap search, ~0.6 ms per face, a 128 KB CIDToGIDMap and a
// W entry per mapped character) and embeds hmtx/loca/name for all of the file's glyphs.
// A letter uses ~60 characters; describing just those makes it several times smaller and
// faster, and its bytes depend only on its own text.
#include "pdf/font_embed.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "fonts/truetype_subset.hpp"
#include "pdf/deflate.hpp"

namespace brevgen::pdf {

namespace {

void append_hex4(std::string& out, unsigned v) {
    static constexpr char digits[] = "0123456789ABCDEF";
    out += '<';
    for (int shift = 12; shift >= 0; shift -= 4) out += digits[(v >> shift) & 0xF];
    out += '>';
}

/// Six capital letters naming this subset (PDF's "ABCDEF+Font" convention), derived from
/// the characters so that equal subsets get equal names.
std::string subset_tag(const std::vector<char32_t>& cps) {
    std::uint64_t h = 1469598103934665603ull;
    for (char32_t cp : cps) h = (h ^ cp) * 1099511628211ull;
    std::string tag;
    for (int i = 0; i < 6; ++i, h /= 26) tag += static_cast<char>('A' + h % 26);
    return tag;
}

/// CID i + 1 → code_points[i]. A bfrange may only vary in its last byte, on both sides.
std::string to_unicode_cmap(const std::vector<char32_t>& cps) {
    struct Range {
        unsigned first_cid, last_cid;
        char32_t first_cp;
    };
    std::vector<Range> ranges;
    for (std::size_t i = 0; i < cps.size(); ++i) {
        const auto cid = static_cast<unsigned>(i + 1);
        if (!ranges.empty() && (cid & 0xFF) != 0 && (cps[i] & 0xFF) != 0 && cps[i] == cps[i - 1] + 1)
            ranges.back().last_cid = cid;
        else
            ranges.push_back({cid, cid, cps[i]});
    }
    std::string out =
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n"
        "/CMapName/Adobe-Identity-UCS def/CMapType 2 def\n"
        "1 begincodespacerange<0000><FFFF>endcodespacerange\n";
    for (std::size_t i = 0; i < ranges.size(); i += 100) {
        const std::size_t n = std::min<std::size_t>(100, ranges.size() - i);
        out += std::to_string(n) + " beginbfrange\n";
        for (std::size_t k = i; k < i + n; ++k) {
            append_hex4(out, ranges[k].first_cid);
            append_hex4(out, ranges[k].last_cid);
            append_hex4(out, static_cast<unsigned>(ranges[k].first_cp));
            out += '\n';
        }
        out += "endbfrange\n";
    }
    out += "endcmap CMapName currentdict/CMap defineresource pop end end\n";
    return out;
}

/// Bits for CIDs 0..n: PDF/A-1 wants a subset CIDFont to say which CIDs it holds.
std::string cid_set(std::size_t n) {
    std::string bits(n / 8 + 1, '\0');
    for (std::size_t cid = 0; cid <= n; ++cid) bits[cid / 8] = static_cast<char>(bits[cid / 8] | (0x80 >> (cid % 8)));
    return bits;
}

/// The compressed streams of one subset. Letters of one kind draw nearly the same
/// characters, so a nightly batch sees the same subsets again and again: subsetting and
/// deflating them once per thread saves most of a letter's compression time.
struct SubsetStreams {
    const fonts::FontMetrics* metrics = nullptr;
    std::vector<char32_t> code_points;
    std::string program;     ///< deflated
    std::size_t program_size = 0;
    std::string to_unicode;  ///< deflated
    std::string cid_set;     ///< deflated if cid_set_deflated
    bool cid_set_deflated = false;
};

const SubsetStreams& subset_streams(const fonts::FontMetrics& metrics, const EmbeddedFace& face,
                                    const std::vector<std::uint16_t>& glyphs) {
    thread_local std::vector<SubsetStreams> cache;  // most recently used last; small and bounded
    for (auto it = cache.begin(); it != cache.end(); ++it) {
        if (it->metrics == &metrics && it->code_points == face.code_points) {
            std::rotate(it, it + 1, cache.end());
            return cache.back();
        }
    }
    if (cache.size() >= 16) cache.erase(cache.begin());
    SubsetStreams s;
    s.metrics = &metrics;
    s.code_points = face.code_points;
    const std::string program = fonts::subset_glyphs(metrics, glyphs);
    s.program_size = program.size();
    s.program = flate_encode(program);
    s.to_unicode = flate_encode(to_unicode_cmap(face.code_points));
    // A letter's CIDSet is a few bytes of ones: deflated, it would grow by the deflate
    // framing and the /Filter entry. Larger sets are deflated when that is smaller.
    s.cid_set = cid_set(face.code_points.size());
    if (std::string deflated = flate_encode(s.cid_set); deflated.size() + std::strlen("/Filter/FlateDecode") < s.cid_set.size()) {
        s.cid_set = std::move(deflated);
        s.cid_set_deflated = true;
    }
    cache.push_back(std::move(s));
    return cache.back();
}

HPDF_Dict descriptor(HPDF_Doc pdf, const fonts::FontMetrics& metrics, const std::string& name,
                     const SubsetStreams& streams, bool pdfa) {
    const fonts::FontFacts& f = metrics.facts();
    HPDF_Dict d = haru::new_object(pdf);
    HPDF_Dict_AddName(d, "Type", "FontDescriptor");
    HPDF_Dict_AddName(d, "FontName", name.c_str());
    // Symbolic: the letter fonts hold more than the standard Latin set (Vietnamese).
    HPDF_Dict_AddNumber(d, "Flags", 4 | (f.fixed_pitch ? 1 : 0) | (f.serif ? 2 : 0) | (f.italic ? 64 : 0));
    HPDF_Array bbox = haru::new_array(pdf);
    HPDF_Dict_Add(d, "FontBBox", bbox);
    for (double v : f.bbox) HPDF_Array_AddNumber(bbox, static_cast<HPDF_INT32>(std::lround(v)));
    HPDF_Dict_AddReal(d, "ItalicAngle", static_cast<HPDF_REAL>(f.italic_angle));
    HPDF_Dict_AddNumber(d, "Ascent", static_cast<HPDF_INT32>(std::lround(f.hhea_ascent)));
    HPDF_Dict_AddNumber(d, "Descent", static_cast<HPDF_INT32>(std::lround(f.hhea_descent)));
    HPDF_Dict_AddNumber(d, "CapHeight", static_cast<HPDF_INT32>(std::lround(metrics.cap_height())));
    // The usual estimate from the weight class; viewers only use it for substitution.
    HPDF_Dict_AddNumber(d, "StemV", static_cast<HPDF_INT32>(50 + std::lround(std::pow(f.weight / 65.0, 2))));
    HPDF_Dict file = haru::new_deflated_stream(pdf, streams.program);
    HPDF_Dict_AddNumber(file, "Length1", static_cast<HPDF_INT32>(streams.program_size));
    HPDF_Dict_Add(d, "FontFile2", file);
    if (pdfa)
        HPDF_Dict_Add(d, "CIDSet", streams.cid_set_deflated ? haru::new_deflated_stream(pdf, streams.cid_set)
                                                             : haru::new_stream(pdf, streams.cid_set, false));
    return d;
}

/// /DW, the width most glyphs share (a Latin text font: the digits and half the lower
/// case), and /W with the others, CID 1 first: runs of consecutive CIDs as `c [w …]`; a
/// single default width inside a run stays in it (splitting the run would cost more).
void add_widths(HPDF_Doc pdf, HPDF_Dict cid, const std::vector<HPDF_INT32>& widths) {
    std::map<HPDF_INT32, std::size_t> counts;
    for (HPDF_INT32 w : widths) ++counts[w];
    const HPDF_INT32 dw = std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
                              return a.second < b.second;
                          })->first;
    if (dw != 1000) HPDF_Dict_AddNumber(cid, "DW", dw);  // 1000 is the default
    HPDF_Array w = haru::new_array(pdf);
    HPDF_Dict_Add(cid, "W", w);
    const std::size_t n = widths.size();
    for (std::size_t i = 0; i < n;) {
        if (widths[i] == dw) {
            ++i;
            continue;
        }
        HPDF_Array_AddNumber(w, static_cast<HPDF_INT32>(i + 1));
        HPDF_Array run = haru::new_array(pdf);
        HPDF_Array_Add(w, run);
        for (; i < n; ++i) {
            const bool single_gap = widths[i] == dw && i + 1 < n && widths[i + 1] != dw;
            if (widths[i] == dw && !single_gap) break;
            HPDF_Array_AddNumber(run, widths[i]);
        }
    }
}

HPDF_Dict cid_font(HPDF_Doc pdf, const fonts::FontMetrics& metrics, const EmbeddedFace& face,
                   const std::string& name, HPDF_Dict font_descriptor) {
    // Direct, inside DescendantFonts: ISO 32000-1 asks an indirect reference only for the
    // FontDescriptor (an object of its own costs ~35 bytes with its xref entry).
    HPDF_Dict cid = haru::new_dict(pdf);
    HPDF_Dict_AddName(cid, "Type", "Font");
    HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
    HPDF_Dict_AddName(cid, "BaseFont", name.c_str());
    HPDF_Dict info = haru::new_dict(pdf);
    HPDF_Dict_Add(cid, "CIDSystemInfo", info);
    HPDF_Dict_Add(info, "Registry", HPDF_String_New(pdf->mmgr, "Adobe", nullptr));
    HPDF_Dict_Add(info, "Ordering", HPDF_String_New(pdf->mmgr, "Identity", nullptr));
    HPDF_Dict_AddNumber(info, "Supplement", 0);
    HPDF_Dict_Add(cid, "FontDescriptor", font_descriptor);
    HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity");
    // Whole thousandths: the error (< 0.0005 em a glyph) is invisible, the file shorter.
    std::vector<HPDF_INT32> widths;
    widths.reserve(face.code_points.size());
    for (char32_t cp : face.code_points) widths.push_back(static_cast<HPDF_INT32>(std::lround(metrics.advance(cp))));
    add_widths(pdf, cid, widths);
    return cid;
}

}  // namespace

std::uint16_t EmbeddedFace::cid_by_search(char32_t cp) const {
    const auto it = std::lower_bound(code_points.begin(), code_points.end(), cp);
    return static_cast<std::uint16_t>(it - code_points.begin() + 1);
}

void embed(HPDF_Doc pdf, const fonts::FontMetrics& metrics, EmbeddedFace& face, bool pdfa) {
    if (face.code_points.empty() || face.code_points.size() >= 0xFFFF) throw PdfError("bad font subset size");
    std::vector<std::uint16_t> glyphs;
    glyphs.reserve(face.code_points.size());
    for (std::size_t i = 0; i < face.code_points.size(); ++i) {
        const char32_t cp = face.code_points[i];
        glyphs.push_back(metrics.glyph_id(cp));
        if (cp < face.latin.size()) face.latin[cp] = static_cast<std::uint16_t>(i + 1);
    }
    const SubsetStreams& streams = subset_streams(metrics, face, glyphs);
    const std::string name = subset_tag(face.code_points) + "+" + metrics.facts().postscript_name;

    HPDF_Dict font_descriptor = descriptor(pdf, metrics, name, streams, pdfa);
    HPDF_Dict cid = cid_font(pdf, metrics, face, name, font_descriptor);
    face.font = haru::new_object(pdf);
    HPDF_Dict_AddName(face.font, "Type", "Font");
    HPDF_Dict_AddName(face.font, "Subtype", "Type0");
    HPDF_Dict_AddName(face.font, "BaseFont", name.c_str());
    HPDF_Dict_AddName(face.font, "Encoding", "Identity-H");
    HPDF_Array descendants = haru::new_array(pdf);
    HPDF_Dict_Add(face.font, "DescendantFonts", descendants);
    HPDF_Array_Add(descendants, cid);
    HPDF_Dict_Add(face.font, "ToUnicode", haru::new_deflated_stream(pdf, streams.to_unicode));
}

}  // namespace brevgen::pdf
