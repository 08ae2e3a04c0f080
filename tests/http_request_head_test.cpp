// The HTTP/1.1 request head parser in-process: what is complete, what is still incomplete,
// and the exact status for each malformed head (RFC 9112).

#include <catch2/catch.hpp>

#include "http/request_head.hpp"

using namespace brevgen::http;
using State = ParsedHead::State;

TEST_CASE("http head: a complete head, its size, path, fields and connection") {
    const std::string text = "POST /v1/letters/%69ndkaldelse?x=1 HTTP/1.1\r\nHost: brevgen\r\nContent-Length:  5 \r\n"
                             "Content-Type: application/json\r\nExpect: 100-Continue\r\n\r\n{\"a\"}";
    const ParsedHead h = parse_head(text);
    REQUIRE(h.state == State::complete);
    CHECK(h.size == text.size() - 5);
    CHECK(h.request.method == "POST");
    CHECK(h.request.path == "/v1/letters/indkaldelse");
    CHECK(*h.request.header("content-length") == "5");
    CHECK(h.keep_alive);
    CHECK(h.expect_continue);
    CHECK(h.minor_version == 1);

    CHECK_FALSE(parse_head("GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, Close\r\n\r\n").keep_alive);
    CHECK_FALSE(parse_head("GET / HTTP/1.0\r\n\r\n").keep_alive);
    CHECK(parse_head("GET / HTTP/1.0\r\n\r\n").state == State::complete);
    CHECK(parse_head("GET / HTTP/1.1\nHost: x\n\n").state == State::complete);  // bare LF line ends
    CHECK(parse_head("GET http://a:8080 HTTP/1.1\r\nHost: x\r\n\r\n").request.path == "/");
    CHECK(parse_head("GET HTTPS://a/b?c HTTP/1.1\r\nHost: x\r\n\r\n").request.path == "/b");
    CHECK(parse_head("GET / HTTP/1.7\r\nHost: x\r\n\r\n").minor_version == 7);
    CHECK(parse_head("GET / HTTP/1.1\r\nHost:\r\n\r\n").state == State::complete);  // an empty Host is allowed
    CHECK(parse_head("GET / HTTP/1.1\r\nHost: [::1]:8080\r\nX: caf\xC3\xA9\r\n\r\n").state == State::complete);
}

TEST_CASE("http head: incomplete until the empty line, found once however it arrives") {
    const std::string text = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    for (std::size_t n = 0; n < text.size(); ++n) {
        INFO(n);
        CHECK(parse_head(text.substr(0, n)).state == State::incomplete);
    }
    std::size_t scanned = 0, end = std::string::npos;
    for (std::size_t n = 1; n <= text.size() && end == std::string::npos; ++n) {
        end = find_head_end(std::string_view(text).substr(0, n), scanned);
        scanned = n;
    }
    CHECK(end == text.size());
    CHECK(find_head_end("\r\n\r\nGET / HTTP/1.1\r\n\r\n") == 22);  // empty lines before the request line
}

