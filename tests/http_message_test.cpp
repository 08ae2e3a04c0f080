// POST /v1/messages/{kind}: the Digital Post message over HTTP. The same bytes as
// `brevgen render --memo`, the same errors as /v1/letters/{kind}, 501 when the server's
// sender profile cannot make messages, and `serve --memo` refusing such a profile at start.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "http/service.hpp"
#include "http_support.hpp"
#include "memo_support.hpp"
#include "service_support.hpp"

using namespace brevgen;
using namespace brevgen::http;
using namespace brevgen::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::int64_t epoch = 1795435200;  // 2026-11-23T12:00:00Z
constexpr const char* epoch_text = "1795435200";

/// An engine whose clock for messages is SOURCE_DATE_EPOCH (as a server started with it).
std::shared_ptr<const Engine> fixed_clock_engine(const fs::path& sender = {}) {
    Settings s;
    s.environment.source_date_epoch = epoch;
    s.sender_file = sender;
    return Engine::load(s);
}

Request message_request(const std::string& kind, std::string_view body, const std::string& type = "application/json") {
    return post_request("/v1/messages/" + kind, body, type);
}

/// `brevgen render KIND FILE --memo` under SOURCE_DATE_EPOCH: the message's bytes.
std::string cli_message(const std::string& kind, const fs::path& file) {
    const auto out = temp_path(".xml");
    const auto r = run_brevgen("render " + kind + " " + quote(file) + " --memo -o " + quote(out));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return slurp(out);
}

/// A copy of the default sender profile without `field` (and without the logo, which
/// would be looked up next to the copy).
fs::path profile_without(const std::string& field) {
    const auto profile = temp_path("-afsender.json");
    json p = json::parse(slurp("templates/afsender.json"));
    p.erase(field);
    p.erase("logo");
    std::ofstream(profile) << p.dump();
    return profile;
}

json problem_of(const Response& r) { return json::parse(r.body); }

std::vector<std::string> service_kinds() {
    std::vector<std::string> out;
    for (const auto& k : shared_engine()->kinds()) out.push_back(k.name);
    return out;
}

/// SOURCE_DATE_EPOCH set for the brevgen processes a test starts, unset again after it.
struct FixedEpoch {
    FixedEpoch() { ::setenv("SOURCE_DATE_EPOCH", epoch_text, 1); }
    ~FixedEpoch() { ::unsetenv("SOURCE_DATE_EPOCH"); }
    FixedEpoch(const FixedEpoch&) = delete;
    FixedEpoch& operator=(const FixedEpoch&) = delete;
};

}  // namespace

TEST_CASE("http: POST /v1/messages/{kind} answers the bytes render --memo writes", "[memo][http]") {
    const FixedEpoch fixed;  // for the CLI runs
    Service service(fixed_clock_engine(), ServiceOptions{});
    for (const auto& file : case_files()) {
        if (file.parent_path() != "examples") continue;
        INFO(file.string());
        const std::string kind = kind_of(file);
        const std::string type = file.extension() == ".xml" ? "application/xml" : "application/json";
        const std::string body = slurp(file);
        const Response r = service.handle(message_request(kind, body, type));
        INFO(r.body.substr(0, 400));
        REQUIRE(r.status == 200);
        CHECK(r.content_type == "application/xml");
        CHECK(r.body == cli_message(kind, file));
        const MemoDoc m(r.body);
        REQUIRE(m.ok);
        CHECK(header(r, "Brevgen-Message-Uuid") == m.at("memo:MessageHeader/memo:messageUUID"));
        CHECK(is_uuid_v4_form(header(r, "Brevgen-Message-Uuid")));
        CHECK(header(r, "Content-Disposition") == "inline; filename=\"" + kind + "-2026-004711.xml\"");
        // The letter inside is the one POST /v1/letters/{kind} answers.
        const Response pdf = service.handle(post_request("/v1/letters/" + kind, body, type));
        REQUIRE(pdf.status == 200);
        CHECK(base64_decode(m.at("memo:MessageBody/memo:MainDocument/memo:File/memo:content")) == pdf.body);
        CHECK(header(r, "Brevgen-Pages") == header(pdf, "Brevgen-Pages"));
        CHECK(memo_schema_errors(r.body) == "");
    }
}

