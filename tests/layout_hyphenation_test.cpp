// Hyphenation as the reader sees it, one rule per test case, with the examples of issue
// 13: compounds break at their joints, three letters stay on each side, no scrap stands
// alone on a last line, names and addresses are not hyphenated, numbers stay with their
// units and days with their months, real hyphens stay text, and the hyphen a break adds
// is an artifact. Each sweeps the measure, so every line-break position is tried.
#include <catch2/catch.hpp>

#include "common/utf8.hpp"
#include "danish/typography.hpp"
#include "layout/text.hpp"
#include "layout_support.hpp"
#include "pdf_tools.hpp"

using namespace brevgen;
using namespace brevgen::test;

namespace {

/// A broken line as text; the hyphen a break added is shown as "=".
using Lines = std::vector<std::string>;

Lines broken(const markup::Inlines& runs, double width, double size = 10) {
    Diagnostics d;
    const auto env = test_env();
    layout::TextEngine engine(env, d);
    Lines out;
    for (const auto& line : engine.break_lines(runs, {fonts::Face::regular, size, 0}, width)) {
        std::string text;
        for (const auto& p : line.pieces) text += p.artifact ? std::string("=") : p.text;
        while (!text.empty() && text.back() == ' ') text.pop_back();
        out.push_back(text);
    }
    return out;
}

Lines broken(const std::string& text, double width) {
    return broken(markup::Inlines{markup::Inline{text, false, false, false, false, {}, {}}}, width);
}

/// Every measure from 40 to 400 points in steps of 1.
template <typename Check>
void for_each_measure(const std::string& text, Check&& check) {
    for (double w = 40; w <= 400; w += 1) {
        const Lines lines = broken(text, w);
        INFO("measure " << w << ":\n" << [&] {
            std::string all;
            for (const auto& l : lines) all += "  |" + l + "|\n";
            return all;
        }());
        check(lines, w);
    }
}

/// The NBSPs of the text as plain spaces (what the PDF's text says).
std::string plain(std::string s) {
    for (std::size_t at = s.find("\xC2\xA0"); at != std::string::npos; at = s.find("\xC2\xA0", at)) s.replace(at, 2, " ");
    return s;
}

double text_width(const std::string& s) {
    Diagnostics d;
    const auto env = test_env();
    layout::TextEngine engine(env, d);
    return engine.width(s, {fonts::Face::regular, 10, 0});
}

}  // namespace

TEST_CASE("a compound that fits a line breaks only at its joint: materiale-bestilling", "[hyphenation]") {
    int joint_breaks = 0;
    const double word = text_width("materialebestilling");
    for_each_measure("Opmåling og materialebestilling på kontoret.", [&](const Lines& lines, double w) {
        for (const auto& l : lines) {
            CHECK(l.find("materia=") == std::string::npos);  // two letters from the joint
            // Syllable breaks inside a part only for a word wider than the line.
            if (w >= word) CHECK((l.find('=') == std::string::npos || l.ends_with("materiale=")));
            if (l.ends_with("materiale=")) ++joint_breaks;
        }
    });
    CHECK(joint_breaks > 0);
}

TEST_CASE("sygemeldingen breaks as syge-meldingen, never sygemeldin-gen", "[hyphenation]") {
    int joint_breaks = 0;
    for_each_measure("Det er gået 4 uger af sygemeldingen, altså en måned.", [&](const Lines& lines, double) {
        for (const auto& l : lines) {
            CHECK(l.find("sygemeldin=") == std::string::npos);
            CHECK(l.find("sygemel=") == std::string::npos);
            if (l.ends_with("syge=")) ++joint_breaks;
        }
    });
    CHECK(joint_breaks > 0);
}

TEST_CASE("three letters stay on each side of every break, however narrow the measure", "[hyphenation]") {
    const std::string text = "sygedagpengeopfølgningssamtale arbejdsfastholdelse mulighedserklæring virksomhedskonsulent";
    for_each_measure(text, [&](const Lines& lines, double) {
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (!lines[i].ends_with("=")) continue;
            // The piece before the hyphen (since the last space) and the next line's first piece.
            const std::string head = lines[i].substr(lines[i].rfind(' ') + 1);
            REQUIRE(i + 1 < lines.size());
            const std::string tail = lines[i + 1].substr(0, lines[i + 1].find_first_of(" ="));
            CHECK(utf8::length(head) - 1 >= 3);
            CHECK(utf8::length(tail) >= 3);
        }
    });
}

TEST_CASE("a hyphenated word's tail of fewer than five letters never stands alone on the last line", "[hyphenation]") {
    // The plan's cell said "højst 2 timer ad gan-" / "gen.".
    for_each_measure("Kvalitetstjek på byggepladsen, højst 2 timer ad gangen.", [&](const Lines& lines, double) {
        REQUIRE(lines.size() >= 1);
        if (lines.size() >= 2 && lines[lines.size() - 2].ends_with("=")) {
            CHECK(lines.back().find(' ') != std::string::npos);  // more than the tail
        }
        CHECK(lines.back() != "gen.");
    });
}

TEST_CASE("numbers stay with their units and days with their months: 15 kg., 1. januar, 24.–25. december", "[hyphenation]") {
    const std::string text = danish::keep_together("Lukket 24.–25. december. Løft op til 15 kg. Lukket 1. januar. Højst 37 timer.");
    // From the narrowest measure that holds the longest group ("24.–25. december.").
    for (double w = std::ceil(text_width("24.–25. december.")); w <= 400; w += 1) {
        const Lines lines = broken(text, w);
        std::string joined;
        for (const auto& l : lines) {
            INFO("measure " << w << ": |" << l << "|");
            CHECK(!l.ends_with(" 15"));
            CHECK(!l.ends_with("15"));
            CHECK(!l.ends_with(" 1."));
            CHECK(!l.ends_with("24.–"));
            CHECK(!l.ends_with("25."));
            CHECK(!l.ends_with("37"));
            CHECK(l.find("de=") == std::string::npos);
            CHECK(l.find('=') == std::string::npos);  // nothing here needs a hyphen at all
            joined += l + "\n";
        }
        CHECK(plain(joined).find("24.–25. december.") != std::string::npos);
    }
}

