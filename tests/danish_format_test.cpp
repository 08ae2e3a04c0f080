// Danish typography: each expectation is a worked example as a Danish letter prints it.
#include <catch2/catch.hpp>

#include <string>

#include "danish/format.hpp"

using brevgen::danish::Date;
using brevgen::danish::DateTime;
using brevgen::danish::IsoWeek;
namespace dk = brevgen::danish;

namespace {
const std::string nb = "\u00A0";     // no-break space
const std::string dash = "\u2013";   // en dash
DateTime at(int y, int m, int d, int h, int mi) { return DateTime{Date{y, m, d}, h, mi, 0}; }
}  // namespace

TEST_CASE("names of days and months are lower case Danish", "[danish][format]") {
    CHECK(dk::weekday_name(dk::Weekday::monday) == "mandag");
    CHECK(dk::weekday_name(dk::Weekday::saturday) == "lørdag");
    CHECK(dk::weekday_name(dk::Weekday::sunday) == "søndag");
    CHECK(dk::weekday_abbrev(dk::Weekday::tuesday) == "tirs.");
    CHECK(dk::weekday_abbrev(dk::Weekday::thursday) == "tors.");
    CHECK(dk::weekday_abbrev(dk::Weekday::saturday) == "lør.");
    CHECK(dk::month_name(1) == "januar");
    CHECK(dk::month_name(3) == "marts");
    CHECK(dk::month_name(5) == "maj");
    CHECK(dk::month_name(12) == "december");
    CHECK(dk::month_name(0).empty());
    CHECK(dk::month_name(13).empty());
}

TEST_CASE("dates", "[danish][format]") {
    CHECK(dk::long_date(Date{2026, 11, 30}) == "30. november 2026");
    CHECK(dk::long_date(Date{2026, 12, 1}) == "1. december 2026");
    CHECK(dk::weekday_date(Date{2026, 11, 30}) == "mandag den 30. november 2026");
    CHECK(dk::weekday_date(Date{2027, 1, 1}) == "fredag den 1. januar 2027");
    CHECK(dk::short_date(Date{2026, 11, 30}) == "30.11.2026");
    CHECK(dk::short_date(Date{2027, 1, 4}) == "4.1.2027");
}

TEST_CASE("date ranges", "[danish][format]") {
    CHECK(dk::date_range(Date{2026, 11, 30}, Date{2026, 12, 4}) == "30.11." + dash + "4.12.2026");
    CHECK(dk::date_range(Date{2026, 12, 28}, Date{2027, 1, 1}) == "28.12.2026" + dash + "1.1.2027");
    CHECK(dk::date_range(Date{2026, 12, 1}, Date{2026, 12, 4}) == "1.12." + dash + "4.12.2026");
    CHECK(dk::date_range(Date{2026, 12, 4}, Date{2026, 12, 4}) == "4.12.2026");
    CHECK(dk::weekday_range(Date{2026, 11, 30}, Date{2026, 12, 4}) ==
          "man. 30.11." + dash + "fre. 4.12.");
    CHECK(dk::weekday_range(Date{2026, 12, 2}, Date{2026, 12, 4}) == "ons. 2.12." + dash + "fre. 4.12.");
}

TEST_CASE("times", "[danish][format]") {
    CHECK(dk::time(at(2026, 11, 30, 10, 0)) == "kl. 10.00");
    CHECK(dk::time(at(2026, 11, 30, 9, 5)) == "kl. 9.05");
    CHECK(dk::time(at(2026, 11, 30, 0, 30)) == "kl. 0.30");
    CHECK(dk::time_range(at(2026, 11, 30, 10, 0), at(2026, 11, 30, 11, 0)) == "kl. 10.00" + dash + "11.00");
    CHECK(dk::time_range(at(2026, 11, 30, 8, 30), at(2026, 11, 30, 9, 15)) == "kl. 8.30" + dash + "9.15");
    CHECK(dk::meeting_time(at(2026, 11, 30, 10, 0), at(2026, 11, 30, 11, 0)) ==
          "mandag den 30. november 2026 kl. 10.00" + dash + "11.00");
}

TEST_CASE("numbers use decimal comma and thousands point", "[danish][format]") {
    CHECK(dk::number(1234.5, 1) == "1.234,5");
    CHECK(dk::number(7.4, 1) == "7,4");
    CHECK(dk::number(37, 0) == "37");
    CHECK(dk::number(37, 2) == "37,00");
    CHECK(dk::number(0.05, 1) == "0,1");      // half away from zero
    CHECK(dk::number(2.675, 2) == "2,68");    // the decimal tie, not its binary neighbour
    CHECK(dk::number(-2.5, 0) == "-3");
    CHECK(dk::number(-0.04, 1) == "0,0");     // no "-0,0"
    CHECK(dk::number(999.96, 1) == "1.000,0");
    CHECK(dk::number(1234567.891, 2) == "1.234.567,89");
    CHECK(dk::number(100, 0) == "100");
    CHECK(dk::number(1000, 0) == "1.000");
    CHECK(dk::number(0, 0) == "0");
    CHECK(dk::number(1.5, 9) == "1,500000");  // decimals are capped at 6
    CHECK(dk::number(1.0 / 0.0, 1).empty());
    CHECK(dk::number(1e16, 0).empty());
}

