// libFuzzer: the TrueType glyph reader and writer that put a letter font's outlines on half
// the units per em (generator/fonts/glyph_halve.*). Fonts may come from a municipality
// (BREVGEN_FONTS), so a broken glyph must be a FontError, never a crash; and whatever the
// writer makes must read back with the same contours and points.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "fonts/font_set.hpp"
#include "fonts/glyph_halve.hpp"

namespace {

using brevgen::fonts::detail::half;
using brevgen::fonts::detail::halved_glyph;
using brevgen::fonts::detail::simple_glyph_points;
using brevgen::fonts::detail::Reader;

unsigned u16(std::string_view s, std::size_t at) {
    return (static_cast<unsigned char>(s[at]) << 8) | static_cast<unsigned char>(s[at + 1]);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view glyph(reinterpret_cast<const char*>(data), size);
    static const std::filesystem::path file = "fuzz.ttf";
    std::optional<std::string> once;
    try {
        once = halved_glyph(Reader(glyph, file), glyph);
    } catch (const brevgen::fonts::FontError&) {
        return 0;
    }
    if (!once) return 0;
    if (glyph.empty()) {
        if (!once->empty()) __builtin_trap();
        return 0;
    }
    // The written glyph reads back (halving it once more must not fail) with the same
    // number of contours and, for a simple glyph, the same last point.
    try {
        if (!halved_glyph(Reader(*once, file), *once)) __builtin_trap();
    } catch (const brevgen::fonts::FontError&) {
        __builtin_trap();
    }
    if (once->size() < 10 || u16(*once, 0) != u16(glyph, 0)) __builtin_trap();
    const auto contours = static_cast<std::int16_t>(u16(glyph, 0));
    if (contours > 0) {
        const std::size_t last = 10 + 2 * static_cast<std::size_t>(contours - 1);
        if (u16(*once, last) != u16(glyph, last) || u16(*once, last + 2) != 0) __builtin_trap();
        // Every point is the source's point halved, rounded half up.
        const auto source = simple_glyph_points(Reader(glyph, file), glyph);
        const auto written = simple_glyph_points(Reader(*once, file), *once);
        if (source.size() != written.size()) __builtin_trap();
        for (std::size_t i = 0; i < source.size(); ++i)
            if (written[i].first != half(source[i].first) || written[i].second != half(source[i].second)) __builtin_trap();
    }
    return 0;
}
