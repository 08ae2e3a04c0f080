#pragma once
/// Hand-built layout::Document values for testing and measuring the PDF stage, and a tiny
/// PNG encoder so tests need no image files.

#include <cstdint>
#include <memory>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include "common/utf8.hpp"
#include "fonts/font_set.hpp"
#include "layout/page.hpp"

namespace brevgen::test {

/// A PNG file from its IHDR fields and chunks (type, data) between IHDR and IDAT; `raw`
/// (filter bytes and rows) is stored in uncompressed deflate blocks.
inline std::string png_file(std::uint32_t width, std::uint32_t height, int bits, int colour_type,
                            const std::vector<std::pair<std::string, std::string>>& chunks, const std::string& raw) {
    const auto crc = [](std::string_view data) {
        std::uint32_t c = 0xFFFFFFFFu;
        for (unsigned char b : data) {
            c ^= b;
            for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
        }
        return c ^ 0xFFFFFFFFu;
    };
    const auto be32 = [](std::string& out, std::uint32_t v) {
        for (int s = 24; s >= 0; s -= 8) out += static_cast<char>((v >> s) & 0xFF);
    };
    const auto chunk = [&](std::string& out, std::string_view type, const std::string& data) {
        be32(out, static_cast<std::uint32_t>(data.size()));
        const std::string body = std::string(type) + data;
        out += body;
        be32(out, crc(body));
    };
    std::string z = "\x78\x01";
    for (std::size_t at = 0; at < raw.size() || at == 0; at += 65535) {
        const std::size_t n = std::min<std::size_t>(65535, raw.size() - at);
        z += static_cast<char>(at + n >= raw.size() ? 1 : 0);
        z += static_cast<char>(n & 0xFF);
        z += static_cast<char>(n >> 8);
        z += static_cast<char>(~n & 0xFF);
        z += static_cast<char>((~n >> 8) & 0xFF);
        z += raw.substr(at, n);
    }
    std::uint32_t a = 1, b = 0;
    for (unsigned char c : raw) {
        a = (a + c) % 65521;
        b = (b + a) % 65521;
    }
    be32(z, (b << 16) | a);
    std::string ihdr;
    be32(ihdr, width);
    be32(ihdr, height);
    ihdr += static_cast<char>(bits);
    ihdr += static_cast<char>(colour_type);
    ihdr += std::string(3, '\0');
    std::string png = "\x89PNG\r\n\x1a\n";
    chunk(png, "IHDR", ihdr);
    for (const auto& [type, data] : chunks) chunk(png, type, data);
    chunk(png, "IDAT", z);
    chunk(png, "IEND", "");
    return png;
}

/// An 8-bit PNG of `pixels` (width * height * channels bytes), written with stored
/// (uncompressed) deflate blocks: RGBA (colour type 6, every row unfiltered) or RGB
/// (colour type 2, odd rows with the Sub filter, so a reader must undo the PNG predictor).
inline std::string encode_png(std::uint32_t width, std::uint32_t height, std::string_view pixels, int channels = 4) {
    std::string raw;
    const std::size_t row_bytes = std::size_t{width} * static_cast<std::size_t>(channels);
    for (std::uint32_t y = 0; y < height; ++y) {
        const std::string_view row = pixels.substr(y * row_bytes, row_bytes);
        const bool sub = channels == 3 && y % 2 == 1;
        raw += sub ? '\1' : '\0';  // filter: Sub or none
        for (std::size_t i = 0; i < row.size(); ++i)
            raw += sub && i >= 3 ? static_cast<char>(row[i] - row[i - 3]) : row[i];
    }
    return png_file(width, height, 8, channels == 3 ? 2 : 6, {}, raw);
}

/// The build's fonts, loaded once per test process.
inline std::shared_ptr<const fonts::FontSet> shared_font_set() {
    static const auto set = fonts::FontSet::load(BREVGEN_TEST_FONT_DIR);
    return set;
}

/// A small logo: a dark square with a transparent corner, so alpha flattening shows.
inline std::string sample_png() {
    std::string px;
    for (int y = 0; y < 8; ++y)
        for (int x = 0; x < 8; ++x) px += std::string{'\x20', '\x40', '\x90', x + y < 4 ? '\0' : '\xFF'};
    return encode_png(8, 8, px);
}

/// Builds a document page by page, placing runs with the real font metrics.
class DocBuilder {
public:
    explicit DocBuilder(const fonts::FontSet& fonts) : fonts_(fonts) {
        doc.meta = {"Indkaldelse til opfølgningsmøde", "Jobcenter Aarhus", "Sygefravær – opfølgning",
                    "fastholdelse, indkaldelse", "da-DK", "brevgen 0.1.0", "2026-11-30"};
        doc.elements.push_back({layout::Role::Document, layout::artifact, {}, {}, {}});
        doc.pages.emplace_back();
    }

