#include "http/problem.hpp"

#include <nlohmann/json.hpp>

namespace brevgen::http {

namespace {

using nlohmann::json;

std::string dump(const json& j) {
    // Messages may quote case text; the readers only pass valid UTF-8, but a replacement
    // character is better than an exception in an error path.
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Response make(int status, const json& body) {
    Response r;
    r.status = status;
    r.content_type = "application/problem+json";
    r.body = dump(body);
    return r;
}

}  // namespace

std::string_view status_title(int status) {
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Error";
    }
}

Response problem(int status, std::string_view detail, std::string_view request_id) {
    return make(status, json{{"type", "about:blank"},
                             {"title", status_title(status)},
                             {"status", status},
                             {"detail", detail},
                             {"instance", request_id}});
}

Response case_problem(int status, std::string_view type, std::string_view title, std::string_view detail,
                      const Diagnostics& diagnostics, std::string_view request_id) {
    json errors = json::array();
    for (const auto& d : diagnostics) {
        if (d.severity != Severity::error) continue;
        errors.push_back(json{{"path", d.path}, {"line", d.pos.line}, {"column", d.pos.column}, {"message", d.message}});
    }
    return make(status, json{{"type", type},
                             {"title", title},
                             {"status", status},
                             {"detail", detail},
                             {"instance", request_id},
                             {"errors", std::move(errors)}});
}

}  // namespace brevgen::http
