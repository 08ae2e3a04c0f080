// OpenSSL's libcrypto is opened when the first hash is asked for, not linked: loading and
// relocating it cost a one-letter `brevgen render` (which hashes nothing) about a tenth of
// its start-up, while the batch and the server, which hash every letter, keep its SHA-NI
// code.
#include "common/sha256.hpp"

#include <dlfcn.h>
#include <openssl/evp.h>

#include <stdexcept>
#include <string>

namespace brevgen {

namespace {

/// The few libcrypto functions used here, looked up once per process.
struct Crypto {
    EVP_MD_CTX* (*ctx_new)() = nullptr;
    void (*ctx_free)(EVP_MD_CTX*) = nullptr;
    EVP_MD* (*md_fetch)(OSSL_LIB_CTX*, const char*, const char*) = nullptr;
    int (*init)(EVP_MD_CTX*, const EVP_MD*, ENGINE*) = nullptr;
    int (*update)(EVP_MD_CTX*, const void*, size_t) = nullptr;
    int (*final)(EVP_MD_CTX*, unsigned char*, unsigned int*) = nullptr;
    /// OpenSSL 3 would otherwise search its providers on every hasher, which costs more
    /// than hashing a small letter.
    const EVP_MD* sha256 = nullptr;
    std::string error;
};

template <typename F>
void bind(void* lib, F& f, const char* name, std::string& error) {
    f = reinterpret_cast<F>(dlsym(lib, name));
    if (f == nullptr && error.empty()) error = std::string(BREVGEN_LIBCRYPTO ": no ") + name;
}

Crypto open_crypto() {
    Crypto c;
    void* lib = dlopen(BREVGEN_LIBCRYPTO, RTLD_NOW | RTLD_LOCAL);  // kept open for the process
    if (lib == nullptr) {
        const char* why = dlerror();
        c.error = why != nullptr ? why : BREVGEN_LIBCRYPTO ": cannot be loaded";
        return c;
    }
    bind(lib, c.ctx_new, "EVP_MD_CTX_new", c.error);
    bind(lib, c.ctx_free, "EVP_MD_CTX_free", c.error);
    bind(lib, c.md_fetch, "EVP_MD_fetch", c.error);
    bind(lib, c.init, "EVP_DigestInit_ex", c.error);
    bind(lib, c.update, "EVP_DigestUpdate", c.error);
    bind(lib, c.final, "EVP_DigestFinal_ex", c.error);
    if (c.error.empty()) c.sha256 = c.md_fetch(nullptr, "SHA256", nullptr);
    if (c.error.empty() && c.sha256 == nullptr) c.error = "libcrypto has no SHA-256";
    return c;
}

const Crypto& crypto() {
    static const Crypto c = open_crypto();
    return c;
}

}  // namespace

struct Sha256::Context {
    EVP_MD_CTX* md = nullptr;
    ~Context() {
        if (md != nullptr) crypto().ctx_free(md);
    }
};

Sha256::Sha256() : ctx_(std::make_unique<Context>()) {
    const Crypto& c = crypto();
    if (!c.error.empty()) throw std::runtime_error("SHA-256 unavailable: " + c.error);
    ctx_->md = c.ctx_new();
    if (ctx_->md == nullptr || c.init(ctx_->md, c.sha256, nullptr) != 1) {
        throw std::runtime_error("SHA-256 unavailable");
    }
}

Sha256::~Sha256() = default;

Sha256& Sha256::update(std::string_view bytes) {
    crypto().update(ctx_->md, bytes.data(), bytes.size());
    return *this;
}

Sha256Digest Sha256::finish() {
    Sha256Digest digest{};
    unsigned int size = 0;
    crypto().final(ctx_->md, digest.data(), &size);
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
