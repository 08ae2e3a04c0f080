#include "http/message.hpp"

namespace brevgen::http {

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

const std::string* Request::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (iequals(key, name)) return &value;
    }
    return nullptr;
}

std::size_t Request::header_count(std::string_view name) const {
    std::size_t n = 0;
    for (const auto& h : headers) n += iequals(h.first, name) ? 1 : 0;
    return n;
}

std::string_view route_template(Route route) {
    switch (route) {
    case Route::letter: return "/v1/letters/{kind}";
    case Route::letters: return "/v1/letters";
    case Route::schema: return "/v1/schemas/{kind}";
    case Route::healthz: return "/healthz";
    case Route::metrics: return "/metrics";
    case Route::openapi: return "/openapi.json";
    case Route::check: return "/v1/checks/{kind}";
    case Route::plan: return "/plan";
    case Route::message: return "/v1/messages/{kind}";
    case Route::unknown: break;
    }
    return "other";
}

}  // namespace brevgen::http
