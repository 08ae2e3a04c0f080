#include "common/io.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/messages.hpp"

namespace brevgen::io {

namespace {

constexpr std::size_t flush_bytes = std::size_t{256} << 10;
constexpr std::size_t read_chunk = std::size_t{64} << 10;

std::string system_reason(int error) { return std::strerror(error); }

/// Replaces the last six characters of `name` with random letters and digits, as mkstemp does.
void random_suffix(std::string& name) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    thread_local std::mt19937_64 rng{std::random_device{}()};
    for (std::size_t i = name.size() - 6; i < name.size(); ++i) name[i] = alphabet[rng() % (sizeof alphabet - 1)];
}

bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

/// Reads `fd` to its end, stopping one byte past `max_bytes`.
ReadResult read_all(int fd, std::uint64_t max_bytes, std::uint64_t size_hint) {
    ReadResult r;
    std::string text;
    if (size_hint > 0) text.reserve(static_cast<std::size_t>(std::min(size_hint, max_bytes) + 1));
    for (;;) {
        // A regular file is read in one call of its size plus one (the byte that shows
        // the end); zero-filling a fixed 64 KB chunk twice per file cost more than reading.
        const std::size_t old = text.size();
        const std::size_t room = text.capacity() - old;
        const std::size_t chunk = room > 0 ? room : read_chunk;
        text.resize(old + chunk);
        const ssize_t n = ::read(fd, text.data() + old, chunk);
        if (n < 0 && errno == EINTR) {
            text.resize(old);
            continue;
        }
        if (n < 0) {
            r.error = system_reason(errno);
            return r;
        }
        text.resize(old + static_cast<std::size_t>(n));
        if (text.size() > max_bytes) {
            r.too_large = true;
            r.error = message::input_too_large(std::nullopt, max_bytes);
            return r;
        }
        if (n == 0) break;
    }
    r.bytes = std::move(text);
    return r;
}

}  // namespace

ReadResult read_file(const std::filesystem::path& path, std::uint64_t max_bytes) {
    ReadResult r;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        r.error = system_reason(errno);
        return r;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
        r.error = S_ISDIR(st.st_mode) ? "is a directory" : system_reason(errno);
        ::close(fd);
        return r;
    }
    const bool regular = S_ISREG(st.st_mode);
    if (regular && static_cast<std::uint64_t>(st.st_size) > max_bytes) {
        r.too_large = true;
        r.size = static_cast<std::uint64_t>(st.st_size);
        r.error = message::input_too_large(r.size, max_bytes);
        ::close(fd);
        return r;
    }
    r = read_all(fd, max_bytes, regular ? static_cast<std::uint64_t>(st.st_size) : 0);
    ::close(fd);
    return r;
}

namespace {

bool is_within(const std::filesystem::path& resolved, const std::filesystem::path& canonical_root) {
    const auto r = resolved.lexically_normal().native();
    const auto root = canonical_root.lexically_normal().native();
    if (r == root) return true;
    return r.starts_with(root.ends_with('/') ? root : root + '/');
}

}  // namespace

ReadResult read_confined(const std::filesystem::path& path, const std::filesystem::path& root,
                         std::uint64_t max_bytes) {
    ReadResult r;
    // Non-blocking, so that a FIFO put in the file's place cannot hang the open.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        r.error = system_reason(errno);
        return r;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        r.error = system_reason(errno);
    } else if (!S_ISREG(st.st_mode)) {
        r.error = "not a regular file";
    } else if (!root.empty()) {
        // Where the open file really is: the kernel's answer, not a second lookup of the name.
        std::error_code ec;
        const auto opened = std::filesystem::read_symlink("/proc/self/fd/" + std::to_string(fd), ec);
        const auto canonical_root = std::filesystem::canonical(root, ec);
        if (ec || opened.empty() || !is_within(opened, canonical_root)) {
            r.error = "resolves to a place outside " + root.string();
        }
    }
    if (r.error.empty() && static_cast<std::uint64_t>(st.st_size) > max_bytes) {
        r.too_large = true;
        r.size = static_cast<std::uint64_t>(st.st_size);
        r.error = message::file_too_large(*r.size, max_bytes);
    }
    if (r.error.empty()) r = read_all(fd, max_bytes, static_cast<std::uint64_t>(st.st_size));
    ::close(fd);
    return r;
}

bool resolves_inside(const std::filesystem::path& path, const std::filesystem::path& root) {
    std::error_code ec;
    const auto resolved = std::filesystem::canonical(path, ec);
    if (ec) return false;
    const auto canonical_root = std::filesystem::canonical(root, ec);
    return !ec && is_within(resolved, canonical_root);
}

ReadResult read_input(std::string_view name, std::uint64_t max_bytes) {
    if (name == "-") return read_all(STDIN_FILENO, max_bytes, 0);
    return read_file(std::filesystem::path(name), max_bytes);
}

