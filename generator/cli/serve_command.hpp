#pragma once
/// `brevgen serve`: the command-line face of the HTTP service (generator/http/).

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands.hpp"

namespace brevgen::cli {

/// Registers the serve subcommand on `app` and returns it, so the caller can add the
/// options every subcommand shares (--templates, --fonts, --sender, --max-pages).
CLI::App* add_serve_command(CLI::App& app, Options& options);

/// Checks the serve options and serves until SIGTERM/SIGINT; returns the exit code
/// (0 after a clean stop, 2 for a bad command line, 66 for an unreadable token file).
int run_serve(const Options& options, const std::shared_ptr<const Engine>& engine);

}  // namespace brevgen::cli