TEST_CASE("http head: malformed heads and their statuses") {
    const auto status = [](const std::string& text) {
        const ParsedHead h = parse_head(text);
        INFO(text.substr(0, 80) << " -> " << h.detail);
        CHECK(h.state == State::error);
        CHECK_FALSE(h.detail.empty());
        return h.status;
    };
    const std::string end = "Host: x\r\n\r\n";
    CHECK(status("GET / HTTP/1.1\r\n\r\n") == 400);                             // no Host
    CHECK(status("GET / HTTP/1.1\r\nHost: x\r\nhost: y\r\n\r\n") == 400);       // two
    CHECK(status("GET / HTTP/1.1\r\nHost: a@b\r\n\r\n") == 400);
    CHECK(status("GET / HTTP/1.1\r\nX : 1\r\n" + end) == 400);
    CHECK(status("GET / HTTP/1.1\r\nX\r\n" + end) == 400);
    CHECK(status("GET / HTTP/1.1\r\n: 1\r\n" + end) == 400);
    CHECK(status("GET / HTTP/1.1\r\nX: 1\r\n\t2\r\n" + end) == 400);
    CHECK(status("GET / HTTP/1.1\r\nX: 1\x7F\r\n" + end) == 400);
    CHECK(status("GET / HTTP/1.1\r\nX: 1\r2\r\n" + end) == 400);
    CHECK(status("GET / HTTP/1.1\r\nAuthorization: a\r\nAuthorization: a\r\n" + end) == 400);
    CHECK(status("GET / HTTP/1.1\r\nContent-Type: a\r\nContent-Type: a\r\n" + end) == 400);
    CHECK(status("GET / HTTP/1.1\r\nContent-Length: 1\r\ncontent-length: 1\r\n" + end) == 400);
    CHECK(status("GET / HTTP/1.1\r\nContent-Length: 0x1\r\n" + end) == 400);
    CHECK(status("GET / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n" + end) == 400);
    CHECK(status("GET / HTTP/1.1 \r\n" + end) == 400);
    CHECK(status("GET\t/ HTTP/1.1\r\n" + end) == 400);
    CHECK(status("G(T / HTTP/1.1\r\n" + end) == 400);
    CHECK(status("GET * HTTP/1.1\r\n" + end) == 400);
    CHECK(status("CONNECT a:443 HTTP/1.1\r\n" + end) == 400);
    CHECK(status("GET ftp://a/b HTTP/1.1\r\n" + end) == 400);
    CHECK(status("GET http:///b HTTP/1.1\r\n" + end) == 400);
    CHECK(status("GET /a#b HTTP/1.1\r\n" + end) == 400);
    CHECK(status("GET /\xC3\xA6 HTTP/1.1\r\n" + end) == 400);
    CHECK(status("GET /%4 HTTP/1.1\r\n" + end) == 400);
    CHECK(status("GET /%0a HTTP/1.1\r\n" + end) == 400);
    CHECK(status("GET / http/1.1\r\n" + end) == 400);
    CHECK(status("GET / HTTP/11\r\n" + end) == 400);
    CHECK(status("GET / HTTP/2.0\r\n" + end) == 505);
    CHECK(status("GET / HTTP/3.0\r\n" + end) == 505);
    CHECK(status("GET / HTTP/0.9\r\n" + end) == 505);
}

TEST_CASE("http head: limits: 414 for the request line, 431 for the rest") {
    const HeadLimits limits;
    const std::string long_target = "GET /" + std::string(limits.max_request_line, 'a');
    CHECK(parse_head(long_target).status == 414);  // known before the line ends
    CHECK(parse_head(long_target + " HTTP/1.1\r\nHost: x\r\n\r\n").status == 414);
    CHECK(parse_head(std::string(limits.max_request_line + 1, 'x')).status == 400);  // no method at all
    CHECK(parse_head("GET / HTTP/1.1\r\nHost: x\r\nX: " + std::string(limits.max_head, 'a')).status == 431);
    std::string many = "GET / HTTP/1.1\r\nHost: x\r\n";
    for (std::size_t i = 0; i < limits.max_fields; ++i) many += "X: 1\r\n";
    CHECK(parse_head(many + "\r\n").status == 431);
    const ParsedHead small = parse_head("GET /abc HTTP/1.1\r\nHost: x\r\n\r\n", HeadLimits{8, 64, 4});
    CHECK(small.status == 414);
}

TEST_CASE("http head: percent-decoding of paths") {
    bool ok = false;
    CHECK(decode_path("/a%20b%2Fc", ok) == "/a b/c");
    CHECK(ok);
    CHECK(decode_path("/%C3%A6", ok) == "/\xC3\xA6");
    CHECK(ok);
    for (const char* bad : {"/%", "/%2", "/%zz", "/%00", "/%1F", "/%7f"}) {
        INFO(bad);
        decode_path(bad, ok);
        CHECK_FALSE(ok);
    }
}
