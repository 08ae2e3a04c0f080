// Listen addresses: parsing and the loopback test that decides whether a token is needed.

#include <arpa/inet.h>
#include <netinet/in.h>

#include <charconv>

#include "http/server.hpp"

namespace brevgen::http {

std::optional<ListenAddress> parse_listen(std::string_view text, std::string& error) {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) {
        error = "expected HOST:PORT, such as 127.0.0.1:8080 or [::1]:8080";
        return std::nullopt;
    }
    std::string_view host = text.substr(0, colon);
    const std::string_view port_text = text.substr(colon + 1);
    if (host.front() == '[') {
        if (host.size() < 3 || host.back() != ']') {
            error = "an IPv6 address goes in brackets: [::1]:8080";
            return std::nullopt;
        }
        host = host.substr(1, host.size() - 2);
    }
    int port = -1;
    const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || end != port_text.data() + port_text.size() || port < 0 || port > 65535) {
        error = "the port must be a number from 0 to 65535";
        return std::nullopt;
    }
    const std::string h(host);
    in_addr v4{};
    in6_addr v6{};
    if (h != "localhost" && inet_pton(AF_INET, h.c_str(), &v4) != 1 && inet_pton(AF_INET6, h.c_str(), &v6) != 1) {
        error = "the host must be an IP address or localhost, not \"" + h + "\"";
        return std::nullopt;
    }
    return ListenAddress{h, port};
}

bool is_loopback(std::string_view host) {
    if (host == "localhost") return true;
    const std::string h(host);
    in_addr v4{};
    if (inet_pton(AF_INET, h.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    if (inet_pton(AF_INET6, h.c_str(), &v6) != 1) return false;
    if (IN6_IS_ADDR_LOOPBACK(&v6)) return true;
    return IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127;
}

}  // namespace brevgen::http
