// Calendar: strict parsing, day arithmetic, weekdays and ISO 8601 weeks around New Year.
#include <catch2/catch.hpp>

#include "danish/calendar.hpp"

using brevgen::danish::Date;
using brevgen::danish::DateTime;
using brevgen::danish::IsoWeek;
using brevgen::danish::Weekday;
namespace dk = brevgen::danish;

namespace {
Date d(int y, int m, int day) { return Date{y, m, day}; }
}  // namespace

TEST_CASE("parse_date accepts real calendar dates only", "[danish][calendar]") {
    CHECK(dk::parse_date("2026-11-30") == d(2026, 11, 30));
    CHECK(dk::parse_date("2024-02-29") == d(2024, 2, 29));  // leap year
    CHECK(dk::parse_date("2000-02-29") == d(2000, 2, 29));  // divisible by 400
    CHECK(dk::parse_date("0001-01-01") == d(1, 1, 1));
    CHECK(dk::parse_date("9999-12-31") == d(9999, 12, 31));

    CHECK_FALSE(dk::parse_date("2026-02-29"));  // not a leap year
    CHECK_FALSE(dk::parse_date("1900-02-29"));  // century, not divisible by 400
    CHECK_FALSE(dk::parse_date("2026-04-31"));
    CHECK_FALSE(dk::parse_date("2026-13-01"));
    CHECK_FALSE(dk::parse_date("2026-00-10"));
    CHECK_FALSE(dk::parse_date("2026-01-00"));
    CHECK_FALSE(dk::parse_date("0000-01-01"));
}

TEST_CASE("parse_date rejects every other shape", "[danish][calendar]") {
    for (const char* bad : {"", "2026-1-30", "2026-11-3", "26-11-30", "2026/11/30", "2026-11-30 ",
                            " 2026-11-30", "2026-11-30T10:00", "+026-11-30", "2026-1a-30", "20261130",
                            "2026-11--3", "30.11.2026"}) {
        INFO(bad);
        CHECK_FALSE(dk::parse_date(bad));
    }
}

TEST_CASE("parse_datetime takes minutes and optional seconds", "[danish][calendar]") {
    const auto t = dk::parse_datetime("2026-11-30T10:00");
    REQUIRE(t);
    CHECK(t->date == d(2026, 11, 30));
    CHECK(t->hour == 10);
    CHECK(t->minute == 0);
    CHECK(t->second == 0);

    const auto s = dk::parse_datetime("2026-11-30T23:59:58");
    REQUIRE(s);
    CHECK(s->hour == 23);
    CHECK(s->minute == 59);
    CHECK(s->second == 58);

    CHECK(dk::parse_datetime("2024-02-29T00:00"));
    for (const char* bad : {"2026-11-30", "2026-11-30T24:00", "2026-11-30T10:60", "2026-11-30T10:00:60",
                            "2026-11-30 10:00", "2026-11-30t10:00", "2026-11-30T10:00Z",
                            "2026-11-30T10:00+01:00", "2026-11-30T10:00:00.5", "2026-11-30T1:00",
                            "2026-11-30T10", "2026-02-29T10:00", "2026-11-30T10:00:0"}) {
        INFO(bad);
        CHECK_FALSE(dk::parse_datetime(bad));
    }
}

TEST_CASE("adding days crosses months, years and leap days", "[danish][calendar]") {
    CHECK(dk::add_days(d(2026, 11, 30), 1) == d(2026, 12, 1));
    CHECK(dk::add_days(d(2026, 12, 31), 1) == d(2027, 1, 1));
    CHECK(dk::add_days(d(2024, 2, 28), 1) == d(2024, 2, 29));
    CHECK(dk::add_days(d(2024, 3, 1), -1) == d(2024, 2, 29));
    CHECK(dk::add_days(d(2026, 3, 1), -1) == d(2026, 2, 28));
    CHECK(dk::add_days(d(2026, 10, 12), 55) == d(2026, 12, 6));
    CHECK(dk::days_between(d(2026, 1, 1), d(2027, 1, 1)) == 365);
    CHECK(dk::days_between(d(2024, 1, 1), d(2025, 1, 1)) == 366);
    CHECK(dk::days_between(d(2026, 12, 6), d(2026, 10, 12)) == -55);
    CHECK(d(1970, 1, 1).days_since_epoch() == 0);
    CHECK(d(1969, 12, 31).days_since_epoch() == -1);
}

