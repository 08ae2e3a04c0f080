// Letter markup parsing: the vocabulary, white space, and errors with line:column.

#include <catch2/catch.hpp>

#include "markup/document.hpp"

using namespace brevgen;

TEST_CASE("markup is parsed into blocks and styled runs") {
    const auto r = markup::parse(R"(<letter title="T">
  <subject>Emne</subject>
  <p>Hej   <b>Søren</b>,
     velkommen <i>tilbage</i> og <a href="https://a.dk">læs mere</a>.</p>
  <ul><li>Et</li><li>To</li></ul>
  <table widths="25% 75%" align="lr"><thead><tr><th>A</th><th>B</th></tr></thead><tr><td>1</td><td>2</td></tr></table>
</letter>)");
    REQUIRE(r.diagnostics.empty());
    const auto& body = r.letter.body;
    REQUIRE(body.size() == 4);
    CHECK(body[0].kind == markup::Block::Kind::subject);
    const auto& runs = body[1].inlines;
    REQUIRE(runs.size() == 7);
    CHECK(runs[0].text == "Hej ");
    CHECK(runs[1].text == "Søren");
    CHECK(runs[1].bold);
    CHECK(runs[2].text == ", velkommen ");
    CHECK(runs[3].italic);
    CHECK(runs[5].href == "https://a.dk");
    CHECK(runs[6].text == ".");
    CHECK(body[2].items.size() == 2);
    CHECK(body[3].rows.size() == 2);
    CHECK(body[3].rows[0].header);
    CHECK(body[3].widths == std::vector<double>{0.25, 0.75});
}

TEST_CASE("malformed markup is an error at its line and column") {
    const auto r = markup::parse("<letter title=\"T\">\n  <p>Tekst\n</letter>");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].pos.line == 3);
    CHECK(r.diagnostics[0].message.rfind("malformed markup", 0) == 0);
}

TEST_CASE("unknown elements and missing alternative text are errors that say where") {
    const auto r = markup::parse("<letter title=\"T\">\n<p>x</p>\n  <blink>y</blink>\n<image src=\"a.png\"/>\n</letter>");
    REQUIRE(r.diagnostics.size() == 2);
    CHECK(r.diagnostics[0].message == "unknown element <blink>");
    CHECK(r.diagnostics[0].pos == SourcePos{3, 3});
    CHECK(r.diagnostics[1].message == "<image> needs an alt attribute (alternative text)");
    CHECK(r.diagnostics[1].pos.line == 4);
}

TEST_CASE("a table row with the wrong number of cells is an error") {
    const auto r = markup::parse(R"(<letter title="T"><table widths="50% 50%"><tr><td>1</td></tr></table></letter>)");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message == "a table row has 1 cells but widths names 2 columns");
}

TEST_CASE("document type declarations are refused") {
    const auto r = markup::parse("<!DOCTYPE letter [<!ENTITY a \"b\">]><letter title=\"T\"><p>&a;</p></letter>");
    REQUIRE(!r.diagnostics.empty());
}
