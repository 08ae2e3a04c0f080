#include "cli/serve_command.hpp"

#include <iostream>

#include "common/exit_codes.hpp"
#include "http/auth.hpp"
#include "http/server.hpp"

namespace brevgen::cli {

namespace {

/// The serve subcommand's own options (Options holds only what every command shares).
struct ServeArgs {
    std::string listen = "127.0.0.1:8080";
    std::string token_file;
    http::ServeOptions server;  ///< the limits, with their defaults
};

ServeArgs& serve_args() {
    static ServeArgs args;
    return args;
}

int usage_error(const std::string& message) {
    std::cerr << "error: " << message << '\n';
    return exit_code::usage;
}

void add_limit_options(CLI::App& serve, http::ServeOptions& s) {
    serve.add_option("--threads", s.threads, "Render workers, each with its own renderer (default: one per core)")
        ->check(CLI::Range(1, 256));
    serve.add_option("--queue", s.queue,
                     "Complete requests that may wait for a worker before new ones get 503 (default: 8 per worker)")
        ->check(CLI::Range(1, 100000));
    serve.add_option("--max-body", s.max_body, "Largest case body in bytes; larger ones get 413")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{1}, std::size_t{16} << 20));
    serve.add_option("--max-body-memory", s.max_body_memory,
                     "Request bodies held in memory at once (being read, waiting or rendering), in bytes; "
                     "a request that would pass it gets 503")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 34));
    serve.add_option("--max-connections", s.max_connections,
                     "Open client connections; beyond it idle ones are closed first, then new ones get 503")
        ->capture_default_str()
        ->check(CLI::Range(1, 65536));
    serve.add_option("--max-connections-per-address", s.max_connections_per_address,
                     "Open connections from one IP address (behind a proxy: the proxy's)")
        ->capture_default_str()
        ->check(CLI::Range(1, 65536));
    serve.add_option("--request-timeout", s.request_timeout_s,
                     "Seconds a client has for a request's head and body, from its first byte; then 408")
        ->capture_default_str()
        ->check(CLI::Range(1, 3600));
    serve.add_option("--shutdown-timeout", s.shutdown_timeout_s,
                     "Seconds after SIGTERM that clients may still finish sending their requests; renders "
                     "under way always finish")
        ->capture_default_str()
        ->check(CLI::Range(0, 3600));
}

}  // namespace

CLI::App* add_serve_command(CLI::App& app, Options& options) {
    ServeArgs& a = serve_args();
    auto* serve = app.add_subcommand("serve", "Serve letters over HTTP (POST /v1/letters/KIND) until SIGTERM");
    serve->add_option("--listen", a.listen, "HOST:PORT to listen on; port 0 picks a free one")
        ->capture_default_str();
    serve->add_option("--token-file", a.token_file,
                      "Accepted bearer tokens, one per line (# comments); required to listen beyond loopback");
    add_limit_options(*serve, a.server);
    // Without it, a profile that cannot make messages only turns POST /v1/messages/KIND into 501.
    serve->add_flag("--memo", options.memo,
                    "Require Digital Post messages (POST /v1/messages/KIND): refuse to start when the sender profile "
                    "lacks cvr or sagssystem (docs/digital-post.md)");
    return serve;
}

int run_serve(const Options& /*options*/, const std::shared_ptr<const Engine>& engine) {
    const ServeArgs& a = serve_args();
    std::string error;
    const auto address = http::parse_listen(a.listen, error);
    if (!address) return usage_error("--listen " + a.listen + ": " + error);
    http::ServeOptions o = a.server;
    o.host = address->host;
    o.port = address->port;
    o.max_body = std::min(o.max_body, engine->settings().read_limits.max_input_bytes);
    if (!a.token_file.empty()) {
        std::string warning;
        auto tokens = http::load_tokens(a.token_file, error, &warning);
        if (!tokens) {
            std::cerr << error << '\n';
            return error.find("cannot read") != std::string::npos ? exit_code::no_input : exit_code::usage;
        }
        if (!warning.empty()) std::cerr << warning << '\n';
        o.tokens = std::move(*tokens);
    } else if (!http::is_loopback(o.host)) {
        return usage_error("refusing to listen on " + a.listen +
                           " without --token-file: without bearer tokens the server only listens on loopback "
                           "(127.0.0.1, ::1)");
    }
    return http::serve(engine, o);
}

}  // namespace brevgen::cli
