#include "http/wire.hpp"

#include <ctime>

#include "http/problem.hpp"

namespace brevgen::http {

std::string http_date_now() {
    // One formatting per second and thread: a busy server answers thousands a second.
    thread_local std::time_t cached_second = 0;
    thread_local std::string cached;
    const std::time_t now = std::time(nullptr);
    if (now != cached_second) {
        std::tm tm{};
        gmtime_r(&now, &tm);
        char buf[40];
        std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);  // "C" locale names
        cached = buf;
        cached_second = now;
    }
    return cached;
}

std::string serialize_response(const Response& r, bool head_only, bool close) {
    std::string out;
    out.reserve(256 + (head_only ? 0 : r.body.size()));
    out.append("HTTP/1.1 ").append(std::to_string(r.status)).append(" ").append(status_title(r.status));
    out.append("\r\nDate: ").append(http_date_now());
    if (!r.content_type.empty()) out.append("\r\nContent-Type: ").append(r.content_type);
    // 1xx, 204 and 304 have no content, and no Content-Length that would claim some.
    const bool no_content = r.status < 200 || r.status == 204 || r.status == 304;
    if (!no_content) out.append("\r\nContent-Length: ").append(std::to_string(r.body.size()));
    bool cache_control = false;
    for (const auto& [name, value] : r.headers) {
        out.append("\r\n").append(name).append(": ").append(value);
        cache_control = cache_control || iequals(name, "Cache-Control");
    }
    // Letters and errors carry personal data; only the plan page's files say otherwise.
    if (!cache_control) out.append("\r\nCache-Control: no-store");
    out.append("\r\nX-Content-Type-Options: nosniff");
    if (close) out.append("\r\nConnection: close");
    out.append("\r\n\r\n");
    if (!head_only && !no_content) out.append(r.body);
    return out;
}

}  // namespace brevgen::http
