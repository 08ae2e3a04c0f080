#include "http/server.hpp"

#include <pthread.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <iostream>
#include <thread>

#include "http/access_log.hpp"
#include "http/transport.hpp"

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

/// Binds; returns the port, or -1 with errno's reason on stderr.
int bind(Transport& server, const ServeOptions& o) {
    errno = 0;
    const int port = o.port == 0 ? server.bind_to_any_port(o.host)
                                 : (server.bind_to_port(o.host, o.port) ? o.port : -1);
    if (port < 0) {
        std::cerr << "error: cannot listen on " << address_text(o.host, o.port) << ": "
                  << (errno ? std::strerror(errno) : "bind failed") << '\n';
        return -1;
    }
    // httplib listens with a backlog of 5; bursts of new connections want more room.
    ::listen(server.listening_socket(), SOMAXCONN);
    return port;
}

/// Waits for SIGTERM/SIGINT and stops the server: httplib then accepts no more
/// connections, finishes the requests in flight, and listen_after_bind() returns.
class SignalWatcher {
public:
    SignalWatcher(Transport& server, const sigset_t& set) : thread_([this, &server, set] { watch(server, set); }) {}

    /// Ends the watcher when the server stopped by itself; true if a signal stopped it.
    bool finish() {
        done_ = true;
        if (!signalled_) pthread_kill(thread_.native_handle(), SIGTERM);  // wakes sigwait
        thread_.join();
        return signalled_;
    }
    int signal() const { return signal_; }

private:
    void watch(Transport& server, sigset_t set) {
        int sig = 0;
        if (sigwait(&set, &sig) != 0 || done_) return;
        signal_ = sig;
        signalled_ = true;
        const std::string name = sig == SIGINT ? "SIGINT" : "SIGTERM";
        write_log_line(format_event_line("stopping", "\"signal\":\"" + name + "\"", std::chrono::system_clock::now()));
        // A stop() before the accept loop runs would be lost.
        while (!server.is_running() && !done_) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        server.stop();
    }

    std::atomic<bool> done_{false};
    std::atomic<bool> signalled_{false};
    std::atomic<int> signal_{0};
    std::thread thread_;
};

}  // namespace

int serve(std::shared_ptr<const Engine> engine, const ServeOptions& o) {
    TransportLimits limits;
    // A worker serves one connection for as long as it stays open, so there are more
    // workers than cores: connections then share the CPU instead of waiting their turn
    // behind a kept-alive one. A worker's renderer costs about 2 MB.
    limits.threads = o.threads ? o.threads : 4 * std::max(1u, std::thread::hardware_concurrency());
    limits.queue = o.queue ? o.queue : 2 * limits.threads;
    limits.max_body = o.max_body;
    const BlockedSignals signals;  // before any thread exists
    std::signal(SIGPIPE, SIG_IGN);  // a client that hangs up must not end the server
    Service service(std::move(engine), ServiceOptions{o.max_body, o.tokens});
    Transport server(service, limits);
    const int port = bind(server, o);
    if (port < 0) return 1;
    write_log_line(format_event_line("listening",
                                     "\"address\":\"" + address_text(o.host, port) +
                                         "\",\"threads\":" + std::to_string(limits.threads) +
                                         ",\"queue\":" + std::to_string(limits.queue) +
                                         ",\"max_body\":" + std::to_string(o.max_body) +
                                         ",\"auth\":" + (o.tokens.empty() ? "false" : "true"),
                                     std::chrono::system_clock::now()));
    SignalWatcher watcher(server, signals.set());
    server.listen_after_bind();
    const bool signalled = watcher.finish();
    write_log_line(format_event_line("stopped", signalled ? "" : "\"error\":\"the accept loop ended\"",
                                     std::chrono::system_clock::now()));
    return signalled ? 0 : 1;
}

}  // namespace brevgen::http
