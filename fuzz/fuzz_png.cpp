// libFuzzer: the PNG reader of the PDF stage (a municipality's logo or signature): the
// chunk walk that passes an opaque gray, RGB or palette PNG's data through (undoing a
// palette image's filters to check its indices), and libpng for the rest.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pdf/image.hpp"
#include "pdf/writer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        const auto raster = brevgen::pdf::decode_png(bytes, "fuzz.png");
        // What passes must be what PDF readers are promised: some data, sane dimensions.
        if (raster.deflated_samples.empty() || raster.width == 0 || raster.height == 0) __builtin_trap();
        // A palette (an /Indexed colour space) holds whole entries, at most as many as the
        // index bits can name, and comes only with the PNG's own data.
        if (!raster.palette.empty()) {
            const auto entries = raster.palette.size() / static_cast<std::size_t>(raster.components);
            if (raster.palette.size() % static_cast<std::size_t>(raster.components) != 0 ||
                entries > (std::size_t{1} << raster.bits) || !raster.png_predictors)
                __builtin_trap();
        }
    } catch (const brevgen::pdf::PdfError&) {
    }
    return 0;
}
