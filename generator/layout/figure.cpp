// Figures: raster images and the bar chart of hours per week. Both are Figure elements
// with alternative text; the chart prints in black and white (grey bars with black edges).

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "layout/blocks.hpp"
#include "layout/style.hpp"

namespace brevgen::layout {

std::pair<int, int> image_size(std::string_view bytes, bool& is_png) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(bytes[i])); };
    is_png = bytes.size() >= 24 && bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8);
    if (is_png) {
        const int w = static_cast<int>((byte(16) << 24) | (byte(17) << 16) | (byte(18) << 8) | byte(19));
        const int h = static_cast<int>((byte(20) << 24) | (byte(21) << 16) | (byte(22) << 8) | byte(23));
        return {w, h};
    }
    if (bytes.size() < 4 || byte(0) != 0xFF || byte(1) != 0xD8) return {0, 0};
    // JPEG: walk the segments to the first start-of-frame marker.
    std::size_t i = 2;
    while (i + 9 < bytes.size()) {
        if (byte(i) != 0xFF) return {0, 0};
        const unsigned marker = byte(i + 1);
        const std::size_t length = (byte(i + 2) << 8) | byte(i + 3);
        if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
            return {static_cast<int>((byte(i + 7) << 8) | byte(i + 8)), static_cast<int>((byte(i + 5) << 8) | byte(i + 6))};
        }
        i += 2 + length;
    }
    return {0, 0};
}

void BlockLayout::image(const markup::Block& b, ElemId parent) {
    const auto bytes = text_.env().read_file ? text_.env().read_file(b.src) : std::nullopt;
    if (!bytes) {
        diags_.push_back(make_error(b.pos, {}, "cannot read the image \"" + b.src + "\""));
        return;
    }
    bool is_png = false;
    const auto [px_w, px_h] = image_size(*bytes, is_png);
    if (px_w <= 0 || px_h <= 0) {
        diags_.push_back(make_error(b.pos, {}, "the image \"" + b.src + "\" is neither a PNG nor a JPEG file"));
        return;
    }
    double w = b.width, h = b.height;
    if (w == 0 && h == 0) w = std::min(style::measure, px_w * 0.75);  // 96 dpi
    if (w == 0) w = h * px_w / px_h;
    if (h == 0) h = w * px_h / px_w;
    doc_.images.push_back(ImageData{b.src, *bytes, is_png});
    Fragment f;
    f.space_before = style::paragraph_gap;
    f.height = h;
    f.items.push_back(Item{ImagePlacement{{style::left, 0, w, h}, doc_.images.size() - 1}, element(Role::Figure, parent, b.alt)});
    push(std::move(f));
}

namespace {
std::string format_value(double v) {
    char buf[32];
    const bool whole = std::abs(v - std::round(v)) < 1e-9;
    const int n = std::snprintf(buf, sizeof buf, whole ? "%.0f" : "%.1f", v);
    std::string out(buf, static_cast<std::size_t>(std::clamp(n, 0, static_cast<int>(sizeof buf) - 1)));
    // Danish decimal comma; only the written characters are looked at.
    std::replace(out.begin(), out.end(), '.', ',');
    return out;
}
/// The baseline of a bar's value label (7 pt digits): just above the bar, or just above the
/// reference line when that line would run through the digits.
double value_baseline(double bar_top, double ref_y, bool has_reference) {
    const double baseline = bar_top - 2.5;
    const double digit_top = baseline - 5.5;  // cap height of 7 pt digits, with a hair
    if (has_reference && ref_y > digit_top - 1.5 && ref_y < baseline + 1.5) return ref_y - 2.5;
    return baseline;
}

}  // namespace

void BlockLayout::chart(const markup::Block& b, ElemId parent) {
    const ElemId fig = element(Role::Figure, parent, b.alt);
    const TextStyle small{fonts::Face::regular, 7, 0};
    const TextStyle title_style{fonts::Face::bold, 9, 0};
    const double width = b.width > 0 ? std::min(b.width, style::measure) : style::measure;
    const double height = b.height > 0 ? b.height : mm(45);
    Fragment f;
    f.space_before = style::paragraph_gap + 2;
    f.height = height + 4;
    double top = 0;
    if (!b.title.empty()) {
        emit_line(text_.single_line(b.title, title_style), style::left, 9, 12, fig, f.items);
        top = 14;
    }
    // The reference line's label and the axis caption sit right of the plot, where no bar
    // can cover them.
    const auto ref_label = b.reference > 0 ? text_.single_line(format_value(b.reference) + " " + b.unit, small) : LineBox{};
    const auto axis_label = b.axis.empty() ? LineBox{} : text_.single_line(b.axis, small);
    const double margin = std::max(ref_label.width, axis_label.width);
    const double plot_w = width - (margin > 0 ? margin + 6 : 0);
    const double axis_y = height - 12;  // room for the labels under the bars
    const double plot_top = top + 10;   // room for the value above the tallest bar
    double max_value = b.reference;
    for (const auto& bar : b.bars) max_value = std::max(max_value, bar.value);
    if (max_value <= 0) max_value = 1;
    const double scale = (axis_y - plot_top) / max_value;
    const double ref_y = axis_y - b.reference * scale;
    const std::size_t n = std::max<std::size_t>(b.bars.size(), 1);
    const double slot = plot_w / static_cast<double>(n);
    const double bar_w = std::min(slot * 0.62, mm(14));
    // With many bars, label every k-th bar so labels never run into each other.
    double widest = 0;
    for (const auto& bar : b.bars) {
        widest = std::max({widest, text_.width(format_value(bar.value), small), text_.width(bar.label, small)});
    }
    const auto every = static_cast<std::size_t>(std::max(1.0, std::ceil((widest + 3) / slot)));
    for (std::size_t i = 0; i < b.bars.size(); ++i) {
        const auto& bar = b.bars[i];
        const double cx = style::left + slot * (static_cast<double>(i) + 0.5);
        const double h = bar.value * scale;
        f.items.push_back(Item{Box{{cx - bar_w / 2, axis_y - h, bar_w, h}, 0.62, 0, 0.5}, fig});
        if (i % every != 0 && i + 1 != b.bars.size()) continue;
        const auto value = text_.single_line(format_value(bar.value), small);
        emit_line(value, cx - value.width / 2, value_baseline(axis_y - h, ref_y, b.reference > 0), 8, fig, f.items);
        const auto label = text_.single_line(bar.label, small);
        emit_line(label, cx - label.width / 2, axis_y + 9, 8, fig, f.items);
    }
    f.items.push_back(Item{Line{{style::left, axis_y}, {style::left + plot_w, axis_y}, 0.8, 0}, artifact});
    if (b.reference > 0) {
        // A dashed look without dash support: short segments.
        for (double x = style::left; x < style::left + plot_w; x += 6) {
            f.items.push_back(Item{Line{{x, ref_y}, {std::min(x + 3, style::left + plot_w), ref_y}, 0.7, 0}, artifact});
        }
        emit_line(ref_label, style::left + plot_w + 6, ref_y + 2.5, 8, fig, f.items);
    }
    if (!b.axis.empty()) emit_line(axis_label, style::left + plot_w + 6, axis_y + 9, 8, fig, f.items);
    push(std::move(f));
}

}  // namespace brevgen::layout
