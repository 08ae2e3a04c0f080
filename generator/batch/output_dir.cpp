#include "batch/output_dir.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <sys/file.h>
#include <sys/stat.h>

#include <cstdio>

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
        const auto compacted = compact_manifest(manifest_, dir_, rule, &temps_);
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
    lock_fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (lock_fd_ < 0) {
        throw OutputDirError{exit_code::io_error, dir_.string() + ": error: cannot write in the output directory: " + std::strerror(errno)};
    }
    if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
        throw OutputDirError{exit_code::failure, dir_.string() + ": error: another batch is running in this directory"};
    }
    temps_.attach(lock_fd_);
}

/// The temporary files a killed run recorded in the lock file (see TempRegister): each
/// is removed when it still exists as the same file (device and inode), or, when the run
/// died between creating it and confirming it, as an empty regular file. A file that
/// merely looks like a temporary file was never recorded and stays.
void OutputDir::sweep() {
    std::string text;
    char chunk[4096];
    for (off_t at = 0;;) {
        const ssize_t n = ::pread(lock_fd_, chunk, sizeof chunk, at);
        if (n <= 0) break;
        text.append(chunk, static_cast<std::size_t>(n));
        at += n;
    }
    struct Entry {
        bool confirmed = false;
        unsigned long long device = 0, inode = 0;
    };
    std::map<std::string, Entry> entries;
    for (std::size_t pos = 0, nl; (nl = text.find('\n', pos)) != std::string::npos; pos = nl + 1) {
        const std::string line = text.substr(pos, nl - pos);  // a line cut short by a crash has no '\n': ignored
        if (line.size() < 3 || line[1] != ' ') continue;
        if (line[0] == '?') {
            entries[line.substr(2)] = Entry{};
        } else if (line[0] == '-') {
            entries.erase(line.substr(2));
        } else if (line[0] == '=') {
            Entry e{true};
            int used = 0;
            if (std::sscanf(line.c_str() + 2, "%llu %llu %n", &e.device, &e.inode, &used) == 2 && used > 0) {
                entries[line.substr(2 + static_cast<std::size_t>(used))] = e;
            }
        }
    }
    for (const auto& [path, e] : entries) {
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
        const bool ours = e.confirmed ? st.st_dev == e.device && st.st_ino == e.inode : st.st_size == 0;
        if (ours && ::unlink(path.c_str()) == 0) ++swept_;
    }
    if (::ftruncate(lock_fd_, 0) != 0) {
        throw OutputDirError{exit_code::io_error, dir_.string() + ": error: cannot write in the output directory: " + std::strerror(errno)};
    }
}

void TempRegister::append(const std::string& line) {
    // O_APPEND: one write of a whole line.
    if (fd_ >= 0 && ::write(fd_, line.data(), line.size()) == static_cast<ssize_t>(line.size())) written_ += line.size();
}

void TempRegister::creating(const std::filesystem::path& path) {
    std::string line = "? " + std::filesystem::absolute(path).string() + "\n";
    const std::lock_guard lock(mutex_);
    append(line);
    live_[path.string()] = std::move(line);  // kept by rewrite() until confirmed
}

void TempRegister::not_created(const std::filesystem::path& path) {
    const std::string line = "- " + std::filesystem::absolute(path).string() + "\n";
    const std::lock_guard lock(mutex_);
    append(line);
    live_.erase(path.string());
}

void TempRegister::created(const std::filesystem::path& path, std::uint64_t device, std::uint64_t inode) {
    const std::string absolute = std::filesystem::absolute(path).string();
    std::string line = "= " + std::to_string(device) + " " + std::to_string(inode) + " " + absolute + "\n";
    const std::lock_guard lock(mutex_);
    append(line);
    live_[path.string()] = std::move(line);
}

void TempRegister::gone(const std::filesystem::path& path) {
    const std::lock_guard lock(mutex_);
    live_.erase(path.string());
    if (written_ > (std::size_t{64} << 10)) rewrite();  // keep the record as short as what is live
}

void TempRegister::rewrite() {
    std::string text;
    for (const auto& [path, line] : live_) text += line;
    if (::ftruncate(fd_, 0) != 0) return;
    if (::write(fd_, text.data(), text.size()) == static_cast<ssize_t>(text.size())) written_ = text.size();
}

}  // namespace brevgen::batch
