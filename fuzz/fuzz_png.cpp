// libFuzzer: the PNG reader of the PDF stage (a municipality's logo or signature): the
// chunk walk that passes an opaque PNG's data through, and libpng for the rest.
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
    } catch (const brevgen::pdf::PdfError&) {
    }
    return 0;
}
