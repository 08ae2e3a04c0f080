#pragma once
/// Responses as bytes on the wire (HTTP/1.1): status line, header fields, body.

#include <string>
#include <string_view>

#include "http/message.hpp"

namespace brevgen::http {

/// The interim response that asks a client who sent "Expect: 100-continue" for its body.
inline constexpr std::string_view continue_response = "HTTP/1.1 100 Continue\r\n\r\n";

/// The whole response: "HTTP/1.1 STATUS PHRASE", Date, Content-Type, Content-Length
/// (not for 1xx, 204, 304), the response's own headers, Cache-Control: no-store unless the
/// response sets its own (letters and errors carry personal data), X-Content-Type-Options:
/// nosniff, "Connection: close" when `close`, then the body unless `head_only` (a HEAD
/// request gets the GET's headers without its body).
std::string serialize_response(const Response& response, bool head_only, bool close);

/// The current time as an HTTP date ("Sun, 06 Nov 1994 08:49:37 GMT").
std::string http_date_now();

}  // namespace brevgen::http
