// Pagination: table headers repeated on every page, rows kept whole, headings kept with
// their text, no widow or orphan lines, structure roles carried onto the pages.

#include <catch2/catch.hpp>

#include <map>

#include "layout_support.hpp"

using namespace brevgen;
using namespace brevgen::test;

namespace {

std::string table_rows(int n) {
    std::string t = R"(<table widths="15% 35% 50%"><thead><tr><th>Uge</th><th>Datoer</th><th>Opgaver</th></tr></thead>)";
    for (int i = 1; i <= n; ++i) {
        t += "<tr><td>uge " + std::to_string(i) + "</td><td>man. 30.11.–fre. 4.12.</td><td>Række " +
             std::to_string(i) + " med lettere opgaver</td></tr>";
    }
    return t + "</table>";
}

/// Baselines of the lines of the paragraph whose text starts with `marker`, per page.
std::map<std::size_t, int> lines_per_page(const layout::Document& doc, const std::string& marker) {
    std::map<std::size_t, int> out;
    for (std::size_t p = 0; p < doc.pages.size(); ++p) {
        for (const auto& line : page_lines(doc.pages[p], false)) {
            if (line.find(marker) != std::string::npos) ++out[p];
        }
    }
    return out;
}

}  // namespace

TEST_CASE("a 60-row table repeats its header row on every page, as an artifact after the first") {
    const auto result = lay_out(letter(table_rows(60)));
    REQUIRE(result.diagnostics.empty());
    const auto& pages = result.document.pages;
    REQUIRE(pages.size() >= 2);
    int rows_seen = 0;
    for (std::size_t p = 0; p < pages.size(); ++p) {
        int headers = 0;
        for (const auto& item : pages[p].items) {
            const auto* t = std::get_if<layout::TextRun>(&item.shape);
            if (!t || t->text != "Uge") continue;
            ++headers;
            if (p == 0) CHECK(item.elem != layout::artifact);
            if (p > 0) CHECK(item.elem == layout::artifact);
        }
        CHECK(headers == 1);
        for (const auto& line : page_lines(pages[p], false)) {
            if (line.rfind("uge ", 0) == 0) ++rows_seen;
        }
    }
    CHECK(rows_seen == 60);
}

TEST_CASE("a table row that fits on a page is never split over two pages") {
    const auto result = lay_out(letter(table_rows(60)));
    for (const auto& page : result.document.pages) {
        const auto lines = page_lines(page, false);
        for (const auto& l : lines) {
            // Each row's three cells share one baseline; a split row would leave a lone cell.
            if (l.rfind("uge ", 0) == 0) CHECK(l.find("lettere opgaver") != std::string::npos);
        }
    }
}

TEST_CASE("the header row never stands alone at the foot of a page") {
    std::string body;
    for (int i = 0; i < 48; ++i) body += "<p>Linje " + std::to_string(i) + "</p>";
    const auto result = lay_out(letter(body + table_rows(3)));
    for (const auto& page : result.document.pages) {
        const auto lines = page_lines(page, false);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (lines[i].rfind("UgeDatoer", 0) == 0) {
                REQUIRE(i + 1 < lines.size());
                CHECK(lines[i + 1].rfind("uge 1", 0) == 0);
            }
        }
    }
}

TEST_CASE("no paragraph leaves a single line at the foot or the head of a page") {
    std::string long_text;
    for (int i = 0; i < 7; ++i) long_text += "Sætning om arbejdsopgaver, hensyn og timer i ugen. ";
    for (int filler = 30; filler < 44; ++filler) {
        std::string body;
        for (int i = 0; i < filler; ++i) body += "<p>Fyld " + std::to_string(i) + "</p>";
        body += "<p>MARK " + long_text + "</p>";
        const auto result = lay_out(letter(body));
        REQUIRE(result.diagnostics.empty());
        // The marked paragraph's lines: count them by the words only it contains.
        std::map<std::size_t, int> per_page;
        for (std::size_t p = 0; p < result.document.pages.size(); ++p) {
            for (const auto& line : page_lines(result.document.pages[p], false)) {
                if (line.find("MARK") != std::string::npos || line.find("hensyn") != std::string::npos ||
                    line.find("timer i ugen") != std::string::npos || line.find("arbejdsopgaver") != std::string::npos) {
                    ++per_page[p];
                }
            }
        }
        for (const auto& [page, count] : per_page) {
            INFO("filler " << filler << ", page " << page);
            if (per_page.size() > 1) CHECK(count >= 2);
        }
    }
}

TEST_CASE("a heading is kept with the first lines of the text after it") {
    for (int filler = 40; filler < 50; ++filler) {
        std::string body;
        for (int i = 0; i < filler; ++i) body += "<p>Fyld " + std::to_string(i) + "</p>";
        body += "<heading>OVERSKRIFT</heading><p>BRØDTEKST følger lige efter overskriften og fylder to linjer, "
                "så den anden linje også skal med på samme side som overskriften.</p>";
        const auto result = lay_out(letter(body));
        const auto heading = lines_per_page(result.document, "OVERSKRIFT");
        const auto text = lines_per_page(result.document, "BRØDTEKST");
        REQUIRE(heading.size() == 1);
        REQUIRE(text.size() == 1);
        CHECK(heading.begin()->first == text.begin()->first);
    }
}

TEST_CASE("every painted item names its structure element, and the tree is parent-first") {
    const auto result = lay_out(letter(R"(<subject>Emne</subject><heading>Overskrift</heading><p>Tekst med <a href="https://borger.dk">et link</a>.</p>
      <ul><li>Punkt</li></ul><facts><fact label="Dato">30. november</fact></facts>
      <chart alt="Timer pr. uge: uge 49: 12 timer" reference="37" unit="timer"><bar label="49" value="12"/></chart>)"));
    REQUIRE(result.diagnostics.empty());
    const auto& doc = result.document;
    REQUIRE(doc.elements.at(0).role == layout::Role::Document);
    std::map<layout::Role, int> roles;
    for (std::size_t i = 1; i < doc.elements.size(); ++i) {
        CHECK(doc.elements[i].parent >= 0);
        CHECK(static_cast<std::size_t>(doc.elements[i].parent) < i);
        ++roles[doc.elements[i].role];
    }
    for (auto role : {layout::Role::H1, layout::Role::H2, layout::Role::P, layout::Role::Link, layout::Role::L,
                      layout::Role::LI, layout::Role::Lbl, layout::Role::LBody, layout::Role::Table, layout::Role::TR,
                      layout::Role::TH, layout::Role::TD, layout::Role::Figure}) {
        CHECK(roles[role] >= 1);
    }
    for (const auto& e : doc.elements) {
        if (e.role == layout::Role::Figure) CHECK(!e.alt.empty());
    }
    const auto& page = doc.pages.at(0);
    REQUIRE(page.links.size() == 1);
    CHECK(page.links[0].uri == "https://borger.dk");
    CHECK(doc.elements.at(static_cast<std::size_t>(page.links[0].elem)).role == layout::Role::Link);
    for (const auto& item : page.items) {
        const auto* t = std::get_if<layout::TextRun>(&item.shape);
        if (t && t->text == "Emne") CHECK(doc.elements.at(static_cast<std::size_t>(item.elem)).role == layout::Role::H1);
    }
}
