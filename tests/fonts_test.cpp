// The font reader against the subset fonts the build makes, and against broken files.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <sstream>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/utf8.hpp"
#include "fonts/font_set.hpp"
#include "fonts/truetype_subset.hpp"
#include "pdf_tools.hpp"

using namespace brevgen;
using fonts::Face;

namespace {

std::filesystem::path font_dir() { return BREVGEN_TEST_FONT_DIR; }

const fonts::FontSet& font_set() {
    static const auto set = fonts::FontSet::load(font_dir());
    return *set;
}

std::filesystem::path scratch_dir() {
    auto dir = std::filesystem::path(BREVGEN_TEST_WORK_DIR) / "fonts";
    std::filesystem::create_directories(dir);
    return dir;
}

std::string read_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const std::filesystem::path& file, const std::string& bytes) {
    std::ofstream(file, std::ios::binary) << bytes;
}

/// Message of the FontError that loading `file` throws, or "" when it loads.
std::string load_error(const std::filesystem::path& file) {
    try {
        fonts::FontMetrics::load(file);
    } catch (const fonts::FontError& e) {
        return e.what();
    }
    return {};
}

void put_u16(std::string& s, std::size_t at, unsigned v) {
    s[at] = static_cast<char>(v >> 8);
    s[at + 1] = static_cast<char>(v);
}

/// Offset of a table in a TrueType file (the tests know the file is well-formed).
std::size_t table_offset(const std::string& ttf, std::string_view tag) {
    const auto u16 = [&](std::size_t i) {
        return (static_cast<unsigned char>(ttf[i]) << 8) | static_cast<unsigned char>(ttf[i + 1]);
    };
    for (int i = 0; i < u16(4); ++i) {
        const std::size_t rec = 12 + 16 * static_cast<std::size_t>(i);
        if (ttf.compare(rec, 4, tag) == 0)
            return (static_cast<std::size_t>(u16(rec + 8)) << 16) | static_cast<std::size_t>(u16(rec + 10));
    }
    return 0;
}

}  // namespace

TEST_CASE("fonts: metrics of known Liberation Sans glyphs", "[fonts]") {
    const auto& regular = font_set().metrics(Face::regular);
    CHECK(regular.advance(U'a') == Approx(556.152).epsilon(1e-4));
    CHECK(regular.advance(U' ') == Approx(277.832).epsilon(1e-4));
    CHECK(regular.advance(U'H') == Approx(722.168).epsilon(1e-4));
    CHECK(regular.cap_height() == Approx(1409 * 1000.0 / 2048));
    CHECK(regular.ascent() == Approx(1491 * 1000.0 / 2048));
    CHECK(regular.descent() == Approx(-431 * 1000.0 / 2048));
    CHECK(regular.descent() < 0);
    // Combining marks are zero-width yet present: Vietnamese text may use them.
    CHECK(regular.has_glyph(0x0301));
    CHECK(regular.advance(0x0301) == 0.0);
    // Bold differs from regular where Arial's bold does.
    CHECK(font_set().metrics(Face::bold).advance(U'a') == Approx(556.152).epsilon(1e-4));
    CHECK(font_set().metrics(Face::bold).advance(U'H') == Approx(722.168).epsilon(1e-4));
    CHECK(font_set().metrics(Face::bold).advance(U'r') > regular.advance(U'r'));
}

TEST_CASE("fonts: Danish, Vietnamese and typographic characters are in every letter face", "[fonts]") {
    const std::string text = "æøåÆØÅ é ü § – “ ” € Nguyễn Thị Ngọc Ánh Đặng Ơn Ư • − …";
    for (Face face : {Face::regular, Face::bold, Face::italic, Face::bold_italic}) {
        std::size_t i = 0;
        while (i < text.size()) {
            const char32_t cp = utf8::decode(text, i);
            INFO("face " << fonts::file_name(face) << " U+" << std::hex << static_cast<unsigned>(cp));
            CHECK(font_set().metrics(face).has_glyph(cp));
            CHECK(font_set().face_for(face, cp) == face);
        }
    }
}