TEST_CASE("http: an employer's message over HTTP carries no CPR number, in the XML or the PDF", "[memo][http]") {
    Service service(fixed_clock_engine(), ServiceOptions{});
    for (const char* name : {"examples/indkaldelse-arbejdsgiver.json", "examples/information-arbejdsgiver.json",
                             "examples/information-arbejdsgiver.xml", "fixtures/valid/information-arbejdsgiver-co.json"}) {
        INFO(name);
        const fs::path file = name;
        const std::string body = slurp(file);
        const json c = json::parse(slurp(fs::path(file).replace_extension(".json")));
        std::string cpr = c["medarbejder"].value("cpr", "");
        REQUIRE(!cpr.empty());  // the case knows the employee's number; the message must not
        cpr.erase(std::remove(cpr.begin(), cpr.end(), '-'), cpr.end());
        const Response r = service.handle(message_request(
            kind_of(file), body, file.extension() == ".xml" ? "application/xml" : "application/json"));
        REQUIRE(r.status == 200);
        const MemoDoc m(r.body);
        CHECK(m.at("memo:MessageHeader/memo:Recipient/memo:idType") == "CVR");
        CHECK(cpr_like(without_content(r.body)).empty());
        CHECK(r.body.find(cpr) == std::string::npos);
        CHECK(r.body.find(cpr.substr(0, 6) + "-" + cpr.substr(6)) == std::string::npos);
        const std::string pdf = base64_decode(m.at("memo:MessageBody/memo:MainDocument/memo:File/memo:content"));
        const std::string text = pdftotext(write_temp(pdf));
        CHECK(!text.empty());
        CHECK(cpr_like(text).empty());
        CHECK(text.find(cpr.substr(0, 6)) == std::string::npos);
    }
}

TEST_CASE("http: /v1/messages/{kind} gives the errors /v1/letters/{kind} gives", "[memo][http]") {
    Service service(fixed_clock_engine(), ServiceOptions{4096, {}});
    const std::string body = slurp("examples/referat.json");
    const std::string invalid = slurp("fixtures/invalid/information-medarbejder--missing-required.json");
    struct Case {
        const char* what;
        Request request;
    };
    Request no_length = message_request("referat", body);
    no_length.headers = {{"Content-Type", "application/json"}};
    Request compressed = message_request("referat", body);
    compressed.headers.emplace_back("Content-Encoding", "gzip");
    Request get = message_request("referat", "");
    get.method = "GET";
    get.headers.clear();
    Request head = get;
    head.method = "HEAD";
    const std::string big(5000, ' ');
    const std::vector<Case> cases{
        {"malformed", message_request("referat", "{")},
        {"invalid", message_request("information-medarbejder", invalid)},
        {"wrong media type", message_request("referat", body, "text/plain")},
        {"compressed", compressed},
        {"no length", no_length},
        {"too large", message_request("referat", big)},
        {"unknown kind", message_request("nope", body)},
        {"GET", get},
        {"HEAD", head},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        Request as_letter = c.request;
        as_letter.path = "/v1/letters/" + as_letter.path.substr(std::string("/v1/messages/").size());
        const Response letter = service.handle(as_letter);
        const Response message = service.handle(c.request);
        CHECK(message.status == letter.status);
        CHECK(message.status >= 400);
        CHECK(message.content_type == letter.content_type);
        CHECK(header(message, "Allow") == header(letter, "Allow"));
        if (letter.content_type == "application/problem+json") {
            json a = problem_of(letter), b = problem_of(message);
            a.erase("instance");
            b.erase("instance");
            CHECK(a == b);
        }
    }
    CHECK(service.handle(message_request("referat", "{")).status == 400);
    CHECK(service.handle(message_request("information-medarbejder", invalid)).status == 422);
    CHECK(service.handle(message_request("referat", body, "text/plain")).status == 415);
    CHECK(service.handle(message_request("referat", big)).status == 413);
    CHECK(service.handle(no_length).status == 411);
    CHECK(service.handle(message_request("nope", body)).status == 404);
    const Response g = service.handle(get);
    CHECK(g.status == 405);
    CHECK(header(g, "Allow") == "POST");
    CHECK(service.handle(head).status == 405);
}

TEST_CASE("http: a case fine as a letter but without its recipient's number is 422 as a message", "[memo][http]") {
    Service service(fixed_clock_engine(), ServiceOptions{});
    json c = json::parse(slurp("examples/indkaldelse.json"));
    c["medarbejder"].erase("cpr");
    const std::string body = c.dump(2);
    CHECK(service.handle(post_request("/v1/letters/indkaldelse", body)).status == 200);
    const Response r = service.handle(message_request("indkaldelse", body));
    REQUIRE(r.status == 422);
    const json p = problem_of(r);
    REQUIRE(p["errors"].size() == 1);
    CHECK(p["errors"][0]["path"] == "/medarbejder");
    CHECK(p["errors"][0]["message"] == "a Digital Post message to the employee needs \"cpr\"");
    CHECK(p["errors"][0]["line"].get<int>() > 1);
}

