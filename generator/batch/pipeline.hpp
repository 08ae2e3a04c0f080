#pragma once
/// Inside the batch: the items that travel between the reader, the workers and the
/// collector, and the per-record steps each of them runs.

#include <cstdint>
#include <filesystem>
#include <memory>

#include "batch/extract.hpp"
#include "batch/ids.hpp"
#include "batch/manifest.hpp"
#include "common/io.hpp"
#include "engine/engine.hpp"

namespace brevgen::batch {

/// A record for a worker to render; `seq` is its place among this shard's records.
struct Job {
    std::uint64_t seq = 0;
    Order order;
};

/// What became of a record, on its way to the manifest in input order.
struct Done {
    std::uint64_t seq = 0;
    Row row;
    bool already = false;          ///< finished by an earlier run: counted, not written again
    std::uint64_t end_offset = 0;  ///< for progress
    /// The rendered PDF (and with --memo its message), written to temp files but not yet
    /// synced or renamed: the collector does that for a group of letters at once, before
    /// their manifest rows.
    std::vector<std::unique_ptr<io::AtomicFile>> staged;
};

/// The manifest row a record starts as (where it is, what it claims to be).
Row row_of(const Order& order);

/// Checks that do not need a renderer, in extract order: the reader's syntax errors, an
/// unsafe or duplicate id (every record's id is remembered, in every shard, so shards
/// agree on which of two equal ids is the duplicate), an unknown kind. Returns the errors.
Diagnostics check_order(const Order& order, const Engine& engine, IdSet& seen);

/// Renders one order (its case tree is used up) and writes `<id>.pdf` — with `memo` also
/// `<id>.xml`, its Digital Post message — to temp files in `dir` (`staged`, the PDF first;
/// `log` is told of them), not yet synced or renamed; the row says how it went (diagnostics
/// at their place in the extract, paths under /case).
Row render_order(Renderer& renderer, Order& order, const std::filesystem::path& dir, bool memo, io::TempFileLog* log,
                 std::vector<std::unique_ptr<io::AtomicFile>>& staged);

}  // namespace brevgen::batch
