// A small TrueType reader: just the tables layout needs for measuring text. Fonts may be
// replaced by a municipality, so every read is bounds-checked and a bad file becomes a
// FontError naming it, never undefined behaviour.
#include "fonts/font_set.hpp"

#include "fonts/truetype.hpp"

#include "common/io.hpp"
#include "common/messages.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <cstdlib>
#include <string_view>
#include <system_error>

namespace brevgen::fonts {

namespace {

using detail::find_table;
using detail::Reader;
using detail::Table;

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
    auto read = io::read_file(file);
    if (!read) throw FontError(file.string() + ": " + message::cannot_read("the font file", read.error));
    return std::move(*read.bytes);
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

namespace {

/// Sizes the rest of the reader relies on; checked once so later reads cannot go astray.
struct Layout {
    std::uint16_t units_per_em = 0;
    std::size_t glyph_count = 0;
    std::size_t metric_count = 0;
    Table head, hhea, hmtx;
};

Layout check_layout(const Reader& r) {
    const std::uint32_t version = r.u32(0);
    if (version != 0x00010000 && version != 0x74727565 /* 'true' */)
        r.fail(version == 0x4F54544F ? "CFF outlines (OpenType/CFF) are not supported" : "not a TrueType file");
    // Checking every table, not just the ones read here, catches truncated files at load
    // time instead of while a letter is being embedded.
    for (std::size_t i = 0, n = r.u16(4); i < n; ++i) r.need(r.u32(12 + 16 * i + 8), r.u32(12 + 16 * i + 12), "table");
    Layout l;
    l.head = find_table(r, "head", true);
    l.units_per_em = r.u16(l.head.offset + 18);
    if (l.units_per_em < 16 || l.units_per_em > 16384) r.fail("unitsPerEm out of range");
    l.hhea = find_table(r, "hhea", true);
    l.metric_count = r.u16(l.hhea.offset + 34);
    l.glyph_count = r.u16(find_table(r, "maxp", true).offset + 4);
    l.hmtx = find_table(r, "hmtx", true);
    if (l.metric_count == 0 || l.metric_count > l.glyph_count) r.fail("bad numberOfHMetrics");
    if (l.hmtx.length < 4 * l.metric_count) r.fail("hmtx table too short");
    const std::int16_t loca_format = r.i16(l.head.offset + 50);
    if (loca_format != 0 && loca_format != 1) r.fail("bad indexToLocFormat");
    if (find_table(r, "loca", true).length < (l.glyph_count + 1) * (loca_format == 0 ? 2u : 4u)) r.fail("loca table too short");
    find_table(r, "glyf", true);
    return l;
}

/// Name ID 6, reduced to the characters a PDF name can carry without escaping.
std::string postscript_name(const Reader& r, const std::filesystem::path& file) {
    std::string name;
    if (const Table t = find_table(r, "name", false); t.found) {
        const std::size_t count = r.u16(t.offset + 2);
        const std::size_t strings = t.offset + r.u16(t.offset + 4);
        for (std::size_t i = 0; i < count && name.empty(); ++i) {
            const std::size_t rec = t.offset + 6 + 12 * i;
            const std::uint16_t platform = r.u16(rec), id = r.u16(rec + 6), len = r.u16(rec + 8);
            if (id != 6 || (platform != 1 && platform != 3)) continue;
            const std::string_view raw = r.bytes(strings + r.u16(rec + 10), len, "name string");
            const std::size_t step = platform == 3 ? 2 : 1;
            for (std::size_t k = step - 1; k < raw.size(); k += step) name += raw[k];
        }
    }
    std::string clean;
    for (char c : name)
        if (c > 32 && c < 127 && std::string_view("[](){}<>/%#").find(c) == std::string_view::npos) clean += c;
    if (clean.empty())
        for (char c : file.stem().string()) clean += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
    return clean.substr(0, 63);
}

FontFacts read_facts(const Reader& r, const Layout& l, const std::filesystem::path& file) {
    FontFacts f;
    const double scale = 1000.0 / l.units_per_em;
    f.units_per_em = l.units_per_em;
    f.postscript_name = postscript_name(r, file);
    for (std::size_t i = 0; i < 4; ++i) f.bbox[i] = r.i16(l.head.offset + 36 + 2 * i) * scale;
    f.italic = (r.u16(l.head.offset + 44) & 2) != 0;
    f.hhea_ascent = r.i16(l.hhea.offset + 4) * scale;
    f.hhea_descent = r.i16(l.hhea.offset + 6) * scale;
    if (const Table post = find_table(r, "post", false); post.found && post.length >= 16) {
        f.italic_angle = r.i16(post.offset + 4) + r.u16(post.offset + 6) / 65536.0;
        f.fixed_pitch = r.u32(post.offset + 12) != 0;
    }
    if (const Table os2 = find_table(r, "OS/2", false); os2.found && os2.length >= 64) {
        f.weight = r.u16(os2.offset + 4);
        const int family_class = r.u16(os2.offset + 30) >> 8;
        f.serif = family_class >= 1 && family_class <= 7;
        f.italic = f.italic || (r.u16(os2.offset + 62) & 1) != 0;
    }
    return f;
}

}  // namespace

FontMetrics FontMetrics::load(const std::filesystem::path& file) {
    auto data = std::make_shared<const std::string>(read_file(file));
    const Reader r(*data, file);
    const Layout l = check_layout(r);

    FontMetrics m;
    m.file_ = file;
    m.data_ = data;
    m.glyph_count_ = static_cast<std::uint16_t>(l.glyph_count);
    m.facts_ = read_facts(r, l, file);
    m.scale_ = 1000.0 / l.units_per_em;
    m.ascent_ = m.facts_.hhea_ascent;
    m.descent_ = m.facts_.hhea_descent;
    m.cap_height_ = 0.7 * m.ascent_;
    if (const Table os2 = find_table(r, "OS/2", false); os2.found && os2.length >= 78) {
        m.ascent_ = r.i16(os2.offset + 68) * m.scale_;
        m.descent_ = r.i16(os2.offset + 70) * m.scale_;
        if (r.u16(os2.offset) >= 2 && os2.length >= 90) m.cap_height_ = r.i16(os2.offset + 88) * m.scale_;
    }

    const CodePointMap cmap = read_cmap(r);
    for (const auto& entry : cmap) {
        const char32_t cp = entry.first;
        if (cp >= 0x10000 || m.bmp_page_[cp >> 8] != 0) continue;
        m.bmp_advance_.resize(m.bmp_advance_.size() + 256, 0);
        m.bmp_page_[cp >> 8] = static_cast<std::uint16_t>(m.bmp_advance_.size() / 256);
    }
    for (const auto& [cp, gid] : cmap) {
        if (gid >= l.glyph_count) continue;  // a broken mapping: treat as missing, not fatal
        const std::size_t index = std::min<std::size_t>(gid, l.metric_count - 1);
        const std::uint32_t adv = r.u16(l.hmtx.offset + 4 * index);
        // Stored plus one so that zero-width glyphs (combining marks) still count as present.
        const auto stored = static_cast<std::uint16_t>(std::min<std::uint32_t>(adv + 1, 0xFFFF));
        if (cp < 0x10000) m.bmp_advance_[(m.bmp_page_[cp >> 8] - 1u) * 256u + (cp & 0xFF)] = stored;
        else m.astral_.emplace_back(cp, stored);
        m.glyphs_.emplace_back(cp, gid);
    }
    // A well-formed cmap lists code points in order already (the readers enforce it), so
    // sorting is only a check; it was the larger part of loading a font.
    if (!std::is_sorted(m.astral_.begin(), m.astral_.end())) std::sort(m.astral_.begin(), m.astral_.end());
    if (!std::is_sorted(m.glyphs_.begin(), m.glyphs_.end())) std::sort(m.glyphs_.begin(), m.glyphs_.end());
    return m;
}

std::uint16_t FontMetrics::glyph_id(char32_t cp) const {
    const auto it = std::lower_bound(glyphs_.begin(), glyphs_.end(), std::pair<char32_t, std::uint16_t>{cp, 0});
    return it != glyphs_.end() && it->first == cp ? it->second : 0;
}

std::uint16_t FontMetrics::stored_astral(char32_t cp) const {
    const auto it = std::lower_bound(astral_.begin(), astral_.end(), std::pair<char32_t, std::uint16_t>{cp, 0});
    return it != astral_.end() && it->first == cp ? it->second : 0;
}

std::shared_ptr<const FontSet> FontSet::load(const std::filesystem::path& dir) {
    auto set = std::make_shared<FontSet>();
    set->dir_ = dir;
    for (std::size_t i = 0; i < face_count; ++i) {
        // Every file must be readable now, so a missing one still stops the start.
        const auto file = dir / file_name(static_cast<Face>(i));
        const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) throw FontError(file.string() + ": " + message::cannot_read("the font file", std::strerror(errno)));
        ::close(fd);
    }
    set->load_face(Face::regular);  // every letter uses it: a broken one stops the start too
    return set;
}

void FontSet::load_face(Face face) const {
    const auto i = static_cast<std::size_t>(face);
    std::call_once(once_[i], [this, face, i] {
        faces_[i] = FontMetrics::load(dir_ / file_name(face));
        ready_[i].store(true, std::memory_order_release);
    });
}

std::optional<Face> FontSet::other_face_for(Face wanted, char32_t cp) const {
    if (metrics(Face::fallback).has_glyph(cp)) return Face::fallback;
    // Invisible format characters need no glyph: the PDF stage leaves them out.
    if (is_default_ignorable(cp)) return wanted;
    return std::nullopt;
}

namespace {

bool has_fonts(const std::filesystem::path& dir) {
    std::error_code ec;
    return !dir.empty() && std::filesystem::is_regular_file(dir / file_name(Face::regular), ec);
}

}  // namespace

std::filesystem::path default_font_dir() {
    if (const auto exe = io::executable_dir(); !exe.empty()) {
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
