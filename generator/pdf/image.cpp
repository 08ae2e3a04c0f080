// Image decoding. libpng's simplified API is used because it needs no setjmp in C++ code
// and composites alpha onto a background itself.
#include "pdf/image.hpp"

#include <png.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <vector>

#include "pdf/deflate.hpp"

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

/// What a palette image's rows must hold: sample indices below `entries`. Checking it means
/// undoing the PNG filters, so it is done only when some index could be out of range.
class IndexCheck {
public:
    IndexCheck(int bits, std::uint32_t width, std::size_t entries)
        : bits_(bits), per_byte_(static_cast<std::uint32_t>(8 / bits)), width_(width), entries_(entries) {
        // A byte holds 8 / bits samples: judged whole by one lookup (the checks are a
        // logo's whole decoding cost in a one-letter process).
        for (unsigned byte = 0; byte < 256; ++byte) {
            bool ok = true;
            for (int shift = 8 - bits; shift >= 0; shift -= bits) ok = ok && ((byte >> shift) & mask()) < entries;
            good_[byte] = ok;
        }
    }

    /// Whether an unfiltered row's first `width` samples all name an entry (the bits after
    /// them in the last byte are padding).
    bool row_ok(const unsigned char* row) const {
        const std::uint32_t whole = width_ / per_byte_;
        for (std::uint32_t i = 0; i < whole; ++i)
            if (!good_[row[i]]) return false;
        for (std::uint32_t x = whole * per_byte_; x < width_; ++x) {
            const auto shift = static_cast<int>(8 - static_cast<std::uint32_t>(bits_) * (x % per_byte_ + 1));
            if (((row[whole] >> shift) & mask()) >= entries_) return false;
        }
        return true;
    }

private:
    unsigned mask() const { return (1u << bits_) - 1; }
    int bits_;
    std::uint32_t per_byte_, width_;
    std::size_t entries_;
    std::array<bool, 256> good_{};
};

/// Undoes the PNG filter `filter` on `row` (one byte per filter step, as for every bit
/// depth of a palette image) against the unfiltered row above, `above`.
void unfilter(unsigned char filter, unsigned char* row, const unsigned char* above, std::size_t size) {
    const auto add = [](unsigned char& x, int predicted) { x = static_cast<unsigned char>(x + predicted); };
    switch (filter) {
    case 1:
        for (std::size_t i = 1; i < size; ++i) add(row[i], row[i - 1]);
        break;
    case 2:
        for (std::size_t i = 0; i < size; ++i) add(row[i], above[i]);
        break;
    case 3:
        for (std::size_t i = 0; i < size; ++i) add(row[i], ((i > 0 ? row[i - 1] : 0) + above[i]) / 2);
        break;
    case 4:
        for (std::size_t i = 0; i < size; ++i) {
            const int a = i > 0 ? row[i - 1] : 0, b = above[i], c = i > 0 ? above[i - 1] : 0;
            const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
            add(row[i], pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
        }
        break;
    default:  // 0: none
        break;
    }
}

/// Whether `idat` inflates to exactly `rows` rows of `row_bytes` bytes, each behind a PNG
/// filter byte (0..4), with nothing after them; with `indices`, also whether every sample
/// names a palette entry. Inflating is what a reader will do; it is a fraction of the
/// decode-and-recompress it replaces.
bool inflates_to_rows(const std::string& idat, std::uint32_t rows, std::size_t row_bytes,
                      const IndexCheck* indices = nullptr) {
    z_stream z{};
    if (inflateInit(&z) != Z_OK) return false;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(idat.data()));
    z.avail_in = static_cast<uInt>(idat.size());
    const std::size_t line = row_bytes + 1;
    const std::uint64_t expected = std::uint64_t{rows} * line;
    std::uint64_t seen = 0, next_filter = 0;
    // Rows are put together only to check indices: the current one (filter byte first) and
    // the one above it, unfiltered.
    std::vector<unsigned char> current(indices != nullptr ? line : 0), above(indices != nullptr ? line : 0);
    std::size_t filled = 0;
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
        for (std::size_t at = 0; ok && indices != nullptr && at < got;) {
            const std::size_t take = std::min(got - at, line - filled);
            std::memcpy(current.data() + filled, buffer + at, take);
            filled += take;
            at += take;
            if (filled == line) {
                unfilter(current[0], current.data() + 1, above.data() + 1, row_bytes);
                ok = indices->row_ok(current.data() + 1);
                std::swap(current, above);
                filled = 0;
            }
        }
        seen += got;
        if (status == Z_BUF_ERROR && got == 0) ok = false;  // truncated data
    }
    inflateEnd(&z);
    return ok && status == Z_STREAM_END && seen == expected && z.avail_in == 0;
}

