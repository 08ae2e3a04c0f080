#pragma once
/// The brevgen command line as a function: what main() calls, and what tests call in process.

#include "engine/engine.hpp"

namespace brevgen::cli {

/// Parses `argv` (argv[0] is the program), runs the subcommand with `defaults` as the
/// starting settings, prints to stdout and stderr, and returns the exit code. main()
/// passes the process environment; a test may pass its own settings (a registry with
/// another kind, say).
int run_command_line(int argc, const char* const* argv, const Settings& defaults);

}  // namespace brevgen::cli
