#include "http/server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <iostream>
#include <thread>

#include "http/access_log.hpp"
#include "http/event_loop.hpp"

namespace brevgen::http {

namespace {

/// Blocks SIGTERM and SIGINT in this thread and so in every thread started after it; a
/// watcher thread takes them with sigwait, so no signal handler ever runs server code.
class BlockedSignals {
public:
    BlockedSignals() {
        sigemptyset(&set_);
        sigaddset(&set_, SIGTERM);
        sigaddset(&set_, SIGINT);
        pthread_sigmask(SIG_BLOCK, &set_, &old_);
    }
    ~BlockedSignals() { pthread_sigmask(SIG_SETMASK, &old_, nullptr); }
    BlockedSignals(const BlockedSignals&) = delete;
    BlockedSignals& operator=(const BlockedSignals&) = delete;
    const sigset_t& set() const { return set_; }

private:
    sigset_t set_{};
    sigset_t old_{};
};

std::string address_text(const std::string& host, int port) {
    const bool v6 = host.find(':') != std::string::npos;
    return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

/// A bound, listening, non-blocking socket and its port, or -1 with errno's reason on stderr.
std::pair<int, int> listen_on(const ServeOptions& o) {
    const std::string host = o.host == "localhost" ? "127.0.0.1" : o.host;
    sockaddr_storage addr{};
    socklen_t len = 0;
    auto* v4 = reinterpret_cast<sockaddr_in*>(&addr);
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&addr);
    if (inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(static_cast<std::uint16_t>(o.port));
        len = sizeof *v4;
    } else if (inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(static_cast<std::uint16_t>(o.port));
        len = sizeof *v6;
    }
    const int fd = len == 0 ? -1 : ::socket(addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int one = 1;
    if (fd >= 0) ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), len) != 0 || ::listen(fd, SOMAXCONN) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        std::cerr << "error: cannot listen on " << address_text(o.host, o.port) << ": "
                  << (errno ? std::strerror(errno) : "bad address") << '\n';
        if (fd >= 0) ::close(fd);
        return {-1, -1};
    }
    const int port = ntohs(addr.ss_family == AF_INET ? v4->sin_port : v6->sin6_port);
    return {fd, port};
}

/// Every connection costs a descriptor, and a closing one may still hold one for up to
/// two seconds: raise the soft limit toward the hard one so the caps, not EMFILE, decide.
void raise_descriptor_limit(std::size_t wanted) {
    rlimit r{};
    if (::getrlimit(RLIMIT_NOFILE, &r) != 0 || r.rlim_cur >= wanted) return;
    r.rlim_cur = std::min<rlim_t>(r.rlim_max, static_cast<rlim_t>(wanted));
    ::setrlimit(RLIMIT_NOFILE, &r);
}

/// Waits for SIGTERM/SIGINT and asks the loop to stop (again at a second signal).
class SignalWatcher {
public:
    SignalWatcher(EventLoop& loop, const sigset_t& set) : thread_([this, &loop, set] { watch(loop, set); }) {}

    /// Ends the watcher once the loop has returned; true if a signal stopped the loop.
    bool finish() {
        done_ = true;
        pthread_kill(thread_.native_handle(), SIGTERM);  // wakes sigwait
        thread_.join();
        return signals_ > 0;
    }

private:
    void watch(EventLoop& loop, sigset_t set) {
        for (;;) {
            int sig = 0;
            if (sigwait(&set, &sig) != 0 || done_) return;
            ++signals_;
            const std::string name = sig == SIGINT ? "SIGINT" : "SIGTERM";
            write_log_line(format_event_line(signals_ == 1 ? "stopping" : "stopping now",
                                             "\"signal\":\"" + name + "\"", std::chrono::system_clock::now()));
            loop.stop();
        }
    }

    std::atomic<bool> done_{false};
    std::atomic<int> signals_{0};
    std::thread thread_;
};

LoopLimits loop_limits(const ServeOptions& o) {
    LoopLimits l;
    // Workers only render (the loop does all waiting on clients), so one per core.
    l.threads = o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
    l.queue = o.queue ? o.queue : 8 * l.threads;
    l.max_body = o.max_body;
    l.max_body_memory = std::max(o.max_body_memory, o.max_body);
    l.max_connections = o.max_connections;
    l.max_connections_per_address = o.max_connections_per_address;
    l.request_timeout = std::chrono::seconds(o.request_timeout_s);
    l.shutdown_timeout = std::chrono::seconds(o.shutdown_timeout_s);
    return l;
}

std::string listening_fields(const ServeOptions& o, const LoopLimits& l, int port, bool messages) {
    return "\"address\":\"" + address_text(o.host, port) + "\",\"threads\":" + std::to_string(l.threads) +
           ",\"queue\":" + std::to_string(l.queue) + ",\"max_body\":" + std::to_string(l.max_body) +
           ",\"max_body_memory\":" + std::to_string(l.max_body_memory) +
           ",\"max_connections\":" + std::to_string(l.max_connections) +
           ",\"max_connections_per_address\":" + std::to_string(l.max_connections_per_address) +
           ",\"auth\":" + (o.tokens.empty() ? "false" : "true") + ",\"messages\":" + (messages ? "true" : "false");
}

}  // namespace

int serve(std::shared_ptr<const Engine> engine, const ServeOptions& o) {
    const LoopLimits limits = loop_limits(o);
    const BlockedSignals signals;  // before any thread exists
    std::signal(SIGPIPE, SIG_IGN);  // a client that hangs up must not end the server
    raise_descriptor_limit(2 * limits.max_connections + 64);
    const bool messages = !engine->message_setup_error();
    Service service(std::move(engine), ServiceOptions{o.max_body, o.tokens});
    const auto [fd, port] = listen_on(o);
    if (fd < 0) return 1;
    EventLoop loop(service, fd, limits);
    write_log_line(format_event_line("listening", listening_fields(o, limits, port, messages), std::chrono::system_clock::now()));
    SignalWatcher watcher(loop, signals.set());
    loop.run();
    const bool signalled = watcher.finish();
    write_log_line(format_event_line("stopped", signalled ? "" : "\"error\":\"the event loop ended\"",
                                     std::chrono::system_clock::now()));
    return signalled ? 0 : 1;
}

}  // namespace brevgen::http
