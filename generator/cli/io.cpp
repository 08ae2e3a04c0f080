#include "cli/io.hpp"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace brevgen::cli {

std::optional<std::string> read_input(const std::string& name, std::string& error) {
    if (name == "-") {
        std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
        return text;
    }
    std::error_code ec;
    if (std::filesystem::is_directory(name, ec)) {
        error = "is a directory";
        return std::nullopt;
    }
    std::ifstream in(name, std::ios::binary);
    if (!in) {
        error = std::strerror(errno);
        return std::nullopt;
    }
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::optional<std::string> read_input(const std::string& name, std::string& error, std::size_t max_bytes,
                                      bool& too_large) {
    too_large = false;
    if (name != "-") {
        std::error_code ec;
        const auto size = std::filesystem::file_size(name, ec);
        if (!ec && size > max_bytes) {
            too_large = true;
            error = "the input is " + std::to_string(size) + " bytes; the limit is " + std::to_string(max_bytes) +
                    " (--max-input-bytes)";
            return std::nullopt;
        }
        return read_input(name, error);
    }
    std::string text;
    std::array<char, 65536> buf{};
    while (std::cin.read(buf.data(), buf.size()) || std::cin.gcount() > 0) {
        text.append(buf.data(), static_cast<std::size_t>(std::cin.gcount()));
        if (text.size() > max_bytes) {
            too_large = true;
            error = "the input is more than " + std::to_string(max_bytes) + " bytes, the limit (--max-input-bytes)";
            return std::nullopt;
        }
    }
    return text;
}

namespace {
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
}  // namespace

bool write_atomically(const std::string& path, std::string_view bytes, std::string& error) {
    if (path == "-") {
        if (!write_all(STDOUT_FILENO, bytes)) {
            error = std::strerror(errno);
            return false;
        }
        return true;
    }
    const std::filesystem::path target(path);
    std::error_code ec;
    const auto status = std::filesystem::status(target, ec);
    if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
        // A device or pipe (/dev/stdout, /dev/full, a FIFO) cannot be replaced by rename:
        // write to it directly.
        const int dev = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
        const bool ok = dev >= 0 && write_all(dev, bytes);
        if (!ok) error = std::strerror(errno);
        if (dev >= 0 && ::close(dev) != 0 && ok) {
            error = std::strerror(errno);
            return false;
        }
        return ok;
    }
    const auto dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    std::string name = ".";
    name += target.filename().string();
    name += ".XXXXXX";
    std::string temp = (dir / name).string();
    const int fd = ::mkstemp(temp.data());
    if (fd < 0) {
        error = std::strerror(errno);
        return false;
    }
    const bool ok = write_all(fd, bytes) && ::fsync(fd) == 0;
    const int saved = errno;
    if (::close(fd) != 0 || !ok) {
        error = std::strerror(ok ? errno : saved);
        ::unlink(temp.c_str());
        return false;
    }
    ::chmod(temp.c_str(), 0644);
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        error = std::strerror(errno);
        ::unlink(temp.c_str());
        return false;
    }
    return true;
}

}  // namespace brevgen::cli
