// Text formats with worked examples: leap years, dates and times, CPR birth dates and their
// century, CVR modulus 11, postcodes, phone numbers, e-mail; and the JSON Schema patterns
// agree with the C++ checks wherever a regular expression can say the same thing.

// GCC 12 reports a -Wrestrict false positive (GCC bug 105329) in std::string's operator+
// with a string literal on the left; it is not about this code.
#pragma GCC diagnostic ignored "-Wrestrict"

#include <catch2/catch.hpp>

#include <regex>

#include "data/formats.hpp"

namespace data = brevgen::data;
using data::TextFormat;

namespace {

bool ok(TextFormat f, std::string_view s) { return !data::check_format(f, s).has_value(); }

std::string message(TextFormat f, std::string_view s) { return data::check_format(f, s).value_or("ok"); }

bool pattern_matches(TextFormat f, const std::string& s) {
    return std::regex_search(s, std::regex(std::string(data::format_pattern(f)), std::regex::ECMAScript));
}

}  // namespace

TEST_CASE("leap years follow the Gregorian rule", "[data][formats]") {
    CHECK(data::is_leap_year(2028));
    CHECK(data::is_leap_year(2000));   // divisible by 400
    CHECK_FALSE(data::is_leap_year(2027));
    CHECK_FALSE(data::is_leap_year(1900));  // a century not divisible by 400
    CHECK(data::days_in_month(2028, 2) == 29);
    CHECK(data::days_in_month(2027, 2) == 28);
    CHECK(data::days_in_month(2026, 4) == 30);
    CHECK(data::days_in_month(2026, 12) == 31);
    CHECK(data::days_in_month(2026, 13) == 0);
}

TEST_CASE("dates: the ISO shape and a real calendar day", "[data][formats]") {
    CHECK(ok(TextFormat::date, "2026-11-23"));
    CHECK(ok(TextFormat::date, "2028-02-29"));
    CHECK(message(TextFormat::date, "2027-02-29") == "no such date: \"2027-02-29\"");
    CHECK(message(TextFormat::date, "2026-04-31") == "no such date: \"2026-04-31\"");
    CHECK(message(TextFormat::date, "2026-13-01") == "no such date: \"2026-13-01\"");
    CHECK(message(TextFormat::date, "0000-01-01") == "no such date: \"0000-01-01\"");
    CHECK(message(TextFormat::date, "23-11-2026") == "expected a date like 2026-11-30, got \"23-11-2026\"");
    for (const char* bad : {"2026-11-3", "2026-11-30T10:00", " 2026-11-30", "2026/11/30", ""}) {
        INFO(bad);
        CHECK_FALSE(ok(TextFormat::date, bad));
    }
}

TEST_CASE("datetimes: local time, minutes or seconds, no zone", "[data][formats]") {
    CHECK(ok(TextFormat::datetime, "2026-11-30T10:00"));
    CHECK(ok(TextFormat::datetime, "2026-11-30T23:59:59"));
    CHECK(ok(TextFormat::datetime, "2028-02-29T00:00"));
    CHECK(message(TextFormat::datetime, "2027-02-29T10:00") == "no such date: \"2027-02-29T10:00\"");
    CHECK(message(TextFormat::datetime, "2026-11-30T24:00") == "no such time of day: \"2026-11-30T24:00\"");
    CHECK(message(TextFormat::datetime, "2026-11-30T10:60") == "no such time of day: \"2026-11-30T10:60\"");
    CHECK(message(TextFormat::datetime, "2026-11-30T10:00:60") == "no such time of day: \"2026-11-30T10:00:60\"");
    for (const char* bad : {"2026-11-30 10:00", "2026-11-30T10:00Z", "2026-11-30T10:00+01:00", "2026-11-30T1000",
                            "2026-11-30"}) {
        INFO(bad);
        CHECK_FALSE(ok(TextFormat::datetime, bad));
    }
}

TEST_CASE("CPR numbers: ten digits whose first six are a birth date", "[data][formats]") {
    CHECK(ok(TextFormat::cpr, "300190-1234"));
    CHECK(ok(TextFormat::cpr, "3001901234"));
    CHECK(message(TextFormat::cpr, "320378-1234") ==
          "invalid CPR number: the first six digits must be a birth date (DDMMYY)");  // day 32
    CHECK_FALSE(ok(TextFormat::cpr, "121378-1234"));  // month 13
    CHECK_FALSE(ok(TextFormat::cpr, "310490-1234"));  // 31 April
    CHECK_FALSE(ok(TextFormat::cpr, "000190-1234"));
    CHECK(message(TextFormat::cpr, "30019-01234") == "expected a CPR number of 10 digits (DDMMYY-SSSS)");
    CHECK_FALSE(ok(TextFormat::cpr, "300190 1234"));
    CHECK_FALSE(ok(TextFormat::cpr, "300190-123"));
    // No modulus-11 check: numbers issued since 2007 need not pass it.
    CHECK(ok(TextFormat::cpr, "010101-0000"));
}

