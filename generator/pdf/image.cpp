// Image decoding. libpng's simplified API is used because it needs no setjmp in C++ code
// and composites alpha onto a background itself.
#include "pdf/image.hpp"

#include <png.h>

#include <cstring>

namespace brevgen::pdf {

namespace {

/// Letters carry logos and signatures; anything larger is a mistake, not a picture.
constexpr std::uint64_t max_pixels = 40'000'000;

/// Frees libpng's state however decode_png leaves.
struct PngImage {
    png_image image{};
    PngImage() {
        image.version = PNG_IMAGE_VERSION;
    }
    ~PngImage() { png_image_free(&image); }
    PngImage(const PngImage&) = delete;
    PngImage& operator=(const PngImage&) = delete;
};

}  // namespace

Raster decode_png(std::string_view bytes, const std::string& source) {
    PngImage png;
    if (!png_image_begin_read_from_memory(&png.image, bytes.data(), bytes.size()))
        throw PdfError("image " + source + ": not a readable PNG (" + png.image.message + ")");
    if (png.image.width == 0 || png.image.height == 0 ||
        std::uint64_t{png.image.width} * png.image.height > max_pixels)
        throw PdfError("image " + source + ": unsupported size " + std::to_string(png.image.width) + "x" +
                       std::to_string(png.image.height));
    Raster raster;
    raster.width = png.image.width;
    raster.height = png.image.height;
    const bool color = (png.image.format & PNG_FORMAT_FLAG_COLOR) != 0;
    raster.components = color ? 3 : 1;
    png.image.format = color ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY;
    raster.samples.resize(PNG_IMAGE_SIZE(png.image));
    const png_color white{255, 255, 255};
    if (!png_image_finish_read(&png.image, &white, raster.samples.data(), 0, nullptr))
        throw PdfError("image " + source + ": corrupt PNG (" + png.image.message + ")");
    return raster;
}

HPDF_Image add_raster(HPDF_Doc pdf, const haru::ErrorState& errors, const Raster& raster, const std::string& source) {
    HPDF_Image image = HPDF_LoadRawImageFromMem(pdf, reinterpret_cast<const HPDF_BYTE*>(raster.samples.data()),
                                                raster.width, raster.height,
                                                raster.components == 1 ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB, 8);
    haru::check(errors, image != nullptr, "adding image " + source);
    return image;
}

HPDF_Image add_jpeg(HPDF_Doc pdf, const haru::ErrorState& errors, const layout::ImageData& data, bool pdfa) {
    // libharu reads the JPEG header without checking its length; make sure there is one.
    const auto* b = reinterpret_cast<const unsigned char*>(data.bytes.data());
    if (data.bytes.size() < 4 || b[0] != 0xFF || b[1] != 0xD8)
        throw PdfError("image " + data.source + ": not a JPEG file");
    HPDF_Image image = HPDF_LoadJpegImageFromMem(pdf, b, static_cast<HPDF_UINT>(data.bytes.size()));
    haru::check(errors, image != nullptr, "reading JPEG image " + data.source);
    const char* space = HPDF_Image_GetColorSpace(image);
    if (pdfa && space != nullptr && std::strcmp(space, "DeviceCMYK") == 0)
        throw PdfError("image " + data.source + ": CMYK JPEG cannot go into a PDF/A letter with an sRGB intent; "
                       "save it as RGB");
    return image;
}

}  // namespace brevgen::pdf
