// Danish hyphenation through libhyphen and the hyphen-da patterns. The pinned break points
// were printed once and checked by eye against Danish syllable boundaries (see each case).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "common/utf8.hpp"
#include "danish/compounds.hpp"
#include "danish/hyphenate.hpp"

using brevgen::danish::Hyphenator;
using Breaks = std::vector<std::size_t>;

namespace {

const Hyphenator& dict() { return Hyphenator::danish(); }

/// The word with "|" at every compound joint and "-" at every other break, for readable
/// failure messages.
std::string marked(std::string_view word) {
    std::string out;
    std::size_t from = 0;
    for (const auto& b : dict().breaks(word)) {
        out.append(word.substr(from, b.at - from));
        out += b.joint ? '|' : '-';
        from = b.at;
    }
    out.append(word.substr(from));
    return out;
}

}  // namespace

TEST_CASE("long compounds break at their joints and at syllables three letters from every edge", "[danish][hyphenate]") {
    // The joints come from the word list (the split into the fewest parts), the other
    // breaks from the patterns: "sy-", "-le", "ar-", "mu-" leave two letters, and
    // "mulighed-ser" would cut into "erklæring", so they are gone.
    CHECK(marked("sygedagpengeopfølgningssamtale") == "sygedag-penge|opfølg-nings|sam-tale");
    // Offsets are bytes into UTF-8: "ø" takes two, so breaks after it move one byte on.
    CHECK(dict().break_points("sygedagpengeopfølgningssamtale") == Breaks{7, 12, 19, 24, 27});
    CHECK(marked("arbejdsfastholdelse") == "arbejds|fast-hol-delse");
    CHECK(marked("fastholdelsesplan") == "fast-hol-delses|plan");
    CHECK(marked("optrapningsplan") == "optrap-nings|plan");
    CHECK(marked("mulighedserklæring") == "mulig-heds|erklæ-ring");
}

TEST_CASE("the examples of issue 13: a compound breaks at its joint, never beside it", "[danish][hyphenate]") {
    // The patterns alone gave "materia-lebestilling" and "sygemeldin-gen".
    CHECK(marked("materialebestilling") == "mate-ri-ale|bestil-ling");
    CHECK(marked("sygemeldingen") == "syge|meldin-gen");
    CHECK(marked("værkføreren") == "værk|føre-ren");
    CHECK(marked("skulderhøjde") == "skul-der|højde");
    CHECK(marked("virksomhedskonsulent") == "virk-som-heds|kon-su-lent");
    // A break next to a joint ("materia-le|", "|be-stilling") leaves a two-letter scrap.
    for (const char* w : {"materialebestilling", "sygemeldingen", "arbejdsfastholdelse", "sygedagpengeopfølgningssamtale"}) {
        INFO(w);
        const auto all = dict().breaks(w);
        for (const auto& b : all) {
            for (const auto& j : all) {
                if (j.joint && !b.joint) CHECK((b.at > j.at ? b.at - j.at : j.at - b.at) >= 3);
            }
        }
    }
}

TEST_CASE("compound joints: the split into the fewest parts, with linking s and e", "[danish][hyphenate]") {
    using brevgen::danish::compound_joints;
    CHECK(compound_joints(U"materialebestilling") == Breaks{9});
    CHECK(compound_joints(U"arbejdsgiver") == Breaks{7});            // arbejd + s | giver
    CHECK(compound_joints(U"sygemeldingen") == Breaks{4});           // not syge|mel|din|gen
    CHECK(compound_joints(U"fastholdelseskonsulent") == Breaks{13});  // fastholdelse + s | konsulent
    CHECK(compound_joints(U"sygemelding").size() == 1);              // a word of the list is still split
    CHECK(compound_joints(U"bestilling").empty());                   // best|illing: "illing" is no word
    CHECK(compound_joints(U"xqzxqzxqz").empty());
    CHECK(compound_joints(std::u32string(300, U'a')).empty());       // far longer than any word
    CHECK(brevgen::danish::is_danish_word("materiale"));
    CHECK_FALSE(brevgen::danish::is_danish_word("materialx"));
}

TEST_CASE("capitals and Danish letters outside ASCII", "[danish][hyphenate]") {
    // Å is two bytes; "Å-bou" would leave one letter, so the first break is "Åbou-".
    CHECK(marked("Åboulevarden") == "Åbou-le-var-den");
    CHECK(dict().break_points("Åboulevarden") == Breaks{5, 7, 10});
    CHECK(marked("ARBEJDSFASTHOLDELSE") == "ARBEJDS|FAST-HOL-DELSE");
    CHECK(marked("Arbejdsfastholdelse") == "Arbejds|fast-hol-delse");
    CHECK(marked("MULIGHEDSERKLÆRING") == "MULIG-HEDS|ERKLÆ-RING");
}

TEST_CASE("short words get no breaks", "[danish][hyphenate]") {
    for (const char* w : {"", "i", "og", "syg", "uge", "plan", "møde", "åben", "opgave"}) {
        INFO(w);
        CHECK(dict().break_points(w).empty());
    }
}