std::unique_ptr<InputStream> InputStream::open(std::string_view name, std::string& error) {
    if (name == "-") return std::make_unique<InputStream>(STDIN_FILENO, false, 0);
    const int fd = ::open(std::string(name).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = system_reason(errno);
        return nullptr;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
        error = S_ISDIR(st.st_mode) ? "is a directory" : system_reason(errno);
        ::close(fd);
        return nullptr;
    }
    return std::make_unique<InputStream>(fd, true, S_ISREG(st.st_mode) ? static_cast<std::uint64_t>(st.st_size) : 0);
}

InputStream::~InputStream() {
    if (owned_) ::close(fd_);
}

void InputStream::wait_readable() const {
    for (;;) {
        if (stop_->load()) throw InputStopped();
        pollfd p{fd_, POLLIN, 0};
        const int n = ::poll(&p, 1, 100);
        if (n > 0 || (n < 0 && errno != EINTR)) return;  // readable, at its end, or an error read() will report
    }
}

bool InputStream::read_more(std::string& buf, std::size_t max_chunk) {
    if (stop_) wait_readable();
    const std::size_t old = buf.size();
    buf.resize(old + max_chunk);
    for (;;) {
        const ssize_t n = ::read(fd_, buf.data() + old, max_chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int saved = errno;
            buf.resize(old);
            throw std::runtime_error(system_reason(saved));
        }
        buf.resize(old + static_cast<std::size_t>(n));
        return n > 0;
    }
}

AtomicFile::AtomicFile(std::filesystem::path target, TempFileLog* log) : target_(std::move(target)), log_(log) {
    const auto dir = target_.has_parent_path() ? target_.parent_path() : std::filesystem::path(".");
    std::string name = ".";  // appended piece by piece: GCC 12 warns (wrongly) about "." + string
    name += target_.filename().string();
    name += ".XXXXXX";
    temp_ = (dir / name).string();
    if (log_) {
        // Recorded before it exists, so that no crash can leave a temp file the log does not know.
        for (int attempt = 0; fd_ < 0 && attempt < 100; ++attempt) {
            random_suffix(temp_);
            log_->creating(temp_);
            fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
            if (fd_ < 0) {
                const int saved = errno;
                log_->not_created(temp_);
                errno = saved;
                if (errno != EEXIST) break;
            }
        }
    } else {
        fd_ = ::mkstemp(temp_.data());
    }
    if (fd_ < 0) fail("cannot create a temporary file beside " + target_.string());
    ::fchmod(fd_, 0644);
    struct stat st {};
    if (log_ && ::fstat(fd_, &st) == 0) log_->created(temp_, st.st_dev, st.st_ino);
}

AtomicFile::~AtomicFile() {
    if (fd_ >= 0) ::close(fd_);
    if (fd_ >= 0 || synced_) {
        ::unlink(temp_.c_str());
        if (log_) log_->gone(temp_);
    }
}

void AtomicFile::fail(const std::string& what) {
    const std::string reason = system_reason(errno);
    throw WriteError(what + ": " + reason, reason);
}

void AtomicFile::write(std::string_view bytes) {
    buf_.append(bytes);
    if (buf_.size() >= flush_bytes) flush();
}

void AtomicFile::flush() {
    if (!write_all(fd_, buf_)) fail("cannot write " + temp_);
    offset_ += buf_.size();
    buf_.clear();
}

void AtomicFile::start_writeback() {
    flush();
    ::sync_file_range(fd_, 0, 0, SYNC_FILE_RANGE_WRITE);  // a hint: fsync in sync() still decides
}

void AtomicFile::sync() {
    flush();
    if (::fsync(fd_) != 0) fail("cannot write " + temp_);
    const int closed = ::close(fd_);
    fd_ = -1;
    synced_ = true;  // from here the destructor removes the temporary file unless published
    if (closed != 0) fail("cannot write " + temp_);
}

void AtomicFile::publish() {
    if (std::rename(temp_.c_str(), target_.c_str()) != 0) fail("cannot rename the temporary file to " + target_.string());
    synced_ = false;
    if (log_) log_->gone(temp_);
}

void AtomicFile::commit() {
    sync();
    publish();
    sync_directory(target_.has_parent_path() ? target_.parent_path() : std::filesystem::path("."));
}

bool write_file(std::string_view path, std::string_view bytes, std::string& error) {
    if (path == "-") {
        if (write_all(STDOUT_FILENO, bytes)) return true;
        error = system_reason(errno);
        return false;
    }
    const std::string name(path);
    struct stat st {};
    if (::stat(name.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        // A device or pipe (/dev/stdout, /dev/full, a FIFO) cannot be replaced by rename:
        // write to it directly.
        const int dev = ::open(name.c_str(), O_WRONLY | O_CLOEXEC);
        bool ok = dev >= 0 && write_all(dev, bytes);
        if (!ok) error = system_reason(errno);
        if (dev >= 0 && ::close(dev) != 0 && ok) {
            error = system_reason(errno);
            ok = false;
        }
        return ok;
    }
    try {
        AtomicFile file{std::filesystem::path(name)};
        file.write(bytes);
        file.commit();
    } catch (const WriteError& e) {
        error = e.reason();
        return false;
    }
    return true;
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

std::filesystem::path executable_dir() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path() : exe.parent_path();
}

}  // namespace brevgen::io
