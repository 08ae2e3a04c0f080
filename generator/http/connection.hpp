#pragma once
/// One client connection as an httplib::Stream that reads through a byte budget.
///
/// httplib 0.11.4 reads request headers without any limit on their number or a line's
/// length: a client streaming header lines grows the server's memory until it stops
/// (measured: 150 MB of headers → 250 MB RSS). No hook runs before the headers are
/// complete, so the limit has to sit in the stream: each request may read a fixed budget
/// for its request line and headers, raised by its Content-Length once the headers passed
/// Service::screen(). A read past the budget fails, httplib answers 400, and the
/// connection is closed. The read buffer lives as long as the connection, so pipelined
/// requests are not lost between requests either.

#include <httplib.h>

#include <array>
#include <cstddef>

namespace brevgen::http {

/// A connected socket with timeouts, a read buffer and a read budget.
class Connection final : public httplib::Stream {
public:
    Connection(int fd, int read_timeout_ms, int write_timeout_ms);

    bool is_readable() const override;
    bool is_writable() const override;
    ssize_t read(char* ptr, std::size_t size) override;
    ssize_t write(const char* ptr, std::size_t size) override;
    void get_remote_ip_and_port(std::string& ip, int& port) const override;
    void get_local_ip_and_port(std::string& ip, int& port) const override;
    ::socket_t socket() const override { return fd_; }

    /// True when a request's first bytes are buffered or arrive within `timeout_ms`
    /// (or the peer closed, which the next read reports).
    bool wait_for_request(int timeout_ms) const;

    /// Sets the bytes the next request may read (request line and headers).
    void set_budget(std::size_t bytes) { budget_ = bytes; }
    /// Lets the current request read `bytes` more (its body).
    void extend_budget(std::size_t bytes) { budget_ += bytes; }
    /// A read went past the budget: the connection must not be used again.
    bool over_budget() const { return over_budget_; }

    /// Ends the connection after the current response (its request body stays unread).
    void close_after_response() { close_after_ = true; }
    bool closing() const { return close_after_; }

private:
    bool poll_for(short events, int timeout_ms) const;

    int fd_;
    int read_timeout_ms_;
    int write_timeout_ms_;
    std::array<char, 16384> buffer_{};
    std::size_t begin_ = 0;  ///< first unread byte in buffer_
    std::size_t end_ = 0;    ///< one past the last buffered byte
    std::size_t budget_ = 0;
    bool over_budget_ = false;
    bool close_after_ = false;
};

}  // namespace brevgen::http
