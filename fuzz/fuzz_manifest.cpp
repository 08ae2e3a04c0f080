// libFuzzer: the batch manifest reader (--resume reads a manifest a crash, a full disk or a
// person may have damaged): one pass over the whole text, and each line as a row. A row
// that reads must write back to a line that reads as the same row.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

#include "batch/manifest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::istringstream in(text);
    const auto scan = brevgen::batch::scan_manifest(in);
    if (scan.run_starts.empty() || scan.run_starts.back() > size || scan.damaged.size() > 10) std::abort();
    std::string_view rest = text;
    while (!rest.empty()) {
        const auto nl = rest.find('\n');
        const auto line = rest.substr(0, nl);
        rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
        const auto row = brevgen::batch::parse_row(line);
        if (!row) continue;
        const std::string again = brevgen::batch::to_json_line(*row);
        const auto back = brevgen::batch::parse_row(std::string_view(again).substr(0, again.size() - 1));
        if (!back || brevgen::batch::to_json_line(*back) != again) std::abort();
    }
    return 0;
}
