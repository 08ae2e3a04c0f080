// Image decoding. libpng's simplified API is used because it needs no setjmp in C++ code
// and composites alpha onto a background itself.
#include "pdf/image.hpp"
#include "pdf/deflate.hpp"

#include <png.h>
#include <zlib.h>

#include <cstring>
#include <optional>

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

std::uint32_t be32(const unsigned char* p) {
    return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}

/// Whether `idat` inflates to exactly `rows` rows of `row_bytes` bytes, each behind a PNG
/// filter byte (0..4), with nothing after them. Inflating is what a reader will do; it is a
/// fraction of the decode-and-recompress it replaces.
bool inflates_to_rows(const std::string& idat, std::uint32_t rows, std::size_t row_bytes) {
    z_stream z{};
    if (inflateInit(&z) != Z_OK) return false;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(idat.data()));
    z.avail_in = static_cast<uInt>(idat.size());
    const std::size_t line = row_bytes + 1;
    const std::uint64_t expected = std::uint64_t{rows} * line;
    std::uint64_t seen = 0, next_filter = 0;
    bool ok = true;
    unsigned char buffer[16384];
    int status = Z_OK;
    while (ok && status == Z_OK) {
        z.next_out = buffer;
        z.avail_out = sizeof buffer;
        status = inflate(&z, Z_NO_FLUSH);
        const std::size_t got = sizeof buffer - z.avail_out;
        if (seen + got > expected) ok = false;
        for (; ok && next_filter < seen + got; next_filter += line) ok = buffer[next_filter - seen] <= 4;
        seen += got;
        if (status == Z_BUF_ERROR && got == 0) ok = false;  // truncated data
    }
    inflateEnd(&z);
    return ok && status == Z_STREAM_END && seen == expected && z.avail_in == 0;
}

/// The raster of a PNG whose compressed data PDF can take as it is, or nullopt when the
/// file needs libpng (palette, alpha or transparency, 16 bits, interlacing, gamma or
/// colour profile chunks, anything unusual) or its data does not check out.
std::optional<Raster> passed_through(std::string_view bytes) {
    static constexpr unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
    if (bytes.size() < 8 + 25 || std::memcmp(b, signature, 8) != 0) return std::nullopt;
    Raster r;
    std::string idat;
    bool header = false, end = false;
    for (std::size_t at = 8; at < bytes.size() && !end;) {
        if (bytes.size() - at < 12) return std::nullopt;
        const std::uint32_t length = be32(b + at);
        if (length > bytes.size() - at - 12) return std::nullopt;
        const std::string_view type(bytes.data() + at + 4, 4);
        const unsigned char* data = b + at + 8;
        const auto crc = static_cast<std::uint32_t>(crc32(crc32(0, nullptr, 0), b + at + 4, length + 4));
        if (crc != be32(data + length)) return std::nullopt;
        if (!header) {
            if (type != "IHDR" || length != 13) return std::nullopt;
            r.width = be32(data);
            r.height = be32(data + 4);
            r.bits = data[8];
            const int colour_type = data[9];
            if (data[10] != 0 || data[11] != 0 || data[12] != 0) return std::nullopt;  // interlaced or unknown
            if (colour_type != 0 && colour_type != 2) return std::nullopt;
            r.components = colour_type == 2 ? 3 : 1;
            if (r.bits != 8 && !(r.components == 1 && (r.bits == 1 || r.bits == 2 || r.bits == 4))) return std::nullopt;
            header = true;
        } else if (type == "IDAT") {
            idat.append(reinterpret_cast<const char*>(data), length);
        } else if (type == "IEND") {
            end = true;
        } else if (type == "tRNS" || type == "gAMA" || type == "cHRM" || type == "iCCP" || type == "PLTE" ||
                   type == "sBIT" || (type[0] & 0x20) == 0) {
            return std::nullopt;  // changes what the samples mean, or a critical chunk unknown here
        }
        at += std::size_t{length} + 12;
    }
    if (!end || idat.empty() || r.width == 0 || r.height == 0 ||
        std::uint64_t{r.width} * r.height > max_pixels)
        return std::nullopt;
    const std::size_t row_bytes = (std::size_t{r.width} * static_cast<std::size_t>(r.components * r.bits) + 7) / 8;
    if (!inflates_to_rows(idat, r.height, row_bytes)) return std::nullopt;
    r.deflated_samples = std::move(idat);
    r.png_predictors = true;
    return r;
}

}  // namespace

Raster decode_png(std::string_view bytes, const std::string& source) {
    if (auto raster = passed_through(bytes)) return std::move(*raster);
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
    raster.deflated_samples = flate_encode(samples);
    return raster;
}

HPDF_Image add_raster(HPDF_Doc pdf, const Raster& raster) {
    HPDF_Dict image = haru::new_deflated_stream(pdf, raster.deflated_samples);
    HPDF_Dict_AddName(image, "Type", "XObject");
    HPDF_Dict_AddName(image, "Subtype", "Image");
    HPDF_Dict_AddNumber(image, "Width", static_cast<HPDF_INT32>(raster.width));
    HPDF_Dict_AddNumber(image, "Height", static_cast<HPDF_INT32>(raster.height));
    HPDF_Dict_AddName(image, "ColorSpace", raster.components == 1 ? "DeviceGray" : "DeviceRGB");
    HPDF_Dict_AddNumber(image, "BitsPerComponent", raster.bits);
    if (raster.png_predictors) {
        HPDF_Dict parms = haru::new_dict(pdf);
        HPDF_Dict_AddNumber(parms, "Predictor", 15);
        // Colors 1 and BitsPerComponent 8 are the defaults.
        if (raster.components != 1) HPDF_Dict_AddNumber(parms, "Colors", raster.components);
        if (raster.bits != 8) HPDF_Dict_AddNumber(parms, "BitsPerComponent", raster.bits);
        HPDF_Dict_AddNumber(parms, "Columns", static_cast<HPDF_INT32>(raster.width));
        HPDF_Dict_Add(image, "DecodeParms", parms);
    }
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
