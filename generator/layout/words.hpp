#pragma once
/// Internal to layout, the first step of breaking text into lines: styled runs become
/// words, the units between break opportunities, each knowing how it may be hyphenated.

#include <string>
#include <vector>

#include "layout/text.hpp"
#include "markup/document.hpp"

namespace brevgen::layout {

/// A styled part of a word.
struct Atom {
    std::string text;
    TextStyle style;
    int link = -1;
    SourcePos pos;
};

/// How the dictionary may break a word when it does not fit.
enum class Hyphenation : std::uint8_t {
    allowed,
    last_resort,  ///< a name ("Åboulevarden"): only when the word alone is wider than the line
    never,        ///< <nohyphen>, e-mail addresses, web addresses
};

/// A unit of line breaking: atoms with no break opportunity between them.
struct Word {
    std::vector<Atom> atoms;
    bool space_before = false;
    bool forced_break_before = false;
    bool last = false;  ///< nothing follows on its line: the end of the text or a forced break
    Hyphenation hyphenation = Hyphenation::allowed;
};

/// Splits runs into words at spaces and at the break opportunities inside a word (a hard
/// hyphen or slash with three letters on each side, an en dash in a range). `links`
/// receives the href of each distinct link; atoms refer to it by index.
std::vector<Word> collect_words(const markup::Inlines& runs, const TextStyle& base, std::vector<std::string>* links);

/// The text of all atoms of `w`.
std::string concatenated(const Word& w);

/// True for the letters of the scripts letters use (not punctuation, digits or spaces).
bool is_letter(char32_t cp);

}  // namespace brevgen::layout
