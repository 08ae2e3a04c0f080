// Each reader's voice: the employee's copy speaks to "du", the employer's copy names the
// employee; free texts the consultant types may differ per reader (fields::per_reader).
// And the idiom slips a careful reader found, as a class: none of them in any letter.

#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "cli_support.hpp"

using namespace brevgen::test;

namespace {

/// The letter's text with white space collapsed, so text broken over lines still matches.
std::string letter_text(const std::filesystem::path& case_file) {
    return std::regex_replace(pdftotext(render_case(case_file).string()), std::regex("\\s+"), " ");
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("the invitation's purpose reads right to each reader") {
    const std::string employee = letter_text("examples/indkaldelse.json");
    INFO(employee);
    CHECK(has(employee, "hvilke opgaver du kan klare nu"));
    CHECK(has(employee, "hvordan du kommer tilbage til dit job"));
    CHECK_FALSE(has(employee, "Jørgen kan klare"));
    const std::string employer = letter_text("examples/indkaldelse-arbejdsgiver.json");
    INFO(employer);
    CHECK(has(employer, "hvilke opgaver Jørgen kan klare nu"));
    CHECK_FALSE(has(employer, "du kan klare"));
    // Without a reader's own text, the shared one is used.
    const std::string shared = letter_text("fixtures/valid/indkaldelse-fysisk.json");
    CHECK(has(shared, "Hvad skal vi tale om?"));
}

TEST_CASE("the minutes speak to the employee and about the employee in the employer's copy") {
    const std::string employee = letter_text("examples/referat.json");
    INFO(employee);
    CHECK(has(employee, "Dine bemærkninger Du er glad for planen."));
    CHECK(has(employee, "Du er ansat som tømrer og montør."));
    CHECK_FALSE(has(employee, "Jørgen er glad for planen"));
    const std::string employer = letter_text("fixtures/valid/referat-arbejdsgiver.json");
    INFO(employer);
    CHECK(has(employer, "Kære Lone Højgaard"));
    CHECK(has(employer, "Jørgens bemærkninger Jørgen er glad for planen."));
    CHECK(has(employer, "Jørgen er ansat som tømrer og montør."));
    CHECK_FALSE(has(employer, "Dine bemærkninger"));
    CHECK_FALSE(has(employer, "Du er ansat"));
    CHECK_FALSE(has(employer, "Kære Jørgen"));
    CHECK_FALSE(has(employer, "Sådan passer vi på dine oplysninger"));  // the employee's privacy notice
    CHECK(has(employer, "Hører vi ikke fra jer"));
}

TEST_CASE("the data schema offers a text per reader") {
    const auto r = run_brevgen("schema indkaldelse");
    REQUIRE(r.exit_code == 0);
    CHECK(has(r.out, "\"formaal_til_medarbejder\""));
    CHECK(has(r.out, "\"formaal_til_arbejdsgiver\""));
    const auto m = run_brevgen("schema referat");
    CHECK(has(m.out, "\"medarbejderens_bemaerkninger_til_arbejdsgiver\""));
    CHECK(has(m.out, "\"situation_til_medarbejder\""));
}

TEST_CASE("no letter has the idiom slips: a meeting in the telephone, sick hours, other breaks") {
    const std::vector<std::string> slips = {"holdes i telefonen", "holdes som video", "Du skal være syg",
                                            "andre pauser", "deltog pr. video", "skal være mindst",
                                            "hun eller han"};
    for (const auto& file : case_files(".json")) {
        const std::string text = letter_text(file);
        INFO(file);
        for (const auto& slip : slips) CHECK_FALSE(has(text, slip));
    }
    CHECK(has(letter_text("fixtures/valid/indkaldelse-video.json"), "Mødet er et videomøde."));
    CHECK(has(letter_text("examples/information-medarbejder.json"), "Dit fravær skal være på mindst 4 timer om ugen."));
}

TEST_CASE("the plan names the employee in full once, then by first name") {
    const auto pdf = render_case("examples/optrapningsplan.json");
    const std::string page1 = std::regex_replace(
        run("pdftotext -enc UTF-8 -f 1 -l 1 " + quote(pdf.string()) + " -"), std::regex("\\s+"), " ");
    INFO(page1);
    CHECK(has(page1, "Planen viser, hvordan Jørgen kommer tilbage"));
    CHECK(has(page1, "Så længe Jørgen arbejder færre timer"));
    const auto opening = page1.substr(page1.find("Planen viser"), page1.find("Medarbejder ") - page1.find("Planen viser"));
    CHECK_FALSE(has(opening, "Åkesson"));
}

TEST_CASE("the privacy notice says where the data come from, how long they are kept and every right") {
    int with_notice = 0;
    for (const auto& file : case_files(".json")) {
        const std::string text = letter_text(file);
        if (!has(text, "Sådan passer vi på dine oplysninger")) continue;
        ++with_notice;
        INFO(file);
        CHECK(has(text, "artikel 13 og 14"));                                  // data from others too
        CHECK(has(text, "Hvorfra: Fra dig og fra andre: din arbejdsgiver, din læge eller hospitalet og andre myndigheder."));
        CHECK(has(text, "Vi gemmer dem i 5 år, efter at din sag er slut."));    // storage period
        for (const char* right : {"se dine oplysninger", "rette eller slette", "(begrænsning)", "(indsigelse)",
                                  "klage til Datatilsynet", "databeskyttelsesrådgiver"}) {
            CHECK(has(text, right));
        }
    }
    CHECK(with_notice >= 6);
    // The employer's letters and the plan both parties sign carry no notice about the employee's data.
    for (const char* file : {"examples/information-arbejdsgiver.json", "examples/indkaldelse-arbejdsgiver.json",
                             "examples/optrapningsplan.json", "fixtures/valid/referat-arbejdsgiver.json"}) {
        INFO(file);
        CHECK_FALSE(has(letter_text(file), "Sådan passer vi på dine oplysninger"));
    }
}

TEST_CASE("a line separator or a control character in a free text becomes a space, never a joined word") {
    auto c = nlohmann::json::parse(slurp("examples/referat.json"));
    c["situation_til_medarbejder"] = "Du kan løfte\u2028lette emner og\tbære\nsmå kasser\u2029og\u0085værktøj\u0007nu.";
    const auto file = temp_path(".json");
    std::ofstream(file) << c.dump();
    const auto pdf = temp_path(".pdf");
    const auto r = run_brevgen("render referat " + quote(file.string()) + " -o " + quote(pdf.string()));
    REQUIRE(r.exit_code == 0);
    const std::string text = std::regex_replace(pdftotext(pdf.string()), std::regex("\\s+"), " ");
    INFO(text);
    CHECK(has(text, "Du kan løfte lette emner og bære små kasser og værktøj nu."));
}
