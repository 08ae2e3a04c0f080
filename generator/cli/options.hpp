#pragma once
/// Everything the command line can set, filled while its arguments are parsed.

#include <cstddef>
#include <string>
#include <vector>

#include "engine/engine.hpp"

namespace brevgen::cli {

/// `brevgen batch`'s own options.
struct BatchArgs {
    std::string extract, output, shard, print;
    unsigned jobs = 0;
    bool resume = false;
    bool shard_given = false;  ///< --shard was on the command line (an empty value is an error, not "no shard")
};

/// Everything the command line can set.
struct Options {
    std::string command;
    std::string kind;
    std::string input;
    std::string output;
    Settings settings;  ///< starts as the caller's defaults (the environment included)
    std::string templates, fonts, sender;
    std::size_t max_pages = 0;  ///< limits: 0 keeps the default (docs/limits.md)
    std::size_t max_input_bytes = 0;
    std::size_t max_depth = 0;
    std::size_t max_array_items = 0;
    std::size_t max_string_bytes = 0;
    std::size_t max_nodes = 0;
    std::size_t max_table_rows = 0;
    bool untagged = false;
    bool memo = false;  ///< render, batch, serve: Digital Post messages (docs/digital-post.md)
    BatchArgs batch;  // serve's options live in generator/cli/serve_command.cpp
};

}  // namespace brevgen::cli
