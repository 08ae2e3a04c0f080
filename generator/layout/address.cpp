// The address block in the envelope window. Sizes and the floor are explained in
// docs/paper.md; a test measures the block with pdftotext -bbox on every example.

#include "layout/address.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "layout/style.hpp"

namespace brevgen::layout {
namespace {

constexpr double recipient_size = style::body_size;  // 10 pt
constexpr double return_size = 7;
/// No address line is set smaller than this: 6 pt still reads, and it lets a company name
/// of about 80 characters fit the default window's 80 mm.
constexpr double floor_size = 6;
constexpr double leading = 12;     ///< between recipient lines: six fit the default window
constexpr double edge_gap = 0.5;   ///< between the window's edges and the ink
const double inset = mm(5);        ///< DIN 5008: the text starts 5 mm inside the window

std::string mm_text(double points) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f mm", points / pt_per_mm);
    return buf;
}

class Fitter {
public:
    Fitter(const markup::Letter& letter, TextEngine& text, Diagnostics& diags)
        : letter_(letter), text_(text), diags_(diags), window_(text.env().window) {
        // The ascent and descent the PDF's font descriptor declares: what viewers and text
        // extraction take as the height of a line.
        const auto& facts = text.env().fonts->metrics(fonts::Face::regular).facts();
        ascent_ = facts.hhea_ascent / 1000.0;
        descent_ = -facts.hhea_descent / 1000.0;
    }

    AddressBlock run() {
        const double x = window_.left + inset;
        const double width = window_.right - x;
        double top = window_.top + edge_gap;
        if (!letter_.return_address.empty()) {
            const double baseline = top + ascent_ * return_size;
            const TextStyle style{fonts::Face::regular, return_size, style::quiet_gray};
            const auto rows = fit(letter_.return_address, style, x, baseline, width, {}, {}, "the return address");
            for (auto row : rows) {
                row.return_line = true;
                block_.rows.push_back(std::move(row));
            }
            const double last = block_.rows.empty() ? baseline : block_.rows.back().baseline;
            block_.rule_y = last + 2;
            block_.rule_from = x;
            block_.rule_to = x + std::min(width, block_.rows.empty() ? 0 : block_.rows.front().box.width);
            top = block_.rule_y + 1.5;
        }
        double baseline = top + ascent_ * recipient_size;
        block_.first_baseline = baseline;
        for (std::size_t i = 0; i < letter_.address.size(); ++i) {
            const auto& line = letter_.address[i];
            const TextStyle style{fonts::Face::regular, recipient_size, 0};
            for (auto row : fit(line.text, style, x, baseline, width, line.pos, line.field, "the address line")) {
                row.source = i;
                baseline = row.baseline;
                block_.rows.push_back(std::move(row));
            }
            check_bottom(i);
            baseline += leading;
        }
        if (!block_.rows.empty()) {
            const auto& last = block_.rows.back();
            block_.bottom = last.baseline + descent_ * last.size;
        }
        return std::move(block_);
    }

private:
    const markup::Letter& letter_;
    TextEngine& text_;
    Diagnostics& diags_;
    const Window& window_;
    double ascent_ = 0.9, descent_ = 0.2;
    AddressBlock block_;
    bool reported_height_ = false;

    void error(SourcePos pos, const std::string& field, std::string message) {
        diags_.push_back(make_error(pos, field, std::move(message)));
    }

    /// The line at the largest size up to `base.size` (in tenths of a point) that fits
    /// `width`; below the floor, a paper letter gets an error and a digital one wraps.
    std::vector<AddressRow> fit(const std::string& s, const TextStyle& base, double x, double baseline, double width,
                                SourcePos pos, const std::string& field, const char* what) {
        const double natural = text_.width(s, base);
        double fitted = base.size;
        if (natural > width) fitted = std::floor(base.size * width / natural * 10) / 10;
        if (fitted >= floor_size && text_.width(s, {base.face, fitted, 0}) <= width) {
            return {AddressRow{text_.single_line(s, {base.face, fitted, base.gray}), x, baseline, fitted, false, 0}};
        }
        const TextStyle small{base.face, floor_size, base.gray};
        if (text_.env().paper) {
            // The letter is refused; one line keeps the other lines' checks meaningful.
            error(pos, field, std::string(what) + " does not fit the envelope window: it is " +
                                  mm_text(text_.width(s, small)) + " long at " +
                                  std::to_string(static_cast<int>(floor_size)) +
                                  " pt (the smallest size), and the window has room for " + mm_text(width));
            return {AddressRow{text_.single_line(s, small), x, baseline, floor_size, false, 0}};
        }
        // Digital post has no window: wrap, at the normal size (nothing is gained by small
        // type any more), never hyphenating; the text below moves down.
        Environment plain = text_.env();
        plain.hyphenator = nullptr;
        Diagnostics ignored;  // characters without a glyph were reported by the measurement below
        TextEngine unhyphenated(plain, ignored);
        std::vector<AddressRow> rows;
        const markup::Inlines runs{markup::Inline{s, false, false, false, true, {}, {}}};  // never hyphenated
        for (auto& box : unhyphenated.break_lines(runs, base, width)) {
            rows.push_back(AddressRow{std::move(box), x, baseline, base.size, false, 0});
            baseline += base.size * 1.2;
        }
        text_.single_line(s, base);  // reports characters no font has, once
        return rows;
    }

    /// A paper letter's address must end inside the window; the first line that does not
    /// is the error.
    void check_bottom(std::size_t i) {
        if (!text_.env().paper || reported_height_ || block_.rows.empty()) return;
        const auto& row = block_.rows.back();
        const double bottom = row.baseline + descent_ * row.size;
        if (bottom <= window_.bottom - edge_gap) return;
        reported_height_ = true;
        error(letter_.address[i].pos, letter_.address[i].field, "the address has too many lines for the envelope window: line " +
                                            std::to_string(i + 1) + " of " + std::to_string(letter_.address.size()) +
                                            " would end " + mm_text(bottom) + " from the top of the page, below the window's " +
                                            mm_text(window_.bottom));
    }
};

}  // namespace

AddressBlock fit_address(const markup::Letter& letter, TextEngine& text, Diagnostics& diags) {
    return Fitter(letter, text, diags).run();
}

Diagnostics check_address(const markup::Letter& letter, const Environment& env) {
    Diagnostics diags;
    TextEngine text(env, diags);
    fit_address(letter, text, diags);
    return diags;
}

}  // namespace brevgen::layout
