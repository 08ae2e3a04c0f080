#pragma once
/// Test helper: palette PNGs written byte by byte (1, 2, 4 or 8 bits per index), every
/// PNG filter used in turn, so a reader must undo each of them.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "pdf_sample.hpp"

namespace brevgen::test {

/// The PNG filter `filter` (0..4) applied to one packed row against the row above, one
/// byte per step (as for every palette bit depth).
inline std::string filter_row(int filter, const std::string& row, const std::string& above) {
    std::string out(row.size(), '\0');
    for (std::size_t i = 0; i < row.size(); ++i) {
        const int a = i > 0 ? static_cast<unsigned char>(row[i - 1]) : 0, b = static_cast<unsigned char>(above[i]),
                  c = i > 0 ? static_cast<unsigned char>(above[i - 1]) : 0;
        int predicted = 0;
        if (filter == 1) predicted = a;
        if (filter == 2) predicted = b;
        if (filter == 3) predicted = (a + b) / 2;
        if (filter == 4) {
            const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
            predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
        out[i] = static_cast<char>(static_cast<unsigned char>(row[i]) - predicted);
    }
    return out;
}

/// A palette PNG: `indices` one byte per pixel (row by row), packed into `bits` per index;
/// `palette` RGB triples; `trns` (if any) one alpha byte per entry. Row y uses filter y % 5.
inline std::string encode_indexed_png(std::uint32_t width, std::uint32_t height, const std::string& indices,
                                      const std::string& palette, int bits, const std::string* trns = nullptr) {
    const std::size_t row_bytes = (std::size_t{width} * static_cast<std::size_t>(bits) + 7) / 8;
    const int per_byte = 8 / bits;
    std::string raw, above(row_bytes, '\0');
    for (std::uint32_t y = 0; y < height; ++y) {
        std::string row(row_bytes, '\0');
        for (std::uint32_t x = 0; x < width; ++x) {
            const auto index = static_cast<unsigned char>(indices[std::size_t{y} * width + x]);
            const int shift = 8 - bits * (static_cast<int>(x) % per_byte + 1);
            row[x / static_cast<std::uint32_t>(per_byte)] =
                static_cast<char>(static_cast<unsigned char>(row[x / static_cast<std::uint32_t>(per_byte)]) | index << shift);
        }
        const int filter = static_cast<int>(y % 5);
        raw += static_cast<char>(filter);
        raw += filter_row(filter, row, above);
        above = row;
    }
    std::vector<std::pair<std::string, std::string>> chunks{{"PLTE", palette}};
    if (trns != nullptr) chunks.emplace_back("tRNS", *trns);
    return png_file(width, height, bits, 3, chunks, raw);
}

}  // namespace brevgen::test
