#pragma once
/// SHA-256 (OpenSSL's libcrypto, opened on first use) for checksums and content-derived ids.

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace brevgen {

/// A 32-byte SHA-256 digest.
using Sha256Digest = std::array<std::uint8_t, 32>;

/// Hashes data given in pieces: several fields, or a file read in chunks, without copying
/// them into one buffer first.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    /// Adds `bytes` to what is hashed.
    Sha256& update(std::string_view bytes);
    /// The digest of everything added; the hasher is spent afterwards.
    Sha256Digest finish();

private:
    struct Context;
    std::unique_ptr<Context> ctx_;
};

/// The digest of `bytes`.
Sha256Digest sha256(std::string_view bytes);

/// A digest as 64 lowercase hex digits.
std::string to_hex(const Sha256Digest& digest);

}  // namespace brevgen
