#pragma once
/// Which endpoint a path names, which methods it takes, and the request headers that decide
/// whether a body is acceptable before it is read.

#include <optional>
#include <string_view>

#include "common/case_format.hpp"
#include "http/message.hpp"

namespace brevgen::http {

/// A path matched against the routes: the route and its {kind} segment (raw, unchecked),
/// or for the plan page the asset's name ("" for the page itself).
struct RouteMatch {
    Route route = Route::unknown;
    std::string_view kind;
};

/// True for routes whose request carries a case body (POST): letters, messages and checks. Their
/// answers are made by a render worker (and so may wait for one); the other routes are
/// answered by the event loop at once.
bool takes_case(Route route);

/// Matches a path exactly (no trailing slash, no prefix matching).
RouteMatch match_route(std::string_view path);

/// The Allow header's value for a route: "POST" or "GET, HEAD".
std::string_view allowed_methods(Route route);

/// True when the route answers `method`.
bool method_allowed(Route route, std::string_view method);


/// The case format a Content-Type names: application/json or application/xml, with no
/// parameter but an optional charset=utf-8 (any case). nullopt for anything else.
std::optional<CaseFormat> case_format(std::string_view content_type);

/// True when the request says it carries a body (a Content-Length above 0, or any
/// Transfer-Encoding): answering it without reading that body means closing the connection.
bool declares_body(const Request& request);

/// The value of a single well-formed Content-Length header (decimal digits only).
std::optional<std::size_t> content_length(const Request& request);

}  // namespace brevgen::http
