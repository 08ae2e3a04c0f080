// Layout: measuring, line breaking, hyphenation, pagination, table headers, page numbers,
// widows and orphans, missing glyphs — asserted on the positioned pages.

#include <catch2/catch.hpp>

#include <algorithm>

#include "layout/style.hpp"
#include "layout/text.hpp"
#include "layout_support.hpp"

using namespace brevgen;
using namespace brevgen::test;

namespace {

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

std::size_t count_lines_containing(const layout::Page& page, const std::string& needle) {
    const auto lines = page_lines(page);
    return static_cast<std::size_t>(std::count_if(lines.begin(), lines.end(), [&](const std::string& l) {
        return l.find(needle) != std::string::npos;
    }));
}

double max_right_edge(const layout::Page& page) {
    double right = 0;
    for (const auto& item : page.items) {
        if (const auto* t = std::get_if<layout::TextRun>(&item.shape); t && item.elem != layout::artifact) {
            Diagnostics d;
            const auto env = test_env();
            layout::TextEngine engine(env, d);
            // A line keeps the space it broke at for text extraction; it leaves no ink.
            std::string ink = t->text;
            while (!ink.empty() && ink.back() == ' ') ink.pop_back();
            right = std::max(right, t->pos.x + engine.width(ink, {t->face, t->size, 0}));
        }
    }
    return right;
}

}  // namespace

TEST_CASE("text is measured per character with the font's advance widths, not per byte") {
    Diagnostics d;
    const auto env = test_env();
    layout::TextEngine engine(env, d);
    const layout::TextStyle style{fonts::Face::regular, 10, 0};
    // "æ" is two bytes in UTF-8 but one glyph; Liberation Sans gives it 889/1000 em.
    CHECK(engine.width("æ", style) == Approx(8.89).epsilon(0.01));
    CHECK(engine.width("ææ", style) == Approx(2 * engine.width("æ", style)));
    CHECK(engine.width("iii", style) < engine.width("mmm", style));
    const layout::TextStyle bold{fonts::Face::bold, 10, 0};
    CHECK(engine.width("Søren", bold) > engine.width("Søren", style));
    CHECK(d.empty());
}

TEST_CASE("a character no font has is an error naming the character") {
    Diagnostics d;
    const auto env = test_env();
    layout::TextEngine engine(env, d);
    const auto pieces = engine.shape("Navn: 王", {fonts::Face::regular, 10, 0}, {3, 7});
    REQUIRE(d.size() == 1);
    CHECK(d[0].message == "no font has the character U+738B '王'");
    CHECK(d[0].pos == SourcePos{3, 7});
    CHECK(pieces.size() == 1);
    CHECK(pieces[0].text == "Navn: ");
}

TEST_CASE("a Greek name falls back to the fuller font instead of being dropped") {
    Diagnostics d;
    const auto env = test_env();
    layout::TextEngine engine(env, d);
    const auto pieces = engine.shape("Νίκος Παπαδόπουλος og Søren", {fonts::Face::regular, 10, 0}, {});
    CHECK(d.empty());
    REQUIRE(pieces.size() == 2);
    CHECK(pieces[0].face == fonts::Face::fallback);
    CHECK(pieces[0].text == "Νίκος Παπαδόπουλος ");
    CHECK(pieces[1].face == fonts::Face::regular);
    CHECK(pieces[1].text == "og Søren");
}

TEST_CASE("lines break between words and never run past the right margin") {
    const std::string words = repeat("Vi følger op på din sygemelding sammen med din arbejdsplads. ", 12);
    const auto result = lay_out(letter("<p>" + words + "</p>"));
    REQUIRE(result.diagnostics.empty());
    const auto& page = result.document.pages.at(0);
    CHECK(max_right_edge(page) <= layout::style::right + 0.01);
    const auto lines = page_lines(page, false);
    const auto body_lines = std::count_if(lines.begin(), lines.end(), [](const std::string& l) {
        return l.find("sygemelding") != std::string::npos || l.find("arbejdsplads") != std::string::npos;
    });
    CHECK(body_lines >= 8);
}

TEST_CASE("a long compound word in a narrow table cell is hyphenated, not let out of the cell") {
    const auto result = lay_out(letter(R"(<table widths="20% 80%"><tr><td>sygedagpengeopfølgningssamtale</td><td>x</td></tr></table>)"));
    REQUIRE(result.diagnostics.empty());
    std::vector<std::string> parts;
    std::vector<bool> artifact;
    for (const auto& item : result.document.pages.at(0).items) {
        const auto* t = std::get_if<layout::TextRun>(&item.shape);
        if (t && (t->text.find("syge") == 0 || t->text.find("opfølg") == 0 || t->text == "-")) {
            parts.push_back(t->text);
            artifact.push_back(item.elem == layout::artifact);
        }
    }
    // Broken at the compound joint, with a hyphen that is drawn as an artifact: the cell's
    // text (and so its structure element) holds the whole word.
    CHECK(parts == std::vector<std::string>{"sygedagpenge", "-", "opfølgningssamtale"});
    CHECK(artifact == std::vector<bool>{false, true, false});
    const double cell_right = layout::style::left + 0.2 * layout::style::measure;
    for (const auto& item : result.document.pages[0].items) {
        const auto* t = std::get_if<layout::TextRun>(&item.shape);
        if (t && t->text.find("syge") == 0) CHECK(t->pos.x < cell_right);
    }
    CHECK(max_right_edge(result.document.pages[0]) <= layout::style::right + 0.01);
}

