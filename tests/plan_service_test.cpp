// The plan page's side of the service, in process: GET /plan and its assets (no token, CSP,
// caching) and POST /v1/checks/{kind} (findings in Danish, the case as JSON).

// GCC 12 reports a -Wrestrict false positive (GCC bug 105329) in std::string's operator+.
#pragma GCC diagnostic ignored "-Wrestrict"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <regex>

#include "cli_support.hpp"
#include "http/plan_page.hpp"
#include "http/service.hpp"
#include "service_support.hpp"

using namespace brevgen;
using namespace brevgen::http;
using nlohmann::json;

namespace {

std::shared_ptr<const Engine> engine() { return test::shared_engine(); }

Service& open_service() {
    static Service s(engine(), {});
    return s;
}

Service& token_service() {
    static Service s(engine(), ServiceOptions{std::size_t{1} << 20, {"plan-page-token-0123456789"}});
    return s;
}

Request get(const std::string& path, std::vector<Header> headers = {}) {
    Request r;
    r.method = "GET";
    r.path = path;
    r.headers = std::move(headers);
    return r;
}

Request check_request(std::string_view body, const std::string& type = "application/json",
                      const std::string& kind = "optrapningsplan") {
    return test::post_request("/v1/checks/" + kind, body, type);
}

using test::header;

}  // namespace