TEST_CASE("http: a server whose profile has no CVR number answers 501 for messages and still makes letters",
          "[memo][http]") {
    Service service(fixed_clock_engine(profile_without("cvr")), ServiceOptions{});
    const std::string body = slurp("examples/referat.json");
    const Response r = service.handle(message_request("referat", body));
    CHECK(r.status == 501);
    CHECK(r.content_type == "application/problem+json");
    const json p = problem_of(r);
    CHECK(p["title"] == "Not Implemented");
    CHECK(p["detail"] ==
          "this server is not set up for Digital Post messages (sender profile /cvr: a Digital Post message needs "
          "the municipality's CVR number (8 digits)); its operator must complete the setup");
    CHECK(r.close);  // answered before the body was read
    CHECK(service.handle(message_request("nope", body)).status == 404);
    CHECK(service.handle(post_request("/v1/letters/referat", body)).status == 200);

    Settings bad_epoch;
    bad_epoch.environment.source_date_epoch_error = "SOURCE_DATE_EPOCH: expected seconds since 1970-01-01 (digits only)";
    Service clockless(Engine::load(bad_epoch), ServiceOptions{});
    const Response e = clockless.handle(message_request("referat", body));
    CHECK(e.status == 501);
    CHECK(problem_of(e)["detail"] ==
          "this server is not set up for Digital Post messages (SOURCE_DATE_EPOCH: expected seconds since 1970-01-01 "
          "(digits only)); its operator must complete the setup");
}

TEST_CASE("http: serve --memo refuses a profile without a CVR number, and the listening line says whether messages work",
          "[memo][http]") {
    const auto profile = profile_without("cvr");
    const auto r = run_brevgen("serve --listen 127.0.0.1:0 --memo --sender " + quote(profile));
    CHECK(r.exit_code == 1);
    CHECK(r.err == profile.string() +
                       ": error: /cvr: a Digital Post message needs the municipality's CVR number (8 digits)\n");
    {
        ServerProcess without({"--sender", profile.string()});
        CHECK(without.log().find("\"messages\":false") != std::string::npos);
        const std::string body = slurp("examples/referat.json");
        const auto reply = raw_exchange(without.port(), "POST /v1/messages/referat HTTP/1.1\r\nHost: x\r\n"
                                                        "Connection: close\r\nContent-Type: application/json\r\nContent-Length: " +
                                                            std::to_string(body.size()) + "\r\n\r\n" + body);
        CHECK(reply.status == 501);
    }
    ServerProcess with({"--memo"});
    CHECK(with.log().find("\"messages\":true") != std::string::npos);
}

TEST_CASE("http: the OpenAPI document declares a message path per kind beside its letter path", "[memo][http]") {
    Service service(fixed_clock_engine(), ServiceOptions{});
    Request r;
    r.method = "GET";
    r.path = "/openapi.json";
    const json doc = json::parse(service.handle(r).body);
    for (const auto& k : service_kinds()) {
        INFO(k);
        const json& item = doc["paths"]["/v1/messages/" + k];
        REQUIRE(item.contains("post"));
        CHECK(item.size() == 1);  // POST only: no HEAD twin, 405 for the rest
        const json& op = item["post"];
        CHECK(op["tags"] == json::array({"messages"}));
        CHECK(op["responses"]["200"]["content"].contains("application/xml"));
        CHECK(op["responses"]["200"]["headers"].contains("Brevgen-Message-Uuid"));
        CHECK(op["responses"]["422"]["$ref"] == "#/components/responses/InvalidMessageCase");
        CHECK(op["responses"]["501"]["$ref"] == "#/components/responses/MessagesNotSetUp");
        CHECK(op.contains("x-valid-case-refused"));
        // The request and the other errors are the letter's.
        const json& letter = doc["paths"]["/v1/letters/" + k]["post"];
        CHECK(op["requestBody"] == letter["requestBody"]);
        for (const char* status : {"400", "405", "408", "411", "413", "414", "415", "431", "500", "503", "505"}) {
            INFO(status);
            CHECK(op["responses"][status] == letter["responses"][status]);
        }
        CHECK_FALSE(letter.contains("x-valid-case-refused"));
    }
}
