// Free text from the case: no-break spaces where a line must not break (issue 13's
// examples "15 kg.", "Lukket 1. januar.", "24.–25. december").
#include <catch2/catch.hpp>

#include "danish/typography.hpp"

using brevgen::danish::keep_together;

namespace {
/// The text with "~" for every no-break space, for readable expectations.
std::string shown(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.compare(i, 2, "\xC2\xA0") == 0) {
            out += '~';
            ++i;
        } else {
            out += s[i];
        }
    }
    return out;
}
}  // namespace

TEST_CASE("a number stays with its unit", "[danish][typography]") {
    CHECK(shown(keep_together("Løft op til 15 kg. Tunge emner løftes to og to.")) ==
          "Løft op til 15~kg. Tunge emner løftes to og to.");
    CHECK(shown(keep_together("37 timer om ugen, 7,5 t. pr. dag")) == "37~timer om ugen, 7,5~t. pr. dag");
    CHECK(shown(keep_together("49 % af normal tid")) == "49~% af normal tid");
    CHECK(shown(keep_together("højst 2 timer ad gangen i 3 uger (10 kg),")) == "højst 2~timer ad gangen i 3~uger (10~kg),");
    CHECK(shown(keep_together("1.234 kr. og 10-12 dage")) == "1.234~kr. og 10-12~dage");
}

TEST_CASE("a day stays with its month, and a month with its year", "[danish][typography]") {
    CHECK(shown(keep_together("Lukket 1. januar.")) == "Lukket 1.~januar.");
    CHECK(shown(keep_together("Lukket 24.–25. december. Løft op til 15 kg.")) ==
          "Lukket 24.–25.~december. Løft op til 15~kg.");
    CHECK(shown(keep_together("fra 4. januar 2027")) == "fra 4.~januar~2027");
    CHECK(shown(keep_together("Lukket 24. December")) == "Lukket 24.~December");
}

TEST_CASE("a label stays with its number", "[danish][typography]") {
    CHECK(shown(keep_together("som i uge 49 kl. 10.00 efter § 7 a, nr. 3")) == "som i uge~49 kl.~10.00 efter §~7 a, nr.~3");
}

TEST_CASE("other text is left as it is", "[danish][typography]") {
    for (const char* s : {"", "Opmåling og materialebestilling på kontoret.", "1. Vi mødes på kontoret.",
                          "2 af dem", "uge for uge", "Tunge emner løftes to og to.", "15  kg", "15\nkg",
                          "januar er kold", "kl. otte"}) {
        INFO(s);
        CHECK(keep_together(s) == s);
    }
    CHECK(shown(keep_together("linje\n15 kg")) == "linje\n15~kg");
}
