// `brevgen serve` under hostile or broken clients, end to end over loopback sockets: slow
// and idle connections, clients that never read, connection caps, request timeouts,
// SIGTERM while clients hang, bodies that would exhaust memory, and every malformed request
// with the 4xx RFC 9112 asks for.

#pragma GCC diagnostic ignored "-Wrestrict"  // GCC bug 105329, as in http_test.cpp

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <memory>
#include <thread>

#include "http_support.hpp"

using namespace brevgen::test;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool sanitized = true;  // ASan's shadow memory and quarantine void memory bounds
#else
constexpr bool sanitized = false;
#endif

const std::string example_json = "examples/indkaldelse-arbejdsgiver.json";

std::string post_request(const std::string& body, const std::string& extra = "") {
    return "POST /v1/letters/indkaldelse HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n" + extra + "\r\n" + body;
}

std::string close_request(const std::string& target) {
    return "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
}

/// A letter request and how long its answer took.
struct Timed {
    RawReply reply;
    Clock::duration took;
};

Timed timed_post(int port) {
    const auto start = Clock::now();
    RawReply r = raw_exchange(port, post_request(slurp(example_json), "Connection: close\r\n"), 0, 10000);
    return {std::move(r), Clock::now() - start};
}

/// Clients that each send a request head one byte every `interval`, until destroyed.
class SlowClients {
public:
    SlowClients(int port, int count, std::chrono::milliseconds interval = std::chrono::milliseconds(500)) {
        for (int i = 0; i < count; ++i) {
            threads_.emplace_back([this, port, interval] {
                Socket s(port);
                const std::string head = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(4000, 'a');
                for (std::size_t at = 0; at < head.size() && !stop_; ++at) {
                    if (!s.send(head.substr(at, 1))) return;
                    for (auto waited = std::chrono::milliseconds(0); waited < interval && !stop_;
                         waited += std::chrono::milliseconds(20)) {
                        std::this_thread::sleep_for(std::chrono::milliseconds(20));
                    }
                }
            });
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(500));  // all connected and sending
    }
    ~SlowClients() {
        stop_ = true;
        for (auto& t : threads_) t.join();
    }
    SlowClients(const SlowClients&) = delete;
    SlowClients& operator=(const SlowClients&) = delete;

private:
    std::atomic<bool> stop_{false};
    std::vector<std::thread> threads_;
};

int get_status(int port, const std::string& path) { return raw_exchange(port, close_request(path)).status; }

json problem_body(const RawReply& r) {
    INFO(r.text.substr(0, 400));
    REQUIRE(r.header("Content-Type") == "application/problem+json");
    return json::parse(r.body());
}

/// A valid case padded to about `bytes` with arrays of zeros: large and slow to read. It
/// holds about `bytes / 2` values, so a server given it runs with `heavy_limits`.
std::string heavy_case(std::size_t bytes) {
    std::string text = slurp(example_json);
    text.erase(text.find_last_of('}'));
    text += ",\"ekstra\":[";
    std::string row = "[0";
    for (int i = 1; i < 9000; ++i) row += ",0";
    row += "]";
    for (bool first = true; text.size() + row.size() + 3 < bytes; first = false) text += (first ? "" : ",") + row;
    return text + "]}";
}

/// The server flags that let a heavy case through the node limit (100 000 by default).
const std::vector<std::string> heavy_limits = {"--max-nodes", "1000000"};

}  // namespace

TEST_CASE("serve: with 16 slow-header clients a normal request is answered within 3 s") {
    ServerProcess server;
    const SlowClients slow(server.port(), 16);
    const Timed t = timed_post(server.port());
    CHECK(t.reply.status == 200);
    CHECK(t.took < std::chrono::seconds(3));
    CHECK(get_status(server.port(), "/healthz") == 200);
}

TEST_CASE("serve: with 200 idle connections a normal request is answered within 3 s") {
    ServerProcess server;
    std::vector<std::unique_ptr<Socket>> idle;
    for (int i = 0; i < 200; ++i) idle.push_back(std::make_unique<Socket>(server.port()));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const Timed t = timed_post(server.port());
    CHECK(t.reply.status == 200);
    CHECK(t.took < std::chrono::seconds(3));
}