/// A PLTE chunk's entries as an /Indexed lookup string: one byte each when every entry is a
/// gray (`components` becomes 1, base /DeviceGray: a gray logo needs no sRGB intent), else
/// the RGB triples as they are (`components` 3).
std::string gray_or_rgb_palette(const std::string& plte, int& components) {
    std::string gray;
    for (std::size_t i = 0; i + 2 < plte.size(); i += 3) {
        if (plte[i] != plte[i + 1] || plte[i] != plte[i + 2]) {
            components = 3;
            return plte;
        }
        gray += plte[i];
    }
    components = 1;
    return gray;
}

/// Whether a tRNS chunk leaves every palette entry opaque.
bool opaque(std::string_view trns) {
    return std::all_of(trns.begin(), trns.end(), [](char alpha) { return static_cast<unsigned char>(alpha) == 0xFF; });
}

/// The raster of a PNG whose compressed data PDF can take as it is, or nullopt when the
/// file needs libpng (alpha or transparency, 16 bits, interlacing, gamma or colour profile
/// chunks, anything unusual) or its data does not check out. Gray, RGB and palette images
/// qualify; a palette becomes an /Indexed colour space.
std::optional<Raster> passed_through(std::string_view bytes) {
    static constexpr unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
    if (bytes.size() < 8 + 25 || std::memcmp(b, signature, 8) != 0) return std::nullopt;
    Raster r;
    std::string idat, palette;
    bool header = false, end = false, indexed = false;
    for (std::size_t at = 8; at < bytes.size() && !end;) {
        if (bytes.size() - at < 12) return std::nullopt;
        const std::uint32_t length = be32(b + at);
        if (length > bytes.size() - at - 12) return std::nullopt;
        const std::string_view type(bytes.data() + at + 4, 4);
        const unsigned char* data = b + at + 8;
        const std::string_view body(bytes.data() + at + 8, length);
        const auto crc = static_cast<std::uint32_t>(crc32(crc32(0, nullptr, 0), b + at + 4, length + 4));
        if (crc != be32(data + length)) return std::nullopt;
        if (!header) {
            if (type != "IHDR" || length != 13) return std::nullopt;
            r.width = be32(data);
            r.height = be32(data + 4);
            r.bits = data[8];
            const int colour_type = data[9];
            if (data[10] != 0 || data[11] != 0 || data[12] != 0) return std::nullopt;  // interlaced or unknown
            if (colour_type != 0 && colour_type != 2 && colour_type != 3) return std::nullopt;
            indexed = colour_type == 3;
            r.components = colour_type == 2 ? 3 : 1;
            if (r.bits != 8 && !(r.components == 1 && (r.bits == 1 || r.bits == 2 || r.bits == 4))) return std::nullopt;
            header = true;
        } else if (type == "IDAT") {
            if (indexed && palette.empty()) return std::nullopt;  // PLTE must come first
            idat.append(body);
        } else if (type == "IEND") {
            end = true;
        } else if (type == "PLTE" && indexed && palette.empty() && idat.empty()) {
            if (length == 0 || length % 3 != 0 || length / 3 > (1u << r.bits)) return std::nullopt;
            palette = body;
        } else if (type == "tRNS" && indexed && !palette.empty() && idat.empty() && length <= palette.size() / 3 &&
                   opaque(body)) {
            // fully opaque: the same picture as without
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
    // With a full palette every index names an entry; otherwise the rows must be looked at.
    std::optional<IndexCheck> check;
    if (indexed && palette.size() / 3 < (std::size_t{1} << r.bits)) check.emplace(r.bits, r.width, palette.size() / 3);
    if (!inflates_to_rows(idat, r.height, row_bytes, check ? &*check : nullptr)) return std::nullopt;
    if (indexed) r.palette = gray_or_rgb_palette(palette, r.components);
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
    const char* base = raster.components == 1 ? "DeviceGray" : "DeviceRGB";
    if (raster.palette.empty()) {
        HPDF_Dict_AddName(image, "ColorSpace", base);
    } else {
        HPDF_Array space = haru::new_array(pdf);
        HPDF_Array_AddName(space, "Indexed");
        HPDF_Array_AddName(space, base);
        const auto entries = raster.palette.size() / static_cast<std::size_t>(raster.components);
        HPDF_Array_AddNumber(space, static_cast<HPDF_INT32>(entries) - 1);
        HPDF_Array_Add(space, HPDF_Binary_New(pdf->mmgr, reinterpret_cast<HPDF_BYTE*>(const_cast<char*>(raster.palette.data())),
                                              static_cast<HPDF_UINT>(raster.palette.size())));
        HPDF_Dict_Add(image, "ColorSpace", space);
    }
    HPDF_Dict_AddNumber(image, "BitsPerComponent", raster.bits);
    if (raster.png_predictors) {
        HPDF_Dict parms = haru::new_dict(pdf);
        HPDF_Dict_AddNumber(parms, "Predictor", 15);
        // Colors 1 and BitsPerComponent 8 are the defaults; an index is one colour.
        if (raster.components != 1 && raster.palette.empty()) HPDF_Dict_AddNumber(parms, "Colors", raster.components);
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
