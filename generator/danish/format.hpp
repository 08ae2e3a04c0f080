#pragma once
/// Danish typography for dates, times, numbers and identifiers. Every function returns
/// UTF-8 text ready to print; none reads the locale, so output is the same everywhere.
///
/// Choices (Retskrivningsordbogen and common Danish public-sector style):
/// - days and hours without leading zeros ("1.12.2026", "kl. 9.00"), minutes with two digits;
/// - ranges with an en dash (U+2013) and no spaces ("kl. 10.00–11.00");
/// - decimal comma, thousands point ("1.234,5");
/// - a no-break space (U+00A0) inside "15 %" and "§ 7 a", which must not be split over lines.

#include <string>
#include <string_view>

#include "danish/calendar.hpp"

namespace brevgen::danish {

/// U+00A0 NO-BREAK SPACE in UTF-8.
inline constexpr std::string_view nbsp = "\u00A0";
/// U+2013 EN DASH in UTF-8.
inline constexpr std::string_view en_dash = "\u2013";

/// "mandag" … "søndag".
std::string_view weekday_name(Weekday w);
/// "man." "tirs." "ons." "tors." "fre." "lør." "søn." (the dictionary's abbreviations).
std::string_view weekday_abbrev(Weekday w);
/// "januar" … "december" for 1..12; "" otherwise.
std::string_view month_name(int month);

/// "30. november 2026".
std::string long_date(Date d);
/// "mandag den 30. november 2026".
std::string weekday_date(Date d);
/// "30.11.2026".
std::string short_date(Date d);
/// "30.11.–4.12.2026" in one year, "28.12.2026–1.1.2027" across years, "30.11.2026" for one day.
std::string date_range(Date from, Date to);
/// "man. 30.11.–fre. 4.12." — a plan row's days, without the year.
std::string weekday_range(Date from, Date to);

/// "kl. 10.00".
std::string time(const DateTime& t);
/// "kl. 10.00–11.00".
std::string time_range(const DateTime& from, const DateTime& to);
/// "mandag den 30. november 2026 kl. 10.00–11.00" (the date is taken from `from`).
std::string meeting_time(const DateTime& from, const DateTime& to);

/// `value` rounded half away from zero to `decimals` (0..6) places: "1.234,5", "7,4", "37".
/// Returns "" for values that are not finite or are 10^15 or more in size.
std::string number(double value, int decimals);
/// Hours: at most two decimals, trailing zeros dropped: "18", "7,5", "7,25".
std::string hours(double value);
/// A percentage (15 means 15 %), rounded to a whole number: "15 %" with a no-break space.
std::string percent(double value);
/// A legal reference as Danish statutes write it, with no-break spaces after "§", "stk.",
/// "nr.", "litra" and "artikel" and between a paragraph number and its letter; a bare
/// paragraph number gets its "§": "7a" → "§ 7 a", "§ 13b, stk. 2" → "§ 13 b, stk. 2".
std::string section(std::string_view reference);
/// "uge 49".
std::string iso_week(Date d);
/// "uge 53" for an ISO week value.
std::string iso_week(IsoWeek w);

/// "300190-xxxx" from "3001901234" or "300190-1234". Anything else gives "xxxxxx-xxxx":
/// a malformed number is never echoed, not even in part.
std::string masked_cpr(std::string_view cpr);
/// Danish numbers (8 digits after an optional +45/0045, spaces allowed) as "12 34 56 78";
/// any other number is returned as given, trimmed.
std::string phone(std::string_view number);
/// A CVR number as the register prints it: eight digits, spaces removed ("12345674").
std::string cvr(std::string_view number);

}  // namespace brevgen::danish
