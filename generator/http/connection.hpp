#pragma once
/// One client connection of the event loop: its non-blocking socket, the bytes read and
/// not yet used, the response being written, and the phase it is in with that phase's
/// deadline. Only the event loop's thread touches a Connection, except while its request
/// renders: then the worker owns it until it hands the response back.

#include <chrono>
#include <cstddef>
#include <string>
#include <sys/types.h>

#include "http/message.hpp"
#include "http/request_head.hpp"

namespace brevgen::http {

using Clock = std::chrono::steady_clock;

/// Where a connection is in its request/response cycle.
enum class Phase {
    idle,       ///< waiting for the first byte of a request (new, or kept alive)
    head,       ///< reading a request head
    body,       ///< reading a request body
    rendering,  ///< a worker has the request; the loop does not touch the socket
    writing,    ///< writing a response the socket could not take at once
    lingering,  ///< answered and closing: reading and dropping what the client still sends
};

/// What the access log and the metrics need to know of the current exchange.
struct Exchange {
    std::string id;
    std::string method;
    Route route = Route::unknown;
    std::string kind;
    int status = 0;
    std::size_t bytes_in = 0;
    std::size_t bytes_out = 0;
    Clock::time_point start;
    bool counted = false;  ///< counted in the in-flight gauge
};

/// A connection and everything the loop keeps for it.
struct Connection {
    Connection(int socket, std::string peer) : fd(socket), address(std::move(peer)) {}
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    int fd;
    std::string address;  ///< the peer's IP address, for the per-address cap
    Phase phase = Phase::idle;
    Clock::time_point deadline;      ///< when the current phase has gone on too long
    Clock::time_point idle_since;    ///< for dropping the longest-idle connection first
    Clock::time_point linger_end;    ///< lingering: the latest moment to close
    std::uint32_t events = 0;        ///< what epoll watches for now
    std::string in;                  ///< bytes read and not yet consumed
    std::size_t scanned = 0;         ///< how far find_head_end has looked in `in`
    ParsedHead head;                 ///< the current request's head, once complete
    std::size_t body_length = 0;     ///< the current request's Content-Length
    std::size_t body_reserved = 0;   ///< bytes of the loop's body budget this request holds
    std::string out;                 ///< response bytes not yet sent
    std::size_t sent = 0;            ///< of `out`
    bool close_after = false;        ///< close once `out` is sent
    bool counted = true;             ///< counted against the connection caps
    Exchange exchange;

    /// Reads what the socket has, at most `max` bytes, onto `in`. Returns the bytes read,
    /// 0 at end of stream, -1 when nothing is there now, -2 on an error.
    ssize_t read_some(std::size_t max);

    /// Reads and drops whatever the socket has; false at end of stream or on an error.
    bool discard_input();

    /// Sends as much of `out` as the socket takes now; false on an error.
    bool write_some();

    /// True when `out` has been sent whole.
    bool written() const { return sent >= out.size(); }
};

/// Sends as much of `bytes` as a non-blocking socket takes now; returns the bytes sent,
/// or -1 on an error (EAGAIN is not an error: 0 is returned).
ssize_t send_now(int fd, const char* bytes, std::size_t size);

/// The peer's IP address of a connected socket, as text ("127.0.0.1", "::1").
std::string peer_address(int fd);

}  // namespace brevgen::http
