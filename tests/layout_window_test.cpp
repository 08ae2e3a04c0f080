// Layout of the window address, rows and fact boxes taller than a page, and the chart's
// labels — asserted on the positioned pages.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "layout/style.hpp"
#include "layout_support.hpp"

using namespace brevgen;
using namespace brevgen::test;

namespace {

std::string address_markup(const std::vector<std::string>& lines) {
    std::string out = R"(<letter title="T" author="A" date="2026-11-23"><address return="Afsender: Jobcenter Test · Testvej 1 · 8000 Aarhus C">)";
    for (std::size_t i = 0; i < lines.size(); ++i) {
        out += "<line field=\"/linje/" + std::to_string(i) + "\">" + lines[i] + "</line>";
    }
    return out + "</address><p>Brødtekst.</p></letter>";
}

layout::Environment paper_env() {
    auto env = test_env();
    env.paper = true;
    return env;
}

/// The lowest point of the text runs whose baseline lies above `limit` (the address block).
double block_bottom(const layout::Page& page, double limit) {
    double bottom = 0;
    for (const auto& r : runs(page)) {
        if (r.pos.y < limit) bottom = std::max(bottom, r.pos.y + 0.212 * r.size);
    }
    return bottom;
}

/// Every line of every page, runs on one baseline joined by a space (cells stay apart).
std::vector<std::string> all_text(const layout::Document& doc, bool artifacts) {
    std::vector<std::string> out;
    for (const auto& page : doc.pages) {
        std::vector<std::pair<double, std::string>> lines;
        for (const auto& item : page.items) {
            const auto* t = std::get_if<layout::TextRun>(&item.shape);
            if (!t || (!artifacts && item.elem == layout::artifact)) continue;
            const auto at = std::find_if(lines.begin(), lines.end(), [&](const auto& l) { return std::abs(l.first - t->pos.y) < 0.5; });
            if (at == lines.end()) {
                lines.emplace_back(t->pos.y, t->text);
            } else {
                at->second += " " + t->text;
            }
        }
        for (auto& l : lines) out.push_back(std::move(l.second));
    }
    return out;
}

bool contains_word(const std::vector<std::string>& lines, const std::string& word) {
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) {
        return (" " + l + " ").find(" " + word + " ") != std::string::npos;
    });
}

}  // namespace

TEST_CASE("six address lines fit the default window; a seventh is an error at its field on paper") {
    std::vector<std::string> lines{"Hinnerup Træ &amp; Byg ApS", "Att.: Lone Højgaard", "c/o Favrskov Erhvervscenter",
                                   "Bygning C", "Industrivej 4", "8382 Hinnerup"};
    auto six = lay_out(address_markup(lines), paper_env());
    CHECK(six.diagnostics.empty());
    CHECK(block_bottom(six.document.pages.at(0), mm(80)) <= mm(74));

    lines.push_back("Danmark");
    const auto seven = lay_out(address_markup(lines), paper_env());
    REQUIRE(seven.diagnostics.size() == 1);
    CHECK(seven.diagnostics[0].path == "/linje/6");
    CHECK(seven.diagnostics[0].message.find("too many lines for the envelope window: line 7 of 7") == 0);
    CHECK(seven.diagnostics[0].pos.line == 1);  // the <line> in the markup

    // Digital post: the same seven lines are laid out, and the text starts below them.
    const auto digital = lay_out(address_markup(lines));
    CHECK(digital.diagnostics.empty());
}

TEST_CASE("a long address line is set smaller down to 6 pt, never wrapped or hyphenated") {
    const std::string name = "Tømrer-, Snedker- og Montageforretningen Hinnerup v/ Jens Peter Bøgh Mikkelsen";
    const auto result = lay_out(address_markup({name, "Industrivej 4", "8382 Hinnerup"}), paper_env());
    CHECK(result.diagnostics.empty());
    const auto& page = result.document.pages.at(0);
    std::set<long> baselines;
    double size = 0;
    std::string printed;
    for (const auto& r : runs(page)) {
        if (r.text.find("Tømrer") != std::string::npos || r.text.find("Mikkelsen") != std::string::npos) {
            baselines.insert(std::lround(r.pos.y * 100));
            size = r.size;
            printed += r.text;
        }
    }
    CHECK(baselines.size() == 1);  // one line
    // Whole: no hyphen added, nothing cut; the space a line of the address ends with in its
    // text (so the lines of the one P read apart) is no ink.
    CHECK(printed == name + " ");
    CHECK(size >= 6);
    CHECK(size < 10);
    CHECK(size <= 6.5);  // wide enough to need nearly the floor
}

TEST_CASE("a digital letter's address that no size fits wraps at spaces and pushes the body down") {
    std::string street = "Industrivej 4";
    for (int i = 0; i < 12; ++i) street += ", bagbygningen ved lageret";
    const auto result = lay_out(address_markup({"Hinnerup Træ", street, "8382 Hinnerup"}));
    CHECK(result.diagnostics.empty());
    const auto& page = result.document.pages.at(0);
    const auto lines = page_lines(page);
    double address_bottom = 0, body_top = 1e9;
    for (const auto& r : runs(page)) {
        if (r.text.find("Brødtekst") != std::string::npos) body_top = std::min(body_top, r.pos.y - r.size);
        if (r.text.find("Hinnerup") != std::string::npos || r.text.find("bagbygningen") != std::string::npos) {
            address_bottom = std::max(address_bottom, r.pos.y);
            CHECK(r.text.back() != '-');  // never hyphenated
        }
    }
    CHECK(address_bottom > mm(74));       // it did not fit the window ...
    CHECK(body_top > address_bottom + 3);  // ... and the body starts below it

    const auto on_paper = lay_out(address_markup({"Hinnerup Træ", street, "8382 Hinnerup"}), paper_env());
    REQUIRE(on_paper.diagnostics.size() == 1);
    CHECK(on_paper.diagnostics[0].path == "/linje/1");
    CHECK(on_paper.diagnostics[0].message.find("the address line does not fit the envelope window: it is ") == 0);
}

