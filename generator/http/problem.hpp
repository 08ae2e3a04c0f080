#pragma once
/// Error responses as `application/problem+json` (RFC 9457).

#include <string>
#include <string_view>

#include "common/diagnostic.hpp"
#include "http/message.hpp"

namespace brevgen::http {

/// The problem types brevgen defines beyond the plain HTTP statuses (which use about:blank).
inline constexpr std::string_view malformed_case_type = "urn:brevgen:problem:malformed-case";
inline constexpr std::string_view invalid_case_type = "urn:brevgen:problem:invalid-case";
inline constexpr std::string_view render_failed_type = "urn:brevgen:problem:render-failed";

/// The reason phrase of a status as RFC 9110 names it ("Not Found"); "Error" for one
/// brevgen never sends.
std::string_view status_title(int status);

/// A problem response of type about:blank: title is the status phrase, detail says what to
/// do about it, instance is the request id.
Response problem(int status, std::string_view detail, std::string_view request_id);

/// A problem response of a brevgen type, with `errors: [{path, line, column, message}]`
/// from the error diagnostics (warnings are left out). Paths and messages are exactly what
/// the command line prints; line and column are 0 when not known.
Response case_problem(int status, std::string_view type, std::string_view title, std::string_view detail,
                      const Diagnostics& diagnostics, std::string_view request_id);

}  // namespace brevgen::http
