#pragma once
/// Internal to the PDF stage: where the output intents' ICC profiles are read from.

#include <filesystem>

namespace brevgen::pdf {

/// brevgen's compact sRGB IEC 61966-2.1 profile (icc/brevgen-srgb.icc, made by
/// icc/make_srgb.py): `icc/` next to the executable, else `../share/brevgen/icc` from it,
/// else the source tree's `icc/`.
std::filesystem::path srgb_profile_file();

/// Debian's gray profile (icc-profiles-free).
std::filesystem::path gray_profile_file();

}  // namespace brevgen::pdf
