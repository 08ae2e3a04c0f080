#pragma once
/// Layout: a parsed letter → positioned pages with structure roles.

#include <functional>
#include <optional>
#include <string>

#include "common/diagnostic.hpp"
#include "common/limits.hpp"
#include "common/units.hpp"
#include "fonts/font_set.hpp"
#include "layout/page.hpp"
#include "markup/document.hpp"

namespace brevgen::danish {
class Hyphenator;
}

namespace brevgen::layout {

/// Limits that keep hostile input from producing absurd documents (common/limits.hpp).
using Limits = LayoutLimits;

/// The part of the first page that an envelope's window shows, in points from the page's
/// top-left corner. The default is what every common window shows (docs/paper.md).
struct Window {
    double left = mm(20);
    double top = mm(45);
    double right = mm(105);
    double bottom = mm(74);
};

/// What layout needs from the outside world.
struct Environment {
    const fonts::FontSet* fonts = nullptr;
    const danish::Hyphenator* hyphenator = nullptr;  ///< nullptr: no hyphenation
    /// Reads an image named in the markup (logo, <image>); nullopt when it cannot.
    std::function<std::optional<std::string>(const std::string& src)> read_file;
    std::string creator;  ///< "brevgen 0.1.0"
    Limits limits;
    Window window;        ///< where the recipient's address goes
    /// A paper letter: an address that does not fit the window is an error. A digital
    /// letter's address may grow below the window instead, and the text moves down.
    bool paper = false;
};

/// The pages, or errors (characters no font has, unreadable images, page limit).
struct LayoutResult {
    Document document;
    Diagnostics diagnostics;
};

/// Lays out one letter on A4 pages.
LayoutResult layout_letter(const markup::Letter& letter, const Environment& env);

/// True when text with `cp` can be typeset in every style: the character is one layout
/// does not draw (a control, a soft hyphen, an invisible format character), or each face
/// has it or falls back to one that has. What layout would refuse, this refuses first,
/// so a case's fields can be checked before a letter is made.
bool can_typeset(const fonts::FontSet& fonts, char32_t cp);

/// Only fits the address block into the window: the errors layout_letter would report
/// about it (for a paper letter that does not fit), without laying out the rest.
Diagnostics check_address(const markup::Letter& letter, const Environment& env);

}  // namespace brevgen::layout
