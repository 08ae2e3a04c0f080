#include "http/event_loop.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "http/access_log.hpp"
#include "http/connection.hpp"
#include "http/problem.hpp"
#include "http/routes.hpp"
#include "http/wire.hpp"
#include "http/work_queue.hpp"

namespace brevgen::http {

namespace {

using namespace std::chrono_literals;

constexpr auto sweep_interval = 100ms;  ///< how often deadlines are checked
constexpr auto linger_total = 2s;       ///< longest a closing connection's input is drained
constexpr auto linger_silence = 500ms;  ///< a closing connection quiet this long is closed
constexpr int accept_batch = 64;        ///< accepts per wake-up, so reads get their turn

/// Markers for the two descriptors that are not connections.
char listen_tag, wake_tag;

/// A rendered response handed back from a worker to the loop.
struct Completion {
    Connection* conn = nullptr;
    std::string wire;   ///< the whole response
    std::size_t sent = 0;  ///< how much the worker could already send
    bool failed = false;   ///< the send failed: the client is gone
    bool close = false;
    int status = 0;
    Route route = Route::unknown;
    std::string kind;
    std::size_t bytes_out = 0;
};

/// A problem the loop answers itself, before or instead of the service.
Response loop_problem(int status, std::string_view detail, const std::string& id) {
    Response r = problem(status, detail, id);
    r.add("X-Request-Id", id);
    if (status == 503) r.add("Retry-After", "1");
    return r;
}

Response too_many_connections(const std::string& id) {
    return loop_problem(503, "the server has as many connections as it accepts; retry shortly", id);
}

}  // namespace

struct EventLoop::Impl {
    Service& service;
    int listen_fd;
    LoopLimits limits;
    int epoll_fd = -1;
    int wake_fd = -1;
    WorkQueue pool;
    std::unordered_map<Connection*, std::unique_ptr<Connection>> conns;
    std::vector<std::unique_ptr<Connection>> closed;  ///< freed after the current batch of events
    std::unordered_map<std::string, std::size_t> per_address;
    std::size_t counted = 0;    ///< connections counted against the caps
    std::size_t lingering = 0;  ///< closing connections not counted against them
    std::size_t body_in_flight = 0;
    std::mutex done_mutex;
    std::vector<Completion> done;
    std::atomic<int> stop_requests{0};
    int stops_seen = 0;
    bool draining = false;
    bool accept_paused = false;
    Clock::time_point drain_end;

    Impl(Service& s, int fd, const LoopLimits& l)
        : service(s), listen_fd(fd), limits(l), pool(l.threads, l.queue, [&s] { s.warm_up(); }) {
        epoll_fd = ::epoll_create1(EPOLL_CLOEXEC);
        wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (epoll_fd < 0 || wake_fd < 0) throw std::runtime_error(std::string("epoll: ") + std::strerror(errno));
        add(listen_fd, &listen_tag, EPOLLIN);
        add(wake_fd, &wake_tag, EPOLLIN);
    }

    ~Impl() {
        pool.shutdown();
        conns.clear();
        if (listen_fd >= 0) ::close(listen_fd);
        ::close(wake_fd);
        ::close(epoll_fd);
    }

    void add(int fd, void* tag, std::uint32_t events) {
        epoll_event ev{};
        ev.events = events;
        ev.data.ptr = tag;
        ::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &ev);
    }

    /// Watches `conn` for `events` (0: not at all, while a worker has it).
    void watch(Connection& conn, std::uint32_t events) {
        if (events == conn.events) return;
        epoll_event ev{};
        ev.events = events;
        ev.data.ptr = &conn;
        if (events == 0) ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, conn.fd, &ev);
        else ::epoll_ctl(epoll_fd, conn.events == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, conn.fd, &ev);
        conn.events = events;
    }

    Clock::time_point capped(Clock::time_point t) const { return draining ? std::min(t, drain_end) : t; }

    void run();
    void accept_all();
    void admit(int fd, std::string address);
    bool make_room(const std::string& address);
    Connection* oldest_idle(const std::string* address);
    void on_event(Connection& conn, std::uint32_t events);
    void on_readable(Connection& conn);
    void process(Connection& conn);
    void on_head(Connection& conn);
    void dispatch(Connection& conn);
    void render(Connection* conn, int fd, Request request, std::string body, bool close);
    void on_wake();
    void on_completion(Completion&& c);
    void respond(Connection& conn, Response&& r, bool close);
    void after_response(Connection& conn);
    void start_linger(Connection& conn);
    void log_exchange(Connection& conn);
    void release_body(Connection& conn);
    void close_conn(Connection& conn);
    void sweep(Clock::time_point now);
    void begin_drain();
};

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

// ---- accepting ------------------------------------------------------------------------

