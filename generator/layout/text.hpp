#pragma once
/// Inline text: measuring UTF-8 with real font metrics, splitting into faces the fonts
/// can draw, and breaking into lines (with Danish hyphenation where a word does not fit;
/// the steps are words.hpp, then linebreak.hpp).

#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.hpp"
#include "layout/layout.hpp"
#include "markup/document.hpp"

namespace brevgen::layout {

/// Font and size of a run of text.
struct TextStyle {
    fonts::Face face = fonts::Face::regular;
    double size = 10;
    double gray = 0;
};

/// The face of a style with bold/italic applied.
fonts::Face styled_face(bool bold, bool italic);

/// A drawable piece of a line: one face, one link target.
struct Piece {
    double x = 0;  ///< offset from the line's left edge
    double width = 0;
    fonts::Face face = fonts::Face::regular;
    double size = 10;
    double gray = 0;
    std::string text;
    int link = -1;  ///< index into the paragraph's link list, -1 = none
    /// A hyphen added by line breaking: drawn, but page furniture rather than text, so
    /// the structure tree and text extraction keep the whole word (docs/accessibility.md).
    bool artifact = false;
};

/// One broken line.
struct LineBox {
    std::vector<Piece> pieces;
    double width = 0;
};

/// Measures and shapes text; collects errors for characters no font can draw.
class TextEngine {
public:
    TextEngine(const Environment& env, Diagnostics& diagnostics) : env_(env), diags_(diagnostics) {}

    /// Width in points of `text` drawn in `style` (with font fallback).
    double width(std::string_view text, const TextStyle& style) const;

    /// Splits `text` into pieces whose code points the piece's face can draw.
    /// Characters no face has are reported (once per character) at `pos` and left out.
    std::vector<Piece> shape(std::string_view text, const TextStyle& style, SourcePos pos);

    /// Breaks styled runs into lines of at most `width` points. `links` receives the href
    /// of each distinct link, and pieces refer to it by index.
    std::vector<LineBox> break_lines(const markup::Inlines& runs, const TextStyle& base, double width,
                                     std::vector<std::string>* links = nullptr);

    /// One line of plain text, not broken (letterhead, labels); cut to `max_width` at a space.
    LineBox single_line(std::string_view text, const TextStyle& style, SourcePos pos = {});

    const Environment& env() const { return env_; }

private:
    const Environment& env_;
    Diagnostics& diags_;
    std::vector<char32_t> reported_;
};

}  // namespace brevgen::layout
