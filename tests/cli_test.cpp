// End to end through the brevgen binary: commands, exit codes, error lines, atomic output.

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include "cli_support.hpp"

using namespace brevgen::test;
namespace fs = std::filesystem;

TEST_CASE("brevgen --version and kinds") {
    auto r = run_brevgen("--version");
    CHECK(r.exit_code == 0);
    CHECK(r.out == std::string("brevgen ") + BREVGEN_VERSION + "\n");
    r = run_brevgen("kinds");
    CHECK(r.exit_code == 0);
    for (const auto& k : kind_names()) CHECK(r.out.find(k + "  ") != std::string::npos);
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 5);
}

TEST_CASE("a usage error exits 2") {
    CHECK(run_brevgen("render").exit_code == 2);
    CHECK(run_brevgen("frobnicate").exit_code == 2);
}

TEST_CASE("render writes a PDF whose text carries the Danish date") {
    const auto out = temp_path(".pdf");
    const auto r = run_brevgen("render information-medarbejder examples/information-medarbejder.json -o " + quote(out));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string text = pdftotext(out.string());
    CHECK(text.find("23. november 2026") != std::string::npos);
    CHECK(page_count(out.string()) >= 1);
}

TEST_CASE("the same case rendered twice gives the same bytes") {
    const auto a = temp_path(".pdf"), b = temp_path(".pdf");
    REQUIRE(run_brevgen("render indkaldelse examples/indkaldelse.json -o " + quote(a)).exit_code == 0);
    REQUIRE(run_brevgen("render indkaldelse examples/indkaldelse.json -o " + quote(b)).exit_code == 0);
    CHECK(slurp(a) == slurp(b));
}

TEST_CASE("a case can come on stdin and the PDF go to stdout") {
    const auto r = run_brevgen("render referat - -o -", "examples/referat.xml");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.rfind("%PDF-", 0) == 0);
    const auto file = temp_path(".pdf");
    REQUIRE(run_brevgen("render referat examples/referat.xml -o " + quote(file)).exit_code == 0);
    CHECK(slurp(file) == r.out);
}

TEST_CASE("a missing case file exits 66 and leaves no output") {
    const auto out = temp_path(".pdf");
    const auto r = run_brevgen("render referat no-such-case.json -o " + quote(out));
    CHECK(r.exit_code == 66);
    CHECK(r.err.find("no-such-case.json: error: cannot read the case file") == 0);
    CHECK(!fs::exists(out));
}

TEST_CASE("invalid case data exits 65 with FILE:LINE:COL lines and leaves no output") {
    const auto out = temp_path(".pdf");
    const std::string fixture = "fixtures/invalid/information-medarbejder--missing-required.json";
    const auto r = run_brevgen("render information-medarbejder " + fixture + " -o " + quote(out));
    CHECK(r.exit_code == 65);
    CHECK(r.err == slurp(fixture + ".expected"));
    CHECK(!fs::exists(out));
}

TEST_CASE("check validates without rendering and prints warnings for the sender") {
    auto r = run_brevgen("check optrapningsplan examples/optrapningsplan.json");
    CHECK(r.exit_code == 0);
    r = run_brevgen("check optrapningsplan fixtures/valid/optrapningsplan-26uger.json");
    CHECK(r.exit_code == 0);
    CHECK(r.err.find(": warning: /optrapningsplan") != std::string::npos);
}

TEST_CASE("an unknown kind is an error naming the known ones") {
    const auto r = run_brevgen("check afslag examples/referat.json");
    CHECK(r.exit_code == 65);
    CHECK(r.err.find("afslag") != std::string::npos);
    CHECK(r.err.find("referat") != std::string::npos);
}

TEST_CASE("output that cannot be written exits 74 and leaves nothing behind") {
    auto r = run_brevgen("render referat examples/referat.json -o /dev/full");
    CHECK(r.exit_code == 74);
    CHECK(r.err.find("/dev/full: error: cannot write the PDF") == 0);
    const auto dir = temp_path("-ro");
    fs::create_directories(dir);
    ::chmod(dir.c_str(), 0555);
    r = run_brevgen("render referat examples/referat.json -o " + quote(dir / "x.pdf"));
    if (::geteuid() != 0) {  // root writes anywhere; the check is for ordinary users
        CHECK(r.exit_code == 74);
        CHECK(fs::is_empty(dir));
    }
    r = run_brevgen("render referat examples/referat.json -o " + quote(dir / "missing" / "x.pdf"));
    CHECK(r.exit_code == 74);
}