TEST_CASE("check_address reports what layout would, without laying out the body") {
    const auto parsed = markup::parse(address_markup({std::string(200, 'x')}));
    REQUIRE(parsed.diagnostics.empty());
    CHECK(layout::check_address(parsed.letter, paper_env()).size() == 1);
    CHECK(layout::check_address(parsed.letter, test_env()).empty());
}

TEST_CASE("a table row taller than a page continues on the next, under the repeated header") {
    std::string words;
    for (int i = 1; i <= 400; ++i) words += "ord" + std::to_string(1000 + i) + " ";
    const auto result = lay_out(letter(R"(<table widths="20% 30% 50%"><thead><tr><th>Uge</th><th>Opgaver</th><th>Noter</th></tr></thead>)"
                                       "<tr><td>uge 1</td><td>kort</td><td></td></tr>"
                                       "<tr><td>uge 2</td><td>" + words + "</td><td></td></tr>"
                                       "<tr><td>uge 3</td><td>kort</td><td></td></tr></table>"));
    CHECK(result.diagnostics.empty());
    const auto& doc = result.document;
    REQUIRE(doc.pages.size() >= 3);
    const auto content = all_text(doc, false);
    for (int i = 1; i <= 400; ++i) CHECK(contains_word(content, "ord" + std::to_string(1000 + i)));
    CHECK(contains_word(content, "uge 3"));
    int marked = 0;
    for (std::size_t p = 1; p < doc.pages.size(); ++p) {
        const auto lines = page_lines(doc.pages[p]);
        const auto header = std::find(lines.begin(), lines.end(), "UgeOpgaverNoter");
        const auto mark = std::find(lines.begin(), lines.end(), std::string(layout::style::continued_text));
        CHECK(header != lines.end());  // the header repeats on every page the table reaches
        if (mark == lines.end()) continue;
        ++marked;
        CHECK(mark == header + 1);  // the mark right under the header, above the rest of the row
        // An artifact: the structure tree holds the row once, without the mark.
        const auto tree = page_lines(doc.pages[p], false);
        CHECK(std::find(tree.begin(), tree.end(), std::string(layout::style::continued_text)) == tree.end());
    }
    CHECK(marked >= 1);
    for (const auto& page : doc.pages) {
        for (const auto& item : page.items) {
            const auto* r = std::get_if<layout::TextRun>(&item.shape);
            if (r && item.elem != layout::artifact) CHECK(r->pos.y <= layout::style::body_bottom);  // nothing below the edge
        }
    }
}

TEST_CASE("a fact box taller than a page continues on the next, with every line") {
    std::string values;
    for (int i = 1; i <= 150; ++i) values += "Deltager" + std::to_string(1000 + i) + ", kollega<br/>";
    const auto result = lay_out(letter("<facts><fact label=\"Deltagere\">" + values + "</fact></facts><p>Slut.</p>"));
    CHECK(result.diagnostics.empty());
    const auto content = all_text(result.document, false);
    for (int i = 1; i <= 150; ++i) CHECK(contains_word(content, "Deltager" + std::to_string(1000 + i) + ","));
    for (const auto& page : result.document.pages) {
        for (const auto& item : page.items) {
            const auto* r = std::get_if<layout::TextRun>(&item.shape);
            if (r && item.elem != layout::artifact) CHECK(r->pos.y <= layout::style::body_bottom);
        }
    }
    CHECK(result.document.pages.size() >= 3);
}

TEST_CASE("the chart's value labels stay clear of the dashed full-time line, and the axis says what the bars are") {
    const auto result = lay_out(letter(R"(<chart title="Timer pr. uge" alt="a" reference="37" unit="timer" axis="uge" height="32mm">)"
                                       R"(<bar label="49" value="33"/><bar label="50" value="35"/><bar label="51" value="36"/>)"
                                       R"(<bar label="52" value="37"/><bar label="53" value="38"/></chart>)"));
    const auto& page = result.document.pages.at(0);
    double line_y = -1;
    for (const auto& item : page.items) {
        if (const auto* l = std::get_if<layout::Line>(&item.shape); l && l->width == 0.7) line_y = l->from.y;
    }
    REQUIRE(line_y > 0);
    int values = 0;
    bool axis = false;
    for (const auto& r : runs(page)) {
        if (r.text == "uge") axis = true;
        if (r.size != 7 || r.text.size() != 2 || r.text[0] != '3') continue;  // the value labels 33 … 38
        ++values;
        const double top = r.pos.y - 0.716 * r.size;  // digits' height
        INFO(r.text << " at " << r.pos.y << ", line at " << line_y);
        CHECK((line_y < top - 0.5 || line_y > r.pos.y + 0.5));
    }
    CHECK(values == 5);
    CHECK(axis);
}
