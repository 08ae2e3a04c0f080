#pragma once
/// `brevgen serve`: the HTTP endpoint the case system calls (see docs in README.md,
/// "HTTP service", and GET /openapi.json). The routes themselves are in service.hpp and can
/// be called without sockets; this header starts the real server.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.hpp"

namespace brevgen::http {

/// How the server listens and what it accepts.
struct ServeOptions {
    std::string host = "127.0.0.1";
    int port = 8080;               ///< 0: any free port (the "listening" log line names it)
    std::size_t threads = 0;       ///< workers; 0: 4 per core
    std::size_t queue = 0;         ///< connections that may wait for a worker; 0: 2 per worker
    std::size_t max_body = std::size_t{1} << 20;  ///< largest case body in bytes
    std::vector<std::string> tokens;              ///< bearer tokens; empty: loopback only
};

/// A listen address split into host and port.
struct ListenAddress {
    std::string host;  ///< an IP address without brackets, or "localhost"
    int port = 0;
};

/// Parses "HOST:PORT" ("127.0.0.1:8080", "[::1]:8080", "0.0.0.0:0", "localhost:8080").
/// Only IP addresses and localhost are accepted as hosts, so that whether the address is
/// loopback never depends on name resolution. nullopt with `error` set when malformed.
std::optional<ListenAddress> parse_listen(std::string_view text, std::string& error);

/// True for 127.0.0.0/8, ::1, ::ffff:127.x.x.x and "localhost".
bool is_loopback(std::string_view host);

/// Serves until SIGTERM or SIGINT, then stops accepting, finishes the requests in flight
/// and returns 0; returns 1 when it cannot listen. Logs one JSON line per request on stderr.
int serve(std::shared_ptr<const Engine> engine, const ServeOptions& options);

}  // namespace brevgen::http
