// templates/legal.json: the real file loads and holds the week counts the letters use;
// malformed files are refused with the file name and the problem.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "letters/legal.hpp"

using brevgen::letters::LegalRefs;
using brevgen::letters::load_legal;
using brevgen::letters::parse_legal;

TEST_CASE("templates/legal.json loads", "[domain][legal]") {
    const LegalRefs refs = load_legal(std::filesystem::path{BREVGEN_SOURCE_DIR} / "templates" / "legal.json");
    CHECK(refs.foerste_opfoelgning_uger == 8);
    CHECK(refs.samtale_7a_uger == 4);
    CHECK(refs.fast_track_uger == 5);
    CHECK(refs.delvis_fravaer_min_timer == 4);
    CHECK(refs.optrapningsplan_max_uger == 13);
    // The references LETTERS.md asks for are all there, as text for the templates.
    for (const char* key : {"sygedagpengeloven", "paragraf_samtale", "paragraf_fastholdelsesplan",
                            "paragraf_fast_track", "paragraf_56", "paragraf_68a", "bisidder", "gdpr",
                            "foerste_opfoelgning_uger"}) {
        INFO(key);
        CHECK(refs.find(key) != nullptr);
    }
    CHECK(*refs.find("paragraf_samtale") == "§ 7 a");
    CHECK(*refs.find("bisidder") == "forvaltningsloven § 8");
    CHECK(*refs.find("foerste_opfoelgning_uger") == "8");
    CHECK(refs.find("_om") == nullptr);  // notes are not entries
    CHECK(refs.texts.front().first == "sygedagpengeloven");  // file order
}

TEST_CASE("legal.json errors name the file and the problem", "[domain][legal]") {
    const std::string ok_numbers =
        R"("foerste_opfoelgning_uger": 8, "samtale_7a_uger": 4, "fast_track_uger": 5,
           "optrapningsplan_max_uger": 13, "delvis_fravaer_min_timer": 4)";
    CHECK_NOTHROW(parse_legal("{" + ok_numbers + "}", "legal.json"));
    CHECK(parse_legal("{" + ok_numbers + R"(, "x": 1.5})", "l").find("x") != nullptr);

    CHECK_THROWS_WITH(parse_legal("{", "legal.json"), Catch::StartsWith("legal.json: malformed JSON"));
    CHECK_THROWS_WITH(parse_legal("[]", "legal.json"), Catch::Contains("must be an object"));
    CHECK_THROWS_WITH(parse_legal(R"({"samtale_7a_uger": 4})", "legal.json"),
                      Catch::Contains("missing \"foerste_opfoelgning_uger\""));
    CHECK_THROWS_WITH(parse_legal(R"({"foerste_opfoelgning_uger": "8"})", "legal.json"),
                      Catch::Contains("whole number of weeks"));
    CHECK_THROWS_WITH(parse_legal(R"({"foerste_opfoelgning_uger": 0})", "legal.json"),
                      Catch::Contains("whole number of weeks"));
    CHECK_THROWS_WITH(parse_legal(R"({"foerste_opfoelgning_uger": 8.5})", "legal.json"),
                      Catch::Contains("whole number of weeks"));
    CHECK_THROWS_WITH(parse_legal("{" + ok_numbers + R"(, "nested": {"a": 1}})", "legal.json"),
                      Catch::Contains("\"nested\" must be a string or a number"));
    const std::string negative_hours =
        R"({"foerste_opfoelgning_uger": 8, "samtale_7a_uger": 4, "fast_track_uger": 5,
            "optrapningsplan_max_uger": 13, "delvis_fravaer_min_timer": -4})";
    CHECK_THROWS_WITH(parse_legal(negative_hours, "legal.json"), Catch::Contains("positive number"));
    CHECK_THROWS_WITH(load_legal("/nonexistent/legal.json"), Catch::Contains("/nonexistent/legal.json"));
}
