#pragma once
/// The server's one network thread: an epoll loop that accepts connections without ever
/// waiting for a worker, reads each request head and body with a total deadline, answers
/// everything that needs no rendering itself, hands complete letter requests to the render
/// workers, writes responses without blocking, and drains on stop(). How and why:
/// docs/http.md, "Event model".

#include <chrono>
#include <cstddef>
#include <memory>

#include "http/request_head.hpp"
#include "http/service.hpp"

namespace brevgen::http {

/// The loop's limits; `brevgen serve` sets them from its flags.
struct LoopLimits {
    std::size_t threads = 2;                  ///< render workers
    std::size_t queue = 16;                   ///< complete requests that may wait for a worker
    std::size_t max_body = std::size_t{1} << 20;         ///< largest request body
    std::size_t max_body_memory = std::size_t{8} << 20;  ///< bodies held at once, in all
    std::size_t max_connections = 512;        ///< open connections, in all
    std::size_t max_connections_per_address = 64;
    std::chrono::milliseconds request_timeout{10000};    ///< first byte to whole body
    std::chrono::milliseconds keep_alive_timeout{5000};  ///< idle between requests
    std::chrono::milliseconds write_timeout{10000};      ///< a whole response
    std::chrono::milliseconds shutdown_timeout{5000};    ///< from stop() to the last close
    HeadLimits head;
};

/// The event loop over a bound, listening, non-blocking socket (which it closes).
class EventLoop {
public:
    EventLoop(Service& service, int listen_fd, const LoopLimits& limits);
    ~EventLoop();
    EventLoop(const EventLoop&) = delete;
    EventLoop& operator=(const EventLoop&) = delete;

    /// Serves until stop(), then drains: accepts nothing more, closes idle connections,
    /// lets requests being read finish within the shutdown timeout, finishes every render
    /// that has started or is queued, and returns once no connection is left.
    void run();

    /// Starts the drain; safe from any thread. A second call ends the drain at once (still
    /// finishing the renders already running).
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace brevgen::http
