#include "danish/format.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

namespace brevgen::danish {

namespace {

constexpr std::array<std::string_view, 7> weekday_names{
    "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"};
constexpr std::array<std::string_view, 7> weekday_abbrevs{
    "man.", "tirs.", "ons.", "tors.", "fre.", "lør.", "søn."};
constexpr std::array<std::string_view, 12> month_names{
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december"};

/// "30.11." — day and month without leading zeros, each followed by a point.
std::string day_month(Date d) {
    return std::to_string(d.day) + '.' + std::to_string(d.month) + '.';
}

/// "10.00" — the hour without a leading zero, the minutes with two digits.
std::string clock(const DateTime& t) {
    std::string out = std::to_string(t.hour) + '.';
    if (t.minute < 10) out += '0';
    out += std::to_string(t.minute);
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string without_spaces(std::string_view s) {
    std::string out;
    for (const char c : s) {
        if (c != ' ') out += c;
    }
    return out;
}

/// Inserts the thousands points into a run of digits: "1234567" → "1.234.567".
std::string group_thousands(const std::string& digits) {
    std::string out;
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (i != 0 && (n - i) % 3 == 0) out += '.';
        out += digits[i];
    }
    return out;
}

/// Words after which a legal reference must not break: "§ 7 a", "stk. 2", "nr. 994".
bool binds_next_word(std::string_view word) {
    return word == "§" || word == "§§" || word == "stk." || word == "nr." || word == "litra" ||
           word == "artikel";
}

}  // namespace

std::string_view weekday_name(Weekday w) { return weekday_names[static_cast<std::size_t>(w) - 1]; }

std::string_view weekday_abbrev(Weekday w) {
    return weekday_abbrevs[static_cast<std::size_t>(w) - 1];
}

std::string_view month_name(int month) {
    if (month < 1 || month > 12) return {};
    return month_names[static_cast<std::size_t>(month - 1)];
}

std::string long_date(Date d) {
    std::string out = std::to_string(d.day) + ". ";
    out += month_name(d.month);
    out += ' ' + std::to_string(d.year);
    return out;
}

std::string weekday_date(Date d) {
    std::string out{weekday_name(weekday(d))};
    out += " den ";
    out += long_date(d);
    return out;
}

std::string short_date(Date d) { return day_month(d) + std::to_string(d.year); }

std::string date_range(Date from, Date to) {
    if (from == to) return short_date(from);
    std::string out = from.year == to.year ? day_month(from) : short_date(from);
    out += en_dash;
    out += short_date(to);
    return out;
}

std::string weekday_range(Date from, Date to) {
    std::string out{weekday_abbrev(weekday(from))};
    out += ' ' + day_month(from);
    out += en_dash;
    out += weekday_abbrev(weekday(to));
    out += ' ' + day_month(to);
    return out;
}

std::string time(const DateTime& t) { return "kl. " + clock(t); }

std::string time_range(const DateTime& from, const DateTime& to) {
    std::string out = time(from);
    out += en_dash;
    out += clock(to);
    return out;
}

std::string meeting_time(const DateTime& from, const DateTime& to) {
    return weekday_date(from.date) + ' ' + time_range(from, to);
}

std::string number(double value, int decimals) {
    decimals = std::clamp(decimals, 0, 6);
    std::int64_t scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    const double scaled = value * static_cast<double>(scale);
    if (!std::isfinite(scaled) || std::fabs(scaled) >= 1e15) return {};
    // Case data holds decimal literals ("2.675"); their binary value can sit a hair below
    // the decimal tie. A relative nudge of 1e-9 restores the tie the writer meant.
    const double nudged = scaled + std::copysign(1e-9 * std::max(1.0, std::fabs(scaled)), scaled);
    const std::int64_t n = std::llround(nudged);
    const std::uint64_t magnitude = n < 0 ? static_cast<std::uint64_t>(-n) : static_cast<std::uint64_t>(n);
    const auto uscale = static_cast<std::uint64_t>(scale);
    std::string out = n < 0 ? "-" : "";
    out += group_thousands(std::to_string(magnitude / uscale));
    if (decimals > 0) {
        std::string frac = std::to_string(magnitude % uscale);
        frac.insert(0, static_cast<std::size_t>(decimals) - frac.size(), '0');
        out += ',' + frac;
    }
    return out;
}

std::string hours(double value) {
    std::string out = number(value, 2);
    if (out.find(',') == std::string::npos) return out;
    while (out.back() == '0') out.pop_back();
    if (out.back() == ',') out.pop_back();
    return out;
}

std::string percent(double value) {
    std::string out = number(value, 0);
    if (out.empty()) return out;
    out += nbsp;
    out += '%';
    return out;
}

namespace {

/// "7a", "13b," or "36a." as a paragraph number glued to its letter: the length of the number.
std::size_t glued_letter(std::string_view word) {
    std::size_t digits = 0;
    while (digits < word.size() && word[digits] >= '0' && word[digits] <= '9') ++digits;
    if (digits == 0 || digits + 1 > word.size() || word[digits] < 'a' || word[digits] > 'z') return 0;
    const std::string_view tail = word.substr(digits + 1);
    return tail.empty() || tail == "," || tail == "." ? digits : 0;
}

/// "a", "b," – the letter of a paragraph number written apart from it.
bool is_paragraph_letter(std::string_view word) {
    return !word.empty() && word[0] >= 'a' && word[0] <= 'z' &&
           (word.size() == 1 || (word.size() == 2 && (word[1] == ',' || word[1] == '.')));
}

bool all_digits_word(std::string_view word) {
    return !word.empty() && word.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

std::string section(std::string_view reference) {
    std::string_view rest = trim(reference);
    std::string out;
    std::string_view previous;
    if (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') {
        out = "§";
        previous = "§";
    }
    const auto append = [&](std::string_view word) {
        // Danish statutes write "§ 7 a": the letter apart from the number, never at a line start.
        const bool letter_of_number = all_digits_word(previous) && is_paragraph_letter(word);
        if (!out.empty()) {
            out += binds_next_word(previous) || letter_of_number ? std::string{nbsp} : std::string{" "};
        }
        out += word;
        previous = word;
    };
    while (!rest.empty()) {
        const std::size_t space = rest.find(' ');
        std::string_view word = rest.substr(0, space);
        rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
        if (word.empty()) continue;  // runs of spaces collapse to one
        // "§7a" written without a space: split it so the no-break space goes in between.
        const bool glued = word.size() > 2 && word.substr(0, 2) == "§" && word.substr(2, 2) != "§";
        if (glued) {
            append(word.substr(0, 2));
            word = word.substr(2);
        }
        // "7a" written as one word: "7 a".
        if (const std::size_t n = binds_next_word(previous) ? glued_letter(word) : 0; n > 0) {
            append(word.substr(0, n));
            append(word.substr(n));
        } else {
            append(word);
        }
    }
    return out;
}

std::string iso_week(IsoWeek w) { return "uge " + std::to_string(w.week); }

std::string iso_week(Date d) { return iso_week(week_of(d)); }

std::string masked_cpr(std::string_view cpr) {
    const bool plain = cpr.size() == 10 && all_digits(cpr);
    const bool dashed = cpr.size() == 11 && cpr[6] == '-' && all_digits(cpr.substr(0, 6)) &&
                        all_digits(cpr.substr(7));
    if (!plain && !dashed) return "xxxxxx-xxxx";
    return std::string{cpr.substr(0, 6)} + "-xxxx";
}

std::string phone(std::string_view number) {
    const std::string_view given = trim(number);
    std::string digits = without_spaces(given);
    if (digits.rfind("+45", 0) == 0) {
        digits.erase(0, 3);
    } else if (digits.rfind("0045", 0) == 0) {
        digits.erase(0, 4);
    }
    if (digits.size() != 8 || !all_digits(digits)) return std::string{given};
    std::string out;
    for (std::size_t i = 0; i < 8; i += 2) {
        if (i != 0) out += ' ';
        out += digits.substr(i, 2);
    }
    return out;
}

std::string cvr(std::string_view number) {
    const std::string_view given = trim(number);
    std::string digits = without_spaces(given);
    if (digits.size() != 8 || !all_digits(digits)) return std::string{given};
    return digits;
}

}  // namespace brevgen::danish
