#pragma once
/// The output of layout: positioned pages whose every item names its structure element,
/// so the PDF stage can write a tagged PDF without knowing anything about letters.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "fonts/font_set.hpp"

namespace brevgen::layout {

/// Structure roles of tagged PDF (ISO 32000-1 §14.8.4), the ones letters use.
enum class Role : std::uint8_t {
    Document, Sect, Div, H1, H2, P, L, LI, Lbl, LBody, Table, THead, TBody, TR, TH, TD,
    Figure, Link, Span, Caption
};

/// PDF name of a role ("H1", "LBody", ...).
const char* role_name(Role role);

/// Index into Document::elements; `artifact` marks page furniture (page numbers, rules,
/// repeated table headers, decoration) that is not part of the logical content.
using ElemId = std::int32_t;
inline constexpr ElemId artifact = -1;

/// A node of the structure tree. Elements are stored parent-before-child, and siblings in
/// reading order, so a pre-order walk by index is the reading order.
struct StructElem {
    Role role = Role::P;
    ElemId parent = artifact;  ///< artifact (-1) only for the root Document element
    std::string alt;           ///< alternative text (Figure), or expansion
    std::string scope;         ///< TH only: "Column" or "Row"
    std::string lang;          ///< when it differs from the document language (rare)
};

/// A point in layout space: points from the top-left corner of the page, y grows down.
struct Point {
    double x = 0;
    double y = 0;
};

/// A rectangle in layout space (top-left corner, width, height).
struct Rect {
    double x = 0, y = 0, w = 0, h = 0;
};

/// A run of text in one face and size; `pos` is the left end of its baseline.
struct TextRun {
    Point pos;
    fonts::Face face = fonts::Face::regular;
    double size = 10;
    std::string text;  ///< UTF-8; every code point has a glyph in `face`
    double gray = 0;   ///< 0 = black, 1 = white
    double word_spacing = 0;  ///< extra points per space (justified text); 0 = none
};

/// A straight line (rules, table borders, signature lines).
struct Line {
    Point from, to;
    double width = 0.5;
    double gray = 0;
};

/// A rectangle, filled and/or stroked (fact boxes, chart bars, table header shading).
struct Box {
    Rect rect;
    double fill_gray = -1;    ///< < 0: not filled
    double stroke_gray = -1;  ///< < 0: not stroked
    double stroke_width = 0.5;
};

/// A raster image placed in `rect`; `image` indexes Document::images.
struct ImagePlacement {
    Rect rect;
    std::size_t image = 0;
};

/// One painted thing and the structure element it belongs to.
struct Item {
    std::variant<TextRun, Line, Box, ImagePlacement> shape;
    ElemId elem = artifact;
};

/// A clickable link area on a page, belonging to a Link structure element.
struct LinkArea {
    Rect rect;
    std::string uri;
    ElemId elem = artifact;
};

/// One page: items in painting order, which within one element is reading order.
struct Page {
    double width = 595.2756;
    double height = 841.8898;
    std::vector<Item> items;
    std::vector<LinkArea> links;
};

/// Image data as read from the file (PNG or JPEG), decoded by the PDF stage.
struct ImageData {
    std::string source;  ///< the path as written in the markup, for error messages
    std::string bytes;   ///< file content
    bool is_png = true;
};

/// Document-level metadata, written to the info dictionary and XMP.
struct Metadata {
    std::string title;
    std::string author;
    std::string subject;
    std::string keywords;
    std::string lang = "da-DK";
    std::string creator;        ///< "brevgen 0.1.0"
    std::string date;           ///< ISO 8601 date of the letter (from the case, never the clock)
};

/// The finished layout of one letter.
struct Document {
    Metadata meta;
    std::vector<StructElem> elements;  ///< elements[0] is the Document root
    std::vector<Page> pages;
    std::vector<ImageData> images;
};

}  // namespace brevgen::layout
