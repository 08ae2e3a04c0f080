// Compound joints by dynamic programming over the word's characters: for each start, the
// words of the list that begin there are found by walking the sorted list one character
// at a time, which stops as soon as no word of the list begins with the characters seen.
#include "danish/compounds.hpp"

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>

#include "common/utf8.hpp"

namespace brevgen::danish {

namespace detail {
extern const char words_data[];
extern const std::size_t words_size;
extern const std::size_t words_block;
extern const std::uint32_t words_blocks[];
extern const std::size_t words_block_count;
}  // namespace detail

namespace {

/// Shortest part of a compound: "syg", "dag", "bil" are parts; "op", "af" are not.
constexpr std::size_t min_part = 3;
/// Longest word analysed: Danish compounds in letters stay well below; the bound keeps a
/// hostile 100-letter "word" from costing more than a real one.
constexpr std::size_t max_chars = 48;

std::string_view data() { return {detail::words_data, detail::words_size}; }

/// Offsets of the blocks' first entries, in word order (computed by wordlist.py).
std::span<const std::uint32_t> block_starts() { return {detail::words_blocks, detail::words_block_count}; }

/// A block's first word, stored whole.
std::string_view first_word(std::size_t block) {
    const std::size_t at = block_starts()[block] + 1;
    return data().substr(at, data().find('\n', at) - at);
}

/// Reads the entry at `at` into `word` (which holds the entry before it); returns the
/// offset of the next entry.
std::size_t decode(std::size_t at, std::string& word) {
    const std::string_view d = data();
    const auto shared = static_cast<std::size_t>(d[at] - '0');
    const std::size_t end = d.find('\n', at);
    word.resize(std::min(shared, word.size()));
    word.append(d.substr(at + 1, end - at - 1));
    return end + 1;
}

/// What the list says about `s`: whether it is a word, and whether any word begins with it.
struct Probe {
    bool word = false;
    bool prefix = false;
};

Probe probe(std::string_view s) {
    const auto starts = block_starts();
    if (starts.empty()) return {};
    std::size_t lo = 0, hi = starts.size();  // the last block whose first word is <= s
    while (hi - lo > 1) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (first_word(mid) <= s) lo = mid;
        else hi = mid;
    }
    std::string entry;
    std::size_t at = starts[lo];
    for (std::size_t i = 0; i < detail::words_block && at < data().size(); ++i) {
        at = decode(at, entry);
        if (entry >= s) return {entry == s, entry.starts_with(s)};
        if (at < data().size() && data()[at] == '0') break;
    }
    if (lo + 1 < starts.size()) return {false, first_word(lo + 1).starts_with(s)};
    return {};
}

}  // namespace

bool is_danish_word(std::string_view word) { return probe(word).word; }

std::vector<std::size_t> compound_joints(std::u32string_view word) {
    const std::size_t n = word.size();
    if (n < 2 * min_part || n > max_chars) return {};
    std::vector<std::size_t> bytes(n + 1, 0);  // UTF-8 offset of each character
    std::string utf;
    for (std::size_t i = 0; i < n; ++i) {
        bytes[i] = utf.size();
        utf8::append(utf, word[i]);
    }
    bytes[n] = utf.size();
    const std::string_view text = utf;
    // ends[i]: every k such that characters [i, k) are a word of at least min_part letters.
    std::vector<std::vector<std::size_t>> ends(n);
    for (std::size_t i = 0; i + min_part <= n; ++i) {
        for (std::size_t k = i + 1; k <= n; ++k) {
            const Probe p = probe(text.substr(bytes[i], bytes[k] - bytes[i]));
            if (p.word && k - i >= min_part) ends[i].push_back(k);
            if (!p.prefix) break;
        }
    }
    auto linking = [&](std::size_t k) { return k < n && (word[k] == U's' || word[k] == U'e'); };
    // The split into the fewest parts, the shortest part as long as possible: the word
    // list has many short words ("mel", "din", "gen"), and "syge|mel|din|gen" must lose
    // to "syge|meldingen". best[i] is the best split of characters [0, i); every part but
    // the last may carry a linking letter ("arbejd-s|giver"), and a split has two parts
    // or more (the whole word being a word says nothing about its joints).
    struct Split {
        std::size_t parts = 0;
        std::size_t shortest = 0;
        std::size_t previous = 0;
        bool reached = false;
    };
    std::vector<Split> best(n + 1);
    best[0] = {0, max_chars + 1, 0, true};
    auto relax = [&](std::size_t from, std::size_t to, std::size_t part_length) {
        const Split candidate{best[from].parts + 1, std::min(best[from].shortest, part_length), from, true};
        Split& current = best[to];
        if (!current.reached || candidate.parts < current.parts ||
            (candidate.parts == current.parts && candidate.shortest > current.shortest)) {
            current = candidate;
        }
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (!best[i].reached) continue;
        for (const std::size_t k : ends[i]) {
            if (!(i == 0 && k == n)) relax(i, k, k - i);
            if (linking(k) && k + 1 < n) relax(i, k + 1, k - i);
        }
    }
    if (!best[n].reached) return {};
    std::vector<std::size_t> joints;
    for (std::size_t at = best[n].previous; at != 0; at = best[at].previous) joints.push_back(at);
    std::reverse(joints.begin(), joints.end());
    std::erase_if(joints, [&](std::size_t j) { return j < min_part || j + min_part > n; });
    return joints;
}

}  // namespace brevgen::danish
