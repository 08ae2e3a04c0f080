#pragma once
/// Runs the real `brevgen serve` on an ephemeral loopback port and talks raw HTTP to it.
/// Every wait is bounded; the server is stopped (SIGTERM, then SIGKILL) when the test ends.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "cli_support.hpp"

namespace brevgen::test {

/// A `brevgen serve --listen 127.0.0.1:0 ARGS…` child process with stderr captured.
class ServerProcess {
public:
    explicit ServerProcess(const std::vector<std::string>& args = {}) : log_file_(write_temp("", ".log")) {
        std::vector<std::string> argv{BREVGEN_TEST_BINARY, "serve", "--listen", "127.0.0.1:0"};
        argv.insert(argv.end(), args.begin(), args.end());
        pid_ = ::fork();
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) exec_child(argv);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (port_ == 0 && std::chrono::steady_clock::now() < deadline) {
            const std::string text = log();
            const auto at = text.find("\"address\":\"127.0.0.1:");
            if (at != std::string::npos) port_ = std::stoi(text.substr(at + 21));
            else std::this_thread::sleep_for(std::chrono::milliseconds(20));
            int status = 0;
            if (port_ == 0 && ::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                throw std::runtime_error("brevgen serve exited at start: " + log());
            }
        }
        if (port_ == 0) throw std::runtime_error("brevgen serve did not start: " + log());
    }

    ~ServerProcess() {
        if (pid_ > 0) stop(SIGTERM);
        std::filesystem::remove(log_file_);
    }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    int port() const { return port_; }
    pid_t pid() const { return pid_; }

    /// Everything the server wrote on stderr so far.
    std::string log() const { return slurp(log_file_); }

    /// Sends `sig` and waits (at most 20 s, then SIGKILL); returns the exit code, or -1.
    int stop(int sig = SIGTERM) {
        if (pid_ <= 0) return exit_code_;
        ::kill(pid_, sig);
        int status = 0;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (::waitpid(pid_, &status, WNOHANG) == 0) {
            if (std::chrono::steady_clock::now() > deadline) {
                ::kill(pid_, SIGKILL);
                ::waitpid(pid_, &status, 0);
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        pid_ = -1;
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        return exit_code_;
    }

    /// The server's resident memory in KiB (VmRSS), or -1.
    long rss_kb() const { return status_kb("VmRSS:"); }

    /// The server's peak resident memory so far in KiB (VmHWM), or -1.
    long peak_rss_kb() const { return status_kb("VmHWM:"); }

private:
    long status_kb(const std::string& field) const {
        std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
        std::string line;
        while (std::getline(in, line)) {
            if (line.rfind(field, 0) == 0) return std::stol(line.substr(field.size()));
        }
        return -1;
    }

    [[noreturn]] void exec_child(const std::vector<std::string>& argv) {
        const int err = ::open(log_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int null = ::open("/dev/null", O_RDWR);
        ::dup2(err, 2);
        ::dup2(null, 1);
        ::dup2(null, 0);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execv(args[0], args.data());
        ::_exit(127);
    }

    std::filesystem::path log_file_;
    pid_t pid_ = -1;
    int port_ = 0;
    int exit_code_ = -1;
};

/// What a raw exchange gave.
struct RawReply {
    std::string text;     ///< everything read: status line, headers, body
    bool closed = false;  ///< the server closed the connection after its reply
    int status = 0;

    /// The first header named `name` (case-insensitive), or "".
    std::string header(std::string_view name) const {
        const auto end = text.find("\r\n\r\n");
        std::size_t at = text.find("\r\n");
        while (at != std::string::npos && at < end) {
            const auto next = text.find("\r\n", at + 2);
            const std::string line = text.substr(at + 2, next - at - 2);
            const auto colon = line.find(':');
            if (colon == name.size() && strncasecmp(line.c_str(), name.data(), name.size()) == 0) {
                return line.substr(line.find_first_not_of(' ', colon + 1));
            }
            at = next;
        }
        return {};
    }
    std::string body() const {
        const auto end = text.find("\r\n\r\n");
        return end == std::string::npos ? std::string() : text.substr(end + 4);
    }
};

/// A socket connected to 127.0.0.1:port; `receive_buffer` > 0 sets SO_RCVBUF first (a
/// small one makes a client that does not read fill up quickly).
inline int connect_loopback(int port, int receive_buffer = 0) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (receive_buffer > 0) ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        throw std::runtime_error("cannot connect");
    }
    return fd;
}

/// A client connection kept open across steps: for clients that hold a connection (slow,
/// idle, not reading) while others are served.
class Socket {
public:
    explicit Socket(int port) : fd_(connect_loopback(port)) {}
    ~Socket() { close(); }
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;

    /// Sends what the socket takes; false once the server has closed or reset it.
    bool send(const std::string& bytes) {
        return fd_ >= 0 && ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
    }

    /// Reads until the server closes or `timeout_ms` passes, or (when `until` is given)
    /// until the text read so far contains it.
    RawReply read(int timeout_ms, const std::string& until = "");

    void close() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

private:
    int fd_;
};

/// Reads from `fd` until the peer closes, `timeout_ms` passes, or `until` (when not empty)
/// has been read; the status is that of the first response.
inline RawReply read_reply(int fd, int timeout_ms, const std::string& until = "") {
    RawReply reply;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    char buf[65536];
    while (std::chrono::steady_clock::now() < deadline) {
        if (!until.empty() && reply.text.find(until) != std::string::npos) break;
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 20) <= 0) continue;
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) {
            reply.closed = true;
            break;
        }
        reply.text.append(buf, static_cast<std::size_t>(n));
    }
    if (reply.text.rfind("HTTP/1.1 ", 0) == 0) reply.status = std::stoi(reply.text.substr(9, 3));
    return reply;
}

inline RawReply Socket::read(int timeout_ms, const std::string& until) { return read_reply(fd_, timeout_ms, until); }

/// Connects to 127.0.0.1:port, sends `head`, then `filler` bytes of 'x' in 64 KiB pieces
/// (stopping quietly when the server has closed), and reads until the server closes or
/// `timeout_ms` passes.
inline RawReply raw_exchange(int port, const std::string& head, std::size_t filler = 0, int timeout_ms = 5000) {
    const int fd = connect_loopback(port);
    ::send(fd, head.data(), head.size(), MSG_NOSIGNAL);
    const std::string piece(64 * 1024, 'x');
    for (std::size_t sent = 0; sent < filler;) {
        const std::size_t n = std::min(piece.size(), filler - sent);
        if (::send(fd, piece.data(), n, MSG_NOSIGNAL) <= 0) break;
        sent += n;
    }
    RawReply reply = read_reply(fd, timeout_ms);
    ::close(fd);
    return reply;
}

/// POSTs a JSON case to `path` (Connection: close) and returns the reply.
inline RawReply post_json(int port, const std::string& path, const std::string& body) {
    return raw_exchange(port, "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                              "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                              "\r\n\r\n" + body);
}

}  // namespace brevgen::test
