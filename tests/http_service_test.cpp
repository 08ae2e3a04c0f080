// The HTTP service in-process (no sockets): routes, header checks, authentication, warning
// codes, file names, the log line, metrics and the OpenAPI document.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <functional>
#include <set>

#include "domain_test_support.hpp"
#include "cli_support.hpp"
#include "http/access_log.hpp"
#include "http/auth.hpp"
#include "http/letters.hpp"
#include "http/problem.hpp"
#include "http/routes.hpp"
#include "http/server.hpp"
#include "http/service.hpp"
#include "letters/domain.hpp"
#include "service_support.hpp"

using namespace brevgen;
using namespace brevgen::http;
using nlohmann::json;

namespace {

std::shared_ptr<const Engine> engine() { return test::shared_engine(); }

Request letter_request(const std::string& kind, std::string_view body, const std::string& type = "application/json") {
    return test::post_request("/v1/letters/" + kind, body, type);
}

using test::header;

}  // namespace

TEST_CASE("http: routes match whole paths only") {
    CHECK(match_route("/v1/letters").route == Route::letters);
    CHECK(match_route("/v1/letters/referat").route == Route::letter);
    CHECK(match_route("/v1/letters/referat").kind == "referat");
    CHECK(match_route("/v1/letters/").route == Route::unknown);
    CHECK(match_route("/v1/letters/a/b").route == Route::unknown);
    CHECK(match_route("/v1/schemas/referat").route == Route::schema);
    CHECK(match_route("/healthz/").route == Route::unknown);
    CHECK(match_route("/metrics").route == Route::metrics);
    CHECK(match_route("/openapi.json").route == Route::openapi);
    CHECK(method_allowed(Route::letter, "POST"));
    CHECK_FALSE(method_allowed(Route::letter, "GET"));
    CHECK(method_allowed(Route::healthz, "HEAD"));
    CHECK_FALSE(method_allowed(Route::letters, "POST"));
}

TEST_CASE("http: media types of a case") {
    CHECK(case_format("application/json") == CaseFormat::json);
    CHECK(case_format("Application/XML") == CaseFormat::xml);
    CHECK(case_format("application/json; charset=utf-8") == CaseFormat::json);
    CHECK(case_format("application/xml;charset=\"UTF-8\"") == CaseFormat::xml);
    CHECK_FALSE(case_format("application/json; charset=iso-8859-1"));
    CHECK_FALSE(case_format("application/json; boundary=x"));
    CHECK_FALSE(case_format("text/plain"));
    CHECK_FALSE(case_format("application/jsonx"));
    CHECK_FALSE(case_format(""));
}

TEST_CASE("http: Content-Length must be one plain number") {
    Request r;
    CHECK_FALSE(content_length(r));
    r.headers = {{"Content-Length", "42"}};
    CHECK(content_length(r) == 42u);
    r.headers = {{"content-length", "-1"}};
    CHECK_FALSE(content_length(r));
    r.headers = {{"Content-Length", "1e3"}};
    CHECK_FALSE(content_length(r));
    r.headers = {{"Content-Length", "99999999999999999999999"}};
    CHECK(content_length(r) == SIZE_MAX);
    r.headers = {{"Content-Length", "5"}, {"Content-Length", "5"}};
    CHECK_FALSE(content_length(r));
    CHECK(declares_body(r));
    r.headers = {{"Transfer-Encoding", "chunked"}};
    CHECK(declares_body(r));
    r.headers = {{"Content-Length", "0"}};
    CHECK_FALSE(declares_body(r));
}

TEST_CASE("http: bearer tokens, compared in constant time against every token") {
    CHECK(constant_time_equal("abcdefgh", "abcdefgh"));
    CHECK_FALSE(constant_time_equal("abcdefgh", "abcdefgX"));
    CHECK_FALSE(constant_time_equal("abcdefgh", "abcdefg"));
    CHECK_FALSE(constant_time_equal("abcdefgh", "abcdefghi"));
    CHECK_FALSE(constant_time_equal("abcdefgh", ""));
    const TokenSet tokens({"first-token-0123456789", "second-token-0123456789"});
    const std::string ok1 = "Bearer first-token-0123456789", ok2 = "bearer  second-token-0123456789 ";
    const std::string wrong = "Bearer first-token-012345678", basic = "Basic first-token-0123456789";
    CHECK(tokens.accepts(&ok1));
    CHECK(tokens.accepts(&ok2));
    CHECK_FALSE(tokens.accepts(&wrong));
    CHECK_FALSE(tokens.accepts(&basic));
    CHECK_FALSE(tokens.accepts(nullptr));
    CHECK(TokenSet({}).accepts(nullptr));
}

