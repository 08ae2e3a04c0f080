#pragma once
/// The httplib adapter: turns httplib's hooks into calls of Service and its answers back
/// into httplib responses, keeps the per-request log and metrics, serves each connection
/// through a Connection with a read budget, and closes connections whose request body was
/// refused unread. Only the http/ transport files see httplib.

#include <httplib.h>

#include <cstddef>

#include "http/service.hpp"

namespace brevgen::http {

/// Server timeouts and limits that are not command-line options.
struct TransportLimits {
    std::size_t threads = 2;
    std::size_t queue = 16;
    std::size_t max_body = std::size_t{1} << 20;
    int read_timeout_s = 5;       ///< per read of headers or body
    int write_timeout_s = 5;      ///< per write of the response
    int keep_alive_timeout_s = 2; ///< an idle keep-alive connection holds a worker this long
    std::size_t keep_alive_max = 100;
    std::size_t header_budget = 64 * 1024;  ///< request line + headers, bytes per request
};

/// httplib's server with brevgen's routes, hooks and work queue installed.
class Transport : public httplib::Server {
public:
    Transport(Service& service, const TransportLimits& limits);

    /// The listening socket once bound (httplib keeps it protected).
    int listening_socket() const { return static_cast<int>(svr_sock_); }

private:
    /// Serves one accepted connection (httplib's accept loop and work queue call this):
    /// httplib's own version reads headers without a limit.
    bool process_and_close_socket(::socket_t sock) override;
    void install_hooks();
    Service& service_;
    TransportLimits limits_;
};

}  // namespace brevgen::http
