#include "http/routes.hpp"

#include <cstdint>

namespace brevgen::http {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

/// The segment after `prefix` when `path` is `prefix` + one non-empty segment.
std::optional<std::string_view> one_segment_after(std::string_view path, std::string_view prefix) {
    if (path.size() <= prefix.size() || path.substr(0, prefix.size()) != prefix) return std::nullopt;
    const std::string_view rest = path.substr(prefix.size());
    if (rest.find('/') != std::string_view::npos) return std::nullopt;
    return rest;
}

}  // namespace

RouteMatch match_route(std::string_view path) {
    if (path == "/v1/letters") return {Route::letters, {}};
    if (path == "/healthz") return {Route::healthz, {}};
    if (path == "/metrics") return {Route::metrics, {}};
    if (path == "/openapi.json") return {Route::openapi, {}};
    if (auto kind = one_segment_after(path, "/v1/letters/")) return {Route::letter, *kind};
    if (auto kind = one_segment_after(path, "/v1/schemas/")) return {Route::schema, *kind};
    if (auto kind = one_segment_after(path, "/v1/checks/")) return {Route::check, *kind};
    if (auto kind = one_segment_after(path, "/v1/messages/")) return {Route::message, *kind};
    if (path == "/plan") return {Route::plan, {}};
    if (auto asset = one_segment_after(path, "/plan/")) return {Route::plan, *asset};
    return {};
}

bool takes_case(Route route) { return route == Route::letter || route == Route::check || route == Route::message; }

std::string_view allowed_methods(Route route) {
    switch (route) {
    case Route::letter:
    case Route::message:
    case Route::check: return "POST";
    case Route::unknown: return "";
    default: return "GET, HEAD";
    }
}

bool method_allowed(Route route, std::string_view method) {
    if (takes_case(route)) return method == "POST";
    return route != Route::unknown && (method == "GET" || method == "HEAD");
}

std::optional<CaseFormat> case_format(std::string_view content_type) {
    const std::size_t semicolon = content_type.find(';');
    const std::string_view type = trim(content_type.substr(0, semicolon));
    std::optional<CaseFormat> format;
    if (iequals(type, "application/json")) format = CaseFormat::json;
    if (iequals(type, "application/xml")) format = CaseFormat::xml;
    if (!format || semicolon == std::string_view::npos) return format;
    // Parameters: only charset, and only UTF-8 (quoted or not): the readers take nothing else.
    std::string_view params = content_type.substr(semicolon + 1);
    while (!params.empty()) {
        const std::size_t next = params.find(';');
        const std::string_view param = trim(params.substr(0, next));
        params = next == std::string_view::npos ? std::string_view() : params.substr(next + 1);
        if (param.empty()) continue;
        const std::size_t eq = param.find('=');
        if (eq == std::string_view::npos || !iequals(trim(param.substr(0, eq)), "charset")) return std::nullopt;
        std::string_view value = trim(param.substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        if (!iequals(value, "utf-8")) return std::nullopt;
    }
    return format;
}

std::optional<std::size_t> content_length(const Request& request) {
    if (request.header_count("Content-Length") != 1) return std::nullopt;
    const std::string_view value = trim(*request.header("Content-Length"));
    if (value.empty()) return std::nullopt;
    std::size_t n = 0;
    for (const char c : value) {
        if (c < '0' || c > '9') return std::nullopt;
        // Past 18 digits a length could overflow; it is far too large anyway.
        n = n > 99'999'999'999'999'999 ? SIZE_MAX : n * 10 + static_cast<std::size_t>(c - '0');
    }
    return n;
}

bool declares_body(const Request& request) {
    if (request.header("Transfer-Encoding") != nullptr) return true;
    if (request.header_count("Content-Length") == 0) return false;
    const auto length = content_length(request);
    return !length || *length > 0;  // a malformed length may announce anything
}

}  // namespace brevgen::http