    layout::ElemId elem(layout::Role role, layout::ElemId parent, std::string alt = {}) {
        doc.elements.push_back({role, parent, std::move(alt), {}, {}});
        return static_cast<layout::ElemId>(doc.elements.size() - 1);
    }

    double width(fonts::Face face, double size, std::string_view text) const {
        double w = 0;
        std::size_t i = 0;
        while (i < text.size()) w += fonts_.metrics(face).advance(utf8::decode(text, i));
        return w * size / 1000.0;
    }

    /// Adds a run at (x, baseline y) and returns its right end.
    double run(layout::ElemId e, double x, double y, const std::string& text, fonts::Face face = fonts::Face::regular,
               double size = 11, double word_spacing = 0) {
        // Built in place: moving a TextRun into the variant trips a false -Wrestrict in GCC 12.
        auto& item = page().items.emplace_back();
        item.elem = e;
        auto& run = item.shape.emplace<layout::TextRun>();
        run.pos = {x, y};
        run.face = face;
        run.size = size;
        run.text = text;
        run.word_spacing = word_spacing;
        double w = width(face, size, text);
        for (char c : text) w += c == ' ' ? word_spacing : 0;
        return x + w;
    }

    void line(double x1, double y1, double x2, double y2) {
        page().items.push_back({layout::Line{{x1, y1}, {x2, y2}, 0.5, 0}, layout::artifact});
    }

    layout::Page& page() { return doc.pages.back(); }

