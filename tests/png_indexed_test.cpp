// Palette PNGs in the PDF stage: an opaque, non-interlaced one keeps its compressed data as
// an /Indexed image (the PNG predictors undo its filters), and readers draw exactly what
// libpng's decoding draws; anything else still goes through libpng.
#include <catch2/catch.hpp>

#include <fstream>

#include "pdf/writer.hpp"
#include "pdf_sample.hpp"
#include "pdf_tools.hpp"
#include "png_indexed_support.hpp"

using namespace brevgen;
using test::quote;
using test::run;

namespace {

/// The letter with `png` as its logo, as PDF bytes (or the writer's error).
std::string letter_with(const std::string& png) {
    auto doc = test::sample_letter(*test::shared_font_set());
    doc.images[0] = {"logo.png", png, true};
    try {
        return pdf::Writer(test::shared_font_set()).write(doc);
    } catch (const pdf::PdfError& e) {
        return std::string("error: ") + e.what();
    }
}

/// The page as pdftoppm draws it (PPM bytes).
std::string drawn(const std::string& pdf_bytes) {
    const std::string pdf = test::write_temp(pdf_bytes);
    const auto prefix = test::temp_path("-page");
    run("pdftoppm -r 100 -singlefile " + quote(pdf) + " " + quote(prefix));
    const std::string ppm = prefix.string() + ".ppm";
    std::ifstream in(ppm, std::ios::binary);
    std::string out{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::filesystem::remove(ppm);
    return out;
}

/// The IDAT chunk's data of a PNG with one IDAT.
std::string idat_of(const std::string& png) {
    const std::size_t at = png.find("IDAT");
    REQUIRE(at != std::string::npos);
    const auto* b = reinterpret_cast<const unsigned char*>(png.data() + at - 4);
    const std::size_t length = std::size_t{b[0]} << 24 | std::size_t{b[1]} << 16 | std::size_t{b[2]} << 8 | b[3];
    return png.substr(at + 4, length);
}

const std::string colours = std::string("\xC8\x1E\x1E\x1E\xA0\x3C\x14\x28\xC8\xF0\xF0\xF0\x0A\x0A\x0A\xFA\xC8\x00\x78\x00\x78", 21);

/// The same picture as an RGBA PNG, every pixel opaque: what libpng decodes.
std::string rgba_twin(std::uint32_t w, std::uint32_t h, const std::string& indices, const std::string& palette) {
    std::string px;
    for (unsigned char i : indices) px += palette.substr(3 * std::size_t{i}, 3) + '\xFF';
    return test::encode_png(w, h, px, 4);
}

std::string pattern(std::uint32_t w, std::uint32_t h, unsigned entries) {
    std::string indices;
    for (std::uint32_t y = 0; y < h; ++y)
        for (std::uint32_t x = 0; x < w; ++x) indices += static_cast<char>((3 * x + 5 * y + x * y) % entries);
    return indices;
}

}  // namespace

TEST_CASE("png: palette PNGs of 1, 2, 4 and 8 bits pass through as /Indexed, drawn as libpng decodes them",
          "[pdf][png]") {
    constexpr std::uint32_t w = 13, h = 11;  // rows end inside a byte at 1, 2 and 4 bits
    for (const auto& [bits, entries] : {std::pair{1, 2u}, {2, 3u}, {4, 5u}, {8, 7u}}) {
        INFO(bits << " bits, " << entries << " entries");
        const std::string indices = pattern(w, h, entries), palette = colours.substr(0, 3 * entries);
        const std::string png = test::encode_indexed_png(w, h, indices, palette, bits);
        const std::string pdf = letter_with(png);
        REQUIRE_THAT(pdf, !Catch::StartsWith("error"));
        CHECK(pdf.find(idat_of(png)) != std::string::npos);  // passed through, not re-encoded
        CHECK_THAT(pdf, Catch::Contains("[/Indexed/DeviceRGB " + std::to_string(entries - 1) + "<"));
        CHECK_THAT(pdf, Catch::Contains("/Predictor 15"));
        const std::string twin = letter_with(rgba_twin(w, h, indices, palette));
        CHECK_THAT(twin, !Catch::Contains("/Indexed"));
        const std::string page = drawn(pdf);
        REQUIRE(page.size() > 100000);
        CHECK(page == drawn(twin));
    }
}

TEST_CASE("png: a palette of grays becomes /Indexed /DeviceGray and keeps the gray output intent", "[pdf][png]") {
    const std::string grays("\x00\x00\x00\x80\x80\x80\xFF\xFF\xFF", 9), indices = pattern(9, 6, 3);
    const std::string pdf = letter_with(test::encode_indexed_png(9, 6, indices, grays, 2));
    CHECK_THAT(pdf, Catch::Contains("[/Indexed/DeviceGray 2<0080FF>]"));
    CHECK_THAT(pdf, Catch::Contains("(Gray)"));
    CHECK_THAT(pdf, !Catch::Contains("(sRGB IEC61966-2.1)"));
    CHECK(drawn(pdf) == drawn(letter_with(rgba_twin(9, 6, indices, grays))));
}

TEST_CASE("png: an opaque tRNS passes, while transparency, stray indices and oversized palettes go through libpng",
          "[pdf][png]") {
    const std::string indices = pattern(10, 8, 4), palette = colours.substr(0, 12);
    const std::string opaque("\xFF\xFF\xFF", 3);
    CHECK_THAT(letter_with(test::encode_indexed_png(10, 8, indices, palette, 2, &opaque)), Catch::Contains("/Indexed"));

    // A transparent entry is composited onto white by libpng, as before.
    const std::string clear("\xFF\x00\xFF", 3);
    const std::string transparent = letter_with(test::encode_indexed_png(10, 8, indices, palette, 2, &clear));
    REQUIRE_THAT(transparent, !Catch::StartsWith("error"));
    CHECK_THAT(transparent, !Catch::Contains("/Indexed"));
    std::string white = palette;
    white.replace(3, 3, "\xFF\xFF\xFF");
    CHECK(drawn(transparent) == drawn(letter_with(rgba_twin(10, 8, indices, white))));

    // Index 3 with three entries: never handed to a reader to guess what it means.
    const std::string stray = letter_with(test::encode_indexed_png(10, 8, indices, palette.substr(0, 9), 2));
    CHECK_THAT(stray, !Catch::Contains("/Indexed"));

    // Five entries cannot be indexed with 2 bits.
    CHECK_THAT(letter_with(test::encode_indexed_png(10, 8, indices, colours.substr(0, 15), 2)), !Catch::Contains("/Indexed"));
}

TEST_CASE("png: a letter with a palette logo passes qpdf --check and PDFBox Preflight", "[pdf][png][preflight]") {
    const std::string pdf =
        test::write_temp(letter_with(test::encode_indexed_png(13, 11, pattern(13, 11, 5), colours.substr(0, 15), 4)));
    int code = -1;
    const std::string qpdf = run("qpdf --check " + quote(pdf) + " 2>&1", &code);
    INFO(qpdf);
    CHECK(code == 0);
    const std::string classpath = test::preflight_classpath();
    if (classpath.empty())
        FAIL("PDFBox Preflight missing: install libpdfbox2-java libactivation-java libjaxb-api-java default-jre-headless");
    const std::string out =
        run("java -cp " + classpath + " org.apache.pdfbox.preflight.Validator_A1b " + quote(pdf) + " 2>&1", &code);
    INFO(out);
    CHECK_THAT(out, Catch::Contains("is a valid PDF/A-1b file"));
    CHECK(code == 0);
}
