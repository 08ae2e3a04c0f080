// Flate with libdeflate rather than zlib: whole-buffer compression (every stream is in
// memory anyway) that is both faster and smaller than zlib at its default level.
#include "pdf/deflate.hpp"

#include <libdeflate.h>

#include "pdf/writer.hpp"

namespace brevgen::pdf {

namespace {

/// Measured on the one-page letter with logo (bench/README.md): level 6 writes 34 bytes
/// less than zlib's level 6 in 0.48 M instructions a letter instead of 0.85 M; 9 saves 21
/// bytes more for 0.09 M, 10 another 100 bytes for 3.2 M, 4 costs 160 bytes to save 0.08 M.
constexpr int level = 6;

/// One compressor per thread: its set-up (hundreds of KB of tables) costs more than
/// compressing a letter's small streams, and libdeflate's compressors are not shared
/// between threads.
class Compressor {
public:
    Compressor() : c_(libdeflate_alloc_compressor(level)) {
        if (c_ == nullptr) throw PdfError("libdeflate cannot start (out of memory)");
    }
    ~Compressor() { libdeflate_free_compressor(c_); }
    Compressor(const Compressor&) = delete;
    Compressor& operator=(const Compressor&) = delete;

    std::string run(std::string_view data) {
        std::string out(libdeflate_zlib_compress_bound(c_, data.size()), '\0');
        const std::size_t size = libdeflate_zlib_compress(c_, data.data(), data.size(), out.data(), out.size());
        if (size == 0) throw PdfError("libdeflate cannot compress a stream");  // the bound makes this impossible
        out.resize(size);
        return out;
    }

private:
    libdeflate_compressor* c_;
};

}  // namespace

std::string flate_encode(std::string_view data) {
    thread_local Compressor compressor;
    return compressor.run(data);
}

}  // namespace brevgen::pdf
