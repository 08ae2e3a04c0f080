// Accessibility and archiving of the real letters: tagged, the structure tree holding all
// text in reading order, alternative text, PDF/UA and PDF/A identification, and PDFBox
// Preflight's verdict for every example (docs/accessibility.md lists what each checks).

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

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

TEST_CASE("a block of lines is one P: the sender's details, the recipient's address, the signature", "[accessibility][lines]") {
    const auto pdf = render_case("examples/indkaldelse-arbejdsgiver.json");
    // Structure elements are the dictionaries with a role (/S) and a parent (/P).
    const auto objects = nlohmann::json::parse(run("qpdf --json=1 --json-key=objects " + quote(pdf))).at("objects");
    std::size_t elements = 0, paragraphs = 0, divs = 0;
    for (const auto& [key, value] : objects.items()) {
        if (!value.is_object() || !value.contains("/S") || !value.contains("/P")) continue;
        ++elements;
        if (value.at("/S") == "/P") ++paragraphs;
        if (value.at("/S") == "/Div") ++divs;
    }
    // One P per line made it 68 elements, 20 of them P: 6 letterhead lines, 4 address
    // lines and 4 signature lines are now 3 P, and the signature's P stands without a Div.
    // The letterhead (logo and sender) and the address block stand in the Document without
    // a Div each: a group of what stands together says nothing to a screen reader.
    CHECK(elements == 54);
    CHECK(paragraphs == 9);
    CHECK(divs == 0);

    // PDF.js's view of the tree: each element on a line of its own, its lines' text joined
    // by the space each line ends with.
    int code = 0;
    const std::string json = run("node tests/js/pdf-text.mjs " + quote(pdf) + " 2>&1", &code);
    if (code != 0) FAIL("PDF.js failed (tests/js needs npm ci --prefix tests/js):\n" << json.substr(0, 2000));
    const std::string tree = "\n" + nlohmann::json::parse(json).at(pdf.string()).at("tree").get<std::string>();
    for (const char* block : {"Jobcenter Favrskov Sygedagpenge og fastholdelse Skovvej 20, 8382 Hinnerup Tlf. 89 64 10 10 "
                              "jobcenter@favrskov.dk favrskov.dk/jobcenter",
                              "Afsender: Jobcenter Favrskov · Skovvej 20 · 8382 Hinnerup",
                              "Hinnerup Træ & Byg ApS Att.: Lone Højgaard Industrivej 4 8382 Hinnerup",
                              "Med venlig hilsen Anne-Mette Kjærgaard Fastholdelseskonsulent Jobcenter Favrskov"}) {
        INFO(block << "\nin\n" << tree);
        CHECK(tree.find("\n" + std::string(block) + "\n") != std::string::npos);
    }
    // Each line still stands on its own line of the page, where it stood.
    const std::string text = run("pdftotext " + quote(pdf) + " -");
    for (const char* line : {"\nHinnerup Træ & Byg ApS\nAtt.: Lone Højgaard\nIndustrivej 4\n8382 Hinnerup\n",
                             "\nMed venlig hilsen\n\nAnne-Mette Kjærgaard\nFastholdelseskonsulent\nJobcenter Favrskov\n"}) {
        INFO(line << "\nin\n" << text);
        CHECK(text.find(line) != std::string::npos);
    }
}
