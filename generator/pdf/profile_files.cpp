// Output intent profiles: sRGB is brevgen's own compact profile (484 bytes instead of
// Debian's 6 922, see icc/make_srgb.py), found like the fonts; gray stays Debian's, which
// is already small.
#include "pdf/profile_files.hpp"

#include "common/io.hpp"

namespace brevgen::pdf {

namespace fs = std::filesystem;

fs::path srgb_profile_file() {
    constexpr const char* name = "brevgen-srgb.icc";
    if (const auto exe = io::executable_dir(); !exe.empty()) {
        for (const auto& dir : {exe / "icc", (exe / ".." / "share" / "brevgen" / "icc").lexically_normal()}) {
            std::error_code ec;
            if (fs::is_regular_file(dir / name, ec)) return dir / name;
        }
    }
    return fs::path(BREVGEN_SOURCE_DIR) / "icc" / name;
}

fs::path gray_profile_file() { return "/usr/share/color/icc/Gray.icc"; }

}  // namespace brevgen::pdf
