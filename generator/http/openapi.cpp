#include "http/openapi.hpp"

#include <nlohmann/json.hpp>

#include "http/openapi_plan.hpp"
#include "http/problem.hpp"

namespace brevgen::http {

namespace {

using json = nlohmann::ordered_json;

json json_ref(const std::string& where) { return json{{"$ref", where}}; }
json schema_ref(const std::string& name) { return json_ref("#/components/schemas/" + name); }
json response_ref(const std::string& name) { return json_ref("#/components/responses/" + name); }

json string_schema() { return json{{"type", "string"}}; }

/// A problem+json response whose body is `schema`.
json problem_response(const std::string& description, json schema = schema_ref("Problem")) {
    return json{{"description", description},
                {"headers", {{"X-Request-Id", json_ref("#/components/headers/X-Request-Id")}}},
                {"content", {{"application/problem+json", {{"schema", std::move(schema)}}}}}};
}

json problem_schemas() {
    json schemas;
    schemas["Problem"] = {
        {"type", "object"},
        {"description",
         "RFC 9457 problem details of type about:blank: title is the status's reason phrase, "
         "instance the request id (also in X-Request-Id)"},
        {"required", {"type", "title", "status", "detail", "instance"}},
        {"properties",
         {{"type", {{"const", "about:blank"}}},
          {"title", string_schema()},
          {"status", {{"type", "integer"}, {"minimum", 400}, {"maximum", 599}}},
          {"detail", {{"type", "string"}, {"description", "what went wrong and what to do; never case content"}}},
          {"instance", string_schema()}}},
        {"additionalProperties", false}};
    schemas["CaseError"] = {
        {"type", "object"},
        {"required", {"path", "line", "column", "message"}},
        {"properties",
         {{"path", {{"type", "string"}, {"description", "JSON pointer into the case; may be empty"}}},
          {"line", {{"type", "integer"}, {"minimum", 0}, {"description", "1-based; 0 when not known"}}},
          {"column", {{"type", "integer"}, {"minimum", 0}, {"description", "1-based, in characters; 0 when not known"}}},
          {"message", string_schema()}}},
        {"additionalProperties", false}};
    schemas["CaseProblem"] = {
        {"type", "object"},
        {"description",
         "A problem with the case data itself, with every error as `brevgen check` prints it"},
        {"required", {"type", "title", "status", "detail", "instance", "errors"}},
        {"properties",
         {{"type", {{"enum", {malformed_case_type, invalid_case_type}}}},
          {"title", string_schema()},
          {"status", {{"enum", {400, 422}}}},
          {"detail", string_schema()},
          {"instance", string_schema()},
          {"errors", {{"type", "array"}, {"items", schema_ref("CaseError")}}}}},
        {"additionalProperties", false}};
    return schemas;
}

json components_schemas(const Engine& engine) {
    json schemas = problem_schemas();
    const json entry = {{"type", "object"},
                        {"required", {"kind", "description", "href", "schema"}},
                        {"properties",
                         {{"kind", string_schema()},
                          {"description", string_schema()},
                          {"href", {{"type", "string"}, {"description", "where to POST a case of this kind"}}},
                          {"schema", {{"type", "string"}, {"description", "where its JSON Schema is"}}}}}};
    schemas["LetterList"] = {{"type", "object"},
                             {"required", {"letters"}},
                             {"properties", {{"letters", {{"type", "array"}, {"items", entry}}}}}};
    schemas["Health"] = {{"type", "object"},
                         {"required", {"status"}},
                         {"properties", {{"status", {{"const", "ok"}}}}}};
    for (const auto& k : engine.kinds()) schemas[k.name] = json::parse(engine.schema(k.name));
    add_plan_schemas(schemas);
    return schemas;
}

/// The responses any request may get, whatever its path, from the event loop.
const std::vector<std::pair<int, std::string>>& generic_statuses() {
    static const std::vector<std::pair<int, std::string>> statuses{
        {400, "BadRequest"},     {408, "RequestTimeout"},        {414, "UriTooLong"},
        {431, "HeadersTooLarge"}, {503, "Overloaded"},           {505, "VersionNotSupported"}};
    return statuses;
}

json components_responses(bool authenticated) {
    json r;
    r["BadRequest"] = problem_response(
        "The request is not well-formed HTTP/1.1: a bad request line or header line, no Host, a repeated "
        "Host, Content-Length, Content-Type or Authorization, Content-Length with Transfer-Encoding");
    r["BadRequestOrMalformedCase"] = problem_response(
        "A malformed request (a plain problem), or a body that is not well-formed JSON or XML (a case problem "
        "with the reader's errors)",
        json{{"oneOf", {schema_ref("Problem"), schema_ref("CaseProblem")}}});
    if (authenticated) {
        r["Unauthorized"] = problem_response("No bearer token, or not one of the server's");
        r["Unauthorized"]["headers"]["WWW-Authenticate"] = {{"schema", string_schema()}};
    }
    r["NotFound"] = problem_response("Unknown letter kind");
    r["MethodNotAllowed"] = problem_response("This path does not take this method; Allow lists those it takes");
    r["MethodNotAllowed"]["headers"]["Allow"] = {{"schema", string_schema()}};
    r["RequestTimeout"] = problem_response("The request's head and body did not arrive within --request-timeout");
    r["LengthRequired"] = problem_response("No Content-Length, or a Transfer-Encoding (chunked bodies are refused)");
    r["ContentTooLarge"] = problem_response("The declared body is larger than the server's --max-body");
    r["UriTooLong"] = problem_response("The request line is longer than 8 KiB");
    r["UnsupportedMediaType"] =
        problem_response("Not application/json or application/xml (charset=utf-8 allowed), or any Content-Encoding");
    r["InvalidCase"] = problem_response("The case fails validation; errors as the command line prints them",
                                        schema_ref("CaseProblem"));
    r["HeadersTooLarge"] = problem_response("The request head is larger than 16 KiB or has more than 100 fields");
    r["Failed"] = problem_response("The letter could not be rendered");
    r["InvalidMessageCase"] = problem_response(
        "The case fails validation, or cannot be a message though its letter renders: the recipient's CPR "
        "(employee) or CVR (company) number is missing, or a text is longer than MeMo allows (256 characters)",
        schema_ref("CaseProblem"));
    r["MessagesNotSetUp"] = problem_response(
        "The server's sender profile lacks what a Digital Post message needs (cvr, sagssystem) or its "
        "SOURCE_DATE_EPOCH is malformed: its operator must complete the setup; retrying will not help");
    r["Overloaded"] = problem_response(
        "No render worker or queue place is free, request bodies in memory are at --max-body-memory, or the "
        "connection limits are reached; retry after the given seconds");
    r["Overloaded"]["headers"]["Retry-After"] = {{"schema", {{"type", "integer"}, {"minimum", 0}}}};
    r["VersionNotSupported"] = problem_response("The request is not HTTP/1.x");
    return r;
}

/// Adds the responses every operation may give: the event loop's, 401 when tokens are
/// checked (except on /healthz), 405 for the path's other methods.
void add_common_responses(json& responses, bool needs_token) {
    for (const auto& [status, name] : generic_statuses()) {
        if (!responses.contains(std::to_string(status))) responses[std::to_string(status)] = response_ref(name);
    }
    if (needs_token) responses["401"] = response_ref("Unauthorized");
    responses["405"] = response_ref("MethodNotAllowed");
    json sorted = json::object();  // in status order, as readers expect
    for (int s = 100; s < 600; ++s) {
        if (responses.contains(std::to_string(s))) sorted[std::to_string(s)] = responses[std::to_string(s)];
    }
    responses = std::move(sorted);
}

/// The headers of a made letter's 200 (both routes), plus `extra`.
json made_headers(const char* extension, json extra = json::object()) {
    json headers = {
        {"Content-Disposition",
         {{"schema", string_schema()}, {"description", std::string("inline; filename=\"KIND-JOURNAL") + extension + "\""}}},
        {"Brevgen-Pages", {{"schema", {{"type", "integer"}, {"minimum", 1}}}}},
        {"Brevgen-Warnings",
         {{"schema", string_schema()},
          {"description", "CODE PATH pairs joined by \"; \", e.g. meeting-after-deadline /moede/start"}}},
        {"X-Request-Id", json_ref("#/components/headers/X-Request-Id")}};
    for (auto& [name, value] : extra.items()) headers[name] = value;
    return headers;
}

/// POST of a kind's case (JSON or XML) answered by `ok`, with the case errors' statuses.
json case_operation(const KindInfo& kind, const std::string& id, const std::string& summary, const char* tag, json ok) {
    const std::string schema = "#/components/schemas/" + kind.name;
    json xml_schema = {{"allOf", {json_ref(schema)}}, {"xml", {{"name", "sag"}}}};
    json responses = {{"200", std::move(ok)},
                      {"400", response_ref("BadRequestOrMalformedCase")},
                      {"411", response_ref("LengthRequired")},
                      {"413", response_ref("ContentTooLarge")},
                      {"415", response_ref("UnsupportedMediaType")},
                      {"422", response_ref("InvalidCase")},
                      {"500", response_ref("Failed")}};
    return json{
        {"operationId", id},
        {"summary", summary},
        {"tags", {tag}},
        {"requestBody",
         {{"required", true},
          {"content", {{"application/json", {{"schema", json_ref(schema)}}}, {"application/xml", {{"schema", xml_schema}}}}}}},
        {"responses", std::move(responses)}};
}

json letter_operation(const KindInfo& kind) {
    json ok = {{"description", "The letter as a tagged PDF"},
               {"headers", made_headers(".pdf")},
               {"content", {{"application/pdf", {{"schema", {{"type", "string"}, {"contentMediaType", "application/pdf"}}}}}}}};
    return case_operation(kind, "render_" + kind.name, kind.description, "letters", std::move(ok));
}

/// The same case as a Digital Post message: the bytes `brevgen render --memo` writes.
json message_operation(const KindInfo& kind) {
    json uuid = {{"Brevgen-Message-Uuid",
                  {{"schema", {{"type", "string"}, {"format", "uuid"}}},
                   {"description", "the message's memo:messageUUID, derived from its content"}}}};
    json ok = {{"description",
                "The letter's PDF in a MeMo 1.2 message (namespace https://DigitalPost.dk/MeMo-1), the bytes "
                "`brevgen render --memo` writes; for SF1601 KombiPostAfsend"},
               {"headers", made_headers(".xml", std::move(uuid))},
               {"content", {{"application/xml", {{"schema", {{"type", "string"}, {"contentMediaType", "application/xml"}}}}}}}};
    json op = case_operation(kind, "message_" + kind.name, kind.description + " (Digital Post message)", "messages",
                             std::move(ok));
    op["responses"]["422"] = response_ref("InvalidMessageCase");
    op["responses"]["501"] = response_ref("MessagesNotSetUp");
    // Says so to clients and to the contract tests, which send every valid case file.
    op["x-valid-case-refused"] = "when the case lacks its recipient's number (/medarbejder/cpr or /arbejdsgiver/cvr)";
    return op;
}

/// A GET operation answering `type` (its HEAD twin is added by finish_operations()).
json get_path(const std::string& id, const std::string& summary, const std::string& type, json schema,
              bool needs_token) {
    json responses = {{"200", {{"description", "OK"}, {"content", {{type, {{"schema", std::move(schema)}}}}}}}};
    json get = {{"operationId", id}, {"summary", summary}, {"tags", {"service"}}, {"responses", std::move(responses)}};
    if (!needs_token) get["security"] = json::array();
    return json{{"get", std::move(get)}};
}

/// Completes every operation, however it was made: the HEAD twin of each GET (the same
/// headers, no body), the event loop's responses, 401 exactly where a token is checked.
void finish_operations(json& paths, bool authenticated) {
    for (auto& [path, item] : paths.items()) {
        if (item.contains("get") && !item.contains("head")) {
            json head = item["get"];
            head["operationId"] = head["operationId"].get<std::string>() + "_head";
            head["summary"] = head["summary"].get<std::string>() + " (headers only)";
            for (auto& [status, response] : head["responses"].items()) {
                if (status.front() == '2') response = {{"description", "The GET's headers without its body"}};
            }
            item["head"] = std::move(head);
        }
        for (auto& [method, op] : item.items()) {
            if (method == "parameters") continue;
            const bool needs_token = authenticated && !(op.contains("security") && op["security"].empty());
            if (!needs_token) op["responses"].erase("401");
            add_common_responses(op["responses"], needs_token);
        }
    }
}

json paths(const Engine& engine, bool authenticated) {
    json p;
    json kinds = json::array();
    for (const auto& k : engine.kinds()) {
        p["/v1/letters/" + k.name] = {{"post", letter_operation(k)}};
        p["/v1/messages/" + k.name] = {{"post", message_operation(k)}};
        kinds.push_back(k.name);
    }
    p["/v1/letters"] = get_path("list_letters", "The letter kinds with descriptions and schema links",
                                "application/json", schema_ref("LetterList"), authenticated);
    p["/v1/schemas/{kind}"] = get_path("get_schema", "The JSON Schema (draft 2020-12) of a kind's case data",
                                       "application/schema+json", {{"type", "object"}}, authenticated);
    p["/v1/schemas/{kind}"]["parameters"] = {
        {{"name", "kind"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}, {"examples", {kinds[0]}}}},
         {"description", "a letter kind: " + kinds.dump()}}};
    p["/v1/schemas/{kind}"]["get"]["responses"]["404"] = response_ref("NotFound");
    p["/healthz"] = get_path("healthz", "Liveness: answers while the server runs, never needs a token",
                             "application/json", schema_ref("Health"), false);
    p["/metrics"] = get_path("metrics", "Prometheus text exposition", "text/plain", string_schema(), authenticated);
    p["/openapi.json"] = get_path("openapi", "This document", "application/json", {{"type", "object"}}, authenticated);
    add_plan_paths(p, kinds);
    finish_operations(p, authenticated);
    return p;
}