TEST_CASE("a word that cannot be hyphenated is broken rather than overfull") {
    const std::string word(300, 'x');
    const auto result = lay_out(letter("<p>" + word + "</p>"));
    REQUIRE(result.diagnostics.empty());
    CHECK(max_right_edge(result.document.pages.at(0)) <= layout::style::right + 0.01);
}

TEST_CASE("body text is hyphenated only where a word leaves a conspicuous gap") {
    Diagnostics d;
    const auto env = test_env();
    layout::TextEngine engine(env, d);
    markup::Inlines runs{markup::Inline{"Arbejdsfastholdelse er vigtigt", false, false, false, false, {}, {}}};
    // Wide measure: no hyphen needed.
    const auto wide = engine.break_lines(runs, {fonts::Face::regular, 10, 0}, 400);
    REQUIRE(wide.size() == 1);
    // A measure that leaves half a line after "Arbejdsfastholdelse" would hyphenate "vigtigt"? No:
    // "vigtigt" fits on the next line, and the gap is under 15 %, so nothing is hyphenated.
    const auto narrow = engine.break_lines(runs, {fonts::Face::regular, 10, 0}, 110);
    for (const auto& line : narrow) {
        for (const auto& p : line.pieces) CHECK(p.text.find('-') == std::string::npos);
    }
}

TEST_CASE("bold and italic runs keep their faces and the spaces between them") {
    const auto result = lay_out(letter("<p>Mødet er <b>mandag</b> og <i>kort</i>.</p>"));
    REQUIRE(result.diagnostics.empty());
    std::vector<std::string> bold, italic;
    for (const auto& r : runs(result.document.pages.at(0))) {
        if (r.face == fonts::Face::bold && r.size == layout::style::body_size) bold.push_back(r.text);
        if (r.face == fonts::Face::italic) italic.push_back(r.text);
    }
    CHECK(bold == std::vector<std::string>{"mandag "});
    CHECK(italic == std::vector<std::string>{"kort"});
    const auto lines = page_lines(result.document.pages[0], false);
    CHECK(std::find(lines.begin(), lines.end(), "Mødet er mandag og kort.") != lines.end());
}

TEST_CASE("a long letter runs over pages with 'Side X af Y' on each page") {
    std::string body;
    for (int i = 0; i < 40; ++i) body += "<p>" + repeat("Afsnit nummer " + std::to_string(i) + " handler om opfølgning. ", 4) + "</p>";
    const auto result = lay_out(letter(body));
    REQUIRE(result.diagnostics.empty());
    const auto& pages = result.document.pages;
    REQUIRE(pages.size() >= 3);
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const std::string expected = "Side " + std::to_string(i + 1) + " af " + std::to_string(pages.size());
        CHECK(count_lines_containing(pages[i], expected) == 1);
        for (const auto& item : pages[i].items) {
            const auto* t = std::get_if<layout::TextRun>(&item.shape);
            if (t && t->text == expected) CHECK(item.elem == layout::artifact);
        }
    }
    CHECK(count_lines_containing(pages[0], "Journalnr. 2026-1") == 0);
    CHECK(count_lines_containing(pages[1], "Journalnr. 2026-1") == 1);
}

TEST_CASE("nothing is placed below the bottom margin") {
    std::string body;
    for (int i = 0; i < 30; ++i) body += "<p>" + repeat("Tekst om arbejdsopgaver og timer. ", 6) + "</p>";
    const auto result = lay_out(letter(body));
    for (const auto& page : result.document.pages) {
        for (const auto& item : page.items) {
            const auto* t = std::get_if<layout::TextRun>(&item.shape);
            if (t && item.elem != layout::artifact) CHECK(t->pos.y <= layout::style::body_bottom);
        }
    }
}

TEST_CASE("explicit page breaks start a new page") {
    const auto result = lay_out(letter("<p>Før</p><pagebreak/><p>Efter</p>"));
    REQUIRE(result.document.pages.size() == 2);
    CHECK(count_lines_containing(result.document.pages[0], "Før") == 1);
    CHECK(count_lines_containing(result.document.pages[1], "Efter") == 1);
}

TEST_CASE("the page limit turns an absurd letter into an error") {
    auto env = test_env();
    env.limits.max_pages = 2;
    std::string body;
    for (int i = 0; i < 5; ++i) body += "<p>x</p><pagebreak/>";
    const auto result = lay_out(letter(body), env);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].message == "the letter would have 5 pages; the limit is 2");
}

TEST_CASE("the recipient sits in the window of a DIN 5008 form B envelope") {
    const auto result = lay_out(letter("<p>x</p>"));
    const auto& page = result.document.pages.at(0);
    bool found = false;
    for (const auto& r : runs(page)) {
        // A line of the address ends with a space in its text (not its ink), as a wrapped line does.
        if (r.text != "Søren Østergård" && r.text != "Søren Østergård ") continue;
        found = true;
        // Window: 20–105 mm from the left, 45–90 mm from the top.
        CHECK(r.pos.x >= mm(20));
        CHECK(r.pos.x <= mm(105));
        CHECK(r.pos.y >= mm(45));
        CHECK(r.pos.y <= mm(90));
    }
    CHECK(found);
}
