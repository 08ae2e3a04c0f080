#include "batch/sha256.hpp"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

#include "common/sha256.hpp"

namespace brevgen::batch {

std::array<std::uint8_t, 32> sha256(std::string_view bytes) { return brevgen::sha256(bytes); }

std::string sha256_hex(std::string_view bytes) { return to_hex(brevgen::sha256(bytes)); }

std::optional<std::string> sha256_file_hex(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    Sha256 hasher;
    std::vector<char> buf(std::size_t{64} << 10);
    bool ok = true;
    for (;;) {
        const ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n == 0) break;
        if (n < 0) {
            if (errno == EINTR) continue;
            ok = false;
            break;
        }
        hasher.update(std::string_view(buf.data(), static_cast<std::size_t>(n)));
    }
    ::close(fd);
    if (!ok) return std::nullopt;
    return to_hex(hasher.finish());
}

}  // namespace brevgen::batch
