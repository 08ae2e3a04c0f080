// A small TrueType reader: just the tables layout needs for measuring text. Fonts may be
// replaced by a municipality, so every read is bounds-checked and a bad file becomes a
// FontError naming it, never undefined behaviour.
#include "fonts/font_set.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string_view>
#include <system_error>

namespace brevgen::fonts {

namespace {

/// Big-endian reads over a byte buffer; any read past the end throws.
class Reader {
public:
    Reader(std::string_view data, const std::filesystem::path& file) : data_(data), file_(file) {}

    [[noreturn]] void fail(const std::string& what) const {
        throw FontError(file_.string() + ": corrupt font: " + what);
    }
    void need(std::size_t offset, std::size_t len, const char* what) const {
        if (offset > data_.size() || len > data_.size() - offset) fail(std::string(what) + " out of bounds");
    }
    std::uint16_t u16(std::size_t offset) const {
        need(offset, 2, "read");
        return static_cast<std::uint16_t>((byte(offset) << 8) | byte(offset + 1));
    }
    std::int16_t i16(std::size_t offset) const { return static_cast<std::int16_t>(u16(offset)); }
    std::uint32_t u32(std::size_t offset) const {
        need(offset, 4, "read");
        return (std::uint32_t{byte(offset)} << 24) | (std::uint32_t{byte(offset + 1)} << 16) |
               (std::uint32_t{byte(offset + 2)} << 8) | std::uint32_t{byte(offset + 3)};
    }

private:
    unsigned byte(std::size_t i) const { return static_cast<unsigned char>(data_[i]); }
    std::string_view data_;
    const std::filesystem::path& file_;
};

/// Location of one table inside the file.
struct Table {
    std::size_t offset = 0;
    std::size_t length = 0;
    bool found = false;
};

Table find_table(const Reader& r, std::string_view tag, bool required) {
    const std::uint16_t count = r.u16(4);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t rec = 12 + 16 * i;
        r.need(rec, 16, "table directory");
        const std::uint32_t t = r.u32(rec);
        const char name[4] = {static_cast<char>(t >> 24), static_cast<char>(t >> 16),
                              static_cast<char>(t >> 8), static_cast<char>(t)};
        if (std::string_view(name, 4) != tag) continue;
        Table table{r.u32(rec + 8), r.u32(rec + 12), true};
        r.need(table.offset, table.length, (std::string(tag) + " table").c_str());
        return table;
    }
    if (required) r.fail("no " + std::string(tag) + " table");
    return {};
}

/// Glyph id for each mapped code point, from the best cmap subtable available.
using CodePointMap = std::vector<std::pair<char32_t, std::uint16_t>>;

void read_format4(const Reader& r, std::size_t sub, CodePointMap& out) {
    const std::size_t seg_count = r.u16(sub + 6) / 2u;
    const std::size_t ends = sub + 14;
    const std::size_t starts = ends + 2 * seg_count + 2;
    const std::size_t deltas = starts + 2 * seg_count;
    const std::size_t range_offsets = deltas + 2 * seg_count;
    r.need(ends, 8 * seg_count + 2, "cmap format 4 segments");
    std::uint32_t next_free = 0;  // segments must ascend without overlap (bounds the work)
    for (std::size_t s = 0; s < seg_count; ++s) {
        const std::uint32_t start = r.u16(starts + 2 * s);
        const std::uint32_t end = r.u16(ends + 2 * s);
        if (start > end || start < next_free) r.fail("cmap format 4 segments out of order");
        next_free = end + 1;
        const std::uint16_t delta = r.u16(deltas + 2 * s);
        const std::size_t ro_pos = range_offsets + 2 * s;
        const std::uint16_t ro = r.u16(ro_pos);
        for (std::uint32_t c = start; c <= end && c != 0xFFFF; ++c) {
            std::uint16_t gid = 0;
            if (ro == 0) {
                gid = static_cast<std::uint16_t>(c + delta);
            } else {
                const std::uint16_t raw = r.u16(ro_pos + ro + 2 * (c - start));
                gid = raw == 0 ? 0 : static_cast<std::uint16_t>(raw + delta);
            }
            if (gid != 0) out.emplace_back(static_cast<char32_t>(c), gid);
        }
    }
}

void read_format12(const Reader& r, std::size_t sub, CodePointMap& out) {
    const std::uint32_t groups = r.u32(sub + 12);
    r.need(sub + 16, std::size_t{groups} * 12, "cmap format 12 groups");
    std::uint64_t next_free = 0;  // groups must ascend without overlap (bounds the work)
    for (std::size_t g = 0; g < groups; ++g) {
        const std::size_t rec = sub + 16 + 12 * g;
        const std::uint32_t start = r.u32(rec);
        const std::uint32_t end = r.u32(rec + 4);
        if (start > end || start < next_free || end > 0x10FFFF) r.fail("cmap format 12 groups out of order");
        next_free = std::uint64_t{end} + 1;
        const std::uint32_t first_gid = r.u32(rec + 8);
        for (std::uint32_t c = start; c <= end; ++c) {
            const std::uint32_t gid = first_gid + (c - start);
            if (gid != 0 && gid <= 0xFFFF) out.emplace_back(static_cast<char32_t>(c), static_cast<std::uint16_t>(gid));
        }
    }
}

CodePointMap read_cmap(const Reader& r) {
    const Table cmap = find_table(r, "cmap", true);
    const std::uint16_t count = r.u16(cmap.offset + 2);
    std::size_t best = 0;
    int best_rank = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t rec = cmap.offset + 4 + 8 * i;
        const std::uint16_t platform = r.u16(rec);
        const std::uint16_t encoding = r.u16(rec + 2);
        const std::size_t sub = cmap.offset + r.u32(rec + 4);
        const std::uint16_t format = r.u16(sub);
        const bool unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
        int rank = 0;
        if (unicode && format == 12) rank = 2;
        else if (unicode && format == 4) rank = 1;
        if (rank > best_rank) best_rank = rank, best = sub;
    }
    if (best_rank == 0) r.fail("no Unicode cmap (format 4 or 12)");
    CodePointMap map;
    if (best_rank == 2) read_format12(r, best, map);
    else read_format4(r, best, map);
    return map;
}

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw FontError(file.string() + ": cannot open font file");
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw FontError(file.string() + ": cannot read font file");
    return data;
}

}  // namespace

