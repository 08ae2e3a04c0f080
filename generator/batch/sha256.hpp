#pragma once
/// SHA-256 for the manifest's checksums and the duplicate-id set (OpenSSL's libcrypto).

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace brevgen::batch {

/// The 32-byte digest of `bytes`.
std::array<std::uint8_t, 32> sha256(std::string_view bytes);

/// The digest as 64 lowercase hex digits (what the manifest records).
std::string sha256_hex(std::string_view bytes);

/// The hex digest of a file's content, or nullopt when it cannot be read.
std::optional<std::string> sha256_file_hex(const std::filesystem::path& path);

}  // namespace brevgen::batch
