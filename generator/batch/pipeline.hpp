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
/// A file a letter makes (`<id>.pdf`, with --memo also `<id>.xml`), rendered but not yet
/// written: the collector writes, syncs and renames it, so a worker only renders.
struct Output {
    std::string name;
    std::string bytes;
};

struct Done {
    std::uint64_t seq = 0;
    Row row;
    bool already = false;          ///< finished by an earlier run: counted, not written again
    std::uint64_t end_offset = 0;  ///< for progress
    SourcePos pos;                 ///< where the record starts, for an error writing its files
    /// The rendered PDF (and with --memo its message), the PDF first. The collector writes
    /// them to temp files, syncs and renames them for a group of letters at once, before
    /// their manifest rows: file creation and writing (about a third of a letter's time in
    /// the kernel) then run beside the rendering instead of after it in the worker.
    std::vector<Output> outputs;
    std::vector<std::unique_ptr<io::AtomicFile>> staged;
};

/// The manifest row a record starts as (where it is, what it claims to be).
Row row_of(const Order& order);

/// Checks that do not need a renderer, in extract order: the reader's syntax errors, an
/// unsafe or duplicate id (every record's id is remembered, in every shard, so shards
/// agree on which of two equal ids is the duplicate), an unknown kind. Returns the errors.
Diagnostics check_order(const Order& order, const Engine& engine, IdSet& seen);

/// Renders one order (its case tree is used up) into `outputs`: `<id>.pdf` — with `memo`
/// also `<id>.xml`, its Digital Post message — the PDF first; the row says how it went
/// (diagnostics at their place in the extract, paths under /case) and, when ok, what the
/// files will hold but their checksums (stage_outputs takes those). Nothing is written here.
Row render_order(Renderer& renderer, Order& order, bool memo, std::vector<Output>& outputs);

/// Writes each of `outputs` to a temp file in `dir` (added to `staged`; `log` is told of
/// them), not yet synced or renamed, puts each one's SHA-256 into `row`, and lets the bytes go. False when one cannot be
/// written: then nothing is staged, and `row` is failed with the error at `pos`.
bool stage_outputs(const std::filesystem::path& dir, std::vector<Output>& outputs, const SourcePos& pos,
                   io::TempFileLog* log, std::vector<std::unique_ptr<io::AtomicFile>>& staged, Row& row);

}  // namespace brevgen::batch
