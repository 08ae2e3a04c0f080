// The event loop's admission and time: accepting within the connection caps, deadlines, the drain.
#include "http/event_loop_impl.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "http/access_log.hpp"

namespace brevgen::http {

using namespace loop;

namespace {

Response too_many_connections(const std::string& id) {
    return loop_problem(503, "the server has as many connections as it accepts; retry shortly", id);
}

}  // namespace

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

}  // namespace brevgen::http
