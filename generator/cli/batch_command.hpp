#pragma once
/// `brevgen batch`: the command-line face of generator/batch/.

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands.hpp"

namespace brevgen::cli {

/// Registers `batch` on `app` with its own options (kept in batch_command.cpp) and returns
/// it, for commands.cpp to add the options every command has.
CLI::App* add_batch_command(CLI::App& app, Options& options);

/// Runs `brevgen batch` with the engine `run` loaded; returns the process exit code.
int run_batch_command(const Options& options, std::shared_ptr<const Engine> engine);

}  // namespace brevgen::cli