TEST_CASE("serve: at the connection caps idle connections go first, then new ones get 503 at once") {
    SECTION("--max-connections") {
        ServerProcess server({"--max-connections", "8"});
        std::vector<std::unique_ptr<Socket>> idle;
        for (int i = 0; i < 8; ++i) idle.push_back(std::make_unique<Socket>(server.port()));
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        CHECK(timed_post(server.port()).reply.status == 200);  // the longest-idle one was closed for it
        CHECK(idle.front()->read(1000).closed);
        idle.clear();
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        const SlowClients busy(server.port(), 8);
        const Timed t = timed_post(server.port());
        INFO(t.reply.text.substr(0, 300));
        CHECK(t.reply.status == 503);
        CHECK(t.reply.header("Retry-After") == "1");
        CHECK(problem_body(t.reply)["title"] == "Service Unavailable");
        CHECK(t.took < std::chrono::seconds(1));
        CHECK(server.log().find("\"status\":503") != std::string::npos);
    }
    SECTION("--max-connections-per-address") {
        ServerProcess server({"--max-connections-per-address", "4"});
        const SlowClients busy(server.port(), 4);
        const Timed t = timed_post(server.port());
        CHECK(t.reply.status == 503);
        CHECK(t.took < std::chrono::seconds(1));
    }
}

