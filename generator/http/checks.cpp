#include "http/checks.hpp"

#include <nlohmann/json.hpp>

#include "engine/messages.hpp"
#include "http/problem.hpp"

namespace brevgen::http {

namespace {

using json = nlohmann::ordered_json;

json finding(const Diagnostic& d) {
    return json{{"path", d.path},
                {"line", d.pos.line},
                {"column", d.pos.column},
                {"code", d.code.empty() ? std::string(d.severity == Severity::error ? "error" : "warning") : d.code},
                {"message", d.message},
                {"message_da", danish_message(d)}};
}

}  // namespace

Response check_case(Renderer& renderer, std::string_view kind, std::optional<CaseFormat> format,
                    const Request& request) {
    try {
        std::string case_json;
        const Letter letter = renderer.check(kind, request.body, format, case_json);
        json errors = json::array();
        json warnings = json::array();
        for (const auto& d : letter.diagnostics) (d.severity == Severity::error ? errors : warnings).push_back(finding(d));
        json body{{"kind", kind},
                  {"valid", errors.empty()},
                  {"errors", std::move(errors)},
                  {"warnings", std::move(warnings)},
                  {"case", case_json.empty() ? json(nullptr) : json::parse(case_json)}};
        Response r;
        r.content_type = "application/json";
        // Messages may quote the case; the readers pass only UTF-8, but never throw here.
        r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
        return r;
    } catch (...) {
        // Deliberately no what(): an exception's message may quote the case.
        return problem(500, "the case could not be checked", request.id);
    }
}

}  // namespace brevgen::http