TEST_CASE("a group of no-break spaces wider than the line breaks at its space, never before a lone point", "[hyphenation]") {
    // The plan's narrow "Skånehensyn" column said "24.–25. december" / ". Løft op til 15 kg."
    const std::string text = danish::keep_together("Lukket 24.–25. december. Løft op til 15 kg.");
    for (double w = std::ceil(text_width("december.")); w < text_width("24.–25. december."); w += 1) {
        const Lines lines = broken(text, w);
        for (const auto& l : lines) {
            INFO("measure " << w << ": |" << l << "|");
            CHECK(!l.starts_with("."));
            CHECK(l.find('=') == std::string::npos);
        }
        std::string joined;
        for (const auto& l : lines) joined += l + "\n";
        INFO(joined);
        CHECK(plain(joined).find("24.–25.\ndecember.") != std::string::npos);
    }
}

TEST_CASE("names, addresses and e-mail addresses are not hyphenated", "[hyphenation]") {
    // Capitalised words (names, streets, companies) only as a last resort, when the word
    // alone is wider than the line; <nohyphen> and addresses never.
    for_each_measure("Mødet er hos Fastholdelseskonsulentens kollega på Åboulevarden.", [&](const Lines& lines, double w) {
        for (const auto& l : lines) {
            if (w > text_width("Fastholdelseskonsulentens")) {
                // The only hyphenated piece may be the lower-case "kollega".
                if (l.ends_with("=")) CHECK(l.substr(l.rfind(' ') + 1).starts_with("kol"));
            }
        }
    });
    for_each_measure("Skriv til anne-mette.kjaergaard@favrskov.dk eller se https://www.favrskov.dk/sygedagpenge-og-fastholdelse i dag.",
                     [&](const Lines& lines, double w) {
                         // No hyphen is added; an address wider than the line breaks after a
                         // '.' or '/', and one that fits is never broken at its own hyphen.
                         for (const auto& l : lines) CHECK(l.find('=') == std::string::npos);
                         const bool fits = w >= text_width("anne-mette.kjaergaard@favrskov.dk");
                         for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
                             if (fits) CHECK(!lines[i].ends_with("anne-"));
                             if (fits) CHECK(lines[i + 1].find("mette") != 0);
                         }
                     });
    const auto parsed = markup::parse(letter("<p>Hos <nohyphen>fastholdelseskonsulenten hæve-sænkebordsfabrikken</nohyphen> i dag.</p>"));
    REQUIRE(parsed.diagnostics.empty());
    const auto& runs = parsed.letter.body.at(0).inlines;
    REQUIRE(runs.size() == 3);
    CHECK(runs[1].no_hyphen);
    for (double w = 40; w <= 400; w += 1) {
        for (const auto& l : broken(runs, w)) {
            INFO("measure " << w << ": |" << l << "|");
            if (w > text_width("fastholdelseskonsulenten")) CHECK(l.find('=') == std::string::npos);
        }
    }
}

TEST_CASE("real hyphens stay text and stay with short parts: e-mail, CVR-nr., 2026-004711", "[hyphenation]") {
    for_each_measure("Send en e-mail med CVR-nr. og journalnummer 2026-004711 til hæve-sænkebordsudvalget.",
                     [&](const Lines& lines, double) {
                         for (const auto& l : lines) {
                             const std::string last = l.substr(l.rfind(' ') + 1);
                             CHECK(last != "e-");
                             CHECK(last != "CVR-");
                             CHECK(last != "2026-");
                         }
                     });
    // A real hyphen at a line end is content, not an artifact.
    const auto lines = broken("aaa hæve-sænkebordsudvalget", 80);
    REQUIRE(lines.size() >= 2);
    CHECK(lines[0] == "aaa hæve-");
}

TEST_CASE("the hyphen a break adds is an artifact: the tree and every extractor get the whole word", "[hyphenation][pdf]") {
    // Typeset through the CLI, then read with poppler (structure tree and pdftotext) and PDF.js.
    const auto markup = write_temp(letter(R"(<table widths="20% 80%"><tr><td>Opmåling og sygedagpengeopfølgningssamtale i dag.</td><td>x</td></tr></table>)"), ".xml");
    const auto pdf = temp_path(".pdf");
    int code = 0;
    run(std::string(BREVGEN_TEST_BINARY) + " typeset " + quote(markup) + " -o " + quote(pdf), &code);
    REQUIRE(code == 0);
    const std::string tree = run("pdfinfo -struct-text " + quote(pdf));
    CHECK(tree.find("\"Opmåling og sygedagpenge\"\n") != std::string::npos);  // the marked content ends before the hyphen
    CHECK(tree.find("-opfølgning") == std::string::npos);
    CHECK(tree.find("sygedagpenge-") == std::string::npos);
    const std::string text = run("pdftotext " + quote(pdf) + " -");
    CHECK(text.find("sygedagpengeopfølgningssamtale") != std::string::npos);
    const std::string js = run("node tests/js/pdf-text.mjs " + quote(pdf));
    CHECK(js.find("sygedagpengeopfølgningssamtale") != std::string::npos);
    const std::string content = run("qpdf --qdf --object-streams=disable " + quote(pdf) + " - | grep -a -A4 'Artifact BMC'");
    CHECK(content.find("/Artifact BMC") != std::string::npos);
}