bool is_default_ignorable(char32_t cp) {
    return cp == 0x00AD || cp == 0x034F || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
}

const char* file_name(Face face) {
    switch (face) {
        case Face::regular: return "brevgen-regular.ttf";
        case Face::bold: return "brevgen-bold.ttf";
        case Face::italic: return "brevgen-italic.ttf";
        case Face::bold_italic: return "brevgen-bolditalic.ttf";
        case Face::fallback: return "brevgen-fallback.ttf";
    }
    return "brevgen-regular.ttf";
}

FontMetrics FontMetrics::load(const std::filesystem::path& file) {
    const std::string data = read_file(file);
    const Reader r(data, file);
    const std::uint32_t version = r.u32(0);
    if (version != 0x00010000 && version != 0x74727565 /* 'true' */)
        r.fail(version == 0x4F54544F ? "CFF outlines (OpenType/CFF) are not supported" : "not a TrueType file");
    // Checking every table, not just the ones read here, catches truncated files early
    // instead of letting libharu trip over them while embedding.
    for (std::size_t i = 0, n = r.u16(4); i < n; ++i)
        r.need(r.u32(12 + 16 * i + 8), r.u32(12 + 16 * i + 12), "table");

    const Table head = find_table(r, "head", true);
    const std::uint16_t units_per_em = r.u16(head.offset + 18);
    if (units_per_em < 16 || units_per_em > 16384) r.fail("unitsPerEm out of range");

    const Table hhea = find_table(r, "hhea", true);
    const std::size_t metric_count = r.u16(hhea.offset + 34);
    const Table maxp = find_table(r, "maxp", true);
    const std::size_t glyph_count = r.u16(maxp.offset + 4);
    const Table hmtx = find_table(r, "hmtx", true);
    if (metric_count == 0 || metric_count > glyph_count) r.fail("bad numberOfHMetrics");
    if (hmtx.length < 4 * metric_count) r.fail("hmtx table too short");

    FontMetrics m;
    m.file_ = file;
    m.scale_ = 1000.0 / units_per_em;
    m.ascent_ = r.i16(hhea.offset + 4) * m.scale_;
    m.descent_ = r.i16(hhea.offset + 6) * m.scale_;
    m.cap_height_ = 0.7 * m.ascent_;
    if (const Table os2 = find_table(r, "OS/2", false); os2.found && os2.length >= 78) {
        m.ascent_ = r.i16(os2.offset + 68) * m.scale_;
        m.descent_ = r.i16(os2.offset + 70) * m.scale_;
        if (r.u16(os2.offset) >= 2 && os2.length >= 90) m.cap_height_ = r.i16(os2.offset + 88) * m.scale_;
    }

    m.bmp_advance_.assign(0x10000, 0);
    for (const auto& [cp, gid] : read_cmap(r)) {
        if (gid >= glyph_count) continue;  // a broken mapping: treat as missing, not fatal
        const std::size_t index = std::min<std::size_t>(gid, metric_count - 1);
        const std::uint32_t adv = r.u16(hmtx.offset + 4 * index);
        // Stored plus one so that zero-width glyphs (combining marks) still count as present.
        const auto stored = static_cast<std::uint16_t>(std::min<std::uint32_t>(adv + 1, 0xFFFF));
        if (cp < 0x10000) m.bmp_advance_[cp] = stored;
        else m.astral_.emplace_back(cp, stored);
    }
    std::sort(m.astral_.begin(), m.astral_.end());
    return m;
}

