// TrueType subsetting for embedding. Renumbering glyphs (instead of keeping the source's
// numbering with empty slots, as libharu does) keeps hmtx and loca as short as the glyph
// list, which is most of what makes a letter's font small.
#include "fonts/truetype_subset.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <map>
#include <utility>

#include "fonts/glyph_halve.hpp"
#include "fonts/truetype.hpp"

namespace brevgen::fonts {

namespace {

using detail::find_table;
using detail::Reader;
using detail::Table;

void put16(std::string& out, std::size_t at, unsigned v) {
    out[at] = static_cast<char>((v >> 8) & 0xFF);
    out[at + 1] = static_cast<char>(v & 0xFF);
}

void append16(std::string& out, unsigned v) {
    out += static_cast<char>((v >> 8) & 0xFF);
    out += static_cast<char>(v & 0xFF);
}

void append32(std::string& out, std::uint32_t v) {
    append16(out, v >> 16);
    append16(out, v & 0xFFFF);
}

std::uint32_t checksum(std::string_view data) {
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < data.size(); i += 4) {
        std::uint32_t word = 0;
        for (std::size_t k = 0; k < 4; ++k)
            word = (word << 8) | (i + k < data.size() ? static_cast<unsigned char>(data[i + k]) : 0u);
        sum += word;
    }
    return sum;
}

/// The source's glyph outlines, addressed through its loca table.
class Glyphs {
public:
    Glyphs(const Reader& r, const FontMetrics& font) : r_(r), count_(font.glyph_count()) {
        const Table head = find_table(r, "head", true);
        long_offsets_ = r.i16(head.offset + 50) == 1;
        loca_ = find_table(r, "loca", true);
        glyf_ = find_table(r, "glyf", true);
    }

