#pragma once
/// Calendar arithmetic for the letters: dates, times of day, ISO 8601 weeks, and Danish
/// local time to UTC. Pure values, no clock (case data holds local Danish time).

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace brevgen::danish {

/// A calendar date (proleptic Gregorian). Build it with `make_date` or `parse_date`;
/// a default-constructed Date is 1970-01-01.
struct Date {
    int year = 1970;
    int month = 1;  ///< 1..12
    int day = 1;    ///< 1..31

    /// The date as a day count, for arithmetic with the standard library.
    std::chrono::sys_days sys_days() const;
    /// Days since 1970-01-01 (negative before).
    std::int64_t days_since_epoch() const;

    friend auto operator<=>(const Date&, const Date&) = default;
};

/// A local date and time of day as written in case data ("2026-11-30T10:00").
struct DateTime {
    Date date;
    int hour = 0;    ///< 0..23
    int minute = 0;  ///< 0..59
    int second = 0;  ///< 0..59

    friend auto operator<=>(const DateTime&, const DateTime&) = default;
};

/// Day of the week, numbered as ISO 8601 does (Monday = 1 … Sunday = 7).
enum class Weekday : std::uint8_t {
    monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday
};

/// An ISO 8601 week: the week-year can differ from the calendar year around New Year
/// (2027-01-01 lies in week 53 of 2026).
struct IsoWeek {
    int year = 1970;  ///< week-year
    int week = 1;     ///< 1..53

    friend auto operator<=>(const IsoWeek&, const IsoWeek&) = default;
};

/// A validated date, or nullopt when the day does not exist (2026-02-29).
std::optional<Date> make_date(int year, int month, int day);

/// The date for a sys_days value.
Date from_sys_days(std::chrono::sys_days d);

/// Parses "YYYY-MM-DD" strictly: exactly that shape, a real calendar date, year ≥ 1.
std::optional<Date> parse_date(std::string_view text);

/// Parses "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS" strictly (no zone, no fraction).
std::optional<DateTime> parse_datetime(std::string_view text);

/// `d` moved by `n` days (negative moves back).
Date add_days(Date d, std::int64_t n);

/// Number of days from `from` to `to` (negative when `to` is earlier).
std::int64_t days_between(Date from, Date to);

/// The day of the week of `d`.
Weekday weekday(Date d);

/// True for Saturday and Sunday.
bool is_weekend(Date d);

/// The ISO 8601 week containing `d`.
IsoWeek week_of(Date d);

/// The Monday of the ISO week containing `d`.
Date monday_of(Date d);

/// The Monday of an ISO week (the week number is not checked against 52/53).
Date monday_of(IsoWeek w);

/// The last Sunday of a month (the EU's summer-time changes fall on the last Sunday of
/// March and of October).
Date last_sunday(int year, int month);

/// The same instant in UTC for a Danish wall-clock time: CET (UTC+1) in winter, CEST
/// (UTC+2) from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC
/// (the EU rule, applied to every year). Two wall-clock hours need a choice, as in RFC 5545
/// and java.time: a time in the hour skipped in spring (02:00–02:59) is read with the
/// offset before the gap (02:30 → 01:30Z, i.e. 03:30 summer time), and a time in the hour
/// repeated in autumn (02:00–02:59) means its first occurrence, still summer time
/// (02:30 → 00:30Z).
DateTime danish_to_utc(const DateTime& local);

/// Seconds since 1970-01-01T00:00:00Z of a UTC date and time.
std::int64_t unix_seconds(const DateTime& utc);

/// The UTC date and time `seconds` after 1970-01-01T00:00:00Z.
DateTime from_unix_seconds(std::int64_t seconds);

/// "2026-11-30": for machine-readable output and for messages to the sender.
std::string iso_string(Date d);

/// "2026-11-30T10:00" (seconds shown only when not zero).
std::string iso_string(const DateTime& t);

}  // namespace brevgen::danish
