#pragma once
/// The batch manifest (docs/batch.md, "Manifest"): one JSON line per record, appended only
/// after the record's PDF is in place, so a row always vouches for a complete file.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.hpp"
#include "common/io.hpp"

namespace brevgen::batch {

/// A Digital Post message written beside a row's PDF (batch --memo).
struct MemoFile {
    std::uint64_t bytes = 0;
    std::string sha256;        ///< of the XML file, hex
    std::string message_uuid;  ///< its memo:messageUUID
};

/// One manifest row: what became of one record of the extract.
struct Row {
    std::uint64_t record = 0;  ///< 0-based record number in the extract
    std::uint32_t line = 0;    ///< the extract line where the record starts
    std::optional<std::string> id, kind;
    bool ok = false;
    std::uint64_t pages = 0, bytes = 0;
    std::string sha256;  ///< of the PDF, hex
    bool paper = false;  ///< the recipient gets paper mail (goes into the --print file)
    std::optional<MemoFile> memo;  ///< ok rows of a --memo run: the message beside the PDF
    std::string inputs;  ///< hex digest of what the letter is made from (record_inputs)
    Diagnostics warnings, errors;

    /// The PDF's file name in the output directory.
    std::string file() const { return *id + ".pdf"; }
    /// The message's file name in the output directory.
    std::string memo_file() const { return *id + ".xml"; }
};

/// The row as one JSON line, newline included.
std::string to_json_line(const Row& row);

/// A row read back; nullopt for a line that is not a whole, well-typed row (cut short by a
/// crash, damaged, edited by hand), with the reason in `why`. Never throws.
std::optional<Row> parse_row(std::string_view line, std::string* why = nullptr);

/// A manifest line that could not be read as a row.
struct DamagedRow {
    std::uint64_t line = 0;  ///< 1-based
    std::string why;
};

/// What one pass over a manifest found: where its runs start (a row whose record is not
/// above the one before starts a new run: rows appended by a resumed run), plus its end,
/// as byte offsets; and the lines that are not rows (the first ten, and how many in all).
struct ManifestScan {
    std::vector<std::uint64_t> run_starts;
    std::vector<DamagedRow> damaged;
    std::uint64_t damaged_count = 0;
};

/// Reads a manifest from `in` once. Never throws; blank lines are skipped silently.
ManifestScan scan_manifest(std::istream& in);

/// Appends rows to the manifest and makes them durable when asked: the caller has made
/// the files the rows name durable first (fsync of each, then of the directory).
class ManifestWriter {
public:
    /// Opens `path` for appending; throws std::runtime_error when it cannot.
    explicit ManifestWriter(const std::filesystem::path& path);
    ~ManifestWriter();
    ManifestWriter(const ManifestWriter&) = delete;
    ManifestWriter& operator=(const ManifestWriter&) = delete;

    /// Writes the row (one write(2) of a whole line); throws std::runtime_error on failure.
    void append(const Row& row);
    /// fsyncs what was appended since the last sync.
    void sync();

private:
    int fd_ = -1;
    bool dirty_ = false;
};

/// Which rows a compaction keeps.
struct KeepRule {
    bool verify = false;               ///< keep only ok rows whose PDF (and message) has the recorded size and SHA-256
    std::uint64_t shard_index = 0, shard_count = 1;
};

/// The manifest holds rows of records that are not in this shard.
struct WrongShard : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// What a compaction did: rows kept, and the lines it could not read (dropped: their
/// records count as not done).
struct Compacted {
    std::uint64_t kept = 0;
    std::vector<DamagedRow> damaged;  ///< the first ten
    std::uint64_t damaged_count = 0;
};

/// Rewrites `manifest` atomically with its rows in record order, one per record (a later
/// row wins over an earlier one for the same record), keeping what `rule` allows. Throws
/// WrongShard, or std::runtime_error when the file cannot be read or written.
/// `log` is told of the temporary file.
Compacted compact_manifest(const std::filesystem::path& manifest, const std::filesystem::path& dir, const KeepRule& rule,
                           io::TempFileLog* log = nullptr);

/// Walks a compacted (record-ordered) manifest alongside the extract: done(record, id)
/// answers the row for that record when it is the same order, using no memory per row.
class DoneRows {
public:
    /// No manifest: nothing is done.
    DoneRows() = default;
    /// Reads the first `limit` bytes of `manifest` (the rows that were there before this
    /// run started appending). `need_memo`: a row counts as done only with its message.
    DoneRows(const std::filesystem::path& manifest, std::uint64_t limit, bool need_memo = false);
    /// The ok row of `record` when its id is `id`, its letter was made from `inputs` (and
    /// it has a message when one is needed); nullptr when that record is not done. Records
    /// must be asked for in rising order.
    const Row* done(std::uint64_t record, std::string_view id, std::string_view inputs);

private:
    std::ifstream in_;
    std::uint64_t left_ = 0;
    std::optional<Row> row_;
    bool open_ = false;
    bool need_memo_ = false;
};

}  // namespace brevgen::batch
