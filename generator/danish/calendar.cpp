#include "danish/calendar.hpp"

#include <cstdio>

namespace brevgen::danish {

namespace {

namespace chr = std::chrono;

/// Reads exactly `width` ASCII digits at `pos`; nullopt on anything else.
std::optional<int> fixed_digits(std::string_view s, std::size_t pos, std::size_t width) {
    if (pos + width > s.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        const char c = s[i];
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

}  // namespace

chr::sys_days Date::sys_days() const {
    return chr::sys_days{chr::year{year} / chr::month{static_cast<unsigned>(month)} /
                         chr::day{static_cast<unsigned>(day)}};
}

std::int64_t Date::days_since_epoch() const { return sys_days().time_since_epoch().count(); }

std::optional<Date> make_date(int year, int month, int day) {
    if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
    const chr::year_month_day ymd{chr::year{year}, chr::month{static_cast<unsigned>(month)},
                                  chr::day{static_cast<unsigned>(day)}};
    if (!ymd.ok()) return std::nullopt;
    return Date{year, month, day};
}

Date from_sys_days(chr::sys_days d) {
    const chr::year_month_day ymd{d};
    return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

std::optional<Date> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto y = fixed_digits(text, 0, 4);
    const auto m = fixed_digits(text, 5, 2);
    const auto d = fixed_digits(text, 8, 2);
    if (!y || !m || !d || *y < 1) return std::nullopt;
    return make_date(*y, *m, *d);
}

std::optional<DateTime> parse_datetime(std::string_view text) {
    if (text.size() != 16 && text.size() != 19) return std::nullopt;
    const auto date = parse_date(text.substr(0, 10));
    if (!date || text[10] != 'T' || text[13] != ':') return std::nullopt;
    const auto h = fixed_digits(text, 11, 2);
    const auto mi = fixed_digits(text, 14, 2);
    if (!h || !mi || *h > 23 || *mi > 59) return std::nullopt;
    int sec = 0;
    if (text.size() == 19) {
        const auto s = fixed_digits(text, 17, 2);
        // A leap second (":60") never appears in an appointment; reject it like any typo.
        if (text[16] != ':' || !s || *s > 59) return std::nullopt;
        sec = *s;
    }
    return DateTime{*date, *h, *mi, sec};
}

Date add_days(Date d, std::int64_t n) {
    return from_sys_days(d.sys_days() + chr::days{n});
}

std::int64_t days_between(Date from, Date to) { return (to.sys_days() - from.sys_days()).count(); }

Weekday weekday(Date d) {
    return static_cast<Weekday>(chr::weekday{d.sys_days()}.iso_encoding());
}

bool is_weekend(Date d) {
    const Weekday w = weekday(d);
    return w == Weekday::saturday || w == Weekday::sunday;
}

IsoWeek week_of(Date d) {
    // ISO 8601: a week belongs to the year that holds its Thursday.
    const auto wd = static_cast<std::int64_t>(weekday(d));
    const Date thursday = add_days(d, 4 - wd);
    const Date jan1{thursday.year, 1, 1};
    return IsoWeek{thursday.year, static_cast<int>(days_between(jan1, thursday) / 7 + 1)};
}

Date monday_of(Date d) {
    return add_days(d, 1 - static_cast<std::int64_t>(weekday(d)));
}

Date monday_of(IsoWeek w) {
    // 4 January is always in week 1 of its year.
    const Date week1_monday = monday_of(Date{w.year, 1, 4});
    return add_days(week1_monday, 7 * static_cast<std::int64_t>(w.week - 1));
}

Date last_sunday(int year, int month) {
    const Date last = from_sys_days(chr::sys_days{chr::year{year} / chr::month{static_cast<unsigned>(month)} / chr::last});
    return add_days(last, -(static_cast<std::int64_t>(weekday(last)) % 7));
}

std::int64_t unix_seconds(const DateTime& utc) {
    return utc.date.days_since_epoch() * 86400 + utc.hour * 3600 + utc.minute * 60 + utc.second;
}

DateTime from_unix_seconds(std::int64_t seconds) {
    std::int64_t days = seconds / 86400, rest = seconds % 86400;
    if (rest < 0) {
        rest += 86400;
        --days;
    }
    const auto r = static_cast<int>(rest);
    return DateTime{add_days(Date{}, days), r / 3600, r / 60 % 60, r % 60};
}

DateTime danish_to_utc(const DateTime& local) {
    const std::int64_t wall = unix_seconds(local);
    const int year = local.date.year;
    const std::int64_t summer_from = unix_seconds(DateTime{last_sunday(year, 3), 1, 0, 0});
    const std::int64_t summer_until = unix_seconds(DateTime{last_sunday(year, 10), 1, 0, 0});
    // Summer time when the wall clock read as UTC+2 lands inside summer; that covers the
    // first pass of autumn's repeated hour. Everything else, spring's skipped hour
    // included, is read as UTC+1.
    const std::int64_t as_summer = wall - 2 * 3600;
    if (as_summer >= summer_from && as_summer < summer_until) return from_unix_seconds(as_summer);
    return from_unix_seconds(wall - 3600);
}

std::string iso_string(Date d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year % 10000, d.month % 100, d.day % 100);
    return buf;
}

std::string iso_string(const DateTime& t) {
    char buf[16];
    if (t.second != 0) {
        std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d", t.hour % 100, t.minute % 100, t.second % 100);
    } else {
        std::snprintf(buf, sizeof buf, "T%02d:%02d", t.hour % 100, t.minute % 100);
    }
    return iso_string(t.date) + buf;
}

}  // namespace brevgen::danish
