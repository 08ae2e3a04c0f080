#pragma once
/// The subcommands of the brevgen command line.

#include <CLI/CLI.hpp>

#include "cli/command_line.hpp"
#include "cli/options.hpp"
#include "engine/engine.hpp"

namespace brevgen::cli {

/// Registers the subcommands on `app`, writing their arguments into `options`.
void add_commands(CLI::App& app, Options& options);

/// Runs the chosen subcommand; returns the process exit code.
int run(Options& options);

}  // namespace brevgen::cli
