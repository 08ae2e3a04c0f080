#pragma once
/// Internal to layout, the second step of breaking text into lines: words are placed
/// greedily, and a word that does not fit is hyphenated (Danish dictionary) or, when it is
/// wider than a whole line, broken anywhere. Linear in the length of the text.

#include <vector>

#include "layout/text.hpp"
#include "layout/words.hpp"

namespace brevgen::layout {

/// Lines of at most `width` points (a single character wider than the line stands alone).
/// A hyphen added at a break is a separate piece marked `artifact`: it is drawn but is not
/// part of the text (docs/accessibility.md).
std::vector<LineBox> break_words(TextEngine& engine, std::vector<Word> words, double width);

}  // namespace brevgen::layout
