#include "batch/output_dir.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <sys/file.h>
#include <unistd.h>

#include "common/io.hpp"
#include "common/exit_codes.hpp"

namespace brevgen::batch {

namespace fs = std::filesystem;

namespace {
constexpr const char* manifest_name = "manifest.jsonl";
constexpr const char* lock_name = ".brevgen-batch.lock";
}  // namespace

OutputDir::OutputDir(fs::path dir, bool resume, const KeepRule& rule) : dir_(std::move(dir)), manifest_(dir_ / manifest_name) {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec || !fs::is_directory(dir_)) {
        throw OutputDirError{exit_code::io_error, dir_.string() + ": error: cannot create the output directory: " +
                                                      (ec ? ec.message() : "not a directory")};
    }
    lock();
    sweep();
    const auto size = fs::file_size(manifest_, ec);
    if (ec || size == 0) return;
    if (!resume) {
        throw OutputDirError{exit_code::usage, manifest_.string() +
                                                   ": error: the directory holds another run's manifest; add --resume to "
                                                   "finish that run, or choose an empty directory"};
    }
    try {
        const auto compacted = compact_manifest(manifest_, dir_, rule);
        kept_ = compacted.kept;
        for (const auto& d : compacted.damaged) {
            warnings_.push_back(manifest_.string() + ":" + std::to_string(d.line) + ": warning: cannot read this row (" + d.why +
                                "); its record is rendered again");
        }
        if (compacted.damaged_count > 0) {
            warnings_.push_back(manifest_.string() + ": warning: " + std::to_string(compacted.damaged_count) +
                                " rows could not be read (" + std::to_string(kept_) +
                                " rows kept); the records of the others are rendered again");
        }
    } catch (const WrongShard& e) {
        throw OutputDirError{exit_code::usage, manifest_.string() + ": error: " + e.what()};
    } catch (const std::runtime_error& e) {
        throw OutputDirError{exit_code::io_error, manifest_.string() + ": error: " + e.what()};
    }
    kept_bytes_ = fs::file_size(manifest_, ec);
}

OutputDir::~OutputDir() {
    if (lock_fd_ >= 0) ::close(lock_fd_);  // closing releases the lock
}

/// One run per directory: two would render the same letters and interleave their manifests.
void OutputDir::lock() {
    const auto path = dir_ / lock_name;
    lock_fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock_fd_ < 0) {
        throw OutputDirError{exit_code::io_error, dir_.string() + ": error: cannot write in the output directory: " + std::strerror(errno)};
    }
    if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
        throw OutputDirError{exit_code::failure, dir_.string() + ": error: another batch is running in this directory"};
    }
}

/// Temp files of PDFs and of the manifest that a killed run left behind. Nothing else
/// writes in a locked directory, so every one of them is stale.
void OutputDir::sweep() {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir_, ec)) {
        const auto name = entry.path().filename().string();
        if (io::is_temp_of(name, ".pdf") || io::is_temp_of(name, manifest_name)) {
            if (fs::remove(entry.path(), ec)) ++swept_;
        }
    }
}

void sweep_temp_files_of(const fs::path& target) {
    std::error_code ec;
    const auto dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    const auto name = target.filename().string();
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const auto entry_name = entry.path().filename().string();
        if (io::is_temp_of(entry_name, name) && entry_name.size() == name.size() + 8) fs::remove(entry.path(), ec);
    }
}

}  // namespace brevgen::batch