TEST_CASE("three letters stay on each side", "[danish][hyphenate]") {
    for (const char* w : {"sygedagpengeopfølgningssamtale", "Åboulevarden", "opgaver", "arbejdsgiver",
                          "jobcenter", "virksomhedskonsulent", "økonomi", "æbleskiver"}) {
        INFO(w);
        const std::string word = w;
        for (const std::size_t b : dict().break_points(word)) {
            CHECK(brevgen::utf8::length(word.substr(0, b)) >= 3);
            CHECK(brevgen::utf8::length(word.substr(b)) >= 3);
            CHECK((static_cast<unsigned char>(word[b]) & 0xC0) != 0x80);  // never inside a character
        }
    }
}

TEST_CASE("digits and existing hyphens prevent hyphenation", "[danish][hyphenate]") {
    for (const char* w : {"uge49arbejdsplads", "2026arbejdsfastholdelse", "syge-dagpenge",
                          "arbejds-fastholdelse", "arbejdsfastholdelse-", "arbejds\u00ADfastholdelse",
                          "arbejds\u2010fastholdelse", "COVID19opfølgning"}) {
        INFO(w);
        CHECK(dict().break_points(w).empty());
    }
}

TEST_CASE("punctuation around a word is skipped, inside a word it blocks", "[danish][hyphenate]") {
    const std::string word = "(arbejdsfastholdelse),";
    CHECK(dict().break_points(word) == Breaks{8, 12, 15});  // "(arbejds|fast-hol-delse),"
    CHECK(dict().break_points("\u201Carbejdsfastholdelse\u201D") == Breaks{10, 14, 17});
    CHECK(dict().break_points("arbejds/fastholdelse").empty());
    CHECK(dict().break_points("arbejdsgiver's").empty());
    CHECK(dict().break_points("...").empty());
}

TEST_CASE("letters the patterns cannot spell and broken UTF-8 give no breaks", "[danish][hyphenate]") {
    CHECK(dict().break_points("Łukaszewicz").empty());       // Ł has no Latin-1 byte
    CHECK(dict().break_points("Nguyễnthịminh").empty());     // nor has ễ
    CHECK(dict().break_points("arbejds\xC3").empty());       // truncated sequence
    CHECK(dict().break_points("arbejds\xFF" "fasthold").empty());
    CHECK(dict().break_points(std::string(300, 'a')).empty());  // absurdly long
}

TEST_CASE("words with é and ü are hyphenated", "[danish][hyphenate]") {
    // Latin-1 letters the Danish patterns do not know still pass through without harm.
    const Breaks b = dict().break_points("entrépriseforhandling");
    CHECK_FALSE(b.empty());
}

TEST_CASE("one hyphenator serves many threads", "[danish][hyphenate]") {
    const std::vector<std::string> words{"sygedagpengeopfølgningssamtale", "Åboulevarden", "arbejdsfastholdelse",
                                         "mulighedserklæring", "virksomhedskonsulent"};
    std::vector<Breaks> expected;
    for (const auto& w : words) expected.push_back(dict().break_points(w));
    std::vector<int> mismatches(4, 0);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < mismatches.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 2000; ++round) {
                const std::size_t i = (t + static_cast<std::size_t>(round)) % words.size();
                if (dict().break_points(words[i]) != expected[i]) ++mismatches[t];
            }
        });
    }
    for (auto& th : threads) th.join();
    CHECK(mismatches == std::vector<int>(4, 0));
}

TEST_CASE("a missing or unusable dictionary is reported by name", "[danish][hyphenate]") {
    const std::filesystem::path missing = "/nonexistent/hyph_xx.dic";
    try {
        Hyphenator h{missing};
        FAIL("no exception");
    } catch (const std::runtime_error& e) {
        CHECK(std::string{e.what()}.find("/nonexistent/hyph_xx.dic") != std::string::npos);
    }
    const auto dir = std::filesystem::temp_directory_path() / "brevgen-hyphen-test";
    std::filesystem::create_directories(dir);
    const auto koi = dir / "hyph_koi.dic";
    std::ofstream(koi) << "KOI8-R\n.ab1c\n";
    CHECK_THROWS_WITH(Hyphenator{koi}, Catch::Contains("unsupported encoding"));
    CHECK_THROWS(Hyphenator{dir});
    std::filesystem::remove_all(dir);
}

TEST_CASE("a UTF-8 pattern file works the same way", "[danish][hyphenate]") {
    // A tiny UTF-8 dictionary: "1ø" allows a break before every ø. Its marks are per
    // character, which the byte mapping must respect.
    const auto dir = std::filesystem::temp_directory_path() / "brevgen-hyphen-utf8";
    std::filesystem::create_directories(dir);
    const auto path = dir / "hyph_test.dic";
    std::ofstream(path) << "UTF-8\n1ø\n";
    const Hyphenator h{path};
    CHECK(h.break_points("søøøøøs") == Breaks{1 + 2 + 2, 1 + 2 + 2 + 2});  // "søø-ø-øøs": 3 each side
    CHECK(h.break_points("SØØØØØS") == Breaks{5, 7});
    std::filesystem::remove_all(dir);
}