TEST_CASE("weekday follows ISO numbering", "[danish][calendar]") {
    CHECK(dk::weekday(d(2026, 11, 30)) == Weekday::monday);
    CHECK(dk::weekday(d(2026, 12, 4)) == Weekday::friday);
    CHECK(dk::weekday(d(2026, 12, 6)) == Weekday::sunday);
    CHECK(dk::weekday(d(2024, 2, 29)) == Weekday::thursday);
    CHECK(dk::weekday(d(1970, 1, 1)) == Weekday::thursday);
    CHECK(dk::is_weekend(d(2026, 12, 5)));
    CHECK_FALSE(dk::is_weekend(d(2026, 12, 4)));
}

TEST_CASE("ISO weeks across the new year", "[danish][calendar]") {
    CHECK(dk::week_of(d(2026, 11, 30)) == IsoWeek{2026, 49});
    // 2026 starts on a Thursday, so it has 53 weeks; week 53 runs 28.12.2026–3.1.2027.
    CHECK(dk::week_of(d(2026, 12, 28)) == IsoWeek{2026, 53});
    CHECK(dk::week_of(d(2026, 12, 31)) == IsoWeek{2026, 53});
    CHECK(dk::week_of(d(2027, 1, 1)) == IsoWeek{2026, 53});
    CHECK(dk::week_of(d(2027, 1, 3)) == IsoWeek{2026, 53});
    CHECK(dk::week_of(d(2027, 1, 4)) == IsoWeek{2027, 1});
    // 2024-12-30 is a Monday whose Thursday is 2025-01-02.
    CHECK(dk::week_of(d(2024, 12, 30)) == IsoWeek{2025, 1});
    CHECK(dk::week_of(d(2024, 12, 29)) == IsoWeek{2024, 52});
    CHECK(dk::week_of(d(2026, 1, 1)) == IsoWeek{2026, 1});
    CHECK(dk::week_of(d(2021, 1, 3)) == IsoWeek{2020, 53});
    CHECK(dk::week_of(d(2020, 12, 31)) == IsoWeek{2020, 53});
}

TEST_CASE("Monday of a week", "[danish][calendar]") {
    CHECK(dk::monday_of(d(2026, 12, 4)) == d(2026, 11, 30));
    CHECK(dk::monday_of(d(2026, 11, 30)) == d(2026, 11, 30));
    CHECK(dk::monday_of(d(2027, 1, 3)) == d(2026, 12, 28));
    CHECK(dk::monday_of(IsoWeek{2026, 49}) == d(2026, 11, 30));
    CHECK(dk::monday_of(IsoWeek{2026, 53}) == d(2026, 12, 28));
    CHECK(dk::monday_of(IsoWeek{2025, 1}) == d(2024, 12, 30));
    CHECK(dk::monday_of(IsoWeek{2026, 1}) == d(2025, 12, 29));
}

TEST_CASE("every day of four years round-trips through its ISO week", "[danish][calendar]") {
    for (Date day = d(2024, 1, 1); day < d(2028, 1, 1); day = dk::add_days(day, 1)) {
        const IsoWeek w = dk::week_of(day);
        const Date monday = dk::monday_of(w);
        CHECK(dk::weekday(monday) == Weekday::monday);
        CHECK(dk::days_between(monday, day) == static_cast<std::int64_t>(dk::weekday(day)) - 1);
        CHECK(dk::parse_date(dk::iso_string(day)) == day);
    }
}

TEST_CASE("ISO strings", "[danish][calendar]") {
    CHECK(dk::iso_string(d(2026, 1, 5)) == "2026-01-05");
    CHECK(dk::iso_string(DateTime{d(2026, 11, 30), 9, 5, 0}) == "2026-11-30T09:05");
    CHECK(dk::iso_string(DateTime{d(2026, 11, 30), 9, 5, 7}) == "2026-11-30T09:05:07");
    CHECK(DateTime{d(2026, 11, 30), 10, 0, 0} < DateTime{d(2026, 11, 30), 11, 0, 0});
}
