#pragma once
/// Reading a batch extract (docs/batch.md): NDJSON or XML letter orders, streamed one
/// record at a time so that memory stays flat however long the extract is. The readers
/// here only cut the extract into records; each record is read by the engine's case
/// reader (read_order), so its syntax, limits and positions are those of a case file.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/diagnostic.hpp"
#include "common/io.hpp"
#include "engine/engine.hpp"

namespace brevgen::batch {

/// The extract's bytes: a file or stdin, read in chunks.
using Input = io::InputStream;

/// One letter order of the extract: where it is, and what the case reader made of it (its
/// id, kind and case tree, or its errors: positions in the extract, paths in the record).
/// Its syntax is checked, its meaning is not.
struct Order : OrderRecord {
    std::uint64_t index = 0;       ///< 0-based record number in the extract (shards split these)
    SourcePos pos;                 ///< where the record starts in the extract
    std::uint64_t end_offset = 0;  ///< bytes of the extract up to the record's end (progress)
    std::uint64_t bytes = 0;       ///< the record's own length, which its case tree was read from
    std::string record_sha256;     ///< hex SHA-256 of the record's bytes as the extract has them
    /// What the letter is made from (record_inputs): set once the record passed the checks.
    std::string inputs;
};

/// The digest of everything a record's letter is made from: the record's bytes (its id,
/// kind and case) and the engine's inputs_digest for its kind (templates, sender profile).
std::string record_inputs(const Order& order, const Engine& engine);

/// Streams the records of an extract, in order.
class ExtractReader {
public:
    virtual ~ExtractReader() = default;
    /// The next record; nullopt at the end of the extract or after a fatal error.
    virtual std::optional<Order> next() = 0;
    /// An error about the extract as a whole (XML broken between records, a read error):
    /// reading stopped there. Empty when the extract was read to its end.
    Diagnostics fatal;
    /// The fatal error was a failure to read (not malformed content).
    bool unreadable = false;
};

/// Sniffs the format (XML when the first non-space byte after an optional BOM is '<',
/// NDJSON otherwise) and returns its reader. Records longer than `limits.max_input_bytes`
/// are reported as errors and skipped without being held in memory; the others are read
/// with `limits`.
std::unique_ptr<ExtractReader> open_extract(std::unique_ptr<Input> input, const ReadLimits& limits);

/// The NDJSON reader over `buf` (already read, BOM removed) and the rest of `input`.
std::unique_ptr<ExtractReader> ndjson_reader(std::unique_ptr<Input> input, std::string buf, const ReadLimits& limits);

/// The XML reader over `buf` (already read, BOM removed) and the rest of `input`.
std::unique_ptr<ExtractReader> xml_reader(std::unique_ptr<Input> input, std::string buf, const ReadLimits& limits);

/// Advances a position over `text` (lines end at '\n'; columns count UTF-8 characters).
SourcePos advance(SourcePos from, std::string_view text);

/// "record longer than … MiB": the message for a record over the size limit.
std::string record_limit_message(std::size_t max_record_bytes);

}  // namespace brevgen::batch