TEST_CASE("fonts: face_for falls back, or reports a missing glyph", "[fonts]") {
    const auto& set = font_set();
    CHECK(set.face_for(Face::bold, U'α') == Face::fallback);
    CHECK(set.face_for(Face::regular, U'Ж') == Face::fallback);
    CHECK(set.metrics(Face::fallback).advance(U'α') > 0);
    CHECK_FALSE(set.face_for(Face::regular, U'中').has_value());   // CJK: no face has it
    CHECK_FALSE(set.face_for(Face::regular, 0x1F600).has_value());  // emoji
    CHECK_FALSE(set.metrics(Face::regular).has_glyph(U'中'));
    CHECK(set.metrics(Face::regular).advance(U'中') == 0.0);
    // Invisible format characters never make a letter fail.
    CHECK(set.face_for(Face::italic, 0x00AD) == Face::italic);
    CHECK(set.face_for(Face::regular, 0x200B).has_value());
    CHECK(set.face_for(Face::regular, 0xFEFF) == Face::regular);
    CHECK(fonts::is_default_ignorable(0x00AD));
    CHECK_FALSE(fonts::is_default_ignorable(U'a'));
}

TEST_CASE("fonts: file names and the font directory", "[fonts]") {
    CHECK(std::string(fonts::file_name(Face::bold_italic)) == "brevgen-bolditalic.ttf");
    CHECK(std::string(fonts::file_name(Face::fallback)) == "brevgen-fallback.ttf");
    CHECK(font_set().directory() == font_dir());
    const char* env = std::getenv("BREVGEN_FONTS");
    if (env != nullptr && *env != '\0') CHECK(fonts::default_font_dir() == std::filesystem::path(env));
    CHECK(std::filesystem::exists(fonts::default_font_dir() / fonts::file_name(Face::regular)));
}

TEST_CASE("fonts: a missing font file is a FontError naming it", "[fonts]") {
    const auto dir = scratch_dir() / "empty";
    std::filesystem::create_directories(dir);
    try {
        fonts::FontSet::load(dir);
        FAIL("no error");
    } catch (const fonts::FontError& e) {
        CHECK_THAT(e.what(), Catch::Contains("brevgen-regular.ttf"));
    }
}

TEST_CASE("fonts: faces other than the regular one are read when first used", "[fonts]") {
    const auto dir = scratch_dir() / "lazy";
    std::filesystem::create_directories(dir);
    for (const auto face : {Face::regular, Face::bold, Face::italic, Face::bold_italic})
        std::filesystem::copy_file(font_dir() / fonts::file_name(face), dir / fonts::file_name(face),
                                   std::filesystem::copy_options::overwrite_existing);
    // A fallback that is there but broken does not stop the start: most letters never read it.
    write_bytes(dir / fonts::file_name(Face::fallback), "not a font");
    const auto set = fonts::FontSet::load(dir);
    CHECK(set->face_for(Face::bold, U'æ') == Face::bold);
    CHECK(set->metrics(Face::italic).advance(U'a') > 0);
    try {
        (void)set->face_for(Face::regular, U'α');  // Greek: only the fallback has it
        FAIL("no error");
    } catch (const fonts::FontError& e) {
        CHECK_THAT(e.what(), Catch::Contains("brevgen-fallback.ttf"));
    }
    // A missing one still does.
    std::filesystem::remove(dir / fonts::file_name(Face::fallback));
    try {
        fonts::FontSet::load(dir);
        FAIL("no error");
    } catch (const fonts::FontError& e) {
        CHECK_THAT(e.what(), Catch::Contains("brevgen-fallback.ttf"));
    }
}

TEST_CASE("fonts: corrupt font files are FontErrors naming the file, never crashes", "[fonts]") {
    const std::string good = read_bytes(font_dir() / "brevgen-regular.ttf");
    REQUIRE(good.size() > 1000);
    const auto file = scratch_dir() / "broken.ttf";

    write_bytes(file, "");
    CHECK_THAT(load_error(file), Catch::Contains("broken.ttf"));
    write_bytes(file, "%PDF-1.4 not a font at all");
    CHECK_THAT(load_error(file), Catch::Contains("broken.ttf") && Catch::Contains("not a TrueType"));

    // Every truncation point must be caught by a bounds check.
    for (std::size_t len = 0; len < good.size(); len += 997) {
        write_bytes(file, good.substr(0, len));
        INFO("truncated to " << len);
        CHECK_THAT(load_error(file), Catch::Contains("broken.ttf"));
    }

    std::string bad_em = good;
    put_u16(bad_em, table_offset(good, "head") + 18, 0);
    write_bytes(file, bad_em);
    CHECK_THAT(load_error(file), Catch::Contains("unitsPerEm"));

    std::string bad_cmap = good;
    put_u16(bad_cmap, table_offset(good, "cmap") + 2, 0xFFFF);  // subtable count past the end
    write_bytes(file, bad_cmap);
    CHECK_THAT(load_error(file), Catch::Contains("broken.ttf"));

    // Flipping bytes all over the tables may give odd metrics but must never crash.
    for (std::size_t at = 12; at < 4000 && at < good.size(); at += 7) {
        std::string flipped = good;
        flipped[at] = static_cast<char>(~flipped[at]);
        write_bytes(file, flipped);
        (void)load_error(file);
    }
    CHECK(load_error(font_dir() / "brevgen-regular.ttf").empty());
}

