// The compact sRGB output intent profile (icc/brevgen-srgb.icc, made by icc/make_srgb.py),
// parsed here independently of the script: a valid ICC v2 display profile whose colorants
// and white are Debian's sRGB.icc exactly and whose tone curve is the IEC 61966-2.1 curve
// within half a step of 8 bits; and the one colour letters carry.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "pdf/writer.hpp"
#include "pdf_sample.hpp"
#include "pdf_tools.hpp"

using namespace brevgen;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::uint32_t be32(const std::string& s, std::size_t at) {
    REQUIRE(at + 4 <= s.size());
    const auto* p = reinterpret_cast<const unsigned char*>(s.data() + at);
    return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}

std::uint32_t be16(const std::string& s, std::size_t at) {
    REQUIRE(at + 2 <= s.size());
    return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at]) << 8 | static_cast<unsigned char>(s[at + 1]));
}

/// Tag signature → the tag's bytes; checks every entry lies inside the profile.
std::map<std::string, std::string> tags(const std::string& profile) {
    std::map<std::string, std::string> out;
    const std::uint32_t count = be32(profile, 128);
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::size_t entry = 132 + 12 * std::size_t{i};
        const std::uint32_t offset = be32(profile, entry + 4), size = be32(profile, entry + 8);
        INFO("tag " << profile.substr(entry, 4));
        REQUIRE(offset % 4 == 0);
        REQUIRE(offset >= 132 + 12 * std::size_t{count});
        REQUIRE(std::size_t{offset} + size <= profile.size());
        out[profile.substr(entry, 4)] = profile.substr(offset, size);
    }
    return out;
}

double iec_srgb(double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); }

const std::string committed_path = "icc/brevgen-srgb.icc";  // tests run in the source tree
const std::string debian_path = "/usr/share/color/icc/sRGB.icc";

}  // namespace

TEST_CASE("icc: the compact sRGB profile has a valid ICC v2 display header", "[pdf][icc]") {
    const std::string p = slurp(committed_path);
    REQUIRE(p.size() >= 132);
    CHECK(be32(p, 0) == p.size());
    CHECK(p.size() <= 600);
    CHECK(static_cast<unsigned char>(p[8]) == 2);  // major version 2: PDF/A-1 predates v4
    CHECK(p.substr(12, 4) == "mntr");
    CHECK(p.substr(16, 4) == "RGB ");
    CHECK(p.substr(20, 4) == "XYZ ");
    CHECK(p.substr(36, 4) == "acsp");
    // Every other header field is Debian's (creator, date, rendering intent, illuminant).
    const std::string debian = slurp(debian_path);
    REQUIRE(debian.size() >= 128);
    CHECK(p.substr(4, 124) == debian.substr(4, 124));
}

TEST_CASE("icc: the compact sRGB profile has the required tags and Debian's primaries and white", "[pdf][icc]") {
    const auto t = tags(slurp(committed_path));
    for (const char* sig : {"desc", "cprt", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC"}) {
        INFO(sig);
        CHECK(t.count(sig) == 1);
    }
    CHECK(t.at("desc").substr(0, 4) == "desc");
    CHECK(t.at("cprt").substr(0, 4) == "text");
    const auto debian = tags(slurp(debian_path));
    for (const char* sig : {"wtpt", "rXYZ", "gXYZ", "bXYZ"}) {
        INFO(sig);
        CHECK(t.at(sig).substr(0, 4) == "XYZ ");
        CHECK(t.at(sig) == debian.at(sig));
    }
}

TEST_CASE("icc: the compact sRGB tone curve is IEC 61966-2.1's within 0.5/255", "[pdf][icc]") {
    const auto t = tags(slurp(committed_path));
    const std::string& curv = t.at("rTRC");
    CHECK(t.at("gTRC") == curv);
    CHECK(t.at("bTRC") == curv);
    REQUIRE(curv.substr(0, 4) == "curv");
    const std::uint32_t n = be32(curv, 8);
    REQUIRE(n >= 2);  // 0 would be identity, 1 a gamma
    REQUIRE(curv.size() >= 12 + 2 * std::size_t{n});
    std::vector<double> entries;
    for (std::uint32_t i = 0; i < n; ++i) entries.push_back(be16(curv, 12 + 2 * std::size_t{i}) / 65535.0);
    CHECK(entries.front() == 0.0);
    CHECK(entries.back() == 1.0);
    double worst = 0, worst_at = 0;
    constexpr int samples = 1 << 16;
    for (int k = 0; k < samples; ++k) {
        const double x = k / double(samples - 1);
        const double pos = x * (n - 1);
        const std::size_t i = std::min<std::size_t>(static_cast<std::size_t>(pos), n - 2);
        const double f = pos - static_cast<double>(i);
        const double error = std::abs(entries[i] * (1 - f) + entries[i + 1] * f - iec_srgb(x));
        if (error > worst) worst = error, worst_at = x;
    }
    INFO("max error " << worst * 255 << "/255 at " << worst_at << " with " << n << " entries");
    CHECK(worst <= 0.5 / 255);
}

TEST_CASE("icc: a colour letter's output intent is the compact sRGB profile", "[pdf][icc]") {
    const auto fonts = test::shared_font_set();
    const std::string pdf = test::write_temp(pdf::Writer(fonts).write(test::sample_letter(*fonts)));  // a colour logo
    const std::string expanded = test::run("qpdf --stream-data=uncompress " + test::quote(pdf) + " -");
    const std::string profile = slurp(committed_path);
    REQUIRE(!profile.empty());
    CHECK(expanded.find(profile) != std::string::npos);
    CHECK(expanded.find("/usr/share/color/icc/sRGB.icc") == std::string::npos);
    CHECK_THAT(expanded, Catch::Contains("(sRGB IEC61966-2.1)"));
}
