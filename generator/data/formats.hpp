#pragma once
/// The text formats of case data (docs/case-data.md, "Formats"): checks that explain what
/// is wrong, and the small calendar facts they need.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/messages.hpp"

namespace brevgen::data {

/// Text formats with rules beyond "a string".
enum class TextFormat : std::uint8_t { none, date, datetime, cpr, cvr, postnummer, telefon, email };

/// The format's name as docs/case-data.md writes it ("date", "postnummer" …).
std::string_view format_name(TextFormat format);

/// Gregorian leap year: every 4th year, except centuries not divisible by 400.
bool is_leap_year(int year);

/// Days in a month (1..12) of a year.
int days_in_month(int year, int month);

/// Why a text does not have its format: a stable code ("date-format", "no-such-date",
/// "cvr-checksum" …) and the message (lowercase, no final period).
struct FormatProblem {
    std::string code;
    std::string message;
};

/// nullopt when `text` has the format, else why not. CPR messages never repeat the
/// number: it identifies a person.
std::optional<FormatProblem> format_problem(TextFormat format, std::string_view text);

/// format_problem's message alone.
std::optional<std::string> check_format(TextFormat format, std::string_view text);

/// The regular expression (ECMA 262 and Python compatible) the JSON Schema uses for the
/// format: the shape only; leap years, modulus 11 and CPR birth dates need the checks above.
std::string_view format_pattern(TextFormat format);

/// True when the 8 digits of a CVR number pass the modulus-11 check (weights 2 7 6 5 4 3 2 1).
bool cvr_checksum_ok(std::string_view digits);

/// The four-digit birth year of a CPR number's DDMMYY-S… digits, from the century the
/// first digit of the serial number gives (CPR office rules), or nullopt if not digits.
std::optional<int> cpr_birth_year(std::string_view ten_digits);

using brevgen::mask_cpr_numbers;  // common/messages.hpp
using brevgen::quote;
using brevgen::shown;

}  // namespace brevgen::data
