#pragma once
/// The subcommands of the brevgen command line.

#include <CLI/CLI.hpp>
#include <string>

#include "engine/engine.hpp"

namespace brevgen::cli {

/// Everything the command line can set.
struct Options {
    std::string command;
    std::string kind;
    std::string input;
    std::string output;
    Settings settings;
    std::string templates, fonts, sender;
    std::size_t max_pages = 0;  ///< limits: 0 keeps the default (docs/limits.md)
    std::size_t max_input_bytes = 0;
    std::size_t max_depth = 0;
    std::size_t max_array_items = 0;
    std::size_t max_string_bytes = 0;
    std::size_t max_nodes = 0;
    std::size_t max_table_rows = 0;
    bool untagged = false;
    bool memo = false;  ///< render: write the Digital Post message instead of the PDF
    // batch and serve options live in their own structs, filled by their subcommands
    std::vector<std::string> rest;
};

/// Registers the subcommands on `app`, writing their arguments into `options`.
void add_commands(CLI::App& app, Options& options);

/// Runs the chosen subcommand; returns the process exit code.
int run(Options& options);

}  // namespace brevgen::cli
