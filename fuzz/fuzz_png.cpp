// libFuzzer: the PNG reader of the PDF stage (a municipality's logo or signature): the
// chunk walk that passes an opaque gray, RGB or palette PNG's data through (undoing a
// palette image's filters to check its indices), and libpng for the rest.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <zlib.h>

#include "pdf/image.hpp"
#include "pdf/writer.hpp"

namespace {

/// What passes must be what PDF readers are promised: some data, sane dimensions; a
/// palette (an /Indexed colour space) holds whole entries, at most as many as the index
/// bits can name, and comes only with the PNG's own data.
void decode(std::string_view bytes) {
    try {
        const auto raster = brevgen::pdf::decode_png(bytes, "fuzz.png");
        if (raster.deflated_samples.empty() || raster.width == 0 || raster.height == 0) __builtin_trap();
        if (!raster.palette.empty()) {
            const auto entries = raster.palette.size() / static_cast<std::size_t>(raster.components);
            if (raster.palette.size() % static_cast<std::size_t>(raster.components) != 0 ||
                entries > (std::size_t{1} << raster.bits) || !raster.png_predictors)
                __builtin_trap();
        }
    } catch (const brevgen::pdf::PdfError&) {
    }
}

/// `bytes` with every whole chunk's CRC made right: most mutations would otherwise only
/// ever reach the CRC check, never the header, palette and row checks behind it.
std::string with_fixed_crcs(std::string_view bytes) {
    std::string out(bytes);
    auto* b = reinterpret_cast<unsigned char*>(out.data());
    for (std::size_t at = 8; at + 12 <= out.size();) {
        const std::size_t length = std::size_t{b[at]} << 24 | std::size_t{b[at + 1]} << 16 | std::size_t{b[at + 2]} << 8 | b[at + 3];
        if (length > out.size() - at - 12) break;
        const auto crc = static_cast<std::uint32_t>(crc32(crc32(0, nullptr, 0), b + at + 4, static_cast<uInt>(length + 4)));
        for (int i = 0; i < 4; ++i) b[at + 8 + length + static_cast<std::size_t>(i)] = static_cast<unsigned char>(crc >> (24 - 8 * i));
        at += length + 12;
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    decode(bytes);
    decode(with_fixed_crcs(bytes));
    return 0;
}
