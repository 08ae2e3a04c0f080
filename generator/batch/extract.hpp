#pragma once
/// Reading a batch extract (docs/batch.md): NDJSON or XML letter orders, streamed one
/// record at a time so that memory stays flat however long the extract is.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/diagnostic.hpp"
#include "data/value.hpp"

namespace brevgen::batch {

/// One letter order as the extract gives it: its syntax is checked, its meaning is not.
struct Order {
    std::uint64_t index = 0;       ///< 0-based record number in the extract (shards split these)
    SourcePos pos;                 ///< where the record starts in the extract
    std::uint64_t end_offset = 0;  ///< bytes of the extract up to the record's end (progress)
    std::optional<std::string> id;
    SourcePos id_pos;
    std::optional<std::string> kind;
    SourcePos kind_pos;
    std::string case_text;  ///< the case alone: a JSON object, or a <sag> element
    SourcePos case_pos;     ///< where case_text starts in the extract
    data::Format format = data::Format::json;
    Diagnostics errors;  ///< syntax and shape errors; positions in the extract, paths in the record
};

/// The extract's bytes: a file or stdin, read in chunks.
class Input {
public:
    /// Opens a file, or stdin for "-"; nullptr with `error` set when it cannot be read.
    static std::unique_ptr<Input> open(const std::string& name, std::string& error);
    explicit Input(int fd, bool owned, std::uint64_t size) : fd_(fd), owned_(owned), size_(size) {}
    ~Input();
    Input(const Input&) = delete;
    Input& operator=(const Input&) = delete;

    /// Appends the next chunk to `buf`; false at the end. Throws std::runtime_error when
    /// reading fails.
    bool read_more(std::string& buf);
    /// The size of a regular file, for progress; 0 when not known (a pipe).
    std::uint64_t size() const { return size_; }

private:
    int fd_;
    bool owned_;
    std::uint64_t size_;
};

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
/// NDJSON otherwise) and returns its reader. Records longer than `max_record_bytes` are
/// reported as errors and skipped without being held in memory.
std::unique_ptr<ExtractReader> open_extract(std::unique_ptr<Input> input, std::size_t max_record_bytes);

/// The NDJSON reader over `buf` (already read, BOM removed) and the rest of `input`.
std::unique_ptr<ExtractReader> ndjson_reader(std::unique_ptr<Input> input, std::string buf, std::size_t max_record_bytes);

/// The XML reader over `buf` (already read, BOM removed) and the rest of `input`.
std::unique_ptr<ExtractReader> xml_reader(std::unique_ptr<Input> input, std::string buf, std::size_t max_record_bytes);

/// A position inside a case text moved into the extract, the case text starting at `origin`.
SourcePos shift(SourcePos inner, SourcePos origin);

/// Advances a position over `text` (lines end at '\n'; columns count UTF-8 characters).
SourcePos advance(SourcePos from, std::string_view text);

/// "record longer than … MiB": the message for a record over the size limit.
std::string record_limit_message(std::size_t max_record_bytes);

}  // namespace brevgen::batch
