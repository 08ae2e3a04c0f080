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
    std::string samples(PNG_IMAGE_SIZE(png.image), '\0');
    const png_color white{255, 255, 255};
    if (!png_image_finish_read(&png.image, &white, samples.data(), 0, nullptr))
        throw PdfError("image " + source + ": corrupt PNG (" + png.image.message + ")");
    raster.deflated_samples = haru::deflate(samples);
    return raster;
}

HPDF_Image add_raster(HPDF_Doc pdf, const Raster& raster) {
    HPDF_Dict image = haru::new_deflated_stream(pdf, raster.deflated_samples);
    HPDF_Dict_AddName(image, "Type", "XObject");
    HPDF_Dict_AddName(image, "Subtype", "Image");
    HPDF_Dict_AddNumber(image, "Width", static_cast<HPDF_INT32>(raster.width));
    HPDF_Dict_AddNumber(image, "Height", static_cast<HPDF_INT32>(raster.height));
    HPDF_Dict_AddName(image, "ColorSpace", raster.components == 1 ? "DeviceGray" : "DeviceRGB");
    HPDF_Dict_AddNumber(image, "BitsPerComponent", 8);
    return image;
}

HPDF_Image add_jpeg(HPDF_Doc pdf, const haru::ErrorState& errors, const layout::ImageData& data, bool pdfa,
                    bool& colour) {
    // A quick look first, so that a PNG or text file named .jpg gets a plain message.
    const auto* b = reinterpret_cast<const unsigned char*>(data.bytes.data());
    if (data.bytes.size() < 4 || b[0] != 0xFF || b[1] != 0xD8)
        throw PdfError("image " + data.source + ": not a JPEG file");
    HPDF_Image image = HPDF_LoadJpegImageFromMem(pdf, b, static_cast<HPDF_UINT>(data.bytes.size()));
    haru::check(errors, image != nullptr, "reading JPEG image " + data.source);
    const char* space = HPDF_Image_GetColorSpace(image);
    if (pdfa && space != nullptr && std::strcmp(space, "DeviceCMYK") == 0)
        throw PdfError("image " + data.source + ": CMYK JPEG cannot go into a PDF/A letter with an sRGB intent; "
                       "save it as RGB");
    colour = space != nullptr && std::strcmp(space, "DeviceGray") != 0;
    return image;
}

}  // namespace brevgen::pdf