    layout::Document doc;

private:
    const fonts::FontSet& fonts_;
};

/// One page with every structure the letters use: H1, P, a list, a table, a figure with
/// alt text, a link, a fallback-font name and an artifact page number.
inline layout::Document sample_letter(const fonts::FontSet& fonts) {
    using layout::Role;
    using fonts::Face;
    DocBuilder b(fonts);
    b.doc.images.push_back({"logo.png", sample_png(), true});
    const auto figure = b.elem(Role::Figure, 0, "Kommunens logo");
    b.page().items.push_back({layout::ImagePlacement{{450, 40, 60, 60}, 0}, figure});
    b.run(b.elem(Role::H1, 0), 57, 140, "Indkaldelse til opfølgningsmøde", Face::bold, 16);
    // Poppler reads a line of one-letter words as letter-spaced text and drops its spaces,
    // so the characters follow a word.
    b.run(b.elem(Role::P, 0), 57, 170, "Tegn: æ ø å Æ Ø Å é ü § – “ ” €");
    b.run(b.elem(Role::P, 0), 57, 188, "Nguyễn Thị Ngọc Ánh");
    const auto greek = b.elem(Role::P, 0);
    const double x = b.run(greek, 57, 206, "Kollega: ");
    b.run(greek, x, 206, "Αλέξανδρος", Face::fallback);

    const auto list = b.elem(Role::L, 0);
    double y = 230;
    for (const char* text : {"Medbring din mødeindkaldelse", "Tag gerne en bisidder med"}) {
        const auto li = b.elem(Role::LI, list);
        b.run(b.elem(Role::Lbl, li), 62, y, "•");
        b.run(b.elem(Role::LBody, li), 75, y, text);
        y += 16;
    }

    const auto table = b.elem(Role::Table, 0);
    const auto head = b.elem(Role::TR, table);
    b.page().items.push_back({layout::Box{{57, 270, 300, 18}, 0.9, -1, 0.5}, layout::artifact});
    b.run(b.elem(Role::TH, head), 60, 283, "Dato", Face::bold);
    b.run(b.elem(Role::TH, head), 230, 283, "Sted", Face::bold);
    const auto row = b.elem(Role::TR, table);
    b.run(b.elem(Role::TD, row), 60, 303, "30. november 2026 kl. 10.00");
    b.run(b.elem(Role::TD, row), 230, 303, "Rådhuset, lokale 2");
    b.line(57, 310, 357, 310);

    const auto para = b.elem(Role::P, 0);
    const double lx = b.run(para, 57, 340, "Læs mere på ");
    const auto link = b.elem(Role::Link, para);
    const double rx = b.run(link, lx, 340, "borger.dk");
    b.run(para, rx, 340, " om sygedagpenge.");
    b.page().links.push_back({{lx, 329, rx - lx, 14}, "https://www.borger.dk/", link});

    b.run(layout::artifact, 280, 800, "Side 1 af 1", Face::regular, 9);
    return b.doc;
}

/// A typical one-page letter: letterhead, address, heading, ~35 lines of body text in
/// regular and bold, a signature; for size and speed measurements.
inline layout::Document typical_letter(const fonts::FontSet& fonts) {
    using layout::Role;
    using fonts::Face;
    DocBuilder b(fonts);
    b.run(layout::artifact, 57, 60, "Aarhus Kommune · Jobcenter Aarhus", Face::bold, 9);
    const auto address = b.elem(Role::P, 0);
    b.run(address, 57, 140, "Afsender: Jobcenter Aarhus, Værkmestergade 15, 8000 Aarhus C", Face::regular, 7);
    double y = 160;
    for (const char* line : {"Mette Sørensen", "Åboulevarden 12, 2. th.", "8000 Aarhus C"}) b.run(address, 57, y, line), y += 14;
    b.run(b.elem(Role::P, 0), 400, 160, "30. november 2026");
    b.run(b.elem(Role::H1, 0), 57, 250, "Indkaldelse til opfølgningsmøde", Face::bold, 14);
    const std::string body =
        "Du er sygemeldt, og vi vil gerne tale med dig om, hvordan du kan fastholde din tilknytning til "
        "arbejdspladsen. Mødet holdes på din arbejdsplads sammen med din arbejdsgiver, så I kan aftale en "
        "plan for din tilbagevenden. Du kan tage en bisidder med. Hvis du ikke kan deltage, skal du "
        "kontakte os hurtigst muligt, da udeblivelse kan få betydning for dine sygedagpenge (§ 21).";
    y = 280;
    for (int para = 0; para < 6; ++para) {
        const auto p = b.elem(Role::P, 0);
        std::size_t at = 0;
        while (at < body.size()) {
            std::size_t end = std::min(body.size(), at + 92);
            if (end < body.size()) end = body.rfind(' ', end);
            b.run(p, 57, y, body.substr(at, end - at), para == 2 && at == 0 ? Face::bold : Face::regular);
            at = end + 1;
            y += 14;
        }
        y += 8;
    }
    const auto sig = b.elem(Role::P, 0);
    b.run(sig, 57, y + 20, "Venlig hilsen");
    b.run(sig, 57, y + 50, "Lars Kjærgaard, sagsbehandler");
    b.run(layout::artifact, 280, 800, "Side 1 af 1", Face::regular, 9);
    return b.doc;
}

}  // namespace brevgen::test
