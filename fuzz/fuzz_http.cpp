// libFuzzer: HTTP request handling in process (no sockets): the request head parser the
// event loop uses on the raw bytes, then http::Service on what it accepts, with the rest of
// the input as the body. Also checks that finding the head's end a byte at a time agrees
// with finding it at once.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz_engine.hpp"
#include "http/request_head.hpp"
#include "http/service.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto engine = fuzz_engine();
    static brevgen::http::Service service(engine, brevgen::http::ServiceOptions{1 << 16, {"token-1"}});
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    const std::size_t end = brevgen::http::find_head_end(text);
    std::size_t scanned = 0, stepwise = std::string_view::npos;
    for (std::size_t n = 1; n <= text.size() && stepwise == std::string_view::npos; n += 7) {
        stepwise = brevgen::http::find_head_end(text.substr(0, n), scanned);
        scanned = n;
    }
    if (stepwise == std::string_view::npos) stepwise = brevgen::http::find_head_end(text, scanned);
    if (stepwise != end) std::abort();

    brevgen::http::ParsedHead head = brevgen::http::parse_head(text);
    if (head.state == brevgen::http::ParsedHead::State::error && (head.status < 400 || head.detail.empty())) {
        std::abort();
    }
    if (head.state != brevgen::http::ParsedHead::State::complete) return 0;
    if (head.size > text.size()) std::abort();
    brevgen::http::Request& request = head.request;
    request.id = "fuzz";
    request.body = text.substr(head.size);
    (void)service.handle(request, size % 7 == 0);
    return 0;
}
