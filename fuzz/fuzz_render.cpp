// libFuzzer: a whole letter from case text (JSON or XML) to PDF bytes, for every kind.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_engine.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto engine = fuzz_engine();
    static brevgen::Renderer renderer(engine);
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const auto& kind : engine->kinds()) (void)renderer.render(kind.name, text);
    return 0;
}