TEST_CASE("plan page: served without a token, in Danish, with a self-only CSP and nothing from outside") {
    Response page = token_service().handle(get("/plan"));
    REQUIRE(page.status == 200);
    CHECK(page.content_type == "text/html; charset=utf-8");
    CHECK(page.body.find("<html lang=\"da\">") != std::string::npos);
    CHECK(header(page, "Content-Security-Policy") == plan_csp);
    CHECK(header(page, "Cache-Control") == "no-cache");
    CHECK(header(page, "X-Frame-Options") == "DENY");
    CHECK(page.route == Route::plan);
    // Every script, style and icon is the server's own, named with its content's hash; no
    // inline script or style (the CSP would refuse them anyway).
    const std::regex ref(R"re((src|href)="([^"#]*)")re");
    int assets = 0;
    for (auto it = std::sregex_iterator(page.body.begin(), page.body.end(), ref); it != std::sregex_iterator(); ++it) {
        const std::string url = (*it)[2];
        INFO(url);
        CHECK(std::regex_match(url, std::regex(R"(/plan/[a-z-]+\.(css|js|svg)\?v=[0-9a-f]{16})")));
        ++assets;
        const Response asset = token_service().handle(get(url.substr(0, url.find('?'))));
        CHECK(asset.status == 200);
        CHECK(header(asset, "Cache-Control") == "public, max-age=31536000, immutable");
        CHECK(header(asset, "ETag") == "\"" + url.substr(url.find("?v=") + 3) + "\"");
    }
    CHECK(assets == 4);
    CHECK(page.body.find("<script>") == std::string::npos);
    CHECK(page.body.find("style=") == std::string::npos);
    CHECK(page.body.find("://") == std::string::npos);

    CHECK(token_service().handle(get("/plan/plan.js")).content_type == "text/javascript; charset=utf-8");
    CHECK(token_service().handle(get("/plan/plan.css")).content_type == "text/css; charset=utf-8");
    CHECK(token_service().handle(get("/plan/icon.svg")).content_type == "image/svg+xml");
    CHECK(token_service().handle(get("/plan/secret.txt")).status == 404);
    CHECK(token_service().handle(get("/plan/")).status == 404);
    Request post = get("/plan");
    post.method = "POST";
    CHECK(token_service().handle(post).status == 405);
}

TEST_CASE("plan page: revalidation answers 304 for the current ETag only") {
    const std::string etag = header(open_service().handle(get("/plan")), "ETag");
    REQUIRE(etag.size() > 20);
    const Response same = open_service().handle(get("/plan", {{"If-None-Match", "\"other\", " + etag}}));
    CHECK(same.status == 304);
    CHECK(same.body.empty());
    CHECK(header(same, "ETag") == etag);
    CHECK(open_service().handle(get("/plan", {{"If-None-Match", "W/" + etag}})).status == 304);
    CHECK(open_service().handle(get("/plan", {{"If-None-Match", "\"other\""}})).status == 200);
}

TEST_CASE("checks: a valid plan has no findings, and 35 hours in week 1 give the 4-hour warning in Danish") {
    const std::string example = test::slurp("examples/optrapningsplan.json");
    Response ok = open_service().handle(check_request(example));
    REQUIRE(ok.status == 200);
    CHECK(ok.content_type == "application/json");
    CHECK(ok.route == Route::check);
    json r = json::parse(ok.body);
    CHECK(r["valid"] == true);
    CHECK(r["errors"].empty());
    CHECK(r["warnings"].empty());
    CHECK(r["case"] == json::parse(example));

    std::string text = example;
    text.replace(text.find("\"timer\": 12"), 11, "\"timer\": 35");
    r = json::parse(open_service().handle(check_request(text)).body);
    CHECK(r["valid"] == true);
    REQUIRE(r["warnings"].size() == 2);
    const json w = r["warnings"][0];
    CHECK(w["path"] == "/optrapningsplan/uger/0/timer");
    CHECK(w["code"] == "absence-below-minimum");
    CHECK(w["line"] == 46);
    CHECK(w["column"] == 18);
    CHECK(w["message"] ==
          "plan week 1 (uge 49) leaves 2 hours of absence; partial sickness benefit needs at least 4 hours a week");
    CHECK(w["message_da"] ==
          "Med 35 timer i planens uge 1 (uge 49) er der kun 2 timers fravær. Delvise sygedagpenge kræver mindst 4 "
          "timers fravær om ugen.");
}

TEST_CASE("checks: an XML case comes back as the JSON of its twin, and a case with errors comes back too") {
    const Response xml = open_service().handle(check_request(test::slurp("examples/optrapningsplan.xml"), "application/xml"));
    REQUIRE(xml.status == 200);
    CHECK(json::parse(xml.body)["case"] == json::parse(test::slurp("examples/optrapningsplan.json")));

    // An incomplete plan, as the page sends it while the consultant types: findings in
    // Danish at their paths, and the case as far as it goes.
    const std::string partial =
        R"({"brevdato":"2026-11-23","konsulent":{},"optrapningsplan":{"normal_timer":37,"uger":[{"timer":"12 t"}]}})";
    const json r = json::parse(open_service().handle(check_request(partial)).body);
    CHECK(r["valid"] == false);
    std::map<std::string, std::pair<std::string, std::string>> by_path;
    for (const auto& e : r["errors"]) by_path[e["path"]] = {e["code"], e["message_da"]};
    CHECK(by_path["/journalnummer"] == std::pair<std::string, std::string>{"missing", "Skal udfyldes."});
    CHECK(by_path["/konsulent/navn"].first == "missing");
    CHECK(by_path["/optrapningsplan/uger/0/timer"] ==
          std::pair<std::string, std::string>{"type", "Skriv et tal, fx 12 eller 7,5."});
    CHECK(by_path["/optrapningsplan/uger/0/opgaver"].first == "missing");
    CHECK(r["case"]["optrapningsplan"]["uger"][0]["timer"] == "12 t");
}

TEST_CASE("checks: a malformed body is a finding with line and column, and the headers are screened as for a letter") {
    const json r = json::parse(open_service().handle(check_request("{\n  \"brevdato\": \"2026-11-23\",\n}")).body);
    CHECK(r["valid"] == false);
    CHECK(r["case"].is_null());
    REQUIRE(r["errors"].size() == 1);
    CHECK(r["errors"][0]["code"] == "syntax");
    CHECK(r["errors"][0]["line"] == 3);
    CHECK(r["errors"][0]["message_da"] == "Filen er ikke gyldig JSON her; ret den, eller åbn en anden fil.");

    CHECK(open_service().handle(check_request("{}", "text/plain")).status == 415);
    CHECK(open_service().handle(check_request("{}", "application/json", "rykker")).status == 404);
    Response no_token = token_service().handle(check_request("{}"));
    CHECK(no_token.status == 401);
    Request with_token = check_request("{}");
    with_token.headers.emplace_back("Authorization", "Bearer plan-page-token-0123456789");
    CHECK(token_service().handle(with_token).status == 200);
}
