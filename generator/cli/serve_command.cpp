#include "cli/serve_command.hpp"

#include <iostream>

#include "common/exit_codes.hpp"
#include "http/auth.hpp"
#include "http/server.hpp"

namespace brevgen::cli {

namespace {

int usage_error(const std::string& message) {
    std::cerr << "error: " << message << '\n';
    return exit_code::usage;
}

}  // namespace

CLI::App* add_serve_command(CLI::App& app, Options& options) {
    ServeArgs& a = options.serve;
    auto* serve = app.add_subcommand("serve", "Serve letters over HTTP (POST /v1/letters/KIND) until SIGTERM");
    serve->add_option("--listen", a.listen, "HOST:PORT to listen on; port 0 picks a free one")
        ->capture_default_str();
    serve->add_option("--threads", a.threads, "Worker threads, each serving one connection at a time with its own renderer (default: 4 per core)")
        ->check(CLI::Range(1, 256));
    serve->add_option("--queue", a.queue, "Connections that may wait for a worker before new ones get 503 (default: 2 per thread)")
        ->check(CLI::Range(1, 100000));
    serve->add_option("--token-file", a.token_file,
                      "Accepted bearer tokens, one per line (# comments); required to listen beyond loopback");
    serve->add_option("--max-body", a.max_body, "Largest case body in bytes; larger ones get 413")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{1}, std::size_t{16} << 20));
    return serve;
}

int run_serve(const Options& options, const std::shared_ptr<const Engine>& engine) {
    const ServeArgs& a = options.serve;
    std::string error;
    const auto address = http::parse_listen(a.listen, error);
    if (!address) return usage_error("--listen " + a.listen + ": " + error);
    http::ServeOptions o;
    o.host = address->host;
    o.port = address->port;
    o.threads = a.threads;
    o.queue = a.queue;
    o.max_body = std::min(a.max_body, engine->settings().read_limits.max_input_bytes);
    if (!a.token_file.empty()) {
        auto tokens = http::load_tokens(a.token_file, error);
        if (!tokens) {
            std::cerr << error << '\n';
            return error.find("cannot read") != std::string::npos ? exit_code::no_input : exit_code::usage;
        }
        o.tokens = std::move(*tokens);
    } else if (!http::is_loopback(o.host)) {
        return usage_error("refusing to listen on " + a.listen +
                           " without --token-file: without bearer tokens the server only listens on loopback "
                           "(127.0.0.1, ::1)");
    }
    return http::serve(engine, o);
}

}  // namespace brevgen::cli
