#include "fonts/glyph_halve.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <vector>

namespace brevgen::fonts::detail {

namespace {

// Simple-glyph point flags (OpenType 'glyf').
constexpr unsigned on_curve = 0x01, x_short = 0x02, y_short = 0x04, repeat = 0x08, x_same_or_positive = 0x10,
                   y_same_or_positive = 0x20, overlap_simple = 0x40;
// Composite-glyph component flags.
constexpr unsigned arg_words = 0x0001, args_xy = 0x0002, has_scale = 0x0008, more_components = 0x0020,
                   xy_scale = 0x0040, two_by_two = 0x0080, has_instructions = 0x0100;

unsigned u8(std::string_view s, std::size_t at) { return static_cast<unsigned char>(s[at]); }
unsigned u16(std::string_view s, std::size_t at) { return (u8(s, at) << 8) | u8(s, at + 1); }
int i16(std::string_view s, std::size_t at) { return static_cast<std::int16_t>(u16(s, at)); }

void append16(std::string& out, int v) {
    out += static_cast<char>((static_cast<unsigned>(v) >> 8) & 0xFF);
    out += static_cast<char>(static_cast<unsigned>(v) & 0xFF);
}

/// Halves the signed 16-bit value of `g` at `at` into the same place of `out`.
void halve16(std::string& out, std::string_view g, std::size_t at) {
    const auto v = static_cast<unsigned>(half(i16(g, at)));
    out[at] = static_cast<char>((v >> 8) & 0xFF);
    out[at + 1] = static_cast<char>(v & 0xFF);
}

bool fits16(int v) { return v >= -32768 && v <= 32767; }

/// A simple glyph's points, decoded to absolute coordinates.
struct Points {
    std::vector<unsigned> flags;  // on-curve bit only (plus overlap on the first)
    std::vector<int> x, y;
};

/// Reads the flag array, then one coordinate array, of a simple glyph.
class SimpleReader {
public:
    SimpleReader(const Reader& r, std::string_view g, std::size_t at) : r_(r), g_(g), at_(at) {}

    std::vector<unsigned> flags(std::size_t count) {
        std::vector<unsigned> out;
        out.reserve(count);
        while (out.size() < count) {
            const unsigned f = next();
            std::size_t times = 1;
            if (f & repeat) times += next();
            if (out.size() + times > count) r_.fail("glyph flags repeat past the last point");
            out.insert(out.end(), times, f);
        }
        return out;
    }

