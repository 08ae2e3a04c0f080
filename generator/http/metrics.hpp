#pragma once
/// Counters for GET /metrics, written in the Prometheus text exposition format (0.0.4).
/// Labels take only values from fixed sets (route templates, known kinds, status codes),
/// so a client cannot grow the series, and nothing from a case ever becomes a label.

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "http/message.hpp"

namespace brevgen::http {

/// The server's counters; every member is safe to call from any thread.
class Metrics {
public:
    /// `kinds`: the letter kinds that may appear as a label.
    explicit Metrics(std::vector<std::string> kinds);

    /// Counts one answered request: its route, the kind it named (empty for none), status,
    /// time from its headers to the end of the response, and body bytes in and out.
    void request(Route route, std::string_view kind, int status, double seconds, std::size_t bytes_in,
                 std::size_t bytes_out);

    /// Counts one rendered letter of `pages` pages.
    void letter(std::string_view kind, std::size_t pages);

    /// Requests being handled now; the adapter adds 1 when one starts and -1 when it ends.
    void in_flight(int delta) { in_flight_.fetch_add(delta, std::memory_order_relaxed); }

    /// Open client connections; the event loop adds 1 when it accepts one and -1 when it
    /// closes (or starts closing) it.
    void connections(int delta) { connections_.fetch_add(delta, std::memory_order_relaxed); }

    /// Counts a connection answered 503 at once because the connection caps were reached.
    void connection_refused() { refused_.fetch_add(1, std::memory_order_relaxed); }

    /// The exposition text for GET /metrics.
    std::string exposition() const;

    /// Upper bounds of the latency histogram's buckets, in seconds.
    static constexpr std::array<double, 12> buckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                    0.1,   0.25,   0.5,   1.0,  2.5,   5.0};

private:
    struct Histogram {
        std::array<std::uint64_t, buckets.size() + 1> counts{};  ///< the last one is +Inf
        double sum = 0;
        std::uint64_t count = 0;
    };

    std::size_t kind_index(std::string_view kind) const;  ///< 0: none or unknown

    std::vector<std::string> kinds_;  ///< index 0 is "" (no kind)
    mutable std::mutex mutex_;        ///< guards the maps below; held for a few map updates only
    std::map<std::tuple<Route, std::size_t, int>, std::uint64_t> requests_;
    std::map<Route, Histogram> latency_;
    std::uint64_t bytes_in_ = 0, bytes_out_ = 0;
    std::vector<std::uint64_t> letters_, pages_;
    std::atomic<std::int64_t> in_flight_{0};
    std::atomic<std::int64_t> connections_{0};
    std::atomic<std::uint64_t> refused_{0};
};

}  // namespace brevgen::http
