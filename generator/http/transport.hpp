#pragma once
/// The httplib adapter: turns httplib's hooks into calls of Service and its answers back
/// into httplib responses, keeps the per-request log and metrics, and closes connections
/// whose request body was refused unread. Only this file and work_queue.hpp see httplib.

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
};

/// httplib's server with brevgen's routes, hooks and work queue installed.
class Transport : public httplib::Server {
public:
    Transport(Service& service, const TransportLimits& limits);

    /// The listening socket once bound (httplib keeps it protected).
    int listening_socket() const { return static_cast<int>(svr_sock_); }

private:
    void install_hooks();
    Service& service_;
    TransportLimits limits_;
};

}  // namespace brevgen::http