TEST_CASE("hours drop needless decimals", "[danish][format]") {
    CHECK(dk::hours(18) == "18");
    CHECK(dk::hours(7.5) == "7,5");
    CHECK(dk::hours(7.25) == "7,25");
    CHECK(dk::hours(37.0 / 5) == "7,4");
    CHECK(dk::hours(18.0 / 5) == "3,6");
    CHECK(dk::hours(10.0 / 3) == "3,33");
    CHECK(dk::hours(0) == "0");
    CHECK(dk::hours(1250) == "1.250");
}

TEST_CASE("percent and paragraphs keep their parts on one line", "[danish][format]") {
    CHECK(dk::percent(15) == "15" + nb + "%");
    CHECK(dk::percent(100.0 * 18 / 37) == "49" + nb + "%");  // 48.65 %
    CHECK(dk::percent(100) == "100" + nb + "%");
    // Danish statutes write the letter apart from the number: "§ 7 a", never "§ 7a".
    CHECK(dk::section("§ 7 a") == "§" + nb + "7" + nb + "a");
    CHECK(dk::section("§ 7a") == "§" + nb + "7" + nb + "a");
    CHECK(dk::section("7a") == "§" + nb + "7" + nb + "a");
    CHECK(dk::section("§7a") == "§" + nb + "7" + nb + "a");
    CHECK(dk::section("§ 36a.") == "§" + nb + "36" + nb + "a.");
    CHECK(dk::section("  §  56 ") == "§" + nb + "56");
    CHECK(dk::section("§ 13b, stk. 1") == "§" + nb + "13" + nb + "b, stk." + nb + "1");
    CHECK(dk::section("§ 13 b, stk. 1") == "§" + nb + "13" + nb + "b, stk." + nb + "1");
    CHECK(dk::section("forvaltningsloven § 8") == "forvaltningsloven §" + nb + "8");
    CHECK(dk::section("§§ 7 c eller 7 e") == "§§" + nb + "7" + nb + "c eller 7" + nb + "e");
    CHECK(dk::section("artikel 6, stk. 1, litra e") ==
          "artikel" + nb + "6, stk." + nb + "1, litra" + nb + "e");
    CHECK(dk::section("LBK nr. 994 af 2024") == "LBK nr." + nb + "994 af 2024");
    CHECK(dk::section("").empty());
}

TEST_CASE("ISO week labels", "[danish][format]") {
    CHECK(dk::iso_week(Date{2026, 11, 30}) == "uge 49");
    CHECK(dk::iso_week(Date{2027, 1, 1}) == "uge 53");
    CHECK(dk::iso_week(Date{2024, 12, 30}) == "uge 1");
    CHECK(dk::iso_week(IsoWeek{2026, 2}) == "uge 2");
}

TEST_CASE("CPR numbers are masked and never echoed when malformed", "[danish][format]") {
    CHECK(dk::masked_cpr("3001901234") == "300190-xxxx");
    CHECK(dk::masked_cpr("300190-1234") == "300190-xxxx");
    CHECK(dk::masked_cpr("300190 1234") == "xxxxxx-xxxx");
    CHECK(dk::masked_cpr("30019012345") == "xxxxxx-xxxx");
    CHECK(dk::masked_cpr("300190123") == "xxxxxx-xxxx");
    CHECK(dk::masked_cpr("3001-901234") == "xxxxxx-xxxx");
    CHECK(dk::masked_cpr("") == "xxxxxx-xxxx");
}

TEST_CASE("phone numbers", "[danish][format]") {
    CHECK(dk::phone("12345678") == "12 34 56 78");
    CHECK(dk::phone("86 95 50 00") == "86 95 50 00");
    CHECK(dk::phone("+45 86955000") == "86 95 50 00");
    CHECK(dk::phone("+4586955000") == "86 95 50 00");
    CHECK(dk::phone("0045 8695 5000") == "86 95 50 00");
    CHECK(dk::phone(" 8695 5000 ") == "86 95 50 00");
    CHECK(dk::phone("+46 8 123 456 78") == "+46 8 123 456 78");  // foreign: as given
    CHECK(dk::phone("1234567") == "1234567");
    CHECK(dk::phone("+45 1234567") == "+45 1234567");
}

TEST_CASE("CVR numbers print as eight plain digits", "[danish][format]") {
    CHECK(dk::cvr("12345674") == "12345674");
    CHECK(dk::cvr("1234 5674") == "12345674");
    CHECK(dk::cvr(" 12 34 56 74 ") == "12345674");
    CHECK(dk::cvr("DK12345674") == "DK12345674");
}
