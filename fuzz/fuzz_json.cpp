// libFuzzer: the JSON case reader (default and tight limits), then validation for every
// kind; no message may echo a CPR number (fuzz/case_checks.hpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "case_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    fuzz_checks::within_tight_limits(brevgen::data::read_json, text, 1);
    auto read = brevgen::data::read_json(text);
    fuzz_checks::no_cpr_in(read.diagnostics);
    if (read.root) fuzz_checks::validate_all(*read.root);
    return 0;
}
