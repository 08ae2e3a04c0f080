#include "http/connection.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>

namespace brevgen::http {

Connection::~Connection() {
    if (fd >= 0) ::close(fd);
}

ssize_t Connection::read_some(std::size_t max) {
    if (max == 0) return -1;
    // Read into a stack buffer and append: `in` grows only by what actually arrived.
    std::array<char, 16384> buffer;
    const std::size_t want = std::min(max, buffer.size());
    for (;;) {
        const ssize_t n = ::recv(fd, buffer.data(), want, 0);
        if (n > 0) {
            in.append(buffer.data(), static_cast<std::size_t>(n));
            return n;
        }
        if (n == 0) return 0;
        if (errno == EINTR) continue;
        return errno == EAGAIN || errno == EWOULDBLOCK ? -1 : -2;
    }
}

bool Connection::discard_input() {
    std::array<char, 16384> buffer;
    for (int i = 0; i < 16; ++i) {  // a bounded amount per wake-up, so others get their turn
        const ssize_t n = ::recv(fd, buffer.data(), buffer.size(), 0);
        if (n > 0) continue;
        if (n == 0) return false;
        if (errno == EINTR) continue;
        return errno == EAGAIN || errno == EWOULDBLOCK;
    }
    return true;
}

ssize_t send_now(int fd, const char* bytes, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::send(fd, bytes + done, size - done, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            done += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
        return -1;
    }
    return static_cast<ssize_t>(done);
}

bool Connection::write_some() {
    const ssize_t n = send_now(fd, out.data() + sent, out.size() - sent);
    if (n < 0) return false;
    sent += static_cast<std::size_t>(n);
    return true;
}

std::string peer_address(int fd) {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return "unknown";
    char text[INET6_ADDRSTRLEN] = {};
    if (addr.ss_family == AF_INET) {
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(addr).sin_addr, text, sizeof text);
    } else if (addr.ss_family == AF_INET6) {
        inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(addr).sin6_addr, text, sizeof text);
    }
    return text;
}

}  // namespace brevgen::http