TEST_CASE("serve: a client that never reads its responses holds no worker") {
    ServerProcess server({"--threads", "1"});
    const int port = server.port();
    // One connection asks for 300 letters in one go and reads none of them: its socket
    // buffers fill, and its responses wait in the event loop, not in the only worker.
    const int fd = connect_loopback(port, 4096);
    std::thread greedy([fd, body = slurp(example_json)] {
        const std::string one = post_request(body);
        for (int i = 0; i < 300; ++i) {
            if (::send(fd, one.data(), one.size(), MSG_NOSIGNAL) <= 0) return;
        }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    const Timed t = timed_post(port);
    CHECK(t.reply.status == 200);
    CHECK(t.took < std::chrono::seconds(3));
    ::shutdown(fd, SHUT_RDWR);
    greedy.join();
    ::close(fd);
}

TEST_CASE("serve: 503 at once when every worker is busy and the queue is full") {
    ServerProcess server({"--threads", "1", "--queue", "1", heavy_limits[0], heavy_limits[1]});
    const std::string heavy = heavy_case(400 * 1024);  // some tens of milliseconds to read
    std::vector<std::unique_ptr<Socket>> clients;
    for (int i = 0; i < 6; ++i) clients.push_back(std::make_unique<Socket>(server.port()));
    for (auto& c : clients) REQUIRE(c->send(post_request(heavy, "Connection: close\r\n")));
    int ok = 0, busy = 0;
    for (auto& c : clients) {
        const RawReply r = c->read(20000);
        INFO(r.text.substr(0, 200));
        if (r.status == 200) ++ok;
        if (r.status == 503) {
            ++busy;
            CHECK(r.header("Retry-After") == "1");
        }
    }
    CHECK(ok >= 2);    // the one rendering and the one queued
    CHECK(busy >= 1);  // the rest, told to come back
    CHECK(ok + busy == 6);
}

TEST_CASE("serve: 16 concurrent 1 MiB cases keep the server's peak memory bounded") {
    ServerProcess server(heavy_limits);
    const std::string heavy = heavy_case(1000 * 1024);
    std::vector<std::thread> clients;
    std::atomic<int> answered{0};
    for (int i = 0; i < 16; ++i) {
        clients.emplace_back([&] {
            const RawReply r = raw_exchange(server.port(), post_request(heavy, "Connection: close\r\n"), 0, 60000);
            if (r.status == 200 || r.status == 503) ++answered;
        });
    }
    for (auto& t : clients) t.join();
    CHECK(answered == 16);
    const long peak = server.peak_rss_kb();
    INFO("VmHWM " << peak << " KiB");
    if (!sanitized) CHECK(peak < 200 * 1024);  // 423 MB before the body budget and one worker per core
}

TEST_CASE("serve: SIGTERM with 10 slow clients ends the process within 10 s") {
    ServerProcess server;
    const SlowClients slow(server.port(), 10, std::chrono::milliseconds(200));
    const auto start = Clock::now();
    const int code = server.stop(SIGTERM);
    const auto took = Clock::now() - start;
    CHECK(code == 0);
    CHECK(took < std::chrono::seconds(10));
    CHECK(server.log().find("\"event\":\"stopped\"") != std::string::npos);
}

TEST_CASE("serve: a second signal ends the wait for slow clients at once") {
    ServerProcess server({"--shutdown-timeout", "60"});
    const SlowClients slow(server.port(), 4, std::chrono::milliseconds(200));
    ::kill(server.pid(), SIGTERM);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const auto start = Clock::now();
    CHECK(server.stop(SIGINT) == 0);
    CHECK(Clock::now() - start < std::chrono::seconds(2));
    CHECK(server.log().find("\"event\":\"stopping now\",\"signal\":\"SIGINT\"") != std::string::npos);
}

TEST_CASE("serve: a request that does not arrive within --request-timeout gets 408") {
    ServerProcess server({"--request-timeout", "1"});
    Socket s(server.port());
    REQUIRE(s.send("POST /v1/letters/indkaldelse HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                   "Content-Length: 100\r\n\r\n{\"brevdato\""));
    const auto start = Clock::now();
    const RawReply r = s.read(5000);
    CHECK(r.status == 408);
    CHECK(problem_body(r)["title"] == "Request Timeout");
    CHECK(r.closed);
    CHECK(Clock::now() - start < std::chrono::seconds(3));
}

TEST_CASE("serve: each malformed request gets its 4xx, with the status phrase as title") {
    const std::string tokens = write_temp("token-0123456789abcdef\n", ".tok");
    ::chmod(tokens.c_str(), 0600);
    ServerProcess server({"--token-file", tokens});
    const std::string auth = "Authorization: Bearer token-0123456789abcdef\r\n";
    const std::string end = "Connection: close\r\n\r\n";
    struct Case {
        const char* what;
        std::string request;
        int status;
    };
    const std::vector<Case> cases{
        {"no Host", "GET /healthz HTTP/1.1\r\n" + end, 400},
        {"two Host headers", "GET /healthz HTTP/1.1\r\nHost: x\r\nHost: y\r\n" + end, 400},
        {"a Host that is no host", "GET /healthz HTTP/1.1\r\nHost: a b/c\r\n" + end, 400},
        {"space before a colon", "GET /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n" + end, 400},
        {"a header line without colon", "GET /healthz HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n" + end, 400},
        {"a folded header line", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n  2\r\n" + end, 400},
        {"a bare CR", "GET /healthz HTTP/1.1\r\nHost: x\rX-A: 1\r\n" + end, 400},
        {"a control character in a value", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\x01z\r\n" + end, 400},
        {"two Authorization headers", "GET /v1/letters HTTP/1.1\r\nHost: x\r\n" + auth + "Authorization: Bearer nope\r\n" + end, 400},
        {"two Content-Length headers", "POST /v1/letters/indkaldelse HTTP/1.1\r\nHost: x\r\n" + auth +
             "Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 2\r\n" + end + "{}", 400},
        {"Content-Length and Transfer-Encoding", "POST /v1/letters/indkaldelse HTTP/1.1\r\nHost: x\r\n" + auth +
             "Content-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n" + end + "{}", 400},
        {"a Content-Length that is no number", "POST /v1/letters/indkaldelse HTTP/1.1\r\nHost: x\r\n" + auth +
             "Content-Type: application/json\r\nContent-Length: +2\r\n" + end + "{}", 400},
        {"two spaces in the request line", "GET  /healthz HTTP/1.1\r\nHost: x\r\n" + end, 400},
        {"a target that is no path", "GET healthz HTTP/1.1\r\nHost: x\r\n" + end, 400},
        {"a malformed percent escape", "GET /healthz%zz HTTP/1.1\r\nHost: x\r\n" + end, 400},
        {"an escaped NUL", "GET /health%00z HTTP/1.1\r\nHost: x\r\n" + end, 400},
        {"a garbage version", "GET /healthz HTTQ/1.1\r\nHost: x\r\n" + end, 400},
        {"a two-digit version", "GET /healthz HTTP/1.10\r\nHost: x\r\n" + end, 400},
        {"HTTP/2.0", "GET /healthz HTTP/2.0\r\nHost: x\r\n" + end, 505},
        {"HTTP/0.9", "GET /healthz HTTP/0.9\r\nHost: x\r\n" + end, 505},
        {"a 10 KiB request line", "GET /healthz?" + std::string(10 * 1024, 'a') + " HTTP/1.1\r\nHost: x\r\n" + end, 414},
        {"a 64 KiB request line", "GET /healthz?" + std::string(70 * 1024, 'a') + " HTTP/1.1\r\nHost: x\r\n" + end, 414},
        {"a 20 KiB header", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: " + std::string(20 * 1024, 'a') + "\r\n" + end, 431},
        {"101 header lines", "GET /healthz HTTP/1.1\r\n" + [] {
             std::string lines;
             for (int i = 0; i < 101; ++i) lines += "X-" + std::to_string(i) + ": 1\r\n";
             return lines;
         }() + "Host: x\r\n" + end, 431},
        {"HTTP/1.2, served as 1.1", "GET /healthz HTTP/1.2\r\nHost: x\r\n" + end, 200},
        {"an absolute-form target", "GET http://brevgen.example/healthz HTTP/1.1\r\nHost: x\r\n" + end, 200},
        {"HTTP/1.0 without Host", "GET /healthz HTTP/1.0\r\n\r\n", 200},
        {"an empty line before the request line", "\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n" + end, 200},
        {"a percent-escaped path", "GET /%68ealthz HTTP/1.1\r\nHost: x\r\n" + end, 200},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        const RawReply r = raw_exchange(server.port(), c.request);
        INFO(r.text.substr(0, 300));
        CHECK(r.status == c.status);
        if (r.status != c.status) continue;
        CHECK(r.text.rfind("HTTP/1.1 ", 0) == 0);
        CHECK(r.closed);
        if (c.status >= 400) {
            const json p = problem_body(r);
            CHECK(p["status"] == c.status);
            CHECK(p["type"] == "about:blank");
            CHECK(p["instance"] == r.header("X-Request-Id"));
        }
    }
    const auto longest = std::find_if(cases.begin(), cases.end(), [](const Case& c) { return c.status == 414; }) + 1;
    const RawReply too_long = raw_exchange(server.port(), longest->request);
    CHECK(problem_body(too_long)["title"] == "URI Too Long");
    CHECK(server.log().find("\"status\":414") != std::string::npos);  // answered and logged
    CHECK(server.log().find("\"status\":505") != std::string::npos);
}

TEST_CASE("serve: Range is ignored: the answer is always the whole 200") {
    ServerProcess server;
    for (const std::string path : {"/healthz", "/openapi.json", "/v1/letters"}) {
        INFO(path);
        const std::string whole = raw_exchange(server.port(), close_request(path)).body();
        for (const std::string range : {"bytes=0-3", "bytes=0-1,3-4", "bytes=900000-999999"}) {
            const RawReply r = raw_exchange(server.port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nRange: " + range +
                                                               "\r\nConnection: close\r\n\r\n");
            CHECK(r.status == 200);
            CHECK(r.header("Content-Range").empty());
            CHECK(r.body() == whole);
        }
    }
    const std::string body = slurp(example_json);
    const RawReply letter = raw_exchange(server.port(), post_request(body, "Range: bytes=0-3\r\nConnection: close\r\n"));
    CHECK(letter.status == 200);
    CHECK(letter.body().rfind("%PDF-", 0) == 0);
    CHECK(letter.header("Content-Range").empty());
}

TEST_CASE("serve: HEAD, pipelined requests and Expect: 100-continue") {
    ServerProcess server;
    const int port = server.port();
    SECTION("HEAD has the GET's headers and no body") {
        const RawReply get = raw_exchange(port, close_request("/openapi.json"));
        const RawReply head = raw_exchange(port, "HEAD /openapi.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        CHECK(head.status == 200);
        CHECK(head.header("Content-Length") == get.header("Content-Length"));
        CHECK(head.body().empty());
    }
    SECTION("three requests in one write are answered in order on one connection") {
        const std::string body = slurp(example_json);
        const RawReply r = raw_exchange(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n" + post_request(body) +
                                                  close_request("/v1/schemas/referat"));
        const auto first = r.text.find("HTTP/1.1 200");
        const auto second = r.text.find("HTTP/1.1 200", first + 1);
        const auto third = r.text.find("HTTP/1.1 200", second + 1);
        CHECK(third != std::string::npos);
        CHECK(r.text.find("%PDF-") > second);
        CHECK(r.text.find("\"$schema\"") > third);
        CHECK(r.closed);
    }
    SECTION("100 Continue comes before the body is sent, the letter after it") {
        const std::string body = slurp(example_json);
        Socket s(port);
        REQUIRE(s.send("POST /v1/letters/indkaldelse HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                       "Expect: 100-continue\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n"));
        CHECK(s.read(3000, "\r\n\r\n").text == "HTTP/1.1 100 Continue\r\n\r\n");
        REQUIRE(s.send(body));
        CHECK(s.read(5000, "%%EOF").status == 200);
    }
}
