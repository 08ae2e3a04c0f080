// The event loop's answers: writing responses, lingering closes, the log line, closing.
#include "http/event_loop_impl.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include "http/access_log.hpp"
#include "http/wire.hpp"

namespace brevgen::http {

using namespace loop;

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

}  // namespace brevgen::http
