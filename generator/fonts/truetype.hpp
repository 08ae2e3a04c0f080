#pragma once
/// Internal to the fonts module: bounds-checked big-endian reads over a TrueType file, and
/// its table directory. Every read past the end is a FontError naming the file.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "fonts/font_set.hpp"

namespace brevgen::fonts::detail {

/// Big-endian reads over a font file's bytes.
class Reader {
public:
    Reader(std::string_view data, const std::filesystem::path& file) : data_(data), file_(file) {}

    [[noreturn]] void fail(const std::string& what) const {
        throw FontError(file_.string() + ": corrupt font: " + what);
    }
    void need(std::size_t offset, std::size_t len, const char* what) const {
        if (offset > data_.size() || len > data_.size() - offset) fail(std::string(what) + " out of bounds");
    }
    std::uint16_t u16(std::size_t offset) const {
        need(offset, 2, "read");
        return static_cast<std::uint16_t>((byte(offset) << 8) | byte(offset + 1));
    }
    std::int16_t i16(std::size_t offset) const { return static_cast<std::int16_t>(u16(offset)); }
    std::uint32_t u32(std::size_t offset) const {
        need(offset, 4, "read");
        return (std::uint32_t{byte(offset)} << 24) | (std::uint32_t{byte(offset + 1)} << 16) |
               (std::uint32_t{byte(offset + 2)} << 8) | std::uint32_t{byte(offset + 3)};
    }
    std::string_view bytes(std::size_t offset, std::size_t len, const char* what) const {
        need(offset, len, what);
        return data_.substr(offset, len);
    }
    std::size_t size() const { return data_.size(); }

private:
    unsigned byte(std::size_t i) const { return static_cast<unsigned char>(data_[i]); }
    std::string_view data_;
    const std::filesystem::path& file_;
};

/// Location of one table inside the file.
struct Table {
    std::size_t offset = 0;
    std::size_t length = 0;
    bool found = false;
};

/// Finds a table by tag; a missing required table is a FontError.
inline Table find_table(const Reader& r, std::string_view tag, bool required) {
    const std::uint16_t count = r.u16(4);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t rec = 12 + 16 * i;
        if (r.bytes(rec, 4, "table directory") != tag) continue;
        Table table{r.u32(rec + 8), r.u32(rec + 12), true};
        r.need(table.offset, table.length, (std::string(tag) + " table").c_str());
        return table;
    }
    if (required) r.fail("no " + std::string(tag) + " table");
    return {};
}

}  // namespace brevgen::fonts::detail
