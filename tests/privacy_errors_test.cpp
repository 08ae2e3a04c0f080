// Errors never echo a CPR number: a CPR number typed into another field (telefon, cvr,
// moede/start, an enum, a number, a key) is masked as the letters mask it (300190-xxxx)
// wherever the error is shown: stderr, the batch manifest, an HTTP 422.

// GCC 12 reports a -Wrestrict false positive (GCC bug 105329) in std::string's operator+
// as inlined into pdf_tools.hpp's temp_path; it is not about this code.
#pragma GCC diagnostic ignored "-Wrestrict"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <regex>

#include "batch_support.hpp"
#include "http_support.hpp"

using namespace brevgen::test;
using nlohmann::json;

namespace {

const std::string fixture = "fixtures/invalid/indkaldelse--cpr-in-other-fields.json";

/// The first thing in `text` that looks like a CPR number, or "" (request ids, which are
/// hexadecimal, do not count).
std::string cpr_in(const std::string& text) {
    static const std::regex cpr("(^|[^0-9a-f])([0-9]{6}[- ]?[0-9]{4})([^0-9a-f]|$)");
    std::smatch m;
    return std::regex_search(text, m, cpr) ? m.str(2) : std::string();
}

}  // namespace

TEST_CASE("privacy: check masks a CPR number typed into other fields", "[privacy]") {
    for (const std::string& file : {fixture, std::string("fixtures/invalid/indkaldelse--cpr-in-other-fields.xml")}) {
        const Run r = run_brevgen("check indkaldelse " + file);
        INFO(r.err);
        CHECK(r.exit_code == 65);
        CHECK(r.err.find("/konsulent/telefon: expected a Danish phone number of 8 digits (optionally +45), got "
                         "\"300190-xxxx\"") != std::string::npos);
        CHECK(r.err.find("/moede/start:") != std::string::npos);
        CHECK(cpr_in(r.err).empty());
    }
    const Run numbers = run_brevgen("check optrapningsplan fixtures/invalid/optrapningsplan--cpr-as-number.json");
    CHECK(numbers.err.find("must be at most 168, got 300190-xxxx") != std::string::npos);
    CHECK(cpr_in(numbers.err).empty());
    const Run key = run_brevgen("check information-medarbejder fixtures/invalid/information-medarbejder--cpr-as-key.json");
    CHECK(key.err.find("/noter/300190-xxxx: duplicate key \"300190-xxxx\"") != std::string::npos);
    CHECK(cpr_in(key.err).empty());
}

TEST_CASE("privacy: the batch manifest masks a CPR number typed into other fields", "[privacy][batch]") {
    const json c = json::parse(slurp(fixture));
    const auto extract = batch::write_lines({json{{"id", "cpr-1"}, {"kind", "indkaldelse"}, {"case", c}}.dump()});
    const auto dir = batch::scratch("privacy");
    const Run r = run_brevgen("batch " + quote(extract) + " -o " + quote(dir) + " --jobs 1");
    CHECK(r.exit_code == 1);
    const auto rows = batch::manifest(dir);
    REQUIRE(rows.size() == 1);
    REQUIRE(rows[0]["errors"].size() >= 5);
    CHECK(rows[0]["errors"].dump().find("300190-xxxx") != std::string::npos);
    CHECK(cpr_in(slurp(dir / "manifest.jsonl")).empty());
    CHECK(cpr_in(r.err).empty());
}

TEST_CASE("privacy: an HTTP 422 masks a CPR number typed into other fields", "[privacy][http]") {
    ServerProcess server;
    const RawReply reply = post_json(server.port(), "/v1/letters/indkaldelse", slurp(fixture));
    REQUIRE(reply.status == 422);
    const json problem = json::parse(reply.body());
    REQUIRE(problem["errors"].size() >= 5);
    CHECK(reply.body().find("300190-xxxx") != std::string::npos);
    CHECK(cpr_in(reply.body()).empty());
    CHECK(cpr_in(server.log()).empty());
}
