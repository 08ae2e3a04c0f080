#include "batch/atomic_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace brevgen::batch {

namespace {
constexpr std::size_t flush_bytes = std::size_t{256} << 10;

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error(what + ": " + std::strerror(errno)); }
}  // namespace

AtomicFile::AtomicFile(std::filesystem::path target) : target_(std::move(target)) {
    const auto dir = target_.has_parent_path() ? target_.parent_path() : std::filesystem::path(".");
    std::string name = ".";  // appended piece by piece: GCC 12 warns (wrongly) about "." + string
    name += target_.filename().string();
    name += ".XXXXXX";
    temp_ = (dir / name).string();
    fd_ = ::mkstemp(temp_.data());
    if (fd_ < 0) fail("cannot create a temporary file beside " + target_.string());
    ::fchmod(fd_, 0644);
}

AtomicFile::~AtomicFile() {
    if (fd_ >= 0) {
        ::close(fd_);
        ::unlink(temp_.c_str());
    }
}

void AtomicFile::write(std::string_view bytes) {
    buf_.append(bytes);
    if (buf_.size() >= flush_bytes) flush();
}

void AtomicFile::flush() {
    std::string_view rest = buf_;
    while (!rest.empty()) {
        const ssize_t n = ::write(fd_, rest.data(), rest.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("cannot write " + temp_);
        rest.remove_prefix(static_cast<std::size_t>(n));
    }
    offset_ += buf_.size();
    buf_.clear();
}

void AtomicFile::commit() {
    flush();
    if (::fsync(fd_) != 0) fail("cannot write " + temp_);
    if (::close(fd_) != 0) {
        fd_ = -1;
        ::unlink(temp_.c_str());
        fail("cannot write " + temp_);
    }
    fd_ = -1;
    if (std::rename(temp_.c_str(), target_.c_str()) != 0) {
        const int saved = errno;
        ::unlink(temp_.c_str());
        errno = saved;
        fail("cannot rename the temporary file to " + target_.string());
    }
    sync_directory(target_.has_parent_path() ? target_.parent_path() : std::filesystem::path("."));
}

bool is_temp_of(std::string_view name, std::string_view target_end) {
    if (name.size() < target_end.size() + 8 || name.front() != '.' || name[name.size() - 7] != '.') return false;
    for (const char c : name.substr(name.size() - 6)) {
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
    }
    return name.substr(0, name.size() - 7).ends_with(target_end);
}

bool sync_directory(const std::filesystem::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

}  // namespace brevgen::batch