    /// The bytes of one glyph's description (empty for glyphs without outline).
    std::string_view get(std::uint16_t gid) const {
        if (gid >= count_) r_.fail("glyph index out of range");
        const std::size_t start = offset(gid), end = offset(gid + 1u);
        if (end < start || end > glyf_.length) r_.fail("bad loca entry");
        return r_.bytes(glyf_.offset + start, end - start, "glyph");
    }

private:
    std::size_t offset(std::size_t i) const {
        return long_offsets_ ? r_.u32(loca_.offset + 4 * i) : 2u * r_.u16(loca_.offset + 2 * i);
    }
    const Reader& r_;
    std::size_t count_;
    bool long_offsets_ = false;
    Table loca_, glyf_;
};

/// Rewrites the component glyph indices of a composite glyph to new ones, appending
/// components not yet in `order`.
void remap_components(const Reader& r, std::string& glyph, std::vector<std::uint16_t>& order,
                      std::map<std::uint16_t, std::uint16_t>& new_id) {
    constexpr unsigned words = 0x1, scale = 0x8, more = 0x20, xy_scale = 0x40, two_by_two = 0x80;
    std::size_t at = 10;
    unsigned flags = more;
    while (flags & more) {
        if (at + 4 > glyph.size()) r.fail("truncated composite glyph");
        flags = (static_cast<unsigned char>(glyph[at]) << 8) | static_cast<unsigned char>(glyph[at + 1]);
        const auto old = static_cast<std::uint16_t>((static_cast<unsigned char>(glyph[at + 2]) << 8) |
                                                    static_cast<unsigned char>(glyph[at + 3]));
        auto [it, added] = new_id.try_emplace(old, static_cast<std::uint16_t>(order.size()));
        if (added) {
            if (order.size() >= 0xFFFF) r.fail("too many glyphs");
            order.push_back(old);
        }
        put16(glyph, at + 2, it->second);
        at += 4 + ((flags & words) ? 4 : 2);
        at += (flags & two_by_two) ? 8 : (flags & xy_scale) ? 4 : (flags & scale) ? 2 : 0;
    }
}

/// The glyph descriptions for the glyphs in `order`, which grows by the components.
/// Glyph 0, the .notdef, is left empty: a letter never draws it.
std::vector<std::string> collect_outlines(const Reader& r, const Glyphs& source, std::vector<std::uint16_t>& order) {
    std::map<std::uint16_t, std::uint16_t> new_id;
    for (std::size_t i = 0; i < order.size(); ++i) new_id.try_emplace(order[i], static_cast<std::uint16_t>(i));
    std::vector<std::string> glyphs;
    for (std::size_t i = 0; i < order.size(); ++i) {  // order may grow inside the loop
        std::string glyph(i == 0 ? std::string_view() : source.get(order[i]));
        if (glyph.size() >= 10 && static_cast<signed char>(glyph[0]) < 0) remap_components(r, glyph, order, new_id);
        glyphs.push_back(std::move(glyph));
    }
    return glyphs;
}

/// Whether the subset is written at half the source's units per em (see glyph_halve.hpp):
/// only for unhinted fonts on a large even em, and only if every glyph can be halved.
bool halve_outlines(const Reader& r, unsigned units_per_em, std::vector<std::string>& glyphs) {
    if (units_per_em < 2000 || units_per_em % 2 != 0) return false;
    for (const char* tag : {"cvt ", "fpgm", "prep"})
        if (find_table(r, tag, false).found) return false;
    std::vector<std::string> halved;
    halved.reserve(glyphs.size());
    for (const std::string& glyph : glyphs) {
        auto h = detail::halved_glyph(r, glyph);
        if (!h) return false;
        halved.push_back(std::move(*h));
    }
    glyphs = std::move(halved);
    return true;
}

/// glyf and loca. Glyphs are padded to even lengths so that loca can use the short format
/// (offset / 2 in 16 bits) whenever glyf stays under 128 KB, as a letter's subset always
/// does: half the bytes of long offsets. `short_loca` says which format was written
/// (head.indexToLocFormat).
std::pair<std::string, std::string> build_outlines(const std::vector<std::string>& glyphs, bool& short_loca) {
    std::string glyf;
    std::vector<std::uint32_t> offsets;
    for (const std::string& glyph : glyphs) {
        offsets.push_back(static_cast<std::uint32_t>(glyf.size()));
        glyf += glyph;
        if (glyf.size() % 2 != 0) glyf += '\0';
    }
    offsets.push_back(static_cast<std::uint32_t>(glyf.size()));
    short_loca = glyf.size() <= 2u * 0xFFFFu;
    std::string loca;
    loca.reserve(offsets.size() * (short_loca ? 2 : 4));
    for (const std::uint32_t offset : offsets) {
        if (short_loca) {
            loca += static_cast<char>((offset / 2) >> 8);
            loca += static_cast<char>((offset / 2) & 0xFF);
        } else {
            append32(loca, offset);
        }
    }
    return {glyf, loca};
}

/// hmtx for the glyphs in `order`. Halved, an advance is the PDF's /W width (whole
/// thousandths of an em, as font_embed.cpp writes it) in the subset's units, so the font
/// program and the font dictionary agree to within half a unit.
std::string build_hmtx(const Reader& r, const std::vector<std::uint16_t>& order, unsigned units_per_em, bool halved) {
    const Table hhea = find_table(r, "hhea", true);
    const Table hmtx = find_table(r, "hmtx", true);
    const std::size_t metrics = r.u16(hhea.offset + 34);
    std::string out;
    for (std::uint16_t gid : order) {
        const std::size_t long_entry = std::min<std::size_t>(gid, metrics - 1);
        unsigned advance = r.u16(hmtx.offset + 4 * long_entry);
        unsigned lsb = gid < metrics ? r.u16(hmtx.offset + 4 * gid + 2)
                                     : r.u16(hmtx.offset + 4 * metrics + 2 * (gid - metrics));
        if (halved) {
            const long width = std::lround(advance * (1000.0 / units_per_em));
            advance = static_cast<unsigned>(std::lround(static_cast<double>(width) * (units_per_em / 2) / 1000.0));
            lsb = static_cast<unsigned>(detail::half(static_cast<std::int16_t>(lsb))) & 0xFFFFu;
        }
        append16(out, advance);
        append16(out, lsb);
    }
    return out;
}

/// Halves the signed 16-bit fields at `offsets` of a copied table.
void halve_fields(std::string& table, std::initializer_list<std::size_t> offsets) {
    for (const std::size_t at : offsets) {
        const auto v = static_cast<std::int16_t>((static_cast<unsigned char>(table[at]) << 8) |
                                                 static_cast<unsigned char>(table[at + 1]));
        put16(table, at, static_cast<unsigned>(detail::half(v)) & 0xFFFFu);
    }
}

/// A table copied from the source, with some 16-bit fields replaced.
std::string copied(const Reader& r, const char* tag, std::size_t min_length,
                   std::initializer_list<std::pair<std::size_t, unsigned>> patches) {
    const Table t = find_table(r, tag, true);
    if (t.length < min_length) r.fail(std::string(tag) + " table too short");
    std::string out(r.bytes(t.offset, t.length, tag));
    for (const auto& [at, value] : patches) put16(out, at, value);
    return out;
}

std::string assemble(std::vector<std::pair<std::string, std::string>> tables) {
    std::sort(tables.begin(), tables.end());
    const std::size_t n = tables.size();
    unsigned power = 1, log2 = 0;
    while (power * 2 <= n) power *= 2, ++log2;
    std::string out;
    append32(out, 0x00010000);
    append16(out, static_cast<unsigned>(n));
    append16(out, power * 16);
    append16(out, log2);
    append16(out, static_cast<unsigned>(n * 16 - power * 16));
    std::size_t offset = 12 + 16 * n;
    std::size_t head_at = 0;
    for (const auto& [tag, data] : tables) {
        out += tag;
        append32(out, checksum(data));
        append32(out, static_cast<std::uint32_t>(offset));
        append32(out, static_cast<std::uint32_t>(data.size()));
        if (tag == "head") head_at = offset;
        offset += (data.size() + 3) & ~std::size_t{3};
    }
    for (const auto& table : tables) {
        out += table.second;
        out.resize((out.size() + 3) & ~std::size_t{3}, '\0');
    }
    const std::uint32_t adjustment = 0xB1B0AFBAu - checksum(out);
    put16(out, head_at + 8, adjustment >> 16);
    put16(out, head_at + 10, adjustment & 0xFFFF);
    return out;
}

}  // namespace

