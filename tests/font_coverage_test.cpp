// A character no font has (an Arabic name, an emoji in formaal) is one error per field, at
// the field (line, column, JSON pointer), listing the characters — from `check` as from
// `render`, in a batch manifest and in an HTTP 422 — never one error per character without
// a place. Fields no letter prints (helbred) and unknown fields are not checked.

// GCC 12 reports a -Wrestrict false positive (GCC bug 105329) in std::string's operator+
// as inlined into pdf_tools.hpp's temp_path; it is not about this code.
#pragma GCC diagnostic ignored "-Wrestrict"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "batch_support.hpp"
#include "http_support.hpp"

using namespace brevgen::test;
using nlohmann::json;

namespace {

const std::string fixture = "fixtures/invalid/indkaldelse--characters-no-font-has.json";

/// The lines of `text` that are errors.
std::vector<std::string> error_lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (line.find(": error: ") != std::string::npos) out.push_back(line);
    }
    return out;
}

}  // namespace

TEST_CASE("fonts: check and render give one error per field with characters no font has", "[fonts][privacy]") {
    for (const std::string ext : {".json", ".xml"}) {
        const std::string file = fixture.substr(0, fixture.size() - 5) + ext;
        const std::string expected = slurp(file + ".expected");
        REQUIRE(!expected.empty());
        const Run check = run_brevgen("check indkaldelse " + file);
        CHECK(check.exit_code == 65);
        CHECK(check.err == expected);
        const auto out = temp_path(".pdf");
        const Run render = run_brevgen("render indkaldelse " + file + " -o " + quote(out));
        CHECK(render.exit_code == 65);
        CHECK(render.err == expected);
        CHECK(!std::filesystem::exists(out));
    }
    const auto lines = error_lines(slurp(fixture + ".expected"));
    REQUIRE(lines.size() == 3);
    CHECK(lines[1] == fixture + ":51:16: error: /moede/formaal: no font has the characters U+1F600 '😀', U+1F389 '🎉'");
}

TEST_CASE("fonts: a batch records the error at the field inside the extract", "[fonts][batch]") {
    const json c = json::parse(slurp(fixture));
    const std::string line = json{{"id", "fonts-1"}, {"kind", "indkaldelse"}, {"case", c}}.dump();
    const auto extract = batch::write_lines({line});
    const auto dir = batch::scratch("fonts");
    const Run r = run_brevgen("batch " + quote(extract) + " -o " + quote(dir) + " --jobs 1");
    CHECK(r.exit_code == 1);
    const auto rows = batch::manifest(dir);
    REQUIRE(rows.size() == 1);
    const auto& errors = rows[0]["errors"];
    REQUIRE(errors.size() == 3);
    const auto formaal = std::find_if(errors.begin(), errors.end(), [](const json& e) { return e["path"] == "/case/moede/formaal"; });
    REQUIRE(formaal != errors.end());
    CHECK((*formaal)["message"] == "no font has the characters U+1F600 '😀', U+1F389 '🎉'");
    CHECK("1:" + std::to_string((*formaal)["column"].get<int>()) ==
          batch::position(line, line.find("\"Vi følger op på sygemeldingen")));
}

TEST_CASE("fonts: an HTTP 422 lists the fields with characters no font has", "[fonts][http]") {
    ServerProcess server;
    const RawReply reply = post_json(server.port(), "/v1/letters/indkaldelse", slurp(fixture));
    REQUIRE(reply.status == 422);
    const json problem = json::parse(reply.body());
    REQUIRE(problem["errors"].size() == 3);
    CHECK(problem["errors"][0]["path"] == "/medarbejder/navn");
    CHECK(problem["errors"][0]["line"] == 12);
    CHECK(problem["errors"][0]["column"] == 13);
    CHECK(problem["errors"][2]["path"] == "/moede/deltagere/0/navn");
}