TEST_CASE("fonts: facts for the PDF font descriptor", "[fonts]") {
    const auto& regular = font_set().metrics(Face::regular);
    CHECK(regular.facts().postscript_name == "LiberationSans");
    CHECK(font_set().metrics(Face::bold_italic).facts().postscript_name == "LiberationSans-BoldItalic");
    CHECK(regular.facts().units_per_em == 2048);
    CHECK(regular.facts().weight == 400);
    CHECK(font_set().metrics(Face::bold).facts().weight == 700);
    CHECK_FALSE(regular.facts().italic);
    CHECK(font_set().metrics(Face::italic).facts().italic);
    CHECK(font_set().metrics(Face::italic).facts().italic_angle < -5);
    CHECK(regular.facts().bbox[1] < 0);
    CHECK(regular.facts().hhea_ascent == Approx(1854 * 1000.0 / 2048));
    CHECK(regular.glyph_id(U'a') != 0);
    CHECK(regular.glyph_id(U'中') == 0);
    CHECK(regular.data().size() == std::filesystem::file_size(font_dir() / "brevgen-regular.ttf"));
}

namespace {

/// Runs a fontTools check in Debian's python3 on `subset` against `source`; prints "ok" or
/// what differs. Glyph i+1 of the subset must draw like `names`' glyphs in the source.
std::string compare_with_fonttools(const std::filesystem::path& source, const std::filesystem::path& subset,
                                   const std::string& text, int loca_format = -1) {
    const auto script = scratch_dir() / "compare.py";
    std::ofstream(script) << R"(import sys
from fontTools.ttLib import TTFont
from fontTools.pens.recordingPen import DecomposingRecordingPen
src, sub, text = TTFont(sys.argv[1]), TTFont(sys.argv[2]), sys.argv[3]
cmap = src.getBestCmap()
wanted = [cmap[ord(c)] for c in text]
order = sub.getGlyphOrder()
assert len(order) >= len(wanted) + 1, "glyph count %d" % len(order)
upem, sub_upem = src["head"].unitsPerEm, sub["head"].unitsPerEm
halved = sub_upem * 2 == upem
assert halved or sub_upem == upem, "unitsPerEm %d of %d" % (sub_upem, upem)
def drawing(font, name):
    pen = DecomposingRecordingPen(font.getGlyphSet())
    font.getGlyphSet()[name].draw(pen)
    return pen.value
def half(v):  # floor((v + 1) / 2), as glyph_halve.hpp
    return (v + 1) // 2
def points(value):
    return [p for _, args in value for p in args if p is not None]
for i, name in enumerate(wanted, start=1):
    advance = src["hmtx"][name][0]
    if halved:  # the PDF width in whole thousandths, in the subset's units
        advance = round(round(advance * 1000 / upem) * sub_upem / 1000)
    assert sub["hmtx"][order[i]][0] == advance, "advance of " + name
    a, b = drawing(sub, order[i]), drawing(src, name)
    if not halved:
        assert a == b, "outline of " + name
        continue
    assert [op for op, _ in a] == [op for op, _ in b], "outline of " + name
    # A simple glyph's points are exactly halved; a composite's components are placed by
    # halved offsets, so a scaled component may differ by one unit more.
    slack = 1 if src["glyf"][name].isComposite() else 0
    for (x, y), (sx, sy) in zip(points(a), points(b)):
        assert abs(x - half(sx)) <= slack and abs(y - half(sy)) <= slack, "point of %s: %r for %r" % (name, (x, y), (sx, sy))
    glyph = sub["glyf"][order[i]]
    if not glyph.isComposite() and glyph.numberOfContours > 0:
        assert sub["hmtx"][order[i]][1] == glyph.xMin == half(src["glyf"][name].xMin), "left side bearing of " + name
assert sub["maxp"].numGlyphs == len(order)
assert "post" not in sub, "post table"
assert sub["glyf"][order[0]].numberOfContours == 0, "notdef outline"
if len(sys.argv) > 4:
    assert sub["head"].indexToLocFormat == int(sys.argv[4]), "loca format %d" % sub["head"].indexToLocFormat
print("halved" if halved else "same units")
print("ok")
)";
    return brevgen::test::run("/usr/bin/python3 " + script.string() + " " + source.string() + " " + subset.string() +
                              " '" + text + "'" + (loca_format >= 0 ? " " + std::to_string(loca_format) : "") + " 2>&1");
}