TEST_CASE("schema prints the kind's JSON Schema") {
    const auto r = run_brevgen("schema indkaldelse");
    CHECK(r.exit_code == 0);
    CHECK(r.out == slurp("schemas/indkaldelse.json"));
}

TEST_CASE("a template with a syntax error is reported with its file and line at start") {
    const auto dir = temp_path("-templates");
    fs::copy("templates", dir, fs::copy_options::recursive);
    {
        std::string t = slurp(dir / "referat.xml");
        t.insert(t.find('\n') + 1, "{{#uafsluttet}}\n");
        std::ofstream(dir / "referat.xml") << t;
    }
    const auto r = run_brevgen("render referat examples/referat.json -o - --templates " + quote(dir));
    CHECK(r.exit_code == 1);
    CHECK(r.err.find((dir / "referat.xml").string() + ":2: error: Unclosed section \"uafsluttet\"") != std::string::npos);
}

TEST_CASE("a template naming a value the view does not have is an error, not an empty gap") {
    const auto dir = temp_path("-templates");
    fs::copy("templates", dir, fs::copy_options::recursive);
    {
        std::string t = slurp(dir / "referat.xml");
        const auto at = t.find("<subject>");
        REQUIRE(at != std::string::npos);
        t.insert(at, "<p>{{medarbejder.fodselsdag}}</p>\n");
        std::ofstream(dir / "referat.xml") << t;
    }
    const auto out = temp_path(".pdf");
    const auto r = run_brevgen("render referat examples/referat.json -o " + quote(out) + " --templates " + quote(dir));
    CHECK(r.exit_code != 0);
    CHECK(r.err.find("referat.xml:") != std::string::npos);
    CHECK(r.err.find("{{medarbejder.fodselsdag}}") != std::string::npos);
    CHECK(!fs::exists(out));
}

TEST_CASE("typeset renders a 60-row table with its header and page numbers on every page") {
    const auto out = temp_path(".pdf");
    const auto r = run_brevgen("typeset fixtures/markup/table-60.xml -o " + quote(out));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const int pages = page_count(out.string());
    REQUIRE(pages >= 2);
    for (int p = 1; p <= pages; ++p) {
        const std::string text = run("pdftotext -f " + std::to_string(p) + " -l " + std::to_string(p) + " " + quote(out) + " -");
        CHECK(text.find("Arbejdsopgaver") != std::string::npos);
        CHECK(text.find("Side " + std::to_string(p) + " af " + std::to_string(pages)) != std::string::npos);
    }
}

TEST_CASE("an unknown template value stops brevgen at start, whatever is asked of it") {
    const auto dir = temp_path("-templates");
    fs::copy("templates", dir, fs::copy_options::recursive);
    {
        std::string t = slurp(dir / "optrapningsplan.xml");
        const auto at = t.find("<subject>");
        REQUIRE(at != std::string::npos);
        t.insert(at, "{{#plan.uger}}<p>{{ugenummer}}</p>{{/plan.uger}}\n");
        std::ofstream(dir / "optrapningsplan.xml") << t;
    }
    // Found at load, before any letter is asked for (batch and serve load like this too).
    auto r = run_brevgen("kinds --templates " + quote(dir));
    CHECK(r.exit_code == 1);
    CHECK(r.err.find((dir / "optrapningsplan.xml").string() + ":") != std::string::npos);
    // A one-letter command checks the templates it uses.
    r = run_brevgen("check optrapningsplan examples/optrapningsplan.json --templates " + quote(dir));
    CHECK(r.exit_code == 1);
    CHECK(r.err.find((dir / "optrapningsplan.xml").string() + ":") != std::string::npos);
    CHECK(r.err.find("{{ugenummer}}") != std::string::npos);
}

TEST_CASE("a missing font or template file is a clear error at start") {
    auto r = run_brevgen("kinds --fonts /nonexistent/fonts");
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("/nonexistent/fonts/brevgen-regular.ttf") != std::string::npos);
    const auto dir = temp_path("-templates");
    fs::copy("templates", dir, fs::copy_options::recursive);
    fs::remove(dir / "referat.xml");
    r = run_brevgen("render indkaldelse examples/indkaldelse.json -o - --templates " + quote(dir));
    CHECK(r.exit_code == 1);
    CHECK(r.err.find((dir / "referat.xml").string() + ": error: cannot read the template") != std::string::npos);
    fs::remove(dir / "afsender.json");
    fs::copy("templates/referat.xml", dir / "referat.xml");
    r = run_brevgen("kinds --templates " + quote(dir));
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("afsender.json: error: cannot read the sender profile") != std::string::npos);
}
