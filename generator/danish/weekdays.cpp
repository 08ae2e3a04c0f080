#include "danish/weekdays.hpp"

#include <array>
#include <bitset>
#include <string>

namespace brevgen::danish {
namespace {

/// Full names and the abbreviations in use, Monday first.
constexpr std::array<std::array<std::string_view, 3>, 7> day_names{{
    {"mandag", "man", "ma"},
    {"tirsdag", "tirs", "ti"},
    {"onsdag", "ons", "on"},
    {"torsdag", "tors", "to"},
    {"fredag", "fre", "fr"},
    {"lørdag", "lør", "lø"},
    {"søndag", "søn", "sø"},
}};

/// 0 for Monday … 6 for Sunday; -1 when `word` (without its final point) is no weekday.
int day_index(std::string_view word) {
    if (!word.empty() && word.back() == '.') word.remove_suffix(1);
    std::string lower(word);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    if (lower.rfind("Ø", 0) == 0) lower.replace(0, 2, "ø");  // "Ø" → "ø" (both two bytes)
    for (std::size_t i = 0; i < day_names.size(); ++i) {
        for (const auto name : day_names[i]) {
            if (lower == name) return static_cast<int>(i);
        }
    }
    return -1;
}

bool is_separator(std::string_view s, std::size_t i, std::size_t& length) {
    if (s[i] == ',' || s[i] == ' ' || s[i] == '/' || s[i] == '+' || s[i] == '&') {
        length = 1;
        return true;
    }
    if (s.substr(i, 2) == "\xC2\xA0") {  // no-break space
        length = 2;
        return true;
    }
    return false;
}

bool is_dash(std::string_view s, std::size_t i, std::size_t& length) {
    if (s[i] == '-') {
        length = 1;
        return true;
    }
    if (s.substr(i, 3) == "\xE2\x80\x93" || s.substr(i, 3) == "\xE2\x80\x94") {  // – —
        length = 3;
        return true;
    }
    return false;
}

}  // namespace

std::optional<int> count_weekdays(std::string_view text) {
    std::bitset<7> days;
    int range_from = -1;  // the day before a dash, waiting for the end of its range
    bool after_dash = false;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t length = 0;
        if (is_separator(text, i, length)) {
            i += length;
            continue;
        }
        if (is_dash(text, i, length)) {
            if (range_from < 0 || after_dash) return std::nullopt;
            after_dash = true;
            i += length;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && !is_separator(text, end, length) && !is_dash(text, end, length)) ++end;
        const std::string_view word = text.substr(i, end - i);
        i = end;
        if (word == "og") {
            if (after_dash) return std::nullopt;
            range_from = -1;
            continue;
        }
        const int day = day_index(word);
        if (day < 0) return std::nullopt;
        if (after_dash) {
            if (day < range_from) return std::nullopt;  // "fre.–man." is not a plan's week
            for (int d = range_from; d <= day; ++d) days.set(static_cast<std::size_t>(d));
            after_dash = false;
            range_from = -1;
        } else {
            days.set(static_cast<std::size_t>(day));
            range_from = day;
        }
    }
    if (after_dash || days.none()) return std::nullopt;
    return static_cast<int>(days.count());
}

}  // namespace brevgen::danish
