// End-to-end tests of `brevgen serve`: the real binary on an ephemeral loopback port, real
// HTTP over sockets. Bodies, statuses, problem+json, refusals before the body is read,
// memory, logs without case content, draining on SIGTERM, concurrency.

// GCC 12 reports a -Wrestrict false positive (GCC bug 105329) in std::string's operator+
// as inlined into pdf_tools.hpp's temp_path in this file; it is not about this code.
#pragma GCC diagnostic ignored "-Wrestrict"

#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <thread>

#include "http_support.hpp"

using namespace brevgen::test;
using nlohmann::json;

namespace {

const std::string example_json = "examples/indkaldelse-arbejdsgiver.json";
const std::string example_xml = "examples/indkaldelse-arbejdsgiver.xml";

/// A POST with Connection: close, so the reply ends when the server closes.
RawReply post(int port, const std::string& path, const std::string& body,
              const std::string& content_type = "application/json", const std::string& extra_headers = "") {
    std::string head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n";
    if (!content_type.empty()) head += "Content-Type: " + content_type + "\r\n";
    head += "Content-Length: " + std::to_string(body.size()) + "\r\n" + extra_headers + "\r\n";
    return raw_exchange(port, head + body);
}

RawReply get(int port, const std::string& path, const std::string& extra_headers = "") {
    return raw_exchange(port, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + extra_headers + "\r\n");
}

/// The reply is a problem+json with this status; returns its body.
json problem_of(const RawReply& r, int status) {
    INFO(r.text.substr(0, 600));
    REQUIRE(r.status == status);
    REQUIRE(r.header("Content-Type") == "application/problem+json");
    const json p = json::parse(r.body());
    CHECK(p["status"] == status);
    CHECK(p["type"].is_string());
    CHECK(p["title"].is_string());
    CHECK(p["detail"].is_string());
    CHECK(p["instance"] == r.header("X-Request-Id"));
    return p;
}

std::string cli_render(const std::string& kind, const std::string& file) {
    const std::string out = write_temp("", ".pdf");
    const Run r = run_brevgen("render " + kind + " " + quote(file) + " -o " + quote(out));
    REQUIRE(r.exit_code == 0);
    std::string pdf = slurp(out);
    std::filesystem::remove(out);
    return pdf;
}

std::string token_file(const std::string& content) { return write_temp(content, ".tok"); }

}  // namespace

TEST_CASE("serve: a letter from JSON and from XML is the same PDF brevgen render writes") {
    ServerProcess server;
    const std::string expected = cli_render("indkaldelse", example_json);
    for (const auto& [file, type] : {std::pair{example_json, std::string("application/json")},
                                     std::pair{example_xml, std::string("application/xml; charset=UTF-8")}}) {
        const RawReply r = post(server.port(), "/v1/letters/indkaldelse", slurp(file), type, "X-Request-Id: abc-123\r\n");
        INFO(file << "\n" << r.text.substr(0, 400));
        REQUIRE(r.status == 200);
        CHECK(r.header("Content-Type") == "application/pdf");
        CHECK(r.header("Content-Disposition") == "inline; filename=\"indkaldelse-2026-004711.pdf\"");
        CHECK(r.header("X-Request-Id") == "abc-123");
        CHECK(r.header("Cache-Control") == "no-store");
        CHECK(r.body() == expected);
    }
}

TEST_CASE("serve: warnings for the sender come back as codes and paths in a header") {
    ServerProcess server;
    std::string text = slurp(example_json);
    const auto at = text.find("\"2026-11-30T10:00\"");
    REQUIRE(at != std::string::npos);
    text.replace(at, 18, "\"2027-03-01T10:00\"");  // long after the week-8 deadline
    const auto slut = text.find("\"2026-11-30T11:00\"");
    text.replace(slut, 18, "\"2027-03-01T11:00\"");
    const RawReply r = post(server.port(), "/v1/letters/indkaldelse", text);
    INFO(r.text.substr(0, 600));
    REQUIRE(r.status == 200);
    CHECK(r.header("Brevgen-Warnings") == "meeting-after-deadline /moede/start");
}

