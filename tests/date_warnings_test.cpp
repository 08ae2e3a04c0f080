// Warnings for the sender about dates on the wrong side of a meeting: exit 0, printed by
// `check` and `render` alike, in JSON and XML alike, and worded in the Danish catalogue.
// The cases are fixtures/warnings/<kind>--<what>.<json|xml> with the expected lines beside.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include "cli_support.hpp"
#include "common/diagnostic.hpp"
#include "engine/messages.hpp"

using namespace brevgen::test;
namespace fs = std::filesystem;

TEST_CASE("every warning fixture gives exactly its expected warnings, with exit 0") {
    const char* env = std::getenv("BREVGEN_UPDATE_EXPECTED");
    const bool update = env != nullptr && std::string(env) == "1";
    int cases = 0;
    for (const auto& e : fs::directory_iterator("fixtures/warnings")) {
        const auto ext = e.path().extension();
        if (ext != ".json" && ext != ".xml") continue;
        const std::string name = e.path().filename().string();
        const std::string file = "fixtures/warnings/" + name;
        const std::string kind = name.substr(0, name.find("--"));
        INFO(file);
        const auto checked = run_brevgen("check " + kind + " " + quote(file));
        CHECK(checked.exit_code == 0);
        if (update) std::ofstream(file + ".expected", std::ios::binary) << checked.err;
        const std::string expected = slurp(file + ".expected");
        REQUIRE_FALSE(expected.empty());
        CHECK(checked.err == expected);
        CHECK(expected.find(": warning: ") != std::string::npos);
        CHECK(expected.find(": error: ") == std::string::npos);
        const auto out = temp_path(".pdf");
        const auto rendered = run_brevgen("render " + kind + " " + quote(file) + " -o " + quote(out));
        CHECK(rendered.exit_code == 0);
        CHECK(rendered.err == expected);
        ++cases;
    }
    CHECK(cases >= 6);
}

TEST_CASE("an invitation dated after its meeting and an absence starting after it are warned about") {
    const auto r = run_brevgen("check indkaldelse fixtures/warnings/indkaldelse--dated-after-meeting.json");
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("warning: /brevdato: the letter is dated 2026-12-01, after the meeting on 2026-11-30") !=
          std::string::npos);
    CHECK(r.err.find("warning: /sygefravaer/foerste_fravaersdag: the first day of absence, 2026-12-03, is after the "
                     "meeting on 2026-11-30") != std::string::npos);
}

TEST_CASE("a plan and minutes dated before the meeting they come from are warned about") {
    const auto plan = run_brevgen("check optrapningsplan fixtures/warnings/optrapningsplan--dated-before-meeting.json");
    CHECK(plan.exit_code == 0);
    CHECK(plan.err.find("warning: /brevdato: the letter is dated 2026-11-23, before the meeting on 2026-11-30") !=
          std::string::npos);
    // The examples themselves are dated right: no warning at all.
    for (const char* kind : {"optrapningsplan", "referat", "indkaldelse"}) {
        const auto ok = run_brevgen(std::string("check ") + kind + " examples/" + kind + ".json");
        INFO(kind << ": " << ok.err);
        CHECK(ok.exit_code == 0);
        CHECK(ok.err.find("warning") == std::string::npos);
    }
}

TEST_CASE("the new warnings and errors have Danish sentences that say what is wrong") {
    for (const char* code : {"letter-after-meeting", "letter-before-meeting", "absence-after-meeting", "year-range",
                             "not-one-line"}) {
        INFO(code);
        CHECK(brevgen::has_danish_message(code));
    }
    brevgen::Diagnostic d;
    d.severity = brevgen::Severity::warning;
    d.code = "letter-after-meeting";
    d.args = {{"brevdato", "2026-12-01"}, {"moede", "2026-11-30"}};
    CHECK(brevgen::danish_message(d) ==
          "Brevet er dateret 1. december 2026, efter mødet 30. november 2026. En indkaldelse skal sendes før mødet.");
    d.code = "not-one-line";
    d.args = {{"tegn", "U+2028"}};
    CHECK(brevgen::danish_message(d) == "Skal stå på én linje: fjern linjeskiftet eller tegnet U+2028.");
}
