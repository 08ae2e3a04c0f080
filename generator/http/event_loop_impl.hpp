#pragma once
// The event loop's private parts, shared by its three source files (event_loop.cpp,
// event_loop_respond.cpp, event_loop_admit.cpp). Not for use outside them.

#include <sys/epoll.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/connection.hpp"
#include "http/event_loop.hpp"
#include "http/problem.hpp"
#include "http/work_queue.hpp"

namespace brevgen::http {

namespace loop {

using namespace std::chrono_literals;

inline constexpr auto sweep_interval = 100ms;  ///< how often deadlines are checked
inline constexpr auto linger_total = 2s;       ///< longest a closing connection's input is drained
inline constexpr auto linger_silence = 500ms;  ///< a closing connection quiet this long is closed
inline constexpr int accept_batch = 64;        ///< accepts per wake-up, so reads get their turn

/// Markers for the two descriptors that are not connections.
inline char listen_tag, wake_tag;

/// A problem the loop answers itself, before or instead of the service.
inline Response loop_problem(int status, std::string_view detail, const std::string& id) {
    Response r = problem(status, detail, id);
    r.add("X-Request-Id", id);
    if (status == 503) r.add("Retry-After", "1");
    return r;
}

}  // namespace loop

/// A rendered response handed back from a worker to the loop.
struct Completion {
    Connection* conn = nullptr;
    std::string wire;      ///< the whole response
    std::size_t sent = 0;  ///< how much the worker could already send
    bool failed = false;   ///< the send failed: the client is gone
    bool close = false;
    int status = 0;
    Route route = Route::unknown;
    std::string kind;
    std::size_t bytes_out = 0;
};

/// The event loop's state; its member functions are spread over event_loop.cpp (reading
/// requests), event_loop_respond.cpp (answers) and event_loop_admit.cpp (accepting,
/// deadlines, the drain).
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

    Impl(Service& s, int fd, const LoopLimits& l);
    ~Impl();

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

}  // namespace brevgen::http
