#include "http/openapi_plan.hpp"

namespace brevgen::http {

namespace {

using json = nlohmann::ordered_json;

json ref(const std::string& where) { return json{{"$ref", where}}; }

json finding_schema() {
    return json{
        {"type", "object"},
        {"required", {"path", "line", "column", "code", "message", "message_da"}},
        {"properties",
         {{"path", {{"type", "string"}, {"description", "JSON pointer into the case; empty for the file as a whole"}}},
          {"line", {{"type", "integer"}, {"description", "1-based; 0 when not known"}}},
          {"column", {{"type", "integer"}, {"description", "1-based, in characters; 0 when not known"}}},
          {"code", {{"type", "string"}, {"description", "stable name: missing, type, date-format, absence-below-minimum …"}}},
          {"message", {{"type", "string"}, {"description", "English, as brevgen check prints it"}}},
          {"message_da", {{"type", "string"}, {"description", "Danish, for the people using the plan page"}}}}}};
}

json check_operation(const json& kinds) {
    const json case_body = {{"type", "object"}, {"description", "A case of the kind, complete or not"}};
    return json{
        {"post",
         {{"operationId", "check_case"},
          {"summary", "Check a case: every error and warning, in English and Danish, and the case as the schema shapes it"},
          {"description",
           "Always 200 once the request is accepted: a case with errors is a finding, not a failed request. "
           "The plan page calls this while the consultant types."},
          {"parameters",
           {{{"name", "kind"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}, {"enum", kinds}}}}}},
          {"requestBody",
           {{"required", true},
            {"content",
             {{"application/json", {{"schema", case_body}}},
              {"application/xml", {{"schema", {{"type", "string"}, {"description", "A <sag> document"}}}}}}}}},
          {"responses",
           {{"200",
             {{"description", "What checking the case found"},
              {"content", {{"application/json", {{"schema", ref("#/components/schemas/CheckResult")}}}}}}},
            {"401", ref("#/components/responses/Unauthorized")},
            {"404", ref("#/components/responses/NotFound")},
            {"411", ref("#/components/responses/LengthRequired")},
            {"413", ref("#/components/responses/ContentTooLarge")},
            {"415", ref("#/components/responses/UnsupportedMediaType")},
            {"500", ref("#/components/responses/Failed")},
            {"503", ref("#/components/responses/Overloaded")}}}}}};
}

json file_response(const std::string& description, const std::string& type, const std::string& cache) {
    return json{{"description", description},
                {"headers",
                 {{"Cache-Control", {{"schema", {{"type", "string"}}}, {"description", cache}}},
                  {"ETag", {{"schema", {{"type", "string"}}}}},
                  {"Content-Security-Policy",
                   {{"schema", {{"type", "string"}}}, {"description", "scripts, styles and requests from this server only"}}}}},
                {"content", {{type, {{"schema", {{"type", "string"}}}}}}}};
}

json page_operation(const std::string& id, const std::string& summary, json ok) {
    return json{{"get",
                 {{"operationId", id},
                  {"summary", summary},
                  {"security", json::array()},
                  {"responses",
                   {{"200", std::move(ok)},
                    {"304", {{"description", "Not modified: the If-None-Match header named the current ETag"}}},
                    {"404", ref("#/components/responses/NotFound")}}}}}};
}

}  // namespace

void add_plan_paths(json& paths, const json& kinds) {
    paths["/v1/checks/{kind}"] = check_operation(kinds);
    paths["/plan"] = page_operation(
        "plan_page", "The Danish page for making a ramp-up plan at the workplace meeting (no token needed to load it)",
        file_response("The page", "text/html", "no-cache: revalidated with its ETag"));
    json asset = page_operation("plan_asset", "A style sheet, script or icon of the plan page",
                                file_response("The file; the page names it with ?v=<hash of its content>", "text/plain",
                                              "kept for a year: a changed file gets a new URL"));
    asset["get"]["responses"]["200"]["content"] = {{"text/css", {{"schema", {{"type", "string"}}}}},
                                                   {"text/javascript", {{"schema", {{"type", "string"}}}}},
                                                   {"image/svg+xml", {{"schema", {{"type", "string"}}}}}};
    asset["parameters"] = {{{"name", "asset"},
                            {"in", "path"},
                            {"required", true},
                            {"schema", {{"type", "string"}, {"enum", {"plan.css", "plan-case.js", "plan.js", "icon.svg"}}}}}};
    paths["/plan/{asset}"] = std::move(asset);
}

void add_plan_schemas(json& schemas) {
    schemas["Finding"] = finding_schema();
    schemas["CheckResult"] = {
        {"type", "object"},
        {"required", {"kind", "valid", "errors", "warnings", "case"}},
        {"properties",
         {{"kind", {{"type", "string"}}},
          {"valid", {{"type", "boolean"}, {"description", "no errors: the letter can be made"}}},
          {"errors", {{"type", "array"}, {"items", ref("#/components/schemas/Finding")}}},
          {"warnings", {{"type", "array"}, {"items", ref("#/components/schemas/Finding")}}},
          {"case",
           {{"type", {"object", "null"}},
            {"description", "The case as the kind's schema shapes it (lists as arrays, XML text typed); "
                            "null when the body could not be read"}}}}}};
}

}  // namespace brevgen::http
