#pragma once
/// The joints of Danish compound words ("materiale|bestilling", "syge|meldingen"), found
/// with the word list compiled into brevgen (generator/danish/wordlist.py).

#include <cstddef>
#include <string_view>
#include <vector>

namespace brevgen::danish {

/// True when `word` (lower case, UTF-8) is in the Danish word list. The list is compiled
/// in; the first call builds a small index of it (about 20 000 block offsets).
bool is_danish_word(std::string_view word);

/// Places in `word` (lower-case letters, UTF-8) between the parts of a compound, as the
/// number of characters before each joint, ascending. A part is a word of the list of at
/// least three letters, the parts before the last optionally followed by a linking "s" or
/// "e" ("arbejd-s|giver", "sygedag|penge"); the whole word must split into such parts.
std::vector<std::size_t> compound_joints(std::u32string_view word);

}  // namespace brevgen::danish