std::uint16_t FontMetrics::stored(char32_t cp) const {
    if (cp < 0x10000) return cp < bmp_advance_.size() ? bmp_advance_[cp] : 0;
    const auto it = std::lower_bound(astral_.begin(), astral_.end(), std::pair<char32_t, std::uint16_t>{cp, 0});
    return it != astral_.end() && it->first == cp ? it->second : 0;
}

bool FontMetrics::has_glyph(char32_t cp) const { return stored(cp) != 0; }

double FontMetrics::advance(char32_t cp) const {
    const std::uint16_t s = stored(cp);
    return s == 0 ? 0.0 : (s - 1) * scale_;
}

std::shared_ptr<const FontSet> FontSet::load(const std::filesystem::path& dir) {
    auto set = std::make_shared<FontSet>();
    set->dir_ = dir;
    for (std::size_t i = 0; i < face_count; ++i)
        set->faces_[i] = FontMetrics::load(dir / file_name(static_cast<Face>(i)));
    return set;
}

std::optional<Face> FontSet::face_for(Face wanted, char32_t cp) const {
    if (metrics(wanted).has_glyph(cp)) return wanted;
    if (metrics(Face::fallback).has_glyph(cp)) return Face::fallback;
    // Invisible format characters need no glyph: the PDF stage leaves them out.
    if (is_default_ignorable(cp)) return wanted;
    return std::nullopt;
}

namespace {

std::filesystem::path executable_dir() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path{} : exe.parent_path();
}

bool has_fonts(const std::filesystem::path& dir) {
    std::error_code ec;
    return !dir.empty() && std::filesystem::is_regular_file(dir / file_name(Face::regular), ec);
}

}  // namespace

std::filesystem::path default_font_dir() {
    if (const char* env = std::getenv("BREVGEN_FONTS"); env != nullptr && *env != '\0') return env;
    if (const auto exe = executable_dir(); !exe.empty()) {
        if (has_fonts(exe / "fonts")) return exe / "fonts";
        if (auto share = (exe / ".." / "share" / "brevgen" / "fonts").lexically_normal(); has_fonts(share))
            return share;
    }
#ifdef BREVGEN_BUILD_FONT_DIR
    return BREVGEN_BUILD_FONT_DIR;
#else
    return "fonts";
#endif
}

}  // namespace brevgen::fonts
