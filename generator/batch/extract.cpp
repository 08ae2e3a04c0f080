#include "batch/extract.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace brevgen::batch {

namespace {
/// Bytes per read: large enough to make syscalls cheap, small enough not to matter.
constexpr std::size_t chunk_bytes = std::size_t{64} << 10;
}  // namespace

std::unique_ptr<Input> Input::open(const std::string& name, std::string& error) {
    if (name == "-") return std::make_unique<Input>(STDIN_FILENO, false, 0);
    const int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = std::strerror(errno);
        return nullptr;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
        error = S_ISDIR(st.st_mode) ? "is a directory" : std::strerror(errno);
        ::close(fd);
        return nullptr;
    }
    return std::make_unique<Input>(fd, true, S_ISREG(st.st_mode) ? static_cast<std::uint64_t>(st.st_size) : 0);
}

Input::~Input() {
    if (owned_) ::close(fd_);
}

bool Input::read_more(std::string& buf) {
    const std::size_t old = buf.size();
    buf.resize(old + chunk_bytes);
    for (;;) {
        const ssize_t n = ::read(fd_, buf.data() + old, chunk_bytes);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int saved = errno;
            buf.resize(old);
            throw std::runtime_error(std::string("cannot read the extract: ") + std::strerror(saved));
        }
        buf.resize(old + static_cast<std::size_t>(n));
        return n > 0;
    }
}

std::unique_ptr<ExtractReader> open_extract(std::unique_ptr<Input> input, std::size_t max_record_bytes) {
    // Read until the first byte that tells the format (or the end), keeping what was read.
    std::string buf;
    std::size_t start = 0;
    for (;;) {
        if (buf.size() >= 3 && buf.compare(0, 3, "\xEF\xBB\xBF") == 0) start = 3;
        const auto first = buf.find_first_not_of(" \t\r\n", start);
        if (first != std::string::npos && buf.size() >= 3) {
            buf.erase(0, start);
            if (buf[first - start] == '<') return xml_reader(std::move(input), std::move(buf), max_record_bytes);
            return ndjson_reader(std::move(input), std::move(buf), max_record_bytes);
        }
        if (!input->read_more(buf)) break;
    }
    buf.erase(0, start);
    return ndjson_reader(std::move(input), std::move(buf), max_record_bytes);
}

SourcePos shift(SourcePos inner, SourcePos origin) {
    if (inner.line == 0) return origin;
    if (inner.line == 1) return {origin.line, origin.column + inner.column - 1};
    return {origin.line + inner.line - 1, inner.column};
}

SourcePos advance(SourcePos from, std::string_view text) {
    for (const char c : text) {
        if (c == '\n') {
            ++from.line;
            from.column = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++from.column;  // UTF-8 continuation bytes belong to the character before them
        }
    }
    return from;
}

std::string record_limit_message(std::size_t max_record_bytes) {
    // --max-input-bytes may set a limit that is not a whole number of MiB.
    if (max_record_bytes % (std::size_t{1} << 20) != 0) return "record longer than the limit of " + std::to_string(max_record_bytes) + " bytes";
    return "record longer than the limit of " + std::to_string(max_record_bytes >> 20) + " MiB";
}

}  // namespace brevgen::batch