    std::vector<int> coordinates(const std::vector<unsigned>& flags, unsigned short_bit, unsigned same_bit) {
        std::vector<int> out;
        out.reserve(flags.size());
        int v = 0;
        for (const unsigned f : flags) {
            if (f & short_bit) {
                const int d = static_cast<int>(next());
                v += (f & same_bit) ? d : -d;
            } else if (!(f & same_bit)) {
                need(2);
                v += i16(g_, at_);
                at_ += 2;
            }
            out.push_back(v);
        }
        return out;
    }

private:
    void need(std::size_t n) const {
        if (n > g_.size() - at_) r_.fail("glyph outline truncated");
    }
    unsigned next() {
        need(1);
        return u8(g_, at_++);
    }
    const Reader& r_;
    std::string_view g_;
    std::size_t at_;
};

/// Flags and coordinate bytes for one axis step: zero costs no byte, up to 255 one byte.
void encode_step(int d, unsigned short_bit, unsigned same_bit, unsigned& flag, std::string& bytes) {
    if (d == 0) {
        flag |= same_bit;
    } else if (std::abs(d) <= 255) {
        flag |= short_bit | (d > 0 ? same_bit : 0);
        bytes += static_cast<char>(std::abs(d));
    } else {
        append16(bytes, d);
    }
}

/// A simple glyph's contour ends, flags and absolute coordinates.
struct Simple {
    std::vector<unsigned> ends, flags;
    std::vector<int> xs, ys;
    std::size_t instructions = 0;
};

Simple decode_simple(const Reader& r, std::string_view g, std::size_t contours) {
    if (g.size() < 12 + 2 * contours) r.fail("glyph outline truncated");
    Simple s;
    s.ends.resize(contours);
    for (std::size_t i = 0; i < contours; ++i) {
        s.ends[i] = u16(g, 10 + 2 * i);
        if (i > 0 && s.ends[i] <= s.ends[i - 1]) r.fail("glyph contour ends out of order");
    }
    s.instructions = u16(g, 10 + 2 * contours);
    if (s.instructions > g.size() - 12 - 2 * contours) r.fail("glyph outline truncated");
    SimpleReader in(r, g, 12 + 2 * contours + s.instructions);
    s.flags = in.flags(s.ends.back() + 1u);
    s.xs = in.coordinates(s.flags, x_short, x_same_or_positive);
    s.ys = in.coordinates(s.flags, y_short, y_same_or_positive);
    return s;
}

std::optional<std::string> halved_simple(const Reader& r, std::string_view g, std::size_t contours) {
    const Simple s = decode_simple(r, g, contours);
    if (s.instructions != 0) return std::nullopt;
    const std::vector<unsigned>& ends = s.ends;
    const std::vector<unsigned>& flags = s.flags;
    const std::vector<int>& xs = s.xs;
    const std::vector<int>& ys = s.ys;
    const std::size_t count = flags.size();

    std::string out;
    append16(out, static_cast<int>(contours));
    int box[4] = {half(xs[0]), half(ys[0]), half(xs[0]), half(ys[0])};
    for (std::size_t i = 0; i < count; ++i) {
        // Steps are 16-bit, but their sum may leave 16 bits; such a glyph keeps its units.
        // (Within 16 bits, a halved step is at most 16 385.)
        if (!fits16(xs[i]) || !fits16(ys[i])) return std::nullopt;
        box[0] = std::min(box[0], half(xs[i])), box[1] = std::min(box[1], half(ys[i]));
        box[2] = std::max(box[2], half(xs[i])), box[3] = std::max(box[3], half(ys[i]));
    }
    for (const int v : box) append16(out, v);
    for (const unsigned end : ends) append16(out, static_cast<int>(end));
    append16(out, 0);  // no instructions

    std::vector<unsigned> new_flags(count);
    std::string x_bytes, y_bytes;
    int last_x = 0, last_y = 0;
    for (std::size_t i = 0; i < count; ++i) {
        unsigned f = flags[i] & (i == 0 ? on_curve | overlap_simple : on_curve);
        encode_step(half(xs[i]) - last_x, x_short, x_same_or_positive, f, x_bytes);
        encode_step(half(ys[i]) - last_y, y_short, y_same_or_positive, f, y_bytes);
        last_x = half(xs[i]), last_y = half(ys[i]);
        new_flags[i] = f;
    }
    // Runs of three or more equal flags take two bytes: the flag with the repeat bit, then
    // how many more follow (at most 255).
    for (std::size_t i = 0; i < count;) {
        std::size_t run = 1;
        while (i + run < count && run < 256 && new_flags[i + run] == new_flags[i]) ++run;
        if (run >= 3) {
            out += static_cast<char>(new_flags[i] | repeat);
            out += static_cast<char>(run - 1);
        } else {
            for (std::size_t k = 0; k < run; ++k) out += static_cast<char>(new_flags[i]);
        }
        i += run;
    }
    out += x_bytes;
    out += y_bytes;
    return out;
}

std::optional<std::string> halved_composite(const Reader& r, std::string_view g) {
    std::string out(g);
    for (std::size_t i = 0; i < 4; ++i) halve16(out, g, 2 + 2 * i);  // the bounding box
    std::size_t at = 10;
    unsigned flags = more_components;
    while (flags & more_components) {
        if (at + 4 > g.size()) r.fail("glyph (composite) truncated");
        flags = u16(g, at);
        at += 4;
        const std::size_t arg_bytes = (flags & arg_words) ? 4 : 2;
        if (at + arg_bytes > g.size()) r.fail("glyph (composite) truncated");
        if (flags & args_xy) {  // offsets in font units; otherwise point numbers, kept
            for (std::size_t k = 0; k < 2; ++k) {
                if (flags & arg_words) {
                    halve16(out, g, at + 2 * k);
                } else {
                    out[at + k] = static_cast<char>(half(static_cast<signed char>(g[at + k])));
                }
            }
        }
        at += arg_bytes;
        at += (flags & two_by_two) ? 8 : (flags & xy_scale) ? 4 : (flags & has_scale) ? 2 : 0;
    }
    if (flags & has_instructions) return std::nullopt;
    if (at > g.size()) r.fail("glyph (composite) truncated");
    return out;
}

}  // namespace

std::vector<std::pair<int, int>> simple_glyph_points(const Reader& r, std::string_view glyph) {
    if (glyph.size() < 10) r.fail("glyph outline truncated");
    const int contours = i16(glyph, 0);
    if (contours <= 0) return {};
    const Simple s = decode_simple(r, glyph, static_cast<std::size_t>(contours));
    std::vector<std::pair<int, int>> points;
    for (std::size_t i = 0; i < s.xs.size(); ++i) points.emplace_back(s.xs[i], s.ys[i]);
    return points;
}

std::optional<std::string> halved_glyph(const Reader& r, std::string_view glyph) {
    if (glyph.empty()) return std::string();
    if (glyph.size() < 10) r.fail("glyph outline truncated");
    const int contours = i16(glyph, 0);
    if (contours < 0) return halved_composite(r, glyph);
    if (contours == 0) return std::nullopt;  // no points: nothing a reader expects here
    return halved_simple(r, glyph, static_cast<std::size_t>(contours));
}

}  // namespace brevgen::fonts::detail