TEST_CASE("CPR century from the serial number decides 29 February", "[data][formats]") {
    // Serial digit 0-3: 1900s. 4 and 9: 2000-2036, else 1900s. 5-8: 2000-2057, else 1858-1899.
    CHECK(data::cpr_birth_year("2902001234") == 1900);
    CHECK(data::cpr_birth_year("2902004234") == 2000);
    CHECK(data::cpr_birth_year("0101374234") == 1937);
    CHECK(data::cpr_birth_year("0101369234") == 2036);
    CHECK(data::cpr_birth_year("0101575234") == 2057);
    CHECK(data::cpr_birth_year("0101588234") == 1858);
    CHECK_FALSE(ok(TextFormat::cpr, "290200-1234"));  // 1900: not a leap year
    CHECK(ok(TextFormat::cpr, "290200-4234"));        // 2000: a leap year
    CHECK(ok(TextFormat::cpr, "290256-5234"));        // 2056
    CHECK_FALSE(ok(TextFormat::cpr, "290258-5234"));  // 1858
}

TEST_CASE("CPR messages never repeat the number", "[data][formats]") {
    for (const char* cpr : {"320378-1234", "12345", "121378-1234"}) {
        CHECK(message(TextFormat::cpr, cpr).find(cpr) == std::string::npos);
    }
}

TEST_CASE("CVR numbers: eight digits passing modulus 11 (weights 2 7 6 5 4 3 2 1)", "[data][formats]") {
    // 3·2 + 7·7 + 1·6 + 9·5 + 2·4 + 6·3 + 4·2 + 3·1 = 143 = 13 · 11
    CHECK(data::cvr_checksum_ok("37192643"));
    // 1·2 + 2·7 + 3·6 + 4·5 + 5·4 + 6·3 + 7·2 + 4·1 = 110 = 10 · 11
    CHECK(data::cvr_checksum_ok("12345674"));
    CHECK_FALSE(data::cvr_checksum_ok("37192644"));  // 144
    CHECK_FALSE(data::cvr_checksum_ok("12345678"));  // 114
    CHECK(ok(TextFormat::cvr, "29464812"));
    CHECK(message(TextFormat::cvr, "37192644") == "CVR number \"37192644\" fails the modulus-11 check");
    CHECK(message(TextFormat::cvr, "3719264") == "expected a CVR number of 8 digits, got \"3719264\"");
    CHECK_FALSE(ok(TextFormat::cvr, "DK37192643"));
    CHECK_FALSE(ok(TextFormat::cvr, "00000000"));  // sums to 0, but no CVR number starts with 0
}

TEST_CASE("postcodes: four digits from 0555 to 9990", "[data][formats]") {
    for (const char* good : {"0555", "0800", "1050", "8382", "9990"}) CHECK(ok(TextFormat::postnummer, good));
    for (const char* bad : {"0554", "9991", "800", "83820", "DK-8382", "8382 "}) {
        INFO(bad);
        CHECK_FALSE(ok(TextFormat::postnummer, bad));
    }
    CHECK(message(TextFormat::postnummer, "0123") == "expected a postcode of 4 digits (0555-9990), got \"0123\"");
}

TEST_CASE("phone numbers: eight digits, optional +45 or 0045, single spaces", "[data][formats]") {
    for (const char* good : {"86955000", "86 95 50 00", "8695 5000", "+4586955000", "+45 86 95 50 00",
                             "0045 86955000", "004586955000", "0045 1 2 3 4"}) {
        INFO(good);
        CHECK(ok(TextFormat::telefon, good));
    }
    for (const char* bad : {"8695500", "869550001", "86  955000", " 86955000", "86955000 ", "+46 86955000",
                            "+45  86955000", "(+45) 86955000", "86-95-50-00", ""}) {
        INFO(bad);
        CHECK_FALSE(ok(TextFormat::telefon, bad));
    }
}