std::string subset_file(const fonts::FontMetrics& font, const std::string& text, const std::string& name) {
    std::vector<std::uint16_t> glyphs;
    std::size_t i = 0;
    while (i < text.size()) glyphs.push_back(font.glyph_id(utf8::decode(text, i)));
    const auto path = scratch_dir() / name;
    write_bytes(path, fonts::subset_glyphs(font, glyphs));
    return path.string();
}

}  // namespace

TEST_CASE("fonts: subsets keep the chosen glyphs' outlines and widths", "[fonts]") {
    const auto& regular = font_set().metrics(Face::regular);
    const std::string text = "Hej æøå Nguyễn";
    const auto path = subset_file(regular, text, "subset.ttf");
    CHECK(std::filesystem::file_size(path) < 6000);
    // A letter's subset is far under 128 KB of outlines: short loca offsets (format 0).
    // The letter fonts are unhinted on a 2048-unit em: the subset draws on 1024 units.
    CHECK(compare_with_fonttools(regular.file(), path, text, 0) == "halved\nok\n");
    // Repeated characters are fine: each gets a glyph of its own (PDF CIDs map 1:1).
    CHECK(compare_with_fonttools(regular.file(), subset_file(regular, "aa a", "repeat.ttf"), "aa a") == "halved\nok\n");
}

TEST_CASE("fonts: halving the units per em makes a letter's outlines smaller", "[fonts]") {
    const auto& regular = font_set().metrics(Face::regular);
    const std::string text = "Indkaldelse til opfølgningsmøde – sygedagpenge, Jobcenter Favrskov";
    const auto path = subset_file(regular, text, "sizes.ttf");
    // Deflated, as in the PDF: the subset's glyf table against the same glyphs' descriptions
    // in the source.
    std::string gids;
    for (std::size_t i = 0; i < text.size();) gids += " " + std::to_string(regular.glyph_id(utf8::decode(text, i)));
    const std::string out = brevgen::test::run(
        "/usr/bin/python3 -c \"import sys, zlib; from fontTools.ttLib import TTFont; s = TTFont(sys.argv[1]); f = TTFont(sys.argv[2]); "
        "g = f['glyf']; o = f.getGlyphOrder(); z = lambda b: len(zlib.compress(b, 6)); "
        "print(z(s.reader['glyf']), z(b''.join(g[o[i]].compile(g) for i in map(int, sys.argv[3:]))))\" " +
        path + " " + regular.file().string() + gids + " 2>&1");
    INFO(out);
    std::istringstream in(out);
    long halved = 0, full = 0;
    in >> halved >> full;
    REQUIRE(full > 1000);
    CHECK(halved < full * 95 / 100);  // about 8 % here; without halving, the same
}

namespace {

/// An unhinted copy of Debian's DejaVu Sans cut down to `text` by fontTools (composite
/// glyphs stay composite), with `bytecode` (hex) as the instructions of the glyph of
/// `hinted` when given. Empty when the font is not installed.
std::string unhinted_dejavu(const std::string& text, const std::string& name, const char* hinted = nullptr,
                            const char* bytecode = nullptr) {
    const std::filesystem::path dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    if (!std::filesystem::exists(dejavu)) return {};
    const auto out = scratch_dir() / name;
    const auto script = scratch_dir() / "unhinted.py";
    std::ofstream(script) << R"(import sys
from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import ttProgram
font = TTFont(sys.argv[1])
options = subset.Options()
options.hinting = False
options.layout_features = []
subsetter = subset.Subsetter(options=options)
subsetter.populate(text=sys.argv[3])
subsetter.subset(font)
if len(sys.argv) > 5:
    program = ttProgram.Program()
    program.fromBytecode(bytes.fromhex(sys.argv[5]))
    font["glyf"][font.getBestCmap()[ord(sys.argv[4])]].program = program
font.save(sys.argv[2])
)";
    const std::string result = brevgen::test::run("/usr/bin/python3 " + script.string() + " " + dejavu.string() + " " +
                                                  out.string() + " '" + text + "'" +
                                                  (hinted ? std::string(" ") + hinted + " " + bytecode : "") + " 2>&1");
    INFO(result);
    REQUIRE(std::filesystem::exists(out));
    return out.string();
}

}  // namespace

TEST_CASE("fonts: an unhinted font's composite glyphs are halved with their offsets", "[fonts]") {
    const std::string text = "éÅǻa";
    const std::string file = unhinted_dejavu(text, "dejavu-unhinted.ttf");
    if (file.empty()) {
        WARN("fonts-dejavu-core not installed");
        return;
    }
    const auto font = fonts::FontMetrics::load(file);
    const auto path = subset_file(font, text, "composite-halved.ttf");
    CHECK(compare_with_fonttools(file, path, text) == "halved\nok\n");
}

