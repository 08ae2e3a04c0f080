#pragma once
/// A file written in pieces and published atomically: the same temp + fsync + rename as
/// cli/io's write_atomically, for outputs too large to hold in memory (the print file, a
/// rewritten manifest).

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace brevgen::batch {

/// Writes to `.<name>.XXXXXX` beside the target; commit() fsyncs it, renames it over the
/// target and fsyncs the directory. Destroyed without commit(), it removes the temp file.
/// Failures throw std::runtime_error naming the cause.
class AtomicFile {
public:
    explicit AtomicFile(std::filesystem::path target);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    void write(std::string_view bytes);
    /// Bytes written so far.
    std::uint64_t offset() const { return offset_ + buf_.size(); }
    void commit();

private:
    void flush();

    std::filesystem::path target_;
    std::string temp_;
    int fd_ = -1;
    std::string buf_;
    std::uint64_t offset_ = 0;
};

/// True for the name of a temp file that write_atomically or AtomicFile leaves behind when
/// killed while writing a file whose name ends with `target_end`: "." + that name + "." +
/// mkstemp's six letters and digits.
bool is_temp_of(std::string_view name, std::string_view target_end);

/// fsyncs a directory (after renames into it); false when that fails.
bool sync_directory(const std::filesystem::path& dir);

}  // namespace brevgen::batch