TEST_CASE("e-mail: one @, a dot inside the domain, no white space", "[data][formats]") {
    for (const char* good : {"a@b.dk", "amkj@favrskov.dk", "fornavn.efternavn+sag@kommune.gov.dk", "søren@ærø.dk"}) {
        CHECK(ok(TextFormat::email, good));
    }
    for (const char* bad : {"amkj@favrskov", "amkj.favrskov.dk", "a@@b.dk", "a b@c.dk", "@b.dk", "a@.dk", "a@b.", "a@b.dk\n"}) {
        INFO(bad);
        CHECK_FALSE(ok(TextFormat::email, bad));
    }
}

TEST_CASE("schema patterns say exactly what the checks say, where a pattern can", "[data][formats]") {
    const std::vector<std::string> samples = {
        "", "0554", "0555", "0999", "1000", "8382", "8999", "9000", "9899", "9989", "9990", "9991", "83820",
        "86955000", "86 95 50 00", "+4586955000", "+45 86955000", "0045 86955000", "0045 1 2 3 4",
        "86  955000", " 86955000", "+46 86955000", "004586955000", "00451234", "0045123456789",
        "a@b.dk", "a@b", "a@@b.dk", "a b@c.dk", "@b.dk", "a@.dk", "a@b.", "a.b@c.d.e", "a@b.dk\t"};
    for (const auto format : {TextFormat::postnummer, TextFormat::telefon, TextFormat::email}) {
        for (const auto& s : samples) {
            INFO(data::format_name(format) << ": \"" << s << "\"");
            CHECK(ok(format, s) == pattern_matches(format, s));
        }
    }
    // Where the pattern is only the shape, whatever the check accepts the pattern accepts.
    for (const char* s : {"2026-11-30", "2028-02-29", "2026-11-30T10:00", "2026-11-30T10:00:59", "300190-1234",
                          "3001901234", "37192643"}) {
        for (const auto format : {TextFormat::date, TextFormat::datetime, TextFormat::cpr, TextFormat::cvr}) {
            INFO(data::format_name(format) << ": " << s);
            if (ok(format, s)) CHECK(pattern_matches(format, s));
        }
    }
}

TEST_CASE("quote() shortens and escapes values for messages", "[data][formats]") {
    CHECK(data::quote("abc") == "\"abc\"");
    CHECK(data::quote("a\"b\\c\n") == "\"a\\\"b\\\\c\\u000A\"");
    CHECK(data::quote(std::string(50, 'x')) == "\"" + std::string(40, 'x') + "…\"");
    CHECK(data::quote("ÆØÅ") == "\"ÆØÅ\"");
}

TEST_CASE("quote() masks anything that looks like a CPR number, as the letters do", "[data][formats][privacy]") {
    CHECK(data::quote("3001901234") == "\"300190-xxxx\"");
    CHECK(data::quote("300190-1234") == "\"300190-xxxx\"");
    CHECK(data::quote("300190 1234") == "\"300190-xxxx\"");
    CHECK(data::quote("tlf. 300190-1234, ring") == "\"tlf. 300190-xxxx, ring\"");
    CHECK(data::quote("a3001901234b") == "\"a300190-xxxxb\"");
    CHECK(data::quote("30019012345") == "\"300190-xxxxx\"");   // a digit too many is no excuse
    CHECK(data::quote("1300190-1234") == "\"130019-xxxxx\"");  // nor one in front
    // Cut at the 40th character, the number is still masked, and never longer than 11.
    CHECK(data::quote(std::string(35, 'a') + "3001901234") == "\"" + std::string(35, 'a') + "300190-xxxx\"");
    CHECK(data::quote(std::string(1000, '7')) == "\"777777-" + std::string(33, 'x') + "…\"");
    // What is not a CPR number stays as it was: phone numbers, dates, short runs.
    for (const char* s : {"+46 86986200", "86 98 62 00", "2026-11-30T10:00", "300190-12", "30019012", "12345 67890"}) {
        CHECK(data::quote(s) == "\"" + std::string(s) + "\"");
    }
    CHECK(data::shown("37.5") == "37.5");
    // Regression (fuzz_xml): an escape's digits and the digits after it never read as one.
    CHECK(data::shown("\x14" "026-11123") == "\\u001402-xxxxxx");
    CHECK(data::shown("3001901234.5") == "300190-xxxx.5");
    CHECK(data::mask_cpr_numbers("x300190 1234y" + std::string(100, 'z')) == "x300190-xxxxy" + std::string(100, 'z'));
}