TEST_CASE("serve: every refusal is problem+json with the right status") {
    const std::string tokens = token_file("# tokens for the case system\n\n0123456789abcdef-first\n  second-token-0123456789  \n");
    ServerProcess server({"--token-file", tokens, "--max-body", "4000"});
    const int port = server.port();
    const std::string auth = "Authorization: Bearer second-token-0123456789\r\n";
    const std::string body = slurp(example_json);

    SECTION("401 without or with a wrong token, 200 with either right one; /healthz is open") {
        auto r = post(port, "/v1/letters/indkaldelse", body);
        problem_of(r, 401);
        CHECK(r.header("WWW-Authenticate").rfind("Bearer", 0) == 0);
        problem_of(post(port, "/v1/letters/indkaldelse", body, "application/json", "Authorization: Bearer nope\r\n"), 401);
        problem_of(get(port, "/metrics"), 401);
        CHECK(post(port, "/v1/letters/indkaldelse", body, "application/json", auth).status == 200);
        CHECK(post(port, "/v1/letters/indkaldelse", body, "application/json",
                   "Authorization: bearer 0123456789abcdef-first\r\n").status == 200);
        CHECK(get(port, "/healthz").status == 200);
    }
    SECTION("404 for an unknown kind or path, 405 with Allow for a wrong method") {
        CHECK(problem_of(post(port, "/v1/letters/rykker", body, "application/json", auth), 404)["detail"] ==
              "unknown letter kind \"rykker\"; known kinds: information-medarbejder, information-arbejdsgiver, "
              "indkaldelse, optrapningsplan, referat");
        problem_of(get(port, "/v2/letters", auth), 404);
        problem_of(get(port, "/v1/letters/indkaldelse/", auth), 404);
        const auto r = get(port, "/v1/letters/indkaldelse", auth);
        problem_of(r, 405);
        CHECK(r.header("Allow") == "POST");
        CHECK(problem_of(post(port, "/healthz", "{}", "application/json", auth), 405).contains("detail"));
    }
    SECTION("411 without Content-Length, 413 above --max-body, 415 for other media types") {
        problem_of(raw_exchange(port, "POST /v1/letters/indkaldelse HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
                                          auth + "Connection: close\r\n\r\n"),
                   411);
        std::string big = body;
        big.insert(big.size() - 2, std::string(5000, ' '));
        problem_of(post(port, "/v1/letters/indkaldelse", big, "application/json", auth), 413);
        auto r = post(port, "/v1/letters/indkaldelse", body, "text/plain", auth);
        problem_of(r, 415);
        problem_of(post(port, "/v1/letters/indkaldelse", body, "application/json; charset=latin1", auth), 415);
        problem_of(post(port, "/v1/letters/indkaldelse", body, "", auth), 415);
    }
    SECTION("400 for a body that is not well-formed, with the reader's line and column") {
        const json p = problem_of(post(port, "/v1/letters/indkaldelse", "{\"brevdato\": \"2026-11-23\",\n  \"x\" 1}",
                                       "application/json", auth),
                                  400);
        REQUIRE(p["errors"].size() == 1);
        CHECK(p["errors"][0]["line"] == 2);
        CHECK(p["errors"][0]["column"].get<int>() > 0);
        problem_of(post(port, "/v1/letters/indkaldelse", body, "application/xml", auth), 400);  // JSON sent as XML
    }
}

TEST_CASE("serve: 422 lists the same errors as brevgen check") {
    ServerProcess server;
    const std::string fixture = "fixtures/invalid/referat--many-errors.json";
    const Run cli = run_brevgen("check referat " + fixture);
    REQUIRE(cli.exit_code == 65);
    const RawReply r = post(server.port(), "/v1/letters/referat", slurp(fixture));
    const json p = problem_of(r, 422);
    std::string lines;
    for (const auto& e : p["errors"]) {
        std::string line = fixture;
        if (e["line"] != 0) {
            line.append(":").append(std::to_string(e["line"].get<int>()));
            line.append(":").append(std::to_string(e["column"].get<int>()));
        }
        line += ": error: ";
        if (!e["path"].get<std::string>().empty()) line += e["path"].get<std::string>() + ": ";
        lines += line + e["message"].get<std::string>() + "\n";
    }
    std::string cli_errors;  // the CLI prints warnings too; the problem lists errors only
    std::istringstream in(cli.err);
    for (std::string line; std::getline(in, line);) {
        if (line.find(": error: ") != std::string::npos) cli_errors += line + "\n";
    }
    CHECK(p["errors"].size() > 3);
    CHECK(lines == cli_errors);
}