void EventLoop::Impl::accept_all() {
    for (int i = 0; i < accept_batch && !draining; ++i) {
        const int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK) {
                // Out of descriptors or memory: stop polling the socket until the next
                // sweep instead of spinning on it; the kernel's backlog holds the rest.
                ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, listen_fd, nullptr);
                accept_paused = true;
            }
            return;
        }
        const int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        admit(fd, peer_address(fd));
    }
}

/// The longest-idle connection (of `address`, when given) that has no request under way.
Connection* EventLoop::Impl::oldest_idle(const std::string* address) {
    Connection* oldest = nullptr;
    for (auto& [ptr, conn] : conns) {
        if (conn->phase != Phase::idle || !conn->in.empty() || !conn->counted) continue;
        if (address != nullptr && conn->address != *address) continue;
        if (oldest == nullptr || conn->idle_since < oldest->idle_since) oldest = ptr;
    }
    return oldest;
}

/// Makes room for one more connection from `address` by closing idle ones; false when the
/// caps are taken by connections with requests under way.
bool EventLoop::Impl::make_room(const std::string& address) {
    const auto it = per_address.find(address);
    if (it != per_address.end() && it->second >= limits.max_connections_per_address) {
        Connection* idle = oldest_idle(&address);
        if (idle == nullptr) return false;
        close_conn(*idle);
    }
    if (counted >= limits.max_connections) {
        Connection* idle = oldest_idle(nullptr);
        if (idle == nullptr) return false;
        close_conn(*idle);
    }
    return true;
}

