// The event loop: set-up, the loop itself, and reading requests up to handing them to a worker.
#include "http/event_loop_impl.hpp"

#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "http/access_log.hpp"
#include "http/routes.hpp"
#include "http/wire.hpp"

namespace brevgen::http {

using namespace loop;

EventLoop::Impl::Impl(Service& s, int fd, const LoopLimits& l)
    : service(s), listen_fd(fd), limits(l), pool(l.threads, l.queue, [&s] { s.warm_up(); }) {
    epoll_fd = ::epoll_create1(EPOLL_CLOEXEC);
    wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (epoll_fd < 0 || wake_fd < 0) throw std::runtime_error(std::string("epoll: ") + std::strerror(errno));
    add(listen_fd, &loop::listen_tag, EPOLLIN);
    add(wake_fd, &loop::wake_tag, EPOLLIN);
}

EventLoop::Impl::~Impl() {
    pool.shutdown();
    conns.clear();
    if (listen_fd >= 0) ::close(listen_fd);
    ::close(wake_fd);
    ::close(epoll_fd);
}

void EventLoop::Impl::run() {
    std::vector<epoll_event> events(128);
    auto next_sweep = Clock::now() + sweep_interval;
    while (!(draining && conns.empty())) {
        const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next_sweep - Clock::now());
        const int n = ::epoll_wait(epoll_fd, events.data(), static_cast<int>(events.size()),
                                   static_cast<int>(std::max<long>(0, static_cast<long>(wait.count()))));
        for (int i = 0; i < n; ++i) {
            void* tag = events[i].data.ptr;
            if (tag == &listen_tag) accept_all();
            else if (tag == &wake_tag) on_wake();
            else on_event(*static_cast<Connection*>(tag), events[i].events);
        }
        closed.clear();
        const auto now = Clock::now();
        if (now >= next_sweep) {
            sweep(now);
            closed.clear();
            next_sweep = now + sweep_interval;
        }
    }
}

// ---- reading requests -----------------------------------------------------------------

void EventLoop::Impl::on_event(Connection& conn, std::uint32_t events) {
    if (conn.fd < 0) return;  // closed earlier in this batch
    switch (conn.phase) {
    case Phase::idle:
    case Phase::head:
    case Phase::body: on_readable(conn); break;
    case Phase::writing:
        if (!conn.write_some()) {
            log_exchange(conn);
            close_conn(conn);
        } else if (conn.written()) {
            after_response(conn);
            process(conn);
        }
        break;
    case Phase::lingering:
        if (!conn.discard_input() || (events & (EPOLLERR | EPOLLHUP)) != 0) close_conn(conn);
        else conn.deadline = std::min(Clock::now() + linger_silence, conn.linger_end);
        break;
    case Phase::rendering: break;
    }
}

void EventLoop::Impl::on_readable(Connection& conn) {
    const std::size_t have = conn.in.size();
    const std::size_t max = conn.phase == Phase::body ? conn.body_length - std::min(have, conn.body_length)
                                                      : limits.head.max_head + 1 - std::min(have, limits.head.max_head);
    const ssize_t n = conn.read_some(std::max<std::size_t>(max, 1));
    if (n == -1) return;
    if (n <= 0) {  // the client is gone (or broke the connection) before its request was whole
        log_exchange(conn);
        close_conn(conn);
        return;
    }
    process(conn);
}

/// Moves the connection on with the bytes it has: a head, a body, the next pipelined request.
void EventLoop::Impl::process(Connection& conn) {
    while (conn.fd >= 0) {
        if (conn.phase == Phase::idle) {
            if (conn.in.empty()) return;
            conn.phase = Phase::head;
            conn.exchange = Exchange{};
            conn.exchange.start = Clock::now();
            conn.deadline = capped(conn.exchange.start + limits.request_timeout);
        }
        if (conn.phase == Phase::body) {
            if (conn.in.size() >= conn.body_length) dispatch(conn);
            return;
        }
        if (conn.phase != Phase::head) return;
        const std::size_t end = find_head_end(conn.in, conn.scanned);
        if (end == std::string::npos) {
            conn.scanned = conn.in.size();
            const std::size_t line_window = std::min(conn.in.size(), limits.head.max_request_line + 2);
            const bool line_too_long = conn.in.size() > limits.head.max_request_line &&
                                       std::memchr(conn.in.data(), '\n', line_window) == nullptr;
            if (!line_too_long && conn.in.size() <= limits.head.max_head) return;
        }
        conn.head = parse_head(std::string_view(conn.in).substr(0, end == std::string::npos ? conn.in.size() : end),
                               limits.head);
        if (conn.head.state == ParsedHead::State::incomplete) return;  // a long first line that did end
        if (conn.head.state == ParsedHead::State::error) {
            conn.exchange.id = new_request_id();
            respond(conn, loop_problem(conn.head.status, conn.head.detail, conn.exchange.id), true);
            return;
        }
        conn.in.erase(0, conn.head.size);
        conn.scanned = 0;
        on_head(conn);
    }
}

