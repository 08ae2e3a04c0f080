#pragma once
/// Requests and responses for tests that call the HTTP service in process (no sockets).

#include <string>
#include <string_view>

#include <memory>

#include "engine/engine.hpp"
#include "http/message.hpp"

namespace brevgen::test {

/// One engine with the default settings, loaded once for the whole test binary.
inline std::shared_ptr<const Engine> shared_engine() {
    static const auto e = Engine::load({});
    return e;
}

/// A POST of `body` to `path` with its Content-Type and Content-Length.
inline http::Request post_request(const std::string& path, std::string_view body,
                                  const std::string& type = "application/json") {
    http::Request r;
    r.method = "POST";
    r.path = path;
    r.headers = {{"Content-Type", type}, {"Content-Length", std::to_string(body.size())}};
    r.body = body;
    return r;
}

/// The first header of the response named `name` (case-insensitive), or "".
inline std::string header(const http::Response& r, std::string_view name) {
    for (const auto& [k, v] : r.headers) {
        if (http::iequals(k, name)) return v;
    }
    return {};
}

}  // namespace brevgen::test
