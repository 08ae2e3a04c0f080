#include "common/sha256.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace brevgen {

struct Sha256::Context {
    EVP_MD_CTX* md = nullptr;
    ~Context() { EVP_MD_CTX_free(md); }
};

namespace {

/// The SHA-256 implementation, looked up once: OpenSSL 3 would otherwise search its
/// providers on every hasher, which costs more than hashing a small letter.
const EVP_MD* sha256_method() {
    static EVP_MD* const method = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return method;
}

}  // namespace

Sha256::Sha256() : ctx_(std::make_unique<Context>()) {
    ctx_->md = EVP_MD_CTX_new();
    const EVP_MD* method = sha256_method();
    if (ctx_->md == nullptr || method == nullptr || EVP_DigestInit_ex(ctx_->md, method, nullptr) != 1) {
        throw std::runtime_error("SHA-256 unavailable");
    }
}

Sha256::~Sha256() = default;

Sha256& Sha256::update(std::string_view bytes) {
    EVP_DigestUpdate(ctx_->md, bytes.data(), bytes.size());
    return *this;
}

Sha256Digest Sha256::finish() {
    Sha256Digest digest{};
    unsigned int size = 0;
    EVP_DigestFinal_ex(ctx_->md, digest.data(), &size);
    return digest;
}

Sha256Digest sha256(std::string_view bytes) { return Sha256().update(bytes).finish(); }

std::string to_hex(const Sha256Digest& digest) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(64);
    for (const auto b : digest) {
        hex += digits[b >> 4];
        hex += digits[b & 15];
    }
    return hex;
}

}  // namespace brevgen