void EventLoop::Impl::on_head(Connection& conn) {
    Request& req = conn.head.request;
    req.id = request_id_for(req);
    conn.exchange.id = req.id;
    conn.exchange.method = req.method;
    conn.exchange.counted = true;
    service.metrics().in_flight(1);
    const auto length = content_length(req);
    // Busy: no worker or queue slot is free, or this body would pass the memory budget.
    // (A body over --max-body gets its 413 from screen() instead.)
    const bool over_budget = length && *length <= limits.max_body && body_in_flight + *length > limits.max_body_memory;
    auto answer = service.screen(req, over_budget || !pool.has_room());
    const bool keep = conn.head.keep_alive && !draining;
    if (answer) {
        const bool close = !keep || answer->close;
        respond(conn, std::move(*answer), close);
        return;
    }
    // A request to render: screen() checked that it has one valid Content-Length.
    conn.body_length = length.value_or(0);
    conn.body_reserved = conn.body_length;
    body_in_flight += conn.body_reserved;
    conn.exchange.bytes_in = conn.body_length;
    conn.in.reserve(conn.body_length);  // one allocation for the body, not a doubling series
    conn.phase = Phase::body;
    if (conn.head.expect_continue && conn.in.size() < conn.body_length) {
        send_now(conn.fd, continue_response.data(), continue_response.size());
    }
}

/// The body is in: hands the request to a worker, or answers 503 when none can take it.
void EventLoop::Impl::dispatch(Connection& conn) {
    std::string body;
    if (conn.in.size() == conn.body_length) {
        body = std::move(conn.in);  // no copy, and the connection keeps no body-sized buffer
        conn.in = std::string();
    } else {  // a pipelined request follows the body
        body = conn.in.substr(0, conn.body_length);
        conn.in.erase(0, conn.body_length);
        conn.in.shrink_to_fit();
    }
    Request req = std::move(conn.head.request);
    const bool close = !conn.head.keep_alive || draining;
    if (!pool.has_room()) {  // only this thread queues work, so room now is room at try_push
        release_body(conn);
        auto busy = service.screen(req, true);  // a letter route: always its 503
        respond(conn, busy ? std::move(*busy) : loop_problem(503, "every worker is busy; retry shortly", req.id), true);
        return;
    }
    conn.phase = Phase::rendering;
    watch(conn, 0);
    pool.try_push([this, c = &conn, fd = conn.fd, r = std::move(req), b = std::move(body), close]() mutable {
        render(c, fd, std::move(r), std::move(b), close);
    });
}

/// On a worker: renders, sends what the socket takes at once, hands the rest to the loop.
void EventLoop::Impl::render(Connection* conn, int fd, Request request, std::string body, bool close) {
    Completion c;
    c.conn = conn;
    Response r;
    try {
        request.body = body;
        r = service.handle(request);
    } catch (...) {
        r = loop_problem(500, "internal error", request.id);  // never the exception's text
        r.route = Route::letter;
    }
    c.close = close || r.close || stop_requests.load() > 0;
    c.wire = serialize_response(r, false, c.close);
    const ssize_t n = send_now(fd, c.wire.data(), c.wire.size());
    c.failed = n < 0;
    c.sent = n < 0 ? 0 : static_cast<std::size_t>(n);
    c.status = r.status;
    c.route = r.route;
    c.kind = std::move(r.kind);
    c.bytes_out = r.body.size();
    {
        const std::lock_guard lock(done_mutex);
        done.push_back(std::move(c));
    }
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto ignored = ::write(wake_fd, &one, sizeof one);
}

EventLoop::EventLoop(Service& service, int listen_fd, const LoopLimits& limits)
    : impl_(std::make_unique<Impl>(service, listen_fd, limits)) {}

EventLoop::~EventLoop() = default;

void EventLoop::run() { impl_->run(); }

void EventLoop::stop() {
    impl_->stop_requests.fetch_add(1);
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto ignored = ::write(impl_->wake_fd, &one, sizeof one);
}

}  // namespace brevgen::http
