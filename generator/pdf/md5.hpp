#pragma once
/// Internal to the PDF stage: MD5 (RFC 1321) for the file identifier. libharu's own was a
/// tenth of the time spent writing a letter; this one processes whole blocks in place.

#include <array>
#include <cstdint>
#include <string_view>

namespace brevgen::pdf {

/// The 16-byte MD5 digest of `bytes`.
std::array<std::uint8_t, 16> md5(std::string_view bytes);

}  // namespace brevgen::pdf