TEST_CASE("serve: chunked and compressed bodies are refused before they are read") {
    ServerProcess server;
    const std::string head = "POST /v1/letters/indkaldelse HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
    SECTION("chunked: 411, connection closed") {
        const RawReply r = raw_exchange(server.port(), head + "Transfer-Encoding: chunked\r\n\r\n5\r\n{}   \r\n0\r\n\r\n");
        problem_of(r, 411);
        CHECK(r.closed);
    }
    SECTION("gzip: 415, connection closed, and what follows on it is not taken for a request") {
        const std::string smuggled = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
        const RawReply r = raw_exchange(server.port(), head + "Content-Encoding: gzip\r\nContent-Length: " +
                                                            std::to_string(smuggled.size()) + "\r\n\r\n" + smuggled);
        problem_of(r, 415);
        CHECK(r.closed);
        CHECK(r.text.find("HTTP/1.1 200") == std::string::npos);
    }
    SECTION("a malformed request: 400 problem, connection closed, nothing after it served") {
        const RawReply r = raw_exchange(server.port(), "GARBAGE\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        problem_of(r, 400);
        CHECK(r.closed);
        CHECK(r.text.find("HTTP/1.1 200") == std::string::npos);
    }
    SECTION("Expect: 100-continue gets the refusal instead of 100 Continue") {
        const RawReply r = raw_exchange(server.port(), head + "Expect: 100-continue\r\nContent-Length: 62914560\r\n\r\n");
        problem_of(r, 413);
        CHECK(r.text.find("100 Continue") == std::string::npos);
    }
}

TEST_CASE("serve: 60 MB bodies are refused without the server's memory growing by them") {
    ServerProcess server({"--threads", "2"});
    const std::size_t sixty_mb = std::size_t{60} << 20;
    const std::string head = "POST /v1/letters/indkaldelse HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
    for (int i = 0; i < 4; ++i) REQUIRE(post(server.port(), "/v1/letters/indkaldelse", slurp(example_json)).status == 200);
    const long before = server.rss_kb();
    const RawReply declared = raw_exchange(server.port(), head + "Content-Length: " + std::to_string(sixty_mb) + "\r\n\r\n", sixty_mb);
    problem_of(declared, 413);
    CHECK(declared.closed);
    const RawReply chunked = raw_exchange(server.port(), head + "Transfer-Encoding: chunked\r\n\r\n", sixty_mb);
    problem_of(chunked, 411);
    const long after = server.rss_kb();
    INFO("VmRSS before " << before << " KiB, after " << after << " KiB");
    CHECK(after - before < 8 * 1024);
    CHECK(post(server.port(), "/v1/letters/indkaldelse", slurp(example_json)).status == 200);
}

TEST_CASE("serve: endless request headers are cut off at a budget, not buffered") {
    // The head may be 16 KiB: past that the server answers 431 and drops the rest unread.
    ServerProcess server({"--threads", "2"});
    for (int i = 0; i < 4; ++i) REQUIRE(post(server.port(), "/v1/letters/indkaldelse", slurp(example_json)).status == 200);
    const long before = server.rss_kb();
    std::string lines = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 2000; ++i) lines += "X-Pad: " + std::string(1000, 'a') + "\r\n";
    const RawReply many = raw_exchange(server.port(), lines, std::size_t{20} << 20);
    const RawReply one_line = raw_exchange(server.port(), "GET /healthz HTTP/1.1\r\nX-Pad: ", std::size_t{20} << 20);
    const long after = server.rss_kb();
    INFO("VmRSS before " << before << " KiB, after " << after << " KiB");
    CHECK(after - before < 8 * 1024);
    CHECK(many.closed);
    CHECK(one_line.closed);
    problem_of(many, 431);  // the server drains what the client still sends, so no reset eats the reply
    problem_of(one_line, 431);
    CHECK(get(server.port(), "/healthz").status == 200);
}

