#include "http/transport.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include "http/access_log.hpp"
#include "http/connection.hpp"
#include "http/problem.hpp"
#include "http/routes.hpp"
#include "http/work_queue.hpp"

namespace brevgen::http {

namespace {

using Clock = std::chrono::steady_clock;

/// What the transport remembers of the request its thread is handling. httplib calls the
/// hooks of a request (expect-100, pre-routing, handler, logger) on one thread, and a
/// thread handles one request at a time, so a thread_local needs no lock.
struct Exchange {
    bool active = false;
    Clock::time_point start;
    std::string id;
    Route route = Route::unknown;
    std::string kind;
};

thread_local Exchange current;

void begin(const httplib::Request& req, Metrics& metrics) {
    if (current.active) return;  // the expect-100 hook already began it
    current.active = true;
    current.start = Clock::now();
    const std::string& id = req.get_header_value("X-Request-Id");
    current.id = valid_request_id(id) ? id : new_request_id();
    current.route = Route::unknown;
    current.kind.clear();
    metrics.in_flight(1);
}

Request convert(const httplib::Request& req) {
    Request r;
    r.method = req.method;
    r.path = req.path;
    r.headers.reserve(req.headers.size());
    for (const auto& [name, value] : req.headers) r.headers.emplace_back(name, value);
    r.id = current.id;
    return r;
}

/// The connection the calling worker thread is serving (set by process_and_close_socket).
thread_local Connection* current_connection = nullptr;

/// Ends the connection after this response: its request body stays unread, and httplib
/// would otherwise parse that body as the client's next request.
void close_after(const httplib::Request& req) {
    if (current_connection != nullptr) current_connection->close_after_response();
    // httplib hands the hooks its own non-const request object, so changing it is defined;
    // a request saying "Connection: close" makes httplib say so in the response.
    auto& own = const_cast<httplib::Request&>(req);
    own.headers.erase("Connection");
    own.set_header("Connection", "close");
}

void respond(Response&& r, const httplib::Request& req, httplib::Response& res, bool expect_hook = false) {
    current.route = r.route;
    current.kind = r.kind;
    res.status = r.status;
    for (auto& [name, value] : r.headers) {
        // An answer already encoded (the plan page's gzipped files) goes out as it is:
        // httplib compresses whatever the request accepts, and would encode it twice.
        if (iequals(name, "Content-Encoding")) const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
        res.set_header(name, value);
    }
    // Letters and errors carry personal data; only the plan page's files say otherwise.
    if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
    res.set_header("X-Content-Type-Options", "nosniff");
    // On the expect-100 path httplib writes the response without computing its length.
    if (expect_hook) res.set_header("Content-Length", std::to_string(r.body.size()));
    if (r.close) close_after(req);
    res.set_header("Content-Type", r.content_type);
    res.body = std::move(r.body);
}

void finish(const httplib::Request& req, const httplib::Response& res, Metrics& metrics) {
    const auto now = Clock::now();
    if (current.active) {
        metrics.in_flight(-1);
    } else {  // httplib answered on its own (a malformed request line, say): no hook ran
        current.start = now;
        if (current.id.empty()) current.id = new_request_id();
        current.route = Route::unknown;
        current.kind.clear();
    }
    LogEntry e;
    e.request_id = current.id;
    e.method = req.method;
    e.route = current.route;
    e.kind = current.kind;
    e.status = res.status;
    e.duration_ms = std::chrono::duration<double, std::milli>(now - current.start).count();
    e.bytes_in = req.body.size();
    e.bytes_out = res.body.empty() ? res.content_length_ : res.body.size();
    metrics.request(e.route, e.kind, e.status, e.duration_ms / 1000.0, e.bytes_in, e.bytes_out);
    write_log_line(format_log_line(e, std::chrono::system_clock::now()));
    current = Exchange{};
}

}  // namespace

bool Transport::process_and_close_socket(::socket_t sock) {
    const int one = 1;
    ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    Connection conn(sock, limits_.read_timeout_s * 1000, limits_.write_timeout_s * 1000);
    current_connection = &conn;
    bool ok = true;
    for (std::size_t served = 0; served < limits_.keep_alive_max; ++served) {
        // Once stop() has run, serve a request that is already on its way, then close.
        const bool stopping = svr_sock_ == INVALID_SOCKET;
        if (stopping && served > 0) break;
        const int wait_ms = stopping ? 100 : 1000 * (served == 0 ? limits_.read_timeout_s : limits_.keep_alive_timeout_s);
        if (!conn.wait_for_request(wait_ms)) break;
        conn.set_budget(limits_.header_budget);
        const bool last = stopping || WorkQueue::shedding() || served + 1 == limits_.keep_alive_max;
        bool connection_closed = false;
        ok = process_request(conn, last, connection_closed, nullptr);
        if (!ok || last || connection_closed || conn.closing() || conn.over_budget()) break;
    }
    current_connection = nullptr;
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return ok;
}

Transport::Transport(Service& service, const TransportLimits& limits) : service_(service), limits_(limits) {
    new_task_queue = [this] {
        return new WorkQueue(limits_.threads, limits_.queue, [this] { service_.warm_up(); });
    };
    set_tcp_nodelay(true);  // headers and body go out in two writes: no Nagle delay between them
    set_payload_max_length(limits.max_body);
    set_read_timeout(limits.read_timeout_s);
    set_write_timeout(limits.write_timeout_s);
    set_keep_alive_timeout(limits.keep_alive_timeout_s);
    set_keep_alive_max_count(limits.keep_alive_max);
    install_hooks();
}

void Transport::install_hooks() {
    // Seen before httplib reads a body, and before it answers "100 Continue": refusals
    // here cost no body bytes, however large or chunked or compressed the body is.
    set_expect_100_continue_handler([this](const httplib::Request& req, httplib::Response& res) {
        begin(req, service_.metrics());
        auto refused = service_.screen(convert(req), WorkQueue::shedding());
        if (!refused) return 100;
        const int status = refused->status;
        respond(std::move(*refused), req, res, true);
        return status;
    });
    set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        begin(req, service_.metrics());
        auto answer = service_.screen(convert(req), WorkQueue::shedding());
        if (!answer) {  // a letter or a check: httplib reads the body, then calls the Post handler
            current.route = match_route(req.path).route;
            current.kind = std::string(match_route(req.path).kind);
            const auto length = content_length(convert(req));  // screen() checked it
            if (current_connection != nullptr && length) current_connection->extend_budget(*length);
            return HandlerResponse::Unhandled;
        }
        respond(std::move(*answer), req, res);
        return HandlerResponse::Handled;
    });
    Post(R"(/v1/(letters|checks)/[^/]+)", [this](const httplib::Request& req, httplib::Response& res) {
        Request r = convert(req);
        r.body = req.body;
        respond(service_.handle(r, WorkQueue::shedding()), req, res);
    });
    set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
        // Never the exception's message: it may quote the case.
        Response r = problem(500, "internal error", current.id);
        r.route = current.route;
        r.kind = current.kind;
        respond(std::move(r), req, res);
    });
    // httplib's own refusals (a malformed request line, a body that cannot be read) come
    // with an empty body: give them a problem body too, and end the connection, whose
    // state is unknown after them. Ours have bodies and pass through.
    set_error_handler(HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty() || res.content_provider_) return HandlerResponse::Unhandled;
        close_after(req);
        if (current.id.empty()) current.id = new_request_id();  // no hook ran before this
        Response r = problem(res.status, "the request could not be read", current.id);
        res.set_header("Content-Type", r.content_type);
        res.set_header("X-Request-Id", current.id);
        res.body = std::move(r.body);
        return HandlerResponse::Handled;
    }));
    set_logger([this](const httplib::Request& req, const httplib::Response& res) {
        finish(req, res, service_.metrics());
    });
}

}  // namespace brevgen::http