std::string description(bool authenticated) {
    std::string d =
        "Letters of the sick-leave retention effort, from case data (JSON or XML) to tagged PDF, or to a Digital "
        "Post message (MeMo 1.2) holding that PDF. Every error is "
        "application/problem+json (RFC 9457). Any path answers a method it does not take with 405 and an Allow "
        "header; a path not listed here gets 404. Range headers are ignored: answers are always whole.";
    d += authenticated ? " This server checks bearer tokens on every path but /healthz."
                       : " This server runs on loopback without tokens: nothing asks for one.";
    return d;
}

}  // namespace

std::string openapi_document(const Engine& engine, bool authenticated) {
    json doc;
    doc["openapi"] = "3.1.0";
    doc["info"] = {{"title", "brevgen"},
                   {"version", BREVGEN_VERSION},
                   {"description", description(authenticated)}};
    doc["jsonSchemaDialect"] = "https://json-schema.org/draft/2020-12/schema";
    doc["servers"] = {{{"url", "/"}, {"description", "The server that serves this document"}}};
    // Without tokens nothing is asked for: an empty requirement list says so explicitly.
    doc["security"] = authenticated ? json{{{"bearerAuth", json::array()}}} : json::array();
    doc["tags"] = {{{"name", "letters"}, {"description", "Case data in, PDF out"}},
                   {{"name", "messages"}, {"description", "Case data in, Digital Post message (MeMo 1.2) out"}},
                   {{"name", "service"}, {"description", "Discovery, health and metrics"}}};
    doc["paths"] = paths(engine, authenticated);
    doc["components"] = {{"schemas", components_schemas(engine)},
                         {"responses", components_responses(authenticated)},
                         {"headers",
                          {{"X-Request-Id",
                            {{"description", "The request id: the client's X-Request-Id when it is [A-Za-z0-9._-]{1,64}, "
                                             "else one the server made; also in the log"},
                             {"schema", string_schema()}}}}}};
    if (authenticated) {
        doc["components"]["securitySchemes"] = {{"bearerAuth", {{"type", "http"}, {"scheme", "bearer"}}}};
    }
    return doc.dump(2) + "\n";
}

}  // namespace brevgen::http
