#include "http/access_log.hpp"

#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <ctime>
#include <random>

namespace brevgen::http {

namespace {

std::string timestamp(std::chrono::system_clock::time_point now) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    const std::time_t secs = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
    return buf;
}

std::string_view safe_method(std::string_view method) {
    static constexpr std::array<std::string_view, 9> known{"GET",     "HEAD",  "POST",    "PUT",  "DELETE",
                                                           "OPTIONS", "PATCH", "CONNECT", "TRACE"};
    for (const auto m : known) {
        if (m == method) return m;
    }
    return "OTHER";
}

}  // namespace

bool valid_request_id(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    for (const char c : id) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                        c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

std::string new_request_id() {
    // A random 32-bit prefix per process keeps ids apart across restarts; the counter keeps
    // them apart within the process without a lock.
    static const std::uint32_t prefix = std::random_device{}();
    static std::atomic<std::uint32_t> counter{0};
    char buf[24];
    std::snprintf(buf, sizeof buf, "%08x%08x", prefix, counter.fetch_add(1, std::memory_order_relaxed));
    return buf;
}

std::string request_id_for(const Request& request) {
    if (const auto* id = request.header("X-Request-Id"); id && valid_request_id(*id)) return *id;
    return new_request_id();
}

std::string format_log_line(const LogEntry& e, std::chrono::system_clock::time_point now) {
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.3f", e.duration_ms);
    std::string line = "{\"ts\":\"" + timestamp(now) + "\",\"request_id\":\"";
    line += valid_request_id(e.request_id) ? e.request_id : std::string_view("invalid");
    line += "\",\"method\":\"";
    line += safe_method(e.method);
    line += "\",\"route\":\"";
    line += route_template(e.route);
    line += "\"";
    if (!e.kind.empty()) line.append(",\"kind\":\"").append(e.kind).append("\"");
    line += ",\"status\":" + std::to_string(e.status) + ",\"duration_ms\":" + duration +
            ",\"bytes_in\":" + std::to_string(e.bytes_in) + ",\"bytes_out\":" + std::to_string(e.bytes_out) + "}";
    return line;
}

std::string format_event_line(std::string_view event, std::string_view fields,
                              std::chrono::system_clock::time_point now) {
    std::string line = "{\"ts\":\"" + timestamp(now) + "\",\"event\":\"" + std::string(event) + "\"";
    if (!fields.empty()) line.append(",").append(fields);
    return line + "}";
}

void write_log_line(std::string_view line) {
    std::string buf;
    buf.reserve(line.size() + 1);
    buf.append(line).push_back('\n');
    std::size_t done = 0;
    while (done < buf.size()) {
        const ssize_t n = ::write(STDERR_FILENO, buf.data() + done, buf.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;  // nowhere to log to: never let the log stop a request
        done += static_cast<std::size_t>(n);
    }
}

}  // namespace brevgen::http
