// libFuzzer: letter markup parsing and layout (the engine's own code, no PDF).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "danish/hyphenate.hpp"
#include "fonts/font_set.hpp"
#include "layout/layout.hpp"
#include "markup/document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto fonts = brevgen::fonts::FontSet::load(BREVGEN_FUZZ_FONT_DIR);
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = brevgen::markup::parse(text);
    if (!parsed.diagnostics.empty()) return 0;
    brevgen::layout::Environment env;
    env.fonts = fonts.get();
    env.hyphenator = &brevgen::danish::Hyphenator::danish();
    env.limits.max_pages = 20;
    env.read_file = [](const std::string&) { return std::optional<std::string>(); };
    (void)brevgen::layout::layout_letter(parsed.letter, env);
    env.paper = true;  // the envelope window's other path: errors instead of wrapping
    (void)brevgen::layout::check_address(parsed.letter, env);
    return 0;
}