TEST_CASE("http: token files") {
    using brevgen::test::write_temp;
    std::string error;
    const auto tokens = load_tokens(write_temp("# case system\n\n  aaaaaaaaaaaaaaaa1  \r\n#old: bbbb\nccccccccccccccccc2\n", ".tok"), error);
    REQUIRE(tokens);
    CHECK(*tokens == std::vector<std::string>{"aaaaaaaaaaaaaaaa1", "ccccccccccccccccc2"});
    CHECK_FALSE(load_tokens(write_temp("# nothing\n\n", ".tok"), error));
    CHECK(error.find("holds no token") != std::string::npos);
    CHECK_FALSE(load_tokens(write_temp("\nshort\n", ".tok"), error));
    CHECK(error.find(":2: error: a token needs at least 16 characters") != std::string::npos);
    CHECK(error.find("short") == std::string::npos);  // never the token itself
    CHECK_FALSE(load_tokens(write_temp("aaaaaaaa bbbbbbbbbbbbb\n", ".tok"), error));
    CHECK_FALSE(load_tokens("/nonexistent/tokens", error));
    CHECK(error.find("cannot read") != std::string::npos);
}

TEST_CASE("http: a token file's byte-order mark is dropped, and others' access is warned about") {
    using brevgen::test::write_temp;
    std::string error, warning;
    const std::string file = write_temp("\xEF\xBB\xBF" "aaaaaaaaaaaaaaaa1\r\nbbbbbbbbbbbbbbbb2\r\n", ".tok");
    ::chmod(file.c_str(), 0600);
    const auto tokens = load_tokens(file, error, &warning);
    REQUIRE(tokens);
    CHECK(*tokens == std::vector<std::string>{"aaaaaaaaaaaaaaaa1", "bbbbbbbbbbbbbbbb2"});
    CHECK(warning.empty());
    const std::string presented = "Bearer aaaaaaaaaaaaaaaa1";  // the first token works, BOM or not
    CHECK(TokenSet(*tokens).accepts(&presented));
    ::chmod(file.c_str(), 0644);
    REQUIRE(load_tokens(file, error, &warning));
    CHECK(warning == file + ": warning: other users may read the token file (mode 0644); make it readable by the "
                           "service's user only (chmod 600)");
    CHECK(token_file_mode_warning("t", 0100640).find("(mode 0640)") != std::string::npos);
    CHECK(token_file_mode_warning("t", 0100602).find("(mode 0602)") != std::string::npos);
    CHECK(token_file_mode_warning("t", 0100400).empty());
    CHECK(token_file_mode_warning("t", 0100600).empty());
}

TEST_CASE("http: listen addresses and loopback") {
    std::string error;
    CHECK(parse_listen("127.0.0.1:8080", error)->port == 8080);
    CHECK(parse_listen("[::1]:0", error)->host == "::1");
    CHECK(parse_listen("localhost:1", error)->host == "localhost");
    CHECK_FALSE(parse_listen("127.0.0.1", error));
    CHECK_FALSE(parse_listen("127.0.0.1:65536", error));
    CHECK_FALSE(parse_listen("127.0.0.1:80x", error));
    CHECK_FALSE(parse_listen("example.org:80", error));
    CHECK_FALSE(parse_listen("[::1:80", error));
    CHECK(is_loopback("127.0.0.1"));
    CHECK(is_loopback("127.1.2.3"));
    CHECK(is_loopback("::1"));
    CHECK(is_loopback("::ffff:127.0.0.1"));
    CHECK(is_loopback("localhost"));
    CHECK_FALSE(is_loopback("0.0.0.0"));
    CHECK_FALSE(is_loopback("::"));
    CHECK_FALSE(is_loopback("10.0.0.1"));
}

TEST_CASE("http: file names keep only safe journal numbers") {
    CHECK(content_disposition("referat", "2026-004711") == "inline; filename=\"referat-2026-004711.pdf\"");
    CHECK(content_disposition("referat", "J.nr_7") == "inline; filename=\"referat-J.nr_7.pdf\"");
    CHECK(content_disposition("referat", "2026/004711") == "inline; filename=\"referat.pdf\"");
    CHECK(content_disposition("referat", "a\"; filename=evil") == "inline; filename=\"referat.pdf\"");
    CHECK(content_disposition("referat", "Jørgen") == "inline; filename=\"referat.pdf\"");
    CHECK(content_disposition("referat", "") == "inline; filename=\"referat.pdf\"");
    CHECK(content_disposition("referat", std::string(65, '1')) == "inline; filename=\"referat.pdf\"");
}

