#pragma once
/// The batch's output directory: created, locked against a second run, swept of the temp
/// files a killed run leaves, and its manifest prepared for a fresh or a resumed run.

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "batch/manifest.hpp"
#include "common/io.hpp"

namespace brevgen::batch {

/// Why the output directory cannot be used: the message and the exit code.
struct OutputDirError {
    int exit_code;
    std::string message;
};

/// The temporary files of a run, recorded in the directory's lock file before they can be
/// left behind: "? PATH" before one is created, "= DEVICE INODE PATH" once it is, "- PATH"
/// when creating it failed. The next run in the directory removes exactly those that still
/// exist as the same file (or, created but not yet confirmed, as an empty file), and
/// nothing that only looks like one.
class TempRegister final : public io::TempFileLog {
public:
    /// Records into `fd` (the locked lock file, opened O_APPEND) from now on.
    void attach(int fd) {
        const std::lock_guard lock(mutex_);
        fd_ = fd;
    }
    void creating(const std::filesystem::path& path) override;
    void not_created(const std::filesystem::path& path) override;
    void created(const std::filesystem::path& path, std::uint64_t device, std::uint64_t inode) override;
    void gone(const std::filesystem::path& path) override;

private:
    void rewrite();
    void append(const std::string& line);

    int fd_ = -1;
    std::mutex mutex_;
    std::map<std::string, std::string> live_;  ///< path → its line
    std::uint64_t written_ = 0;                ///< bytes in the file
};

/// An output directory in use by this process (the lock is released on destruction).
class OutputDir {
public:
    /// Creates and locks `dir`, removes stale temp files, and prepares `manifest.jsonl`: a
    /// fresh run refuses a directory that already has a manifest; a resumed run keeps the
    /// rows whose PDF is verified (size and SHA-256) and drops the others, so their
    /// records are done again. Throws OutputDirError.
    OutputDir(std::filesystem::path dir, bool resume, const KeepRule& rule);
    ~OutputDir();
    OutputDir(const OutputDir&) = delete;
    OutputDir& operator=(const OutputDir&) = delete;

    const std::filesystem::path& path() const { return dir_; }
    const std::filesystem::path& manifest() const { return manifest_; }
    /// Rows kept from an earlier run, and the manifest's size just after they were kept.
    std::uint64_t kept_rows() const { return kept_; }
    std::uint64_t kept_bytes() const { return kept_bytes_; }
    /// Warnings about the manifest found while preparing it (rows that could not be read),
    /// one line each, for stderr.
    const std::vector<std::string>& warnings() const { return warnings_; }
    /// Where every temporary file of this run (letters, manifest, print file) is recorded.
    io::TempFileLog* temp_log() { return &temps_; }
    /// Stale temp files removed.
    std::uint64_t swept() const { return swept_; }

private:
    void lock();
    void sweep();

    std::filesystem::path dir_, manifest_;
    int lock_fd_ = -1;
    TempRegister temps_;
    std::uint64_t kept_ = 0, kept_bytes_ = 0, swept_ = 0;
    std::vector<std::string> warnings_;
};


}  // namespace brevgen::batch
