#pragma once
/// The server's own request and response values: what the routes see and answer, with no
/// transport attached. The event loop (event_loop.hpp) fills and sends them, so tests and
/// fuzzers can call the routes in-process without sockets.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace brevgen::http {

/// A header as received or sent: name, value.
using Header = std::pair<std::string, std::string>;

/// One request: the request line, the headers and (once read) the body.
struct Request {
    std::string method;  ///< "GET", "POST" …
    std::string path;    ///< the decoded path, without the query string
    std::vector<Header> headers;
    std::string_view body;  ///< owned by the caller; empty until the body is read
    std::string id;         ///< request id for logs and problem reports (see access_log.hpp)

    /// The value of the first header named `name` (ASCII case-insensitive), or nullptr.
    const std::string* header(std::string_view name) const;
    /// How many headers are named `name`.
    std::size_t header_count(std::string_view name) const;
};

/// The endpoints, as the path templates that logs and metrics name instead of raw paths
/// (a raw path could carry anything a client typed).
enum class Route : std::uint8_t { letter, letters, schema, healthz, metrics, openapi, check, plan, message, unknown };

/// "/v1/letters/{kind}", "/healthz" … and "other" for paths that match no route. The plan
/// page and its assets are all "/plan".
std::string_view route_template(Route route);

/// One response and what the log and the metrics need to know about it.
struct Response {
    int status = 200;
    std::string content_type;
    std::vector<Header> headers;  ///< besides Content-Type and Content-Length
    std::string body;
    /// Close the connection after this response: the request's body was left unread, and
    /// whatever the client sends next on it must not be taken for a new request.
    bool close = false;
    Route route = Route::unknown;
    std::string kind;       ///< the letter kind when the path named a known one, else empty
    std::size_t pages = 0;  ///< pages of the rendered letter (200 to a letter request)

    /// Adds a header.
    void add(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

/// True when two ASCII strings are equal ignoring case.
bool iequals(std::string_view a, std::string_view b);

}  // namespace brevgen::http