TEST_CASE("http: every domain warning is recognised by its code") {
    // Each domain warning reaches the front end with its stable code, whatever its wording.
    letters::LegalRefs legal = test::test_legal();
    legal.optrapningsplan_max_uger = 2;  // so that five weeks draw plan-too-long
    std::vector<letters::DomainWarning> found;
    const auto late = letters::check_meeting_deadline({{2027, 3, 1}, 10, 0, 0}, {2026, 11, 2}, legal);
    REQUIRE(late);
    found.push_back(*late);
    letters::PlanInput plan;
    plan.startdato = {2026, 11, 28};  // a Saturday
    plan.normal_timer = 37;
    for (double h : {20.0, 10.0, 35.0, 40.0}) plan.uger.push_back({h, "", "", ""});
    plan.uger.push_back({30.0, "", "", ""});
    for (const auto& w : letters::compute_plan(plan, legal).warnings) found.push_back(w);
    std::set<std::string> codes;
    for (const auto& w : found) {
        const Diagnostic d = letters::to_diagnostic(w, {});
        INFO(d.message);
        CHECK(warning_code(d) == letters::code_name(w.code));
        codes.insert(std::string(letters::code_name(w.code)));
    }
    CHECK(codes.size() == 7);
    Diagnostics ds{letters::to_diagnostic(*late, {}), make_warning({}, "/x y", "something new"),
                   make_error({}, "/a", "an error")};
    CHECK(warnings_header(ds) == "meeting-after-deadline /moede/start; warning /x_y");
}

TEST_CASE("http: the log line carries no path, header or case content") {
    LogEntry e;
    e.request_id = "abc";
    e.method = "POST";
    e.route = Route::letter;
    e.kind = "referat";
    e.status = 422;
    e.duration_ms = 1.5;
    e.bytes_in = 10;
    e.bytes_out = 20;
    const json j = json::parse(format_log_line(e, std::chrono::system_clock::time_point{}));
    CHECK(j["ts"] == "1970-01-01T00:00:00.000Z");
    CHECK(j["route"] == "/v1/letters/{kind}");
    CHECK(j["kind"] == "referat");
    CHECK(j["status"] == 422);
    e.method = "Jørgen";
    e.request_id = "Jørgen Åkesson";
    const std::string line = format_log_line(e, {});
    CHECK(line.find("Jørgen") == std::string::npos);
    CHECK(valid_request_id("a.b_c-D9"));
    CHECK_FALSE(valid_request_id(""));
    CHECK_FALSE(valid_request_id(std::string(65, 'a')));
    CHECK_FALSE(valid_request_id("a b"));
    CHECK(new_request_id() != new_request_id());
}

TEST_CASE("http: the service in-process") {
    Service service(engine(), ServiceOptions{4096, {}});
    const std::string body = brevgen::test::slurp("examples/indkaldelse-arbejdsgiver.json");

    const Response pdf = service.handle(letter_request("indkaldelse", body));
    REQUIRE(pdf.status == 200);
    CHECK(pdf.body.rfind("%PDF-", 0) == 0);
    CHECK(pdf.pages >= 1);
    CHECK(header(pdf, "Brevgen-Pages") == std::to_string(pdf.pages));
    CHECK(header(pdf, "Content-Disposition") == "inline; filename=\"indkaldelse-2026-004711.pdf\"");
    CHECK_FALSE(header(pdf, "X-Request-Id").empty());

    CHECK_FALSE(service.screen(letter_request("indkaldelse", body)));  // read the body, then handle()
    CHECK(service.handle(letter_request("indkaldelse", "{")).status == 400);
    CHECK(service.handle(letter_request("indkaldelse", "{}")).status == 422);
    CHECK(service.handle(letter_request("indkaldelse", body, "application/xml")).status == 400);
    CHECK(service.handle(letter_request("nope", body)).status == 404);
    CHECK(service.handle(letter_request("indkaldelse", std::string(5000, ' '))).status == 413);

    const Response busy = service.handle(letter_request("indkaldelse", body), true);
    CHECK(busy.status == 503);
    CHECK(header(busy, "Retry-After") == "1");
    CHECK(busy.close);  // its body was never read

    Request health;
    health.method = "GET";
    health.path = "/healthz";
    CHECK(service.handle(health, true).status == 200);  // liveness holds under load
    CHECK_FALSE(service.handle(health).close);

    const std::string metrics = service.metrics().exposition();
    CHECK(metrics.find("brevgen_letters_rendered_total{kind=\"indkaldelse\"} 1") != std::string::npos);
}

TEST_CASE("http: tokens guard everything but /healthz") {
    Service service(engine(), ServiceOptions{1 << 20, {"token-0123456789abcdef"}});
    Request r;
    r.method = "GET";
    r.path = "/v1/letters";
    const Response refused = service.handle(r);
    CHECK(refused.status == 401);
    CHECK(header(refused, "WWW-Authenticate") == "Bearer realm=\"brevgen\"");
    r.headers = {{"Authorization", "Bearer token-0123456789abcdef"}};
    CHECK(service.handle(r).status == 200);
    r.headers = {{"Authorization", "Bearer token-0123456789abcdeF"}};
    CHECK(header(service.handle(r), "WWW-Authenticate").find("invalid_token") != std::string::npos);
    r.headers.clear();
    r.path = "/healthz";
    CHECK(service.handle(r).status == 200);
}

