#pragma once
/// The HTTP/1.1 request head (request line and header fields) as RFC 9112 defines it, read
/// strictly: what the server cannot frame or understand without guessing is a 4xx, never a
/// best effort. A pure function of the bytes received so far, so the event loop can call it
/// as bytes arrive and the fuzzer can call it on anything.

#include <cstddef>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace brevgen::http {

/// How large a request head may be.
struct HeadLimits {
    std::size_t max_request_line = 8 * 1024;  ///< longer: 414 URI Too Long
    std::size_t max_head = 16 * 1024;         ///< request line + fields; larger: 431
    std::size_t max_fields = 100;             ///< more header lines: 431
};

/// What the bytes so far make of a request head.
struct ParsedHead {
    enum class State { incomplete, complete, error };
    State state = State::incomplete;
    int status = 0;      ///< error: 400, 414, 431 or 505
    std::string detail;  ///< error: what is wrong, never quoting the request
    std::size_t size = 0;  ///< complete: bytes of the head, its empty last line included
    Request request;       ///< complete: method, decoded path and fields (body empty)
    int minor_version = 1;  ///< HTTP/1.x; a minor version above 1 is served as 1.1
    bool keep_alive = true;  ///< HTTP/1.1 without "Connection: close"
    bool expect_continue = false;  ///< "Expect: 100-continue"
};

/// Where a request head ends in `bytes` (the offset just past its empty line), or npos.
/// `from` is where the caller's previous search stopped, so that a head arriving a byte at
/// a time is scanned once, not once per byte.
std::size_t find_head_end(std::string_view bytes, std::size_t from = 0);

/// Parses the request head at the start of `bytes`. `incomplete` while no empty line has
/// arrived and the limits are not yet exceeded. Errors: 400 for anything malformed (bad
/// request line, field line without a colon or with space before it, obs-fold, control
/// characters, a missing Host in HTTP/1.1, a repeated Host, Content-Length, Content-Type
/// or Authorization, Content-Length with Transfer-Encoding, an invalid Content-Length),
/// 414 for a request line over the limit, 431 for a head over its limits, 505 for a
/// version other than HTTP/1.x.
ParsedHead parse_head(std::string_view bytes, const HeadLimits& limits = {});

/// True when the bytes of a request (complete or not) start a HEAD request: an answer to
/// it, even an error, carries no body.
bool is_head_request(std::string_view bytes);

/// Decodes the %XX escapes of a path. Sets `ok` to false (and returns "") when an escape
/// is malformed or decodes to a control character.
std::string decode_path(std::string_view raw, bool& ok);

}  // namespace brevgen::http