TEST_CASE("serve: 503 with Retry-After at once when request bodies in memory reach --max-body-memory") {
    ServerProcess server({"--threads", "1", "--max-body", "8000", "--max-body-memory", "8000"});
    const int port = server.port();
    const std::string body = slurp(example_json);
    // Holds the whole budget: a head announcing 8000 bytes whose body never comes.
    Socket holder(port);
    REQUIRE(holder.send("POST /v1/letters/indkaldelse HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        "Content-Length: 8000\r\n\r\n"));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const auto start = std::chrono::steady_clock::now();
    const RawReply busy = post(port, "/v1/letters/indkaldelse", body);
    const auto waited = std::chrono::steady_clock::now() - start;
    problem_of(busy, 503);
    CHECK(busy.header("Retry-After") == "1");
    CHECK(waited < std::chrono::seconds(1));
    CHECK(get(port, "/healthz").status == 200);  // nothing else waits on the budget
    holder.close();  // the budget comes back with the connection
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(post(port, "/v1/letters/indkaldelse", body).status == 200);
}

TEST_CASE("serve: GET /v1/letters, /v1/schemas/{kind}, /healthz, /metrics, /openapi.json") {
    ServerProcess server;
    const int port = server.port();
    const json letters = json::parse(get(port, "/v1/letters").body());
    REQUIRE(letters["letters"].size() == 5);
    CHECK(letters["letters"][0]["schema"] == "/v1/schemas/" + letters["letters"][0]["kind"].get<std::string>());

    const RawReply schema = get(port, "/v1/schemas/referat");
    CHECK(schema.header("Content-Type") == "application/schema+json");
    CHECK(schema.body() == run_brevgen("schema referat").out);
    problem_of(get(port, "/v1/schemas/rykker"), 404);

    CHECK(json::parse(get(port, "/healthz").body())["status"] == "ok");
    const RawReply letter = post(port, "/v1/letters/indkaldelse", slurp(example_json));
    REQUIRE(letter.status == 200);
    const std::string pages = letter.header("Brevgen-Pages");
    const std::string metrics = get(port, "/metrics").body();
    CHECK(metrics.find("brevgen_http_requests_total{route=\"/v1/letters/{kind}\",kind=\"indkaldelse\",status=\"200\"} 1") !=
          std::string::npos);
    CHECK(metrics.find("brevgen_letters_rendered_total{kind=\"indkaldelse\"} 1") != std::string::npos);
    CHECK(metrics.find("brevgen_pages_rendered_total{kind=\"indkaldelse\"} " + pages + "\n") != std::string::npos);
    CHECK(metrics.find("brevgen_http_request_duration_seconds_bucket{route=\"/v1/letters/{kind}\",le=\"+Inf\"} 1") !=
          std::string::npos);
    CHECK(metrics.find("brevgen_http_requests_in_flight 1") != std::string::npos);  // this GET itself
    CHECK(metrics.find("brevgen_http_connections_open 1\n") != std::string::npos);   // and its connection
    CHECK(metrics.find("brevgen_http_connections_refused_total 0\n") != std::string::npos);

    const json api = json::parse(get(port, "/openapi.json").body());
    CHECK(api["openapi"] == "3.1.0");
    CHECK(api["paths"].contains("/v1/letters/optrapningsplan"));
    CHECK(api["components"]["schemas"]["optrapningsplan"]["title"] == "optrapningsplan");
}

TEST_CASE("serve: the log has one JSON line per request and no case content") {
    ServerProcess server;
    const int port = server.port();
    const std::string body = slurp(example_json);
    REQUIRE(post(port, "/v1/letters/indkaldelse", body).status == 200);
    REQUIRE(post(port, "/v1/letters/indkaldelse", slurp(example_xml), "application/xml").status == 200);
    REQUIRE(post(port, "/v1/letters/indkaldelse", body.substr(0, body.size() / 2)).status == 400);
    std::string invalid = body;
    invalid.replace(invalid.find("120378-1234"), 11, "320378-1234");
    REQUIRE(post(port, "/v1/letters/information-medarbejder", invalid).status == 422);
    REQUIRE(get(port, "/v1/letters/J%C3%B8rgen%20B%C3%B8gh%20%C3%85kesson").status == 405);
    REQUIRE(get(port, "/v1/letters/Jørgen%20Bøgh%20Åkesson").status == 400);  // raw UTF-8 in a target
    REQUIRE(get(port, "/2026-004711/120378-1234", "X-Request-Id: Jørgen Åkesson\r\n").status == 404);
    REQUIRE(server.stop() == 0);
    const std::string log = server.log();
    for (const char* secret : {"Jørgen", "Åkesson", "J%C3%B8rgen", "120378", "320378", "2026-004711", "Hinnerup",
                               "Højgaard", "Kjærgaard", "Diskusprolaps", "Industrivej", "amkj@"}) {
        INFO(secret);
        CHECK(log.find(secret) == std::string::npos);
    }
    std::istringstream lines(log);
    int requests = 0;
    for (std::string line; std::getline(lines, line);) {
        const json j = json::parse(line);
        if (!j.contains("request_id")) continue;
        ++requests;
        CHECK(j.contains("ts"));
        CHECK(j.contains("method"));
        CHECK(j.contains("route"));
        CHECK(j.contains("status"));
        CHECK(j.contains("duration_ms"));
        CHECK(j.contains("bytes_in"));
        CHECK(j.contains("bytes_out"));
    }
    CHECK(requests == 7);
    CHECK(log.find("\"route\":\"/v1/letters/{kind}\",\"kind\":\"indkaldelse\",\"status\":200") != std::string::npos);
}

TEST_CASE("serve: SIGTERM stops accepting, finishes the request in flight and exits 0") {
    ServerProcess server;
    const int port = server.port();
    const std::string body = slurp(example_json);
    // Half the body now, the rest after SIGTERM: the request is in flight when it comes.
    const int fd = connect_loopback(port);
    const std::string head = "POST /v1/letters/indkaldelse HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                             "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    const std::string first = head + body.substr(0, body.size() / 2);
    REQUIRE(::send(fd, first.data(), first.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(first.size()));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    ::kill(server.pid(), SIGTERM);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const std::string rest = body.substr(body.size() / 2);
    REQUIRE(::send(fd, rest.data(), rest.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(rest.size()));
    std::string reply;
    char buf[65536];
    for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) reply.append(buf, static_cast<std::size_t>(n));
    ::close(fd);
    CHECK(reply.rfind("HTTP/1.1 200", 0) == 0);
    CHECK(reply.find("%%EOF") != std::string::npos);
    CHECK(server.stop(0) == 0);  // signal 0: just wait for it
    const std::string log = server.log();
    CHECK(log.find("\"event\":\"stopping\",\"signal\":\"SIGTERM\"") != std::string::npos);
    CHECK(log.find("\"event\":\"stopped\"") != std::string::npos);
}

TEST_CASE("serve: 400 concurrent requests, 8 at a time, all succeed") {
    ServerProcess server;
    const std::vector<std::pair<std::string, std::string>> cases{
        {"indkaldelse", "examples/indkaldelse-arbejdsgiver.json"},
        {"information-medarbejder", "examples/information-medarbejder.json"},
        {"referat", "examples/referat.xml"},
        {"optrapningsplan", "examples/optrapningsplan.json"}};
    std::vector<std::string> bodies, expected;
    for (const auto& [kind, file] : cases) {
        bodies.push_back(slurp(file));
        expected.push_back(cli_render(kind, file));
    }
    std::atomic<int> ok{0}, bad{0};
    std::vector<std::thread> clients;
    for (int t = 0; t < 8; ++t) {
        clients.emplace_back([&, t] {
            httplib::Client client("127.0.0.1", server.port());
            client.set_read_timeout(30, 0);
            for (int i = 0; i < 50; ++i) {
                const std::size_t c = static_cast<std::size_t>(t + i) % cases.size();
                const auto type = cases[c].second.ends_with(".xml") ? "application/xml" : "application/json";
                const auto res = client.Post(("/v1/letters/" + cases[c].first).c_str(), bodies[c], type);
                (res && res->status == 200 && res->body == expected[c] ? ok : bad)++;
            }
        });
    }
    for (auto& t : clients) t.join();
    CHECK(ok == 400);
    CHECK(bad == 0);
}

TEST_CASE("serve: a token file others may read is used, with a warning") {
    const std::string tokens = token_file("0123456789abcdef-first\n");
    ::chmod(tokens.c_str(), 0644);
    ServerProcess server({"--token-file", tokens});
    CHECK(server.log().find(tokens + ": warning: other users may read the token file (mode 0644)") != std::string::npos);
    CHECK(get(server.port(), "/v1/letters", "Authorization: Bearer 0123456789abcdef-first\r\n").status == 200);
}

TEST_CASE("serve: without a token file only loopback addresses are allowed") {
    const Run r = run_brevgen("serve --listen 0.0.0.0:0");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("without --token-file") != std::string::npos);
    CHECK(run_brevgen("serve --listen nowhere:80").exit_code == 2);
    CHECK(run_brevgen("serve --listen 127.0.0.1:99999").exit_code == 2);
    const Run missing = run_brevgen("serve --token-file /nonexistent/tokens");
    CHECK(missing.exit_code == 66);
    const Run short_token = run_brevgen("serve --token-file " + quote(token_file("short\n")));
    CHECK(short_token.exit_code == 2);
    CHECK(short_token.err.find(":1: error:") != std::string::npos);
}
