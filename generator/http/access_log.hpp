#pragma once
/// The server's log: one JSON line per request on stderr, plus start and stop events.
/// A line carries the request id, method, route template, kind, status, duration and byte
/// counts — never a raw path, a header value other than a checked request id, or anything
/// from a case (names, CPR numbers, journal numbers), not even in error paths.

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace brevgen::http {

/// True when a client's X-Request-Id may be echoed and logged: [A-Za-z0-9._-]{1,64}.
bool valid_request_id(std::string_view id);

/// A fresh request id: 16 hex digits, unique within the process and unlikely across restarts.
std::string new_request_id();

/// The request's id: its valid X-Request-Id, else a fresh one.
std::string request_id_for(const Request& request);

/// What one request's log line says.
struct LogEntry {
    std::string_view request_id;
    std::string_view method;  ///< logged only when it is a standard method, else "OTHER"
    Route route = Route::unknown;
    std::string_view kind;  ///< a known letter kind or empty
    int status = 0;
    double duration_ms = 0;
    std::size_t bytes_in = 0;
    std::size_t bytes_out = 0;
};

/// The JSON line for a request (no trailing newline).
std::string format_log_line(const LogEntry& entry, std::chrono::system_clock::time_point now);

/// A JSON line for a server event such as "listening" or "stopped"; `fields` is either
/// empty or a JSON object's members without braces (`"threads":2`), made by the caller
/// from values it controls.
std::string format_event_line(std::string_view event, std::string_view fields,
                              std::chrono::system_clock::time_point now);

/// Writes `line` and a newline to stderr with one write(2), so that lines from different
/// threads never interleave.
void write_log_line(std::string_view line);

}  // namespace brevgen::http
