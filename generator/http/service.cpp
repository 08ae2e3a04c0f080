#include "http/service.hpp"

#include <map>

#include <nlohmann/json.hpp>

#include "common/messages.hpp"
#include "http/access_log.hpp"
#include "http/auth.hpp"
#include "http/checks.hpp"
#include "http/letters.hpp"
#include "http/openapi.hpp"
#include "http/plan_page.hpp"
#include "http/problem.hpp"
#include "http/routes.hpp"

namespace brevgen::http {

namespace {

Response ok(std::string content_type, std::string body) {
    Response r;
    r.content_type = std::move(content_type);
    r.body = std::move(body);
    return r;
}

std::string letters_document(const Engine& engine) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& k : engine.kinds()) {
        list.push_back({{"kind", k.name},
                        {"description", k.description},
                        {"href", "/v1/letters/" + k.name},
                        {"schema", "/v1/schemas/" + k.name}});
    }
    return nlohmann::ordered_json{{"letters", list}}.dump(2) + "\n";
}

}  // namespace

struct Service::Impl {
    std::shared_ptr<const Engine> engine;
    ServiceOptions options;
    TokenSet tokens;
    Metrics metrics;
    std::string letters_json;
    std::string openapi_json;
    std::map<std::string, std::string, std::less<>> schemas;
    PlanPage plan;
    /// Why POST /v1/messages/{kind} answers 501 on this server; nullopt: it makes messages.
    std::optional<Diagnostic> messages_off;

    Impl(std::shared_ptr<const Engine> e, ServiceOptions o)
        : engine(std::move(e)), options(std::move(o)), tokens(options.tokens), metrics(kind_names(*engine)),
          messages_off(engine->message_setup_error()) {
        letters_json = letters_document(*engine);
        openapi_json = openapi_document(*engine, !options.tokens.empty());
        for (const auto& k : engine->kinds()) schemas.emplace(k.name, engine->schema(k.name));
    }

    static std::vector<std::string> kind_names(const Engine& engine) {
        std::vector<std::string> names;
        for (const auto& k : engine.kinds()) names.push_back(k.name);
        return names;
    }

    /// The calling thread's renderer. Requests never share one, so layouts never wait on
    /// each other; a renderer made for another engine (an earlier Service) is replaced.
    Renderer& renderer() const {
        thread_local std::shared_ptr<const Engine> owner;
        thread_local std::unique_ptr<Renderer> instance;
        if (!instance || owner != engine) {
            instance.reset();
            instance = std::make_unique<Renderer>(engine);
            owner = engine;
        }
        return *instance;
    }

    std::optional<Response> decide(RouteMatch m, const Request& req, const std::string& id, bool overloaded) const;
    std::optional<Response> screen_letter(RouteMatch m, const Request& req, const std::string& id) const;
    Response get(RouteMatch m, const std::string& id) const;
};

std::optional<Response> Service::Impl::decide(RouteMatch m, const Request& req, const std::string& id,
                                              bool overloaded) const {
    if (m.route == Route::unknown) return problem(404, "no such resource; /openapi.json lists the endpoints", id);
    if (!method_allowed(m.route, req.method)) {
        const std::string allowed(allowed_methods(m.route));
        Response r = problem(405, "this resource allows " + allowed, id);
        r.add("Allow", allowed);
        return r;
    }
    if (overloaded && takes_case(m.route)) {
        Response r = problem(503, "every worker is busy and the queue is full; retry shortly", id);
        r.add("Retry-After", "1");
        return r;
    }
    // The plan page loads without a token: it asks for one and sends it with its requests.
    const bool open_route = m.route == Route::healthz || m.route == Route::plan;
    if (!open_route && !tokens.accepts(req.header("Authorization"))) {
        const bool presented = req.header("Authorization") != nullptr;
        Response r = problem(401, presented ? "the bearer token is not accepted" : "a bearer token is required", id);
        r.add("WWW-Authenticate", presented ? "Bearer realm=\"brevgen\", error=\"invalid_token\"" : "Bearer realm=\"brevgen\"");
        return r;
    }
    if (takes_case(m.route)) return screen_letter(m, req, id);
    if (m.route == Route::plan) return plan.answer(m.kind, req.header("If-None-Match"), req.header("Accept-Encoding"), id);
    return get(m, id);
}

