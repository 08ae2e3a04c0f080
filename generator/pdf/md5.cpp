#include "pdf/md5.hpp"

#include <bit>
#include <cstring>
#include <utility>

namespace brevgen::pdf {

namespace {

constexpr std::uint32_t rotl(std::uint32_t x, int c) { return (x << c) | (x >> (32 - c)); }

constexpr std::uint32_t k[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};
constexpr int shift[4][4] = {{7, 12, 17, 22}, {5, 9, 14, 20}, {4, 11, 16, 23}, {6, 10, 15, 21}};

/// Step i of the 64: one of (a, b, c, d) — which one turns with i — takes the round's
/// function of the other three, a message word and a constant. Every index is a constant
/// here, so the four words stay in registers and the whole block unrolls (the letter's
/// file identifier hashes ~25 KB; a loop over tables cost ~11 instructions a byte).
template <int i>
[[gnu::always_inline]] inline void step(std::uint32_t (&v)[4], const std::uint32_t (&m)[16]) {
    constexpr int round = i / 16;
    constexpr int a = (64 - i) % 4, b = (a + 1) % 4, c = (a + 2) % 4, d = (a + 3) % 4;
    constexpr int g = round == 0 ? i : round == 1 ? (5 * i + 1) % 16 : round == 2 ? (3 * i + 5) % 16 : (7 * i) % 16;
    std::uint32_t f;
    if constexpr (round == 0) f = v[d] ^ (v[b] & (v[c] ^ v[d]));
    else if constexpr (round == 1) f = v[c] ^ (v[d] & (v[b] ^ v[c]));
    else if constexpr (round == 2) f = v[b] ^ v[c] ^ v[d];
    else f = v[c] ^ (v[b] | ~v[d]);
    v[a] = v[b] + rotl(v[a] + f + k[i] + m[g], shift[round][i % 4]);
}

template <std::size_t... I>
[[gnu::always_inline]] inline void steps(std::uint32_t (&v)[4], const std::uint32_t (&m)[16], std::index_sequence<I...>) {
    (step<static_cast<int>(I)>(v, m), ...);
}

/// One 64-byte block into the state (words little-endian, as MD5 defines).
void block(std::uint32_t state[4], const unsigned char* p) {
    std::uint32_t m[16];
    if constexpr (std::endian::native == std::endian::little) {
        std::memcpy(m, p, sizeof m);
    } else {
        for (int i = 0; i < 16; ++i)
            m[i] = std::uint32_t{p[4 * i]} | std::uint32_t{p[4 * i + 1]} << 8 | std::uint32_t{p[4 * i + 2]} << 16 |
                   std::uint32_t{p[4 * i + 3]} << 24;
    }
    std::uint32_t v[4] = {state[0], state[1], state[2], state[3]};
    steps(v, m, std::make_index_sequence<64>{});
    for (int i = 0; i < 4; ++i) state[i] += v[i];
}

}  // namespace

std::array<std::uint8_t, 16> md5(std::string_view bytes) {
    std::uint32_t state[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    std::size_t left = bytes.size();
    for (; left >= 64; left -= 64, p += 64) block(state, p);
    unsigned char tail[128] = {};
    std::memcpy(tail, p, left);
    tail[left] = 0x80;
    const std::size_t tail_size = left < 56 ? 64 : 128;
    const std::uint64_t bits = static_cast<std::uint64_t>(bytes.size()) * 8;
    for (int i = 0; i < 8; ++i) tail[tail_size - 8 + static_cast<std::size_t>(i)] = static_cast<unsigned char>(bits >> (8 * i));
    for (std::size_t at = 0; at < tail_size; at += 64) block(state, tail + at);
    std::array<std::uint8_t, 16> digest{};
    for (int i = 0; i < 16; ++i) digest[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(state[i / 4] >> (8 * (i % 4)));
    return digest;
}

}  // namespace brevgen::pdf
