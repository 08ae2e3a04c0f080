// Danish wall-clock time to UTC (CET/CEST, EU rule): both sides of both changes, the hour
// spring skips and the hour autumn repeats, and Unix seconds both ways.
#include <catch2/catch.hpp>

#include "danish/calendar.hpp"

using brevgen::danish::Date;
using brevgen::danish::DateTime;
namespace dk = brevgen::danish;

namespace {

DateTime at(int y, int mo, int d, int h, int mi = 0) { return DateTime{Date{y, mo, d}, h, mi, 0}; }

std::string utc(const DateTime& local) {
    const DateTime u = dk::danish_to_utc(local);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", u.date.year, u.date.month, u.date.day, u.hour,
                  u.minute, u.second);
    return buf;
}

}  // namespace

TEST_CASE("last_sunday finds the EU change days", "[danish][utc]") {
    CHECK(dk::last_sunday(2026, 3) == Date{2026, 3, 29});
    CHECK(dk::last_sunday(2026, 10) == Date{2026, 10, 25});
    CHECK(dk::last_sunday(2027, 3) == Date{2027, 3, 28});
    CHECK(dk::last_sunday(2027, 10) == Date{2027, 10, 31});  // the 31st itself is a Sunday
    CHECK(dk::last_sunday(2020, 3) == Date{2020, 3, 29});
    CHECK(dk::last_sunday(2032, 2) == Date{2032, 2, 29});  // leap day, a Sunday
}

TEST_CASE("winter is UTC+1 and summer UTC+2", "[danish][utc]") {
    CHECK(utc(at(2026, 11, 30, 10)) == "2026-11-30T09:00:00Z");
    CHECK(utc(at(2026, 1, 15, 8, 30)) == "2026-01-15T07:30:00Z");
    CHECK(utc(at(2026, 6, 15, 10)) == "2026-06-15T08:00:00Z");
    CHECK(utc(at(2026, 8, 3, 13, 45)) == "2026-08-03T11:45:00Z");
    // Just after midnight in winter the UTC date is the day before, and New Year the year before.
    CHECK(utc(at(2027, 1, 1, 0, 30)) == "2026-12-31T23:30:00Z");
    CHECK(utc(at(2026, 7, 1, 1)) == "2026-06-30T23:00:00Z");
}

TEST_CASE("spring: the days around the change and the skipped hour", "[danish][utc]") {
    // Saturday before and Monday after the last Sunday of March 2026 (29 March).
    CHECK(utc(at(2026, 3, 28, 10)) == "2026-03-28T09:00:00Z");
    CHECK(utc(at(2026, 3, 30, 10)) == "2026-03-30T08:00:00Z");
    // The Sunday itself: 01:59 is still winter, 03:00 is summer; both are one minute from 01:00Z.
    CHECK(utc(at(2026, 3, 29, 1, 59)) == "2026-03-29T00:59:00Z");
    CHECK(utc(at(2026, 3, 29, 3, 0)) == "2026-03-29T01:00:00Z");
    CHECK(utc(at(2026, 3, 29, 10)) == "2026-03-29T08:00:00Z");
    // 02:00-02:59 does not exist that night: read with the winter offset from before the gap.
    CHECK(utc(at(2026, 3, 29, 2, 0)) == "2026-03-29T01:00:00Z");
    CHECK(utc(at(2026, 3, 29, 2, 30)) == "2026-03-29T01:30:00Z");
    // Another year, another date: 2027's change is on 28 March.
    CHECK(utc(at(2027, 3, 27, 12)) == "2027-03-27T11:00:00Z");
    CHECK(utc(at(2027, 3, 28, 12)) == "2027-03-28T10:00:00Z");
}

TEST_CASE("autumn: the days around the change and the repeated hour", "[danish][utc]") {
    // Saturday before and Monday after the last Sunday of October 2026 (25 October).
    CHECK(utc(at(2026, 10, 24, 10)) == "2026-10-24T08:00:00Z");
    CHECK(utc(at(2026, 10, 26, 10)) == "2026-10-26T09:00:00Z");
    CHECK(utc(at(2026, 10, 25, 1, 59)) == "2026-10-24T23:59:00Z");
    CHECK(utc(at(2026, 10, 25, 3, 0)) == "2026-10-25T02:00:00Z");
    CHECK(utc(at(2026, 10, 25, 10)) == "2026-10-25T09:00:00Z");
    // 02:00-02:59 happens twice that night: the first time, still summer time, is meant.
    CHECK(utc(at(2026, 10, 25, 2, 0)) == "2026-10-25T00:00:00Z");
    CHECK(utc(at(2026, 10, 25, 2, 59)) == "2026-10-25T00:59:00Z");
    // 2027: the change falls on the 31st.
    CHECK(utc(at(2027, 10, 30, 9)) == "2027-10-30T07:00:00Z");
    CHECK(utc(at(2027, 10, 31, 9)) == "2027-10-31T08:00:00Z");
}

TEST_CASE("Unix seconds both ways", "[danish][utc]") {
    CHECK(dk::unix_seconds(at(1970, 1, 1, 0)) == 0);
    CHECK(dk::unix_seconds(at(2026, 11, 23, 12)) == 1795435200);
    CHECK(dk::from_unix_seconds(1795435200) == at(2026, 11, 23, 12));
    CHECK(dk::from_unix_seconds(0) == at(1970, 1, 1, 0));
    CHECK(dk::from_unix_seconds(-1) == DateTime{Date{1969, 12, 31}, 23, 59, 59});
    const DateTime odd{Date{2028, 2, 29}, 23, 59, 58};
    CHECK(dk::from_unix_seconds(dk::unix_seconds(odd)) == odd);
}
