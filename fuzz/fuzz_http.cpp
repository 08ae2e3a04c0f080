// libFuzzer: HTTP request handling in process (http::Service, no sockets). The input is
// "METHOD PATH\nName: value\n…\n\nbody".
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_engine.hpp"
#include "http/service.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto engine = fuzz_engine();
    static brevgen::http::Service service(engine, brevgen::http::ServiceOptions{1 << 16, {"token-1"}});
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    brevgen::http::Request request;
    std::size_t at = text.find('\n');
    const std::string_view line = text.substr(0, at);
    const auto space = line.find(' ');
    request.method = std::string(line.substr(0, space));
    request.path = space == std::string_view::npos ? "/" : std::string(line.substr(space + 1));
    request.id = "fuzz";
    while (at != std::string_view::npos && at + 1 < text.size()) {
        const std::size_t next = text.find('\n', at + 1);
        const std::string_view header = text.substr(at + 1, next == std::string_view::npos ? std::string_view::npos : next - at - 1);
        at = next;
        if (header.empty()) break;
        const auto colon = header.find(':');
        if (colon == std::string_view::npos) continue;
        std::string_view value = header.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        request.headers.emplace_back(std::string(header.substr(0, colon)), std::string(value));
    }
    request.body = at == std::string_view::npos ? std::string_view() : text.substr(at + 1);
    (void)service.handle(request, size % 7 == 0);
    return 0;
}
