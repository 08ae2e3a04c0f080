// Accessibility and archiving of the real letters: tagged, the structure tree holding all
// text in reading order, alternative text, PDF/UA and PDF/A identification, and PDFBox
// Preflight's verdict for every example (docs/accessibility.md lists what each checks).

#include <catch2/catch.hpp>

#include "cli_support.hpp"

using namespace brevgen::test;
namespace fs = std::filesystem;


TEST_CASE("every letter's structure tree holds all its text in reading order", "[accessibility]") {
    for (const auto& file : case_files(".json")) {
        const auto pdf = render_case(file);
        int code = 0;
        const std::string problems = run("/usr/bin/python3 tests/tools/check_tagged.py " + quote(pdf), &code);
        INFO(file << "\n" << problems);
        CHECK(code == 0);
    }
}

TEST_CASE("letters carry their roles: H1, H2, lists, tables with header scope, figures with alt text", "[accessibility]") {
    const std::string tree = run("pdfinfo -struct-text " + quote(render_case("examples/information-medarbejder.json")));
    for (const char* role : {"Document", "H1 (block)", "H2 (block)", "P (block)", "L (block)", "LI", "Lbl", "LBody",
                             "Table (block)", "TR", "TH", "TD", "Figure", "/Scope /Row"}) {
        INFO(role);
        CHECK(tree.find(role) != std::string::npos);
    }
    const std::string plan = run("pdfinfo -struct-text " + quote(render_case("examples/optrapningsplan.json")));
    CHECK(plan.find("/Scope /Column") != std::string::npos);
    const std::string objects = run("qpdf --json=1 --json-key=objects " + quote(render_case("examples/optrapningsplan.json")));
    CHECK(objects.find("\"/Alt\": \"Timer pr. uge: uge 49: 12 timer") != std::string::npos);
    CHECK(objects.find("\"/Alt\": \"Jobcenter Favrskovs logo\"") != std::string::npos);
}

TEST_CASE("document level: language, title shown, tagged, XMP with PDF/UA-1 and PDF/A-1a", "[accessibility]") {
    const auto pdf = render_case("examples/referat.json");
    const std::string info = run("pdfinfo " + quote(pdf));
    CHECK(info.find("Tagged:          yes") != std::string::npos);
    CHECK(info.find("Title:           Referat af opfølgningsmøde") != std::string::npos);
    CHECK(info.find("Encrypted:       no") != std::string::npos);
    const std::string meta = run("pdfinfo -meta " + quote(pdf));
    CHECK(meta.find("pdfuaid:part=\"1\"") != std::string::npos);
    CHECK(meta.find("pdfaid:part=\"1\"") != std::string::npos);
    CHECK(meta.find("pdfaid:conformance=\"A\"") != std::string::npos);
    const std::string catalog = run("qpdf --json=1 --json-key=objects " + quote(pdf));
    CHECK(catalog.find("\"/Lang\": \"da-DK\"") != std::string::npos);
    CHECK(catalog.find("\"/DisplayDocTitle\": true") != std::string::npos);
    CHECK(catalog.find("\"/Marked\": true") != std::string::npos);
}

TEST_CASE("PDFBox Preflight finds every example letter valid PDF/A-1", "[accessibility][preflight]") {
    const std::string classpath = preflight_classpath();
    if (classpath.empty()) FAIL("PDFBox Preflight missing: scripts/install-deps.sh installs it");
    for (const auto& file : case_files(".json")) {
        if (file.parent_path() != "examples") continue;
        const auto pdf = render_case(file);
        int code = 0;
        const std::string out = run("java -cp " + classpath + " org.apache.pdfbox.preflight.Validator_A1b " + quote(pdf) + " 2>&1", &code);
        INFO(file << "\n" << out);
        CHECK(code == 0);
        CHECK(out.find("is a valid PDF/A-1b file") != std::string::npos);
    }
}