std::string subset_glyphs(const FontMetrics& font, const std::vector<std::uint16_t>& glyphs) {
    const Reader r(font.data(), font.file());
    const Glyphs source(r, font);
    std::vector<std::uint16_t> order{0};
    order.insert(order.end(), glyphs.begin(), glyphs.end());
    std::vector<std::string> outlines = collect_outlines(r, source, order);
    const unsigned units_per_em = r.u16(find_table(r, "head", true).offset + 18);
    const bool halved = halve_outlines(r, units_per_em, outlines);
    bool short_loca = false;
    auto [glyf, loca] = build_outlines(outlines, short_loca);
    const auto count = static_cast<unsigned>(order.size());

    std::vector<std::pair<std::string, std::string>> tables;
    tables.emplace_back("glyf", std::move(glyf));
    tables.emplace_back("loca", std::move(loca));
    tables.emplace_back("hmtx", build_hmtx(r, order, units_per_em, halved));
    // checkSumAdjustment is recomputed by assemble(); offset 50: indexToLocFormat.
    std::string head = copied(r, "head", 54, {{8, 0}, {10, 0}, {50, short_loca ? 0u : 1u}});
    std::string hhea = copied(r, "hhea", 36, {{34, count}});
    if (halved) {
        put16(head, 18, units_per_em / 2);
        halve_fields(head, {36, 38, 40, 42});                 // the font's bounding box
        halve_fields(hhea, {4, 6, 8, 10, 12, 14, 16, 22});   // ascender … xMaxExtent, caretOffset
    }
    tables.emplace_back("head", std::move(head));
    tables.emplace_back("hhea", std::move(hhea));
    tables.emplace_back("maxp", copied(r, "maxp", 6, {{4, count}}));
    // No post table: a CIDFontType2 program needs no glyph names (ISO 32000-1, 9.9).
    for (const char* tag : {"cvt ", "fpgm", "prep"})
        if (const Table t = find_table(r, tag, false); t.found) tables.emplace_back(tag, std::string(r.bytes(t.offset, t.length, tag)));
    return assemble(std::move(tables));
}

}  // namespace brevgen::fonts
