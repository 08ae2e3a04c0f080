#include "danish/typography.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "danish/format.hpp"

namespace brevgen::danish {

namespace {

/// Units that follow a number, compared in lower case without trailing punctuation
/// ("kg." and "kg," are "kg").
constexpr std::array<std::string_view, 40> units{
    "%", "‰", "kg", "g", "mg", "t", "km", "m", "cm", "mm", "m²", "m2", "l", "ml", "dl", "kr", "€",
    "dkk", "timer", "time", "tim", "min", "minutter", "minut", "sek", "sekunder", "dage", "dag", "døgn",
    "uger", "uge", "måneder", "måned", "mdr", "år", "gange", "gang", "procent", "stk", "pct"};

/// Words that a number follows: "uge 49", "kl. 10.00", "§ 7".
constexpr std::array<std::string_view, 9> labels{"uge", "kl", "§", "§§", "nr", "stk", "side", "kr", "pkt"};

constexpr std::array<std::string_view, 12> months{"januar", "februar", "marts", "april", "maj", "juni",
                                                  "juli", "august", "september", "oktober", "november", "december"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Lower case for ASCII and the Danish capitals Æ Ø Å (enough for units, labels, months).
std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

/// The word without the punctuation that may close it: "kg." → "kg", "januar," → "januar".
std::string_view bare(std::string_view w) {
    while (!w.empty() && (w.back() == '.' || w.back() == ',' || w.back() == ';' || w.back() == ':' ||
                          w.back() == ')' || w.back() == '!' || w.back() == '?')) {
        w.remove_suffix(1);
    }
    return w;
}

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& list, std::string_view w) {
    return std::find(list.begin(), list.end(), w) != list.end();
}

/// "15", "7,5", "1.234", "24.–25.", "10-12", "(37": digits with separators, ending in a digit
/// or a point; an opening parenthesis may come first.
bool is_number(std::string_view w) {
    if (!w.empty() && w.front() == '(') w.remove_prefix(1);
    if (w.empty() || !is_digit(w.front())) return false;
    for (std::size_t i = 0; i < w.size(); ++i) {
        const char c = w[i];
        if (is_digit(c) || c == '.' || c == ',' || c == '-') continue;
        if (w.substr(i, en_dash.size()) == en_dash) {
            i += en_dash.size() - 1;
            continue;
        }
        return false;
    }
    return true;
}

/// True when the space between `a` and `b` must not break a line.
bool binds(std::string_view a, std::string_view b) {
    const std::string next = lower(bare(b));
    if (is_number(a)) {
        if (one_of(units, next)) return true;
        return a.back() == '.' && one_of(months, next);  // "1. januar", "24.–25. december"
    }
    const std::string previous = lower(bare(a));
    if (one_of(months, previous)) return next.size() == 4 && std::all_of(next.begin(), next.end(), is_digit);
    return one_of(labels, previous) && !b.empty() && is_digit(b.front());
}

}  // namespace

std::string keep_together(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 16);
    std::size_t start = 0;  // of the current word
    while (start <= text.size()) {
        const std::size_t space = text.find(' ', start);
        const std::string_view word = text.substr(start, space == std::string_view::npos ? text.npos : space - start);
        out.append(word);
        if (space == std::string_view::npos) break;
        const std::size_t next_end = text.find_first_of(" \n", space + 1);
        const std::string_view next = text.substr(space + 1, next_end == std::string_view::npos ? text.npos : next_end - space - 1);
        const std::size_t line_start = word.rfind('\n');
        const std::string_view last = line_start == std::string_view::npos ? word : word.substr(line_start + 1);
        out.append(!last.empty() && !next.empty() && binds(last, next) ? nbsp : std::string_view(" "));
        start = space + 1;
    }
    return out;
}

}  // namespace brevgen::danish
