#include "http/openapi.hpp"

#include <nlohmann/json.hpp>

#include "http/openapi_plan.hpp"

namespace brevgen::http {

namespace {

using json = nlohmann::ordered_json;

json schema_ref(const std::string& where) { return json{{"$ref", where}}; }

json problem_response(const std::string& description, const std::string& schema = "Problem") {
    return json{{"description", description},
                {"content", {{"application/problem+json", {{"schema", schema_ref("#/components/schemas/" + schema)}}}}}};
}

json components_schemas(const Engine& engine) {
    json schemas;
    schemas["Problem"] = {
        {"type", "object"},
        {"description", "RFC 9457 problem details; instance is the request id (also in X-Request-Id)"},
        {"required", {"type", "title", "status"}},
        {"properties",
         {{"type", {{"type", "string"}, {"format", "uri-reference"}}},
          {"title", {{"type", "string"}}},
          {"status", {{"type", "integer"}}},
          {"detail", {{"type", "string"}}},
          {"instance", {{"type", "string"}}}}}};
    const json error = {{"type", "object"},
                        {"required", {"path", "line", "column", "message"}},
                        {"properties",
                         {{"path", {{"type", "string"}, {"description", "JSON pointer into the case; may be empty"}}},
                          {"line", {{"type", "integer"}, {"description", "1-based; 0 when not known"}}},
                          {"column", {{"type", "integer"}, {"description", "1-based, in characters; 0 when not known"}}},
                          {"message", {{"type", "string"}}}}}};
    schemas["CaseProblem"] = {
        {"allOf", {schema_ref("#/components/schemas/Problem"),
                   {{"type", "object"},
                    {"required", {"errors"}},
                    {"properties", {{"errors", {{"type", "array"}, {"items", error}}}}}}}}};
    schemas["LetterList"] = {
        {"type", "object"},
        {"properties",
         {{"letters",
           {{"type", "array"},
            {"items",
             {{"type", "object"},
              {"properties",
               {{"kind", {{"type", "string"}}},
                {"description", {{"type", "string"}}},
                {"href", {{"type", "string"}}},
                {"schema", {{"type", "string"}}}}}}}}}}}};
    for (const auto& k : engine.kinds()) schemas[k.name] = json::parse(engine.schema(k.name));
    add_plan_schemas(schemas);
    return schemas;
}

json components_responses() {
    json r;
    r["Malformed"] = problem_response("The body is not well-formed JSON or XML", "CaseProblem");
    r["Unauthorized"] = problem_response("Missing or wrong bearer token");
    r["Unauthorized"]["headers"] = {{"WWW-Authenticate", {{"schema", {{"type", "string"}}}}}};
    r["NotFound"] = problem_response("Unknown letter kind or path");
    r["LengthRequired"] = problem_response("No Content-Length, or a Transfer-Encoding (chunked bodies are refused)");
    r["ContentTooLarge"] = problem_response("The declared body is larger than the server's --max-body");
    r["UnsupportedMediaType"] =
        problem_response("Not application/json or application/xml (charset=utf-8 allowed), or any Content-Encoding");
    r["InvalidCase"] = problem_response("The case fails validation; errors as the command line prints them",
                                        "CaseProblem");
    r["Overloaded"] = problem_response("The work queue is full; retry after the given seconds");
    r["Overloaded"]["headers"] = {{"Retry-After", {{"schema", {{"type", "integer"}}}}}};
    r["Failed"] = problem_response("The letter could not be rendered");
    return r;
}

json letter_operation(const KindInfo& kind) {
    const std::string schema = "#/components/schemas/" + kind.name;
    json xml_schema = {{"allOf", {schema_ref(schema)}}, {"xml", {{"name", "sag"}}}};
    json pdf_headers = {
        {"Content-Disposition", {{"schema", {{"type", "string"}}}, {"description", "inline; filename=\"KIND-JOURNAL.pdf\""}}},
        {"Brevgen-Pages", {{"schema", {{"type", "integer"}}}}},
        {"Brevgen-Warnings",
         {{"schema", {{"type", "string"}}}, {"description", "CODE PATH pairs joined by \"; \", e.g. meeting-after-deadline /moede/start"}}},
        {"X-Request-Id", {{"schema", {{"type", "string"}}}}}};
    return json{
        {"operationId", "render_" + kind.name},
        {"summary", kind.description},
        {"requestBody",
         {{"required", true},
          {"content", {{"application/json", {{"schema", schema_ref(schema)}}}, {"application/xml", {{"schema", xml_schema}}}}}}},
        {"responses",
         {{"200",
           {{"description", "The letter as a tagged PDF"},
            {"headers", pdf_headers},
            {"content", {{"application/pdf", {{"schema", {{"type", "string"}, {"contentMediaType", "application/pdf"}}}}}}}}},
          {"400", schema_ref("#/components/responses/Malformed")},
          {"401", schema_ref("#/components/responses/Unauthorized")},
          {"411", schema_ref("#/components/responses/LengthRequired")},
          {"413", schema_ref("#/components/responses/ContentTooLarge")},
          {"415", schema_ref("#/components/responses/UnsupportedMediaType")},
          {"422", schema_ref("#/components/responses/InvalidCase")},
          {"500", schema_ref("#/components/responses/Failed")},
          {"503", schema_ref("#/components/responses/Overloaded")}}}};
}

json get_operation(const std::string& id, const std::string& summary, const std::string& type, json schema) {
    return json{{"get",
                 {{"operationId", id},
                  {"summary", summary},
                  {"responses",
                   {{"200", {{"description", "OK"}, {"content", {{type, {{"schema", std::move(schema)}}}}}}},
                    {"401", schema_ref("#/components/responses/Unauthorized")},
                    {"503", schema_ref("#/components/responses/Overloaded")}}}}}};
}

json paths(const Engine& engine) {
    json p;
    json kinds = json::array();
    for (const auto& k : engine.kinds()) {
        p["/v1/letters/" + k.name] = {{"post", letter_operation(k)}};
        kinds.push_back(k.name);
    }
    p["/v1/letters"] = get_operation("list_letters", "The letter kinds with descriptions and schema links",
                                     "application/json", schema_ref("#/components/schemas/LetterList"));
    p["/v1/schemas/{kind}"] = get_operation("get_schema", "The JSON Schema (draft 2020-12) of a kind's case data",
                                            "application/schema+json", {{"type", "object"}});
    p["/v1/schemas/{kind}"]["parameters"] = {
        {{"name", "kind"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}, {"enum", kinds}}}}};
    p["/v1/schemas/{kind}"]["get"]["responses"]["404"] = schema_ref("#/components/responses/NotFound");
    p["/healthz"] = get_operation("healthz", "Liveness: answers while the server runs (no token needed)",
                                  "application/json", {{"type", "object"}});
    p["/healthz"]["get"]["security"] = json::array();
    p["/metrics"] = get_operation("metrics", "Prometheus text exposition", "text/plain", {{"type", "string"}});
    p["/openapi.json"] = get_operation("openapi", "This document", "application/json", {{"type", "object"}});
    add_plan_paths(p, kinds);
    return p;
}

}  // namespace

std::string openapi_document(const Engine& engine) {
    json doc;
    doc["openapi"] = "3.1.0";
    doc["info"] = {{"title", "brevgen"},
                   {"version", BREVGEN_VERSION},
                   {"description",
                    "Letters of the sick-leave retention effort, from case data (JSON or XML) to tagged PDF. "
                    "Every error is application/problem+json (RFC 9457)."}};
    doc["jsonSchemaDialect"] = "https://json-schema.org/draft/2020-12/schema";
    doc["security"] = {{{"bearerAuth", json::array()}}};
    doc["paths"] = paths(engine);
    doc["components"] = {{"schemas", components_schemas(engine)},
                         {"responses", components_responses()},
                         {"securitySchemes", {{"bearerAuth", {{"type", "http"}, {"scheme", "bearer"}}}}}};
    return doc.dump(2) + "\n";
}

}  // namespace brevgen::http
