#pragma once
/// Lengths: layout works in PDF points (1/72 inch); page geometry is specified in mm.

namespace brevgen {

inline constexpr double pt_per_mm = 72.0 / 25.4;

/// Millimetres to points.
constexpr double mm(double v) { return v * pt_per_mm; }

/// A4 in points.
inline constexpr double a4_width = 595.2756;
inline constexpr double a4_height = 841.8898;

}  // namespace brevgen
