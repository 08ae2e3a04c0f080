// The five letters end to end: JSON and XML twins give the same bytes, the employer never
// sees a CPR number or health information, dates and weeks are written the Danish way.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <regex>

#include "cli_support.hpp"

using namespace brevgen::test;
namespace fs = std::filesystem;

namespace {


nlohmann::json load_json(const fs::path& file) { return nlohmann::json::parse(slurp(file)); }

std::string at(const nlohmann::json& j, const char* pointer) {
    const nlohmann::json::json_pointer p(pointer);
    return j.contains(p) && j[p].is_string() ? j[p].get<std::string>() : std::string();
}

bool to_employer(const fs::path& file, const nlohmann::json& c) {
    const std::string kind = kind_of(file);
    return kind == "information-arbejdsgiver" ||
           ((kind == "indkaldelse" || kind == "referat") && at(c, "/modtager") == "arbejdsgiver");
}

/// Collapses white space so text broken over lines still matches.
std::string flat(const std::string& s) { return std::regex_replace(s, std::regex("\\s+"), " "); }

}  // namespace

TEST_CASE("every JSON case and its XML twin render to byte-identical PDFs") {
    for (const auto& json : case_files(".json")) {
        auto xml = json;
        xml.replace_extension(".xml");
        if (!fs::exists(xml)) continue;
        INFO(json);
        CHECK(slurp(render_case(json)) == slurp(render_case(xml)));
    }
}

TEST_CASE("no letter prints a full CPR number; the employer's letters not even a masked one") {
    for (const auto& file : case_files(".json")) {
        const auto c = load_json(file);
        const std::string cpr = at(c, "/medarbejder/cpr");
        if (cpr.empty()) continue;
        const std::string digits = std::regex_replace(cpr, std::regex("[^0-9]"), "");
        const std::string text = flat(pdftotext(render_case(file).string()));
        INFO(file << "\n" << text);
        CHECK(text.find(digits) == std::string::npos);
        CHECK(text.find(digits.substr(0, 6) + "-" + digits.substr(6)) == std::string::npos);
        CHECK(text.find(digits.substr(6)) == std::string::npos);  // the last four digits never
        if (to_employer(file, c) || kind_of(file) == "optrapningsplan") {
            CHECK(text.find(digits.substr(0, 6)) == std::string::npos);
            CHECK(text.find("CPR") == std::string::npos);
        } else {
            CHECK(text.find(digits.substr(0, 6) + "-xxxx") != std::string::npos);
        }
    }
}

TEST_CASE("health information from the case system is never printed") {
    int checked = 0;
    for (const auto& file : case_files(".json")) {
        const auto c = load_json(file);
        const std::string health = at(c, "/sygefravaer/helbred");
        if (health.empty()) continue;
        const std::string text = flat(pdftotext(render_case(file).string()));
        INFO(file);
        // Neither the whole text nor any distinctive word of it.
        CHECK(text.find(health) == std::string::npos);
        for (const auto& word : std::vector<std::string>{"diskusprolaps", "Diskusprolaps", "depression", "Depression",
                                                         "stress", "medicin", "operation", "diagnose:"}) {
            if (flat(health).find(word) != std::string::npos) CHECK(text.find(word) == std::string::npos);
        }
        ++checked;
    }
    CHECK(checked >= 3);
}

TEST_CASE("letters show dates, times and weeks the Danish way") {
    const std::string invitation = flat(pdftotext(render_case("examples/indkaldelse.json").string()));
    CHECK(invitation.find("23. november 2026") != std::string::npos);
    CHECK(invitation.find("kl. 10.00–11.00") != std::string::npos);
    CHECK(invitation.find("mandag den 30. november 2026") != std::string::npos);
    const std::string plan = flat(pdftotext(render_case("examples/optrapningsplan.json").string()));
    CHECK(plan.find("uge 49") != std::string::npos);
    CHECK(plan.find("30. november 2026") != std::string::npos);
    for (const auto& file : case_files(".json")) {
        const auto c = load_json(file);
        if (at(c, "/brevdato") != "2026-11-23") continue;
        INFO(file);
        CHECK(flat(pdftotext(render_case(file).string())).find("23. november 2026") != std::string::npos);
    }
}

TEST_CASE("a 26-week plan runs over pages with its header repeated and the signatures together") {
    const auto pdf = render_case("fixtures/valid/optrapningsplan-26uger.json");
    const int pages = page_count(pdf.string());
    REQUIRE(pages >= 2);
    int header_pages = 0;
    for (int p = 1; p <= pages; ++p) {
        const std::string text = run("pdftotext -f " + std::to_string(p) + " -l " + std::to_string(p) + " " + quote(pdf) + " -");
        if (text.find("uge ") != std::string::npos && text.find("Timer") != std::string::npos) ++header_pages;
        CHECK(text.find("Side " + std::to_string(p) + " af " + std::to_string(pages)) != std::string::npos);
    }
    CHECK(header_pages >= 2);
    const std::string last = run("pdftotext -f " + std::to_string(pages) + " -l " + std::to_string(pages) + " " + quote(pdf) + " -");
    for (const char* signer : {"Medarbejder", "Arbejdsgiver", "Underskrift"}) CHECK(last.find(signer) != std::string::npos);
}

TEST_CASE("every letter's body text reads easily: LIX at most 45") {
    for (const auto& file : case_files(".json")) {
        if (file.parent_path() != "examples") continue;
        const std::string out = run("/usr/bin/python3 examples/lix.py " + quote(render_case(file)));
        const auto at = out.find("LIX ");
        REQUIRE(at != std::string::npos);
        const int lix = std::stoi(out.substr(at + 4));
        INFO(file << ": " << out);
        CHECK(lix > 10);  // a body was found at all
        CHECK(lix <= 45);
    }
}

TEST_CASE("every letter cites paragraphs as Danish statutes do: § 7 a, never § 7a") {
    const std::regex glued("§\\s?\\d+[a-z]\\b");
    int citing = 0;
    for (const auto& file : case_files(".json")) {
        const std::string text = pdftotext(render_case(file).string());
        std::smatch m;
        INFO(file);
        CHECK_FALSE(std::regex_search(text, m, glued));
        if (text.find("§") != std::string::npos) ++citing;
    }
    CHECK(citing >= 5);
    // The letters that cite a lettered paragraph cite it the statute's way.
    const std::string employer = flat(pdftotext(render_case("examples/information-arbejdsgiver.json").string()));
    CHECK(employer.find("§ 7 a") != std::string::npos);
    CHECK(employer.find("§ 36 a") != std::string::npos);
}