std::optional<Response> Service::Impl::screen_letter(RouteMatch m, const Request& req, const std::string& id) const {
    if (!engine->has_kind(m.kind)) return problem(404, engine->unknown_kind(m.kind).message, id);
    if (m.route == Route::message && messages_off) {
        // The server's setup, not the request, is at fault, and a retry will not help:
        // the operator must complete the sender profile (docs/digital-post.md).
        const auto& why = *messages_off;
        return problem(501,
                       "this server is not set up for Digital Post messages (" +
                           (why.path.empty() ? why.message : "sender profile " + why.path + ": " + why.message) +
                           "); its operator must complete the setup",
                       id);
    }
    if (req.header("Transfer-Encoding") != nullptr) {
        return problem(411, "send the case with a Content-Length; chunked transfer coding is not accepted", id);
    }
    if (req.header_count("Content-Length") == 0) return problem(411, "a Content-Length header is required", id);
    const auto length = content_length(req);
    if (!length) return problem(400, "the Content-Length header is malformed or repeated", id);
    if (req.header("Content-Encoding") != nullptr) {
        Response r = problem(415, "compressed bodies are not accepted; send the case without Content-Encoding", id);
        r.add("Accept-Encoding", "identity");
        return r;
    }
    const std::string* type = req.header("Content-Type");
    if (type == nullptr || !case_format(*type)) {
        Response r = problem(415, "send the case as application/json or application/xml (charset=utf-8 allowed)", id);
        r.add("Accept-Post", "application/json, application/xml");
        return r;
    }
    if (*length > options.max_body) {
        return problem(413, message::input_too_large(*length, options.max_body) + " (--max-body)", id);
    }
    return std::nullopt;
}

Response Service::Impl::get(RouteMatch m, const std::string& id) const {
    switch (m.route) {
    case Route::letters: return ok("application/json", letters_json);
    case Route::openapi: return ok("application/json", openapi_json);
    case Route::healthz: return ok("application/json", "{\"status\":\"ok\"}\n");
    case Route::metrics: return ok("text/plain; version=0.0.4; charset=utf-8", metrics.exposition());
    case Route::schema:
        if (const auto it = schemas.find(m.kind); it != schemas.end()) return ok("application/schema+json", it->second);
        return problem(404, engine->unknown_kind(m.kind).message, id);
    default: return problem(404, "no such resource", id);
    }
}

Service::Service(std::shared_ptr<const Engine> engine, ServiceOptions options)
    : impl_(std::make_unique<Impl>(std::move(engine), std::move(options))) {}
Service::~Service() = default;

std::optional<Response> Service::screen(const Request& head, bool overloaded) const {
    const std::string id = head.id.empty() ? request_id_for(head) : head.id;
    const RouteMatch m = match_route(head.path);
    auto r = impl_->decide(m, head, id, overloaded);
    if (!r) return r;
    r->route = m.route;
    if (impl_->engine->has_kind(m.kind)) r->kind = std::string(m.kind);
    r->close = r->close || declares_body(head);  // its body is never read
    r->add("X-Request-Id", id);
    return r;
}

Response Service::handle(const Request& request, bool overloaded) {
    Request with_id;
    const Request* req = &request;
    if (request.id.empty()) {  // in-process callers may leave the id to the service
        with_id = request;
        with_id.id = request_id_for(request);
        req = &with_id;
    }
    if (auto refused = screen(*req, overloaded)) return std::move(*refused);
    const RouteMatch m = match_route(req->path);
    if (req->body.size() > impl_->options.max_body) {  // only in-process callers can get here
        Response r = problem(413, message::input_too_large(req->body.size(), impl_->options.max_body) + " (--max-body)",
                             req->id);
        r.route = m.route;
        r.add("X-Request-Id", req->id);
        return r;
    }
    const auto format = case_format(*req->header("Content-Type"));  // screen() checked both
    Response r = m.route == Route::check     ? check_case(impl_->renderer(), m.kind, format, *req)
                 : m.route == Route::message ? render_message(impl_->renderer(), m.kind, *format, *req)
                                             : render_letter(impl_->renderer(), m.kind, *format, *req);
    r.route = m.route;
    r.kind = std::string(m.kind);
    r.add("X-Request-Id", req->id);
    if (r.status == 200 && m.route != Route::check) impl_->metrics.letter(m.kind, r.pages);
    return r;
}

void Service::warm_up() { impl_->renderer(); }

Metrics& Service::metrics() { return impl_->metrics; }

bool Service::authenticated() const { return !impl_->tokens.open(); }

}  // namespace brevgen::http
