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
    std::size_t threads = 0;       ///< render workers; 0: one per core
    std::size_t queue = 0;         ///< complete requests that may wait for one; 0: 8 per worker
    std::size_t max_body = std::size_t{1} << 20;          ///< largest case body in bytes
    std::size_t max_body_memory = std::size_t{8} << 20;   ///< request bodies in memory at once
    std::size_t max_connections = 512;                    ///< open client connections
    std::size_t max_connections_per_address = 64;         ///< of them from one IP address
    int request_timeout_s = 10;   ///< a request's head and body, from its first byte
    int shutdown_timeout_s = 5;   ///< SIGTERM: how long clients may still finish their requests
    std::vector<std::string> tokens;  ///< bearer tokens; empty: loopback only
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

/// Serves until SIGTERM or SIGINT, then stops accepting, lets the requests being received
/// finish within the shutdown timeout, finishes every render under way and returns 0 (a
/// second signal cuts the wait for clients short); returns 1 when it cannot listen. Logs
/// one JSON line per request on stderr.
int serve(std::shared_ptr<const Engine> engine, const ServeOptions& options);

}  // namespace brevgen::http
