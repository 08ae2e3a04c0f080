#pragma once
/// The nightly batch (docs/batch.md): an extract of letter orders → one PDF per order in an
/// output directory, a manifest, and optionally one print file for the paper-mail letters.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "engine/engine.hpp"

namespace brevgen::batch {

/// What `brevgen batch` was asked to do.
struct BatchOptions {
    std::string extract;                 ///< NDJSON or XML file, or "-" for stdin
    std::filesystem::path output_dir;    ///< created when missing
    unsigned jobs = 0;                   ///< worker threads; 0: one per available core
    unsigned shard_index = 0;            ///< this process takes records K, K+N, K+2N, …
    unsigned shard_count = 1;
    bool resume = false;                 ///< finish an interrupted run in output_dir
    std::filesystem::path print_file;    ///< empty: no print file
    bool memo = false;                   ///< also write <id>.xml, the Digital Post message
};

/// A shard written "K/N" (0 <= K < N), or nullopt when malformed.
struct Shard {
    unsigned index = 0, count = 1;
};
std::optional<Shard> parse_shard(std::string_view text);

/// Worker threads when none are asked for: the CPUs this process may run on.
unsigned default_jobs();

/// Runs a batch and returns the process exit code: 0 every letter rendered, 1 some
/// failed (or the extract broke off), 2 bad options, 66 the extract cannot be read, 74
/// the output cannot be written. Reports go to stderr; no case content is logged.
int run_batch(const BatchOptions& options, std::shared_ptr<const Engine> engine);

}  // namespace brevgen::batch