void EventLoop::Impl::admit(int fd, std::string address) {
    auto owned = std::make_unique<Connection>(fd, std::move(address));
    Connection& conn = *owned;
    const auto now = Clock::now();
    conn.idle_since = now;
    if (make_room(conn.address)) {
        conn.deadline = now + limits.request_timeout;
        ++counted;
        ++per_address[conn.address];
        service.metrics().connections(1);
        conns.emplace(&conn, std::move(owned));
        watch(conn, EPOLLIN);
        return;
    }
    // Refused at once, without reading: a 503 fits an empty socket buffer whole.
    service.metrics().connection_refused();
    conn.counted = false;
    conn.exchange.id = new_request_id();
    conn.exchange.start = now;
    if (lingering >= limits.max_connections) {  // even closing ones are too many: just close
        respond(conn, too_many_connections(conn.exchange.id), true);
        log_exchange(conn);
        return;
    }
    conns.emplace(&conn, std::move(owned));
    respond(conn, too_many_connections(conn.exchange.id), true);
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
        auto busy = service.screen(req, true);
        respond(conn, std::move(*busy), true);
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

// ---- responses ------------------------------------------------------------------------

void EventLoop::Impl::on_wake() {
    std::uint64_t count = 0;
    [[maybe_unused]] const auto ignored = ::read(wake_fd, &count, sizeof count);
    std::vector<Completion> batch;
    {
        const std::lock_guard lock(done_mutex);
        batch.swap(done);
    }
    for (auto& c : batch) on_completion(std::move(c));
    const int stops = stop_requests.load();
    if (stops > stops_seen) {
        stops_seen = stops;
        if (!draining) {
            begin_drain();
        } else {
            drain_end = Clock::now();  // asked again: stop waiting for clients now
            sweep(drain_end);
        }
    }
}

void EventLoop::Impl::on_completion(Completion&& c) {
    Connection& conn = *c.conn;
    release_body(conn);
    conn.exchange.status = c.status;
    conn.exchange.route = c.route;
    conn.exchange.kind = std::move(c.kind);
    conn.exchange.bytes_out = c.bytes_out;
    conn.phase = Phase::writing;  // until written
    if (c.failed) {
        log_exchange(conn);
        close_conn(conn);
        return;
    }
    conn.out = std::move(c.wire);
    conn.sent = c.sent;
    conn.close_after = c.close;
    if (conn.written()) {
        after_response(conn);
        process(conn);
        return;
    }
    conn.deadline = capped(Clock::now() + limits.write_timeout);
    watch(conn, EPOLLOUT);
}

void EventLoop::Impl::respond(Connection& conn, Response&& r, bool close) {
    conn.exchange.status = r.status;
    conn.exchange.route = r.route;
    conn.exchange.kind = std::move(r.kind);
    conn.exchange.bytes_out = r.body.size();
    const bool head_only = conn.head.state == ParsedHead::State::complete ? conn.head.request.method == "HEAD"
                                                                         : is_head_request(conn.in);
    conn.out = serialize_response(r, head_only, close);
    conn.sent = 0;
    conn.close_after = close;
    conn.phase = Phase::writing;
    if (!conn.write_some()) {
        log_exchange(conn);
        close_conn(conn);
        return;
    }
    if (conn.written()) {
        after_response(conn);
        return;
    }
    conn.deadline = capped(Clock::now() + limits.write_timeout);
    watch(conn, EPOLLOUT);
}

/// The response is out: logs it, then closes or waits for the next request.
void EventLoop::Impl::after_response(Connection& conn) {
    log_exchange(conn);
    conn.out.clear();
    conn.out.shrink_to_fit();
    conn.sent = 0;
    if (conn.close_after) {
        start_linger(conn);
        return;
    }
    conn.head = ParsedHead{};
    conn.body_length = 0;
    conn.phase = Phase::idle;
    conn.idle_since = Clock::now();
    conn.deadline = capped(conn.idle_since + limits.keep_alive_timeout);
    watch(conn, EPOLLIN);
}

/// Closing politely: the client may still be sending (a refused body), and closing with
/// unread input would reset the connection and could destroy the response in flight. So
/// the write side is shut, and input is read and dropped until the client closes, goes
/// quiet, or the time is up.
void EventLoop::Impl::start_linger(Connection& conn) {
    if (!conns.contains(&conn)) return;  // refused beyond every cap: the caller closes it
    ::shutdown(conn.fd, SHUT_WR);
    release_body(conn);
    if (conn.counted) {
        conn.counted = false;
        --counted;
        if (--per_address[conn.address] == 0) per_address.erase(conn.address);
        service.metrics().connections(-1);
    }
    ++lingering;
    conn.phase = Phase::lingering;
    conn.in.clear();
    conn.in.shrink_to_fit();
    const auto now = Clock::now();
    conn.linger_end = capped(now + linger_total);
    conn.deadline = std::min(now + linger_silence, conn.linger_end);
    watch(conn, EPOLLIN);
}

void EventLoop::Impl::log_exchange(Connection& conn) {
    Exchange& e = conn.exchange;
    if (e.status != 0) {
        LogEntry entry;
        entry.request_id = e.id;
        entry.method = e.method;
        entry.route = e.route;
        entry.kind = e.kind;
        entry.status = e.status;
        entry.duration_ms = std::chrono::duration<double, std::milli>(Clock::now() - e.start).count();
        entry.bytes_in = e.bytes_in;
        entry.bytes_out = e.bytes_out;
        service.metrics().request(e.route, e.kind, e.status, entry.duration_ms / 1000.0, e.bytes_in, e.bytes_out);
        write_log_line(format_log_line(entry, std::chrono::system_clock::now()));
    }
    if (e.counted) service.metrics().in_flight(-1);
    e = Exchange{};
}

void EventLoop::Impl::release_body(Connection& conn) {
    body_in_flight -= conn.body_reserved;
    conn.body_reserved = 0;
}

void EventLoop::Impl::close_conn(Connection& conn) {
    if (conn.fd < 0) return;
    if (conn.exchange.counted) log_exchange(conn);
    release_body(conn);
    watch(conn, 0);
    if (conn.counted) {
        --counted;
        if (--per_address[conn.address] == 0) per_address.erase(conn.address);
        service.metrics().connections(-1);
    } else if (conn.phase == Phase::lingering) {
        --lingering;
    }
    ::close(conn.fd);
    conn.fd = -1;
    const auto it = conns.find(&conn);
    if (it != conns.end()) {
        closed.push_back(std::move(it->second));
        conns.erase(it);
    }
}

// ---- time -----------------------------------------------------------------------------

void EventLoop::Impl::sweep(Clock::time_point now) {
    if (accept_paused && !draining) {
        add(listen_fd, &listen_tag, EPOLLIN);
        accept_paused = false;
    }
    const bool drain_over = draining && now >= drain_end;
    std::vector<Connection*> due;
    for (auto& [ptr, conn] : conns) {
        if (conn->phase != Phase::rendering && (now >= conn->deadline || drain_over)) due.push_back(ptr);
    }
    for (Connection* conn : due) {
        if ((conn->phase == Phase::head || conn->phase == Phase::body) && !drain_over) {
            // The request did not arrive in time: say so, then close.
            if (conn->exchange.id.empty()) conn->exchange.id = new_request_id();
            release_body(*conn);
            respond(*conn, loop_problem(408, "the request did not arrive within the time allowed", conn->exchange.id),
                    true);
        } else {
            close_conn(*conn);
        }
    }
}

void EventLoop::Impl::begin_drain() {
    draining = true;
    drain_end = Clock::now() + limits.shutdown_timeout;
    if (!accept_paused) ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, listen_fd, nullptr);
    ::close(listen_fd);
    listen_fd = -1;
    std::vector<Connection*> idle;
    for (auto& [ptr, conn] : conns) {
        if (conn->phase == Phase::idle && conn->in.empty()) idle.push_back(ptr);
        else conn->deadline = std::min(conn->deadline, drain_end);
    }
    for (Connection* conn : idle) close_conn(*conn);
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