TEST_CASE("http: the OpenAPI document's references all resolve") {
    Service service(engine(), {});
    Request r;
    r.method = "GET";
    r.path = "/openapi.json";
    const json doc = json::parse(service.handle(r).body);
    CHECK(doc["openapi"] == "3.1.0");
    for (const auto& k : engine()->kinds()) {
        CHECK(doc["paths"].contains("/v1/letters/" + k.name));
        CHECK(doc["components"]["schemas"].contains(k.name));
    }
    std::function<void(const json&)> walk = [&](const json& j) {
        if (j.is_object()) {
            if (j.contains("$ref") && j["$ref"].is_string()) {
                const std::string ref = j["$ref"];
                if (ref.rfind("#/", 0) == 0 && ref.find("$defs") == std::string::npos) {
                    INFO(ref);
                    CHECK(doc.contains(json::json_pointer(ref.substr(1))));
                }
            }
            for (const auto& [key, value] : j.items()) walk(value);
        } else if (j.is_array()) {
            for (const auto& v : j) walk(v);
        }
    };
    walk(doc);
}

TEST_CASE("http: the OpenAPI document describes security as the server checks it") {
    for (const bool with_tokens : {false, true}) {
        INFO("tokens: " << with_tokens);
        Service service(engine(), ServiceOptions{1 << 20, with_tokens ? std::vector<std::string>{"token-0123456789abcdef"}
                                                                      : std::vector<std::string>{}});
        Request r;
        r.method = "GET";
        r.path = "/openapi.json";
        r.headers = {{"Authorization", "Bearer token-0123456789abcdef"}};
        const json doc = json::parse(service.handle(r).body);
        CHECK(doc["servers"].size() == 1);
        CHECK(doc["security"].empty() == !with_tokens);
        CHECK(doc["components"].contains("securitySchemes") == with_tokens);
        for (const auto& [path, item] : doc["paths"].items()) {
            for (const auto& [method, op] : item.items()) {
                if (method == "parameters") continue;
                INFO(method << " " << path);
                const bool open = !with_tokens || (op.contains("security") && op["security"].empty());
                CHECK(op["responses"].contains("401") == !open);
                if (path == "/healthz") CHECK(op["security"] == json::array());
                for (const char* status : {"400", "405", "408", "414", "431", "503", "505"}) CHECK(op["responses"].contains(status));
            }
        }
        const json& letter = doc["paths"]["/v1/letters/indkaldelse"]["post"]["responses"];
        CHECK(letter["400"]["$ref"] == "#/components/responses/BadRequestOrMalformedCase");
        CHECK(letter["422"]["$ref"] == "#/components/responses/InvalidCase");
    }
}

TEST_CASE("http: every status the server sends has its RFC 9110 reason phrase as problem title") {
    const std::vector<std::pair<int, std::string>> rfc9110{
        {400, "Bad Request"},          {401, "Unauthorized"},       {404, "Not Found"},
        {405, "Method Not Allowed"},   {408, "Request Timeout"},    {411, "Length Required"},
        {413, "Content Too Large"},    {414, "URI Too Long"},       {415, "Unsupported Media Type"},
        {422, "Unprocessable Content"}, {431, "Request Header Fields Too Large"},  // RFC 6585
        {500, "Internal Server Error"}, {501, "Not Implemented"},  {503, "Service Unavailable"},
        {505, "HTTP Version Not Supported"}};
    for (const auto& [status, phrase] : rfc9110) {
        INFO(status);
        CHECK(status_title(status) == phrase);
        CHECK(json::parse(problem(status, "d", "id").body)["title"] == phrase);
    }
    // And the OpenAPI document lists no status outside that list (and 200).
    Service service(engine(), ServiceOptions{1 << 20, {"token-0123456789abcdef"}});
    Request r;
    r.method = "GET";
    r.path = "/openapi.json";
    r.headers = {{"Authorization", "Bearer token-0123456789abcdef"}};
    const json doc = json::parse(service.handle(r).body);
    for (const auto& [path, item] : doc["paths"].items()) {
        for (const auto& [method, op] : item.items()) {
            if (method == "parameters") continue;
            for (const auto& [status, response] : op["responses"].items()) {
                INFO(method << " " << path << " " << status);
                CHECK((status == "200" || status_title(std::stoi(status)) != "Error"));
            }
        }
    }
}
