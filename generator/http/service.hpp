#pragma once
/// The HTTP service without a transport: routes, authentication, the checks made on the
/// headers before a body is read, and the answers. Thread-safe: any number of threads may
/// call handle() at once; each renders with its own Renderer.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/engine.hpp"
#include "http/message.hpp"
#include "http/metrics.hpp"

namespace brevgen::http {

/// What the service accepts.
struct ServiceOptions {
    std::size_t max_body = std::size_t{1} << 20;  ///< largest case body in bytes
    std::vector<std::string> tokens;              ///< bearer tokens; empty: no authentication
};

/// The routes of `brevgen serve` as plain functions of a Request.
class Service {
public:
    Service(std::shared_ptr<const Engine> engine, ServiceOptions options);
    ~Service();
    Service(const Service&) = delete;
    Service& operator=(const Service&) = delete;

    /// Decides from the request line and headers alone. Returns the whole answer to a
    /// request that needs no body (GETs) or is refused before its body is read (401, 404,
    /// 405, 411, 413, 415, 503…), or nullopt when the body should be read and handle()
    /// called. `overloaded`: no render worker can take the request now; a request that
    /// needs one (see takes_case() in routes.hpp) gets 503 with Retry-After.
    std::optional<Response> screen(const Request& head, bool overloaded = false) const;

    /// The whole exchange: screen(), then for a letter request the rendering of `body`.
    Response handle(const Request& request, bool overloaded = false);

    /// Makes the calling thread's Renderer now, so its first request does not pay for it.
    void warm_up();

    /// The counters GET /metrics shows; the event loop adds each finished request.
    Metrics& metrics();

    /// Accepted bearer tokens are configured.
    bool authenticated() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace brevgen::http
