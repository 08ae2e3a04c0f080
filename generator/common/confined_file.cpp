#include "common/confined_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace brevgen {

namespace fs = std::filesystem;

namespace {

/// Closes a file descriptor on every way out.
class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

/// strerror's text as messages write it: lowercase ("no such file or directory").
std::string reason(int error_number) {
    std::string text = std::strerror(error_number);
    if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
    return text;
}

bool is_within(const fs::path& resolved, const fs::path& canonical_root) {
    const auto r = resolved.lexically_normal().native();
    const auto root = canonical_root.lexically_normal().native();
    if (r == root) return true;
    const std::string prefix = root.ends_with('/') ? root : root + '/';
    return r.starts_with(prefix);
}

}  // namespace

bool resolves_inside(const fs::path& path, const fs::path& root) {
    std::error_code ec;
    const auto resolved = fs::canonical(path, ec);
    if (ec) return false;
    const auto canonical_root = fs::canonical(root, ec);
    return !ec && is_within(resolved, canonical_root);
}

std::optional<std::string> read_confined_file(const fs::path& path, const fs::path& root, std::size_t max_bytes,
                                              std::string& error) {
    // Non-blocking, so that a FIFO put in the file's place cannot hang the open.
    const Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY));
    if (fd.get() < 0) {
        error = reason(errno);
        return std::nullopt;
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) {
        error = reason(errno);
        return std::nullopt;
    }
    if (!S_ISREG(st.st_mode)) {
        error = "not a regular file";
        return std::nullopt;
    }
    if (!root.empty()) {
        // Where the open file really is: the kernel's answer, not a second lookup of the name.
        std::error_code ec;
        const auto opened = fs::read_symlink("/proc/self/fd/" + std::to_string(fd.get()), ec);
        const auto canonical_root = fs::canonical(root, ec);
        if (ec || opened.empty() || !is_within(opened, canonical_root)) {
            error = "resolves to a place outside " + root.string();
            return std::nullopt;
        }
    }
    const auto size = static_cast<std::size_t>(st.st_size);
    if (size > max_bytes) {
        error = "the file is " + std::to_string(size) + " bytes; the limit is " + std::to_string(max_bytes);
        return std::nullopt;
    }
    std::string text(size, '\0');
    std::size_t got = 0;
    // One byte more than the size said: a file that grew since is refused, not read on.
    char extra = 0;
    while (true) {
        const ssize_t n = got < size ? ::read(fd.get(), text.data() + got, size - got) : ::read(fd.get(), &extra, 1);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            error = reason(errno);
            return std::nullopt;
        }
        if (n == 0) break;
        if (got >= size) {
            error = "the file grew while it was read";
            return std::nullopt;
        }
        got += static_cast<std::size_t>(n);
    }
    text.resize(got);
    return text;
}

}  // namespace brevgen