TEST_CASE("fonts: a glyph with instructions keeps the whole subset in the source's units", "[fonts]") {
    // Hinting moves points by their numbers and distances in the source's units: halving
    // would make the instructions wrong, so such a subset is copied as it is.
    const std::string text = "éa";
    const std::string file = unhinted_dejavu(text, "dejavu-instructed.ttf", "a", "b00021");  // PUSHB[0] 0, POP
    if (file.empty()) {
        WARN("fonts-dejavu-core not installed");
        return;
    }
    const auto font = fonts::FontMetrics::load(file);
    CHECK(compare_with_fonttools(file, subset_file(font, "éa", "instructed.ttf"), text) == "same units\nok\n");
    // Without that glyph the rest is halved.
    CHECK(compare_with_fonttools(file, subset_file(font, "é", "uninstructed.ttf"), "é") == "halved\nok\n");
}

TEST_CASE("fonts: a malformed glyph is a font error, not a crash", "[fonts]") {
    const auto& regular = font_set().metrics(Face::regular);
    const std::string bytes(regular.data());
    // Find glyph 'H' through fontTools' view of the file, then cut its flags short.
    const std::string where = brevgen::test::run(
        "/usr/bin/python3 -c \"import sys; from fontTools.ttLib import TTFont; f = TTFont(sys.argv[1]); "
        "g = f.reader.tables['glyf'].offset; l = f['loca']; i = f.getGlyphID(f.getBestCmap()[72]); "
        "print(g + l[i], l[i + 1] - l[i])\" " + regular.file().string() + " 2>&1");
    INFO(where);
    std::size_t at = 0, length = 0;
    {
        std::istringstream in(where);
        in >> at >> length;
    }
    REQUIRE(length > 20);
    const int contours = (static_cast<unsigned char>(bytes[at]) << 8) | static_cast<unsigned char>(bytes[at + 1]);
    REQUIRE(contours > 0);
    for (const char* damage : {"ends", "repeat"}) {
        std::string broken = bytes;
        if (std::string_view(damage) == "ends") {
            // The last contour ends at point 65535: far more points than the bytes hold.
            broken[at + 10 + 2 * (contours - 1)] = static_cast<char>(0xFF);
            broken[at + 10 + 2 * (contours - 1) + 1] = static_cast<char>(0xFF);
        } else {
            // Every flag repeats 255 times: past the last point.
            const std::size_t flags = at + 12 + 2 * contours;
            for (std::size_t k = flags; k < at + length; ++k) broken[k] = static_cast<char>(0xFF);
        }
        const auto file = scratch_dir() / (std::string("broken-") + damage + ".ttf");
        write_bytes(file, broken);
        const auto font = fonts::FontMetrics::load(file);
        INFO(damage);
        CHECK_THROWS_WITH(fonts::subset_glyphs(font, {font.glyph_id(U'H')}),
                          Catch::StartsWith(file.string() + ": corrupt font: glyph"));
    }
}

TEST_CASE("fonts: subsets of fonts with composite glyphs bring their components", "[fonts]") {
    // DejaVu as Debian ships it builds accented letters from components.
    const std::filesystem::path dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    if (!std::filesystem::exists(dejavu)) {
        WARN("fonts-dejavu-core not installed");
        return;
    }
    const auto font = fonts::FontMetrics::load(dejavu);
    const std::string text = "éÅǻ";
    const auto path = subset_file(font, text, "composite.ttf");
    // Debian's DejaVu is hinted: the subset keeps its units and its instructions.
    CHECK(compare_with_fonttools(dejavu, path, text) == "same units\nok\n");
}

TEST_CASE("fonts: a subset with more than 128 KB of outlines keeps long loca offsets", "[fonts]") {
    const std::filesystem::path dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    if (!std::filesystem::exists(dejavu)) {
        WARN("fonts-dejavu-core not installed");
        return;
    }
    const auto font = fonts::FontMetrics::load(dejavu);
    std::string text;
    for (char32_t cp = 0x21; cp < 0x3000 && text.size() < 12000; ++cp)
        if (cp != U'\'' && cp != U'\\' && font.glyph_id(cp) != 0) utf8::append(text, cp);
    const auto path = subset_file(font, text, "large.ttf");
    REQUIRE(std::filesystem::file_size(path) > 140000);
    CHECK(compare_with_fonttools(dejavu, path, text, 1) == "same units\nok\n");
}
