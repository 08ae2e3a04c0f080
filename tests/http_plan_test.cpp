// The plan page through the real server (sockets, the httplib transport): the page loads
// without a token and keeps its own caching headers; checks are answered over HTTP.

// GCC 12 reports a -Wrestrict false positive (GCC bug 105329) in std::string's operator+.
#pragma GCC diagnostic ignored "-Wrestrict"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "http_support.hpp"

using namespace brevgen::test;

TEST_CASE("serve: GET /plan needs no token and keeps its caching headers, and checks need the token") {
    const std::string tokens = write_temp("plan-page-token-0123456789\n", ".tok");
    ServerProcess server({"--token-file", tokens});
    const RawReply page =
        raw_exchange(server.port(), "GET /plan HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    INFO(page.text.substr(0, 800));
    REQUIRE(page.status == 200);
    CHECK(page.header("Content-Type") == "text/html; charset=utf-8");
    CHECK(page.header("Cache-Control") == "no-cache");
    CHECK(page.text.find("no-store") == std::string::npos);  // one Cache-Control, the page's
    CHECK(page.header("Content-Security-Policy").rfind("default-src 'none'; script-src 'self';", 0) == 0);
    CHECK(page.body().find("<html lang=\"da\">") != std::string::npos);

    const std::string body = slurp("examples/optrapningsplan.json");
    const std::string head = "POST /v1/checks/optrapningsplan HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                             "Content-Type: application/json\r\nContent-Length: " +
                             std::to_string(body.size()) + "\r\n";
    CHECK(raw_exchange(server.port(), head + "\r\n" + body).status == 401);
    const RawReply checked =
        raw_exchange(server.port(), head + "Authorization: Bearer plan-page-token-0123456789\r\n\r\n" + body);
    INFO(checked.text.substr(0, 400));
    REQUIRE(checked.status == 200);
    CHECK(checked.header("Cache-Control") == "no-store");  // findings quote the case
    CHECK(nlohmann::json::parse(checked.body())["valid"] == true);
    CHECK(server.stop() == 0);
    CHECK(server.log().find("\"route\":\"/v1/checks/{kind}\"") != std::string::npos);
    std::filesystem::remove(tokens);
}

TEST_CASE("serve: the plan page's files go out gzipped once, never encoded twice") {
    ServerProcess server;
    const std::string js = slurp("generator/http/plan/plan.js");
    auto fetch = [&](const std::string& accept) {
        return raw_exchange(server.port(), "GET /plan/plan.js HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                                           "Accept-Encoding: " + accept + "\r\n\r\n");
    };
    const RawReply browser = fetch("gzip, deflate, br, zstd");  // what chromium sends
    INFO(browser.text.substr(0, 600));
    REQUIRE(browser.status == 200);
    CHECK(browser.header("Content-Encoding") == "gzip");
    CHECK(browser.text.find("Content-Encoding", browser.text.find("Content-Encoding") + 1) == std::string::npos);
    CHECK(browser.header("Vary") == "Accept-Encoding");
    CHECK(browser.body().substr(0, 2) == "\x1f\x8b");  // a gzip member
    CHECK(browser.body().size() < js.size() / 2);
    const RawReply plain = fetch("identity");
    CHECK(plain.header("Content-Encoding").empty());
    CHECK(plain.body() == js);
    CHECK(plain.header("ETag") != browser.header("ETag"));
}
