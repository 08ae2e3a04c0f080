// libFuzzer: the JSON case reader, then validation for every kind.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "letters/registry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto read = brevgen::data::read_json(text);
    if (!read.root) return 0;
    for (const auto& kind : brevgen::letters::KindRegistry::built_in()->all()) {
        auto copy = *read.root;
        (void)brevgen::data::validate(kind.fields, copy);
    }
    return 0;
}
