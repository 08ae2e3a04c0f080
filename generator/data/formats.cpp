#include "data/formats.hpp"

#include <cstdio>

#include "common/utf8.hpp"

namespace brevgen::data {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::optional<FormatProblem> problem(std::string_view code, std::string message) {
    return FormatProblem{std::string(code), std::move(message)};
}

bool all_digits(std::string_view s) {
    for (const char c : s) {
        if (!is_digit(c)) return false;
    }
    return !s.empty();
}

int number_at(std::string_view s, std::size_t at, std::size_t len) {
    int n = 0;
    for (std::size_t i = at; i < at + len; ++i) n = n * 10 + (s[i] - '0');
    return n;
}

/// True when `text` matches `shape`, where '9' stands for a digit and anything else for itself.
bool has_shape(std::string_view text, std::string_view shape) {
    if (text.size() != shape.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (shape[i] == '9' ? !is_digit(text[i]) : text[i] != shape[i]) return false;
    }
    return true;
}

bool valid_date(int year, int month, int day) {
    return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

/// A case's dates lie in this range. A year outside it cannot be meant in a letter, and a
/// date near 9999 would carry a deadline or a plan week into a five-digit year.
constexpr int first_year = 1900;
constexpr int last_year = 2199;

std::optional<FormatProblem> check_year(std::string_view s) {
    const int year = number_at(s, 0, 4);
    if (year >= first_year && year <= last_year) return std::nullopt;
    return problem("year-range", "the year must be between " + std::to_string(first_year) + " and " +
                                     std::to_string(last_year) + ", got " + quote(s));
}

std::optional<FormatProblem> check_date(std::string_view s) {
    if (!has_shape(s, "9999-99-99")) return problem("date-format", "expected a date like 2026-11-30, got " + quote(s));
    if (!valid_date(number_at(s, 0, 4), number_at(s, 5, 2), number_at(s, 8, 2))) {
        return problem("no-such-date", "no such date: " + quote(s));
    }
    return check_year(s);
}

std::optional<FormatProblem> check_datetime(std::string_view s) {
    if (!has_shape(s, "9999-99-99T99:99") && !has_shape(s, "9999-99-99T99:99:99")) {
        return problem("datetime-format", "expected a date and time like 2026-11-30T10:00, got " + quote(s));
    }
    if (!valid_date(number_at(s, 0, 4), number_at(s, 5, 2), number_at(s, 8, 2))) {
        return problem("no-such-date", "no such date: " + quote(s));
    }
    const bool seconds_ok = s.size() == 16 || number_at(s, 17, 2) <= 59;
    if (number_at(s, 11, 2) > 23 || number_at(s, 14, 2) > 59 || !seconds_ok) {
        return problem("no-such-time", "no such time of day: " + quote(s));
    }
    return check_year(s);
}

std::optional<FormatProblem> check_cpr(std::string_view s) {
    std::string digits(s);
    if (digits.size() == 11 && digits[6] == '-') digits.erase(6, 1);
    if (digits.size() != 10 || !all_digits(digits)) {
        return problem("cpr-format", "expected a CPR number of 10 digits (DDMMYY-SSSS)");
    }
    if (!valid_date(*cpr_birth_year(digits), number_at(digits, 2, 2), number_at(digits, 0, 2))) {
        return problem("cpr-birth-date", "invalid CPR number: the first six digits must be a birth date (DDMMYY)");
    }
    return std::nullopt;
}

std::optional<FormatProblem> check_cvr(std::string_view s) {
    if (s.size() != 8 || !all_digits(s) || s[0] == '0') {
        return problem("cvr-format", "expected a CVR number of 8 digits, got " + quote(s));
    }
    if (!cvr_checksum_ok(s)) return problem("cvr-checksum", "CVR number " + quote(s) + " fails the modulus-11 check");
    return std::nullopt;
}

std::optional<FormatProblem> check_postnummer(std::string_view s) {
    if (s.size() != 4 || !all_digits(s) || number_at(s, 0, 4) < 555 || number_at(s, 0, 4) > 9990) {
        return problem("postnummer-format", "expected a postcode of 4 digits (0555-9990), got " + quote(s));
    }
    return std::nullopt;
}

/// Eight digits with single spaces allowed between them.
bool eight_digits(std::string_view s) {
    if (s.empty() || !is_digit(s.front()) || !is_digit(s.back())) return false;
    int digits = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (is_digit(s[i])) {
            ++digits;
        } else if (s[i] != ' ' || s[i - 1] == ' ') {
            return false;
        }
    }
    return digits == 8;
}

/// Mirrors format_pattern(telefon): an optional "+45" or "0045" and one optional space,
/// then eight digits. Both readings are tried, as the regular expression would.
std::optional<FormatProblem> check_telefon(std::string_view s) {
    bool ok = eight_digits(s);
    for (const std::string_view prefix : {"+45", "0045"}) {
        if (ok || !s.starts_with(prefix)) continue;
        auto rest = s.substr(prefix.size());
        ok = eight_digits(rest) || (rest.starts_with(' ') && eight_digits(rest.substr(1)));
    }
    if (!ok) return problem("telefon-format", "expected a Danish phone number of 8 digits (optionally +45), got " + quote(s));
    return std::nullopt;
}

bool is_email_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/// One '@', something before it, a dot inside the domain, no white space.
std::optional<FormatProblem> check_email(std::string_view s) {
    const auto at = s.find('@');
    bool ok = at != std::string_view::npos && at > 0 && s.find('@', at + 1) == std::string_view::npos;
    for (const char c : s) ok = ok && !is_email_space(c);
    if (ok) {
        const auto domain = s.substr(at + 1);
        const auto dot = domain.find('.', 1);
        ok = domain.size() >= 3 && dot != std::string_view::npos && dot + 1 < domain.size();
    }
    if (!ok) return problem("email-format", "expected an e-mail address like navn@eksempel.dk, got " + quote(s));
    return std::nullopt;
}

}  // namespace

std::string_view format_name(TextFormat format) {
    switch (format) {
    case TextFormat::none: return "string";
    case TextFormat::date: return "date";
    case TextFormat::datetime: return "datetime";
    case TextFormat::cpr: return "cpr";
    case TextFormat::cvr: return "cvr";
    case TextFormat::postnummer: return "postnummer";
    case TextFormat::telefon: return "telefon";
    case TextFormat::email: return "email";
    }
    return "string";
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

std::optional<FormatProblem> format_problem(TextFormat format, std::string_view text) {
    switch (format) {
    case TextFormat::none: return std::nullopt;
    case TextFormat::date: return check_date(text);
    case TextFormat::datetime: return check_datetime(text);
    case TextFormat::cpr: return check_cpr(text);
    case TextFormat::cvr: return check_cvr(text);
    case TextFormat::postnummer: return check_postnummer(text);
    case TextFormat::telefon: return check_telefon(text);
    case TextFormat::email: return check_email(text);
    }
    return std::nullopt;
}

std::optional<std::string> check_format(TextFormat format, std::string_view text) {
    auto found = format_problem(format, text);
    if (!found) return std::nullopt;
    return std::move(found->message);
}

std::string_view format_pattern(TextFormat format) {
    switch (format) {
    case TextFormat::none: return "";
    case TextFormat::date: return "^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";
    case TextFormat::datetime:
        return "^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$";
    case TextFormat::cpr: return "^(0[1-9]|[12][0-9]|3[01])(0[1-9]|1[0-2])[0-9]{2}-?[0-9]{4}$";
    case TextFormat::cvr: return "^[1-9][0-9]{7}$";
    case TextFormat::postnummer: return "^(055[5-9]|05[6-9][0-9]|0[6-9][0-9]{2}|[1-8][0-9]{3}|9[0-8][0-9]{2}|99[0-8][0-9]|9990)$";
    case TextFormat::telefon: return "^(\\+45 ?|0045 ?)?[0-9]( ?[0-9]){7}$";
    case TextFormat::email: return "^[^@ \\t\\n\\r\\f\\v]+@[^@ \\t\\n\\r\\f\\v]+\\.[^@ \\t\\n\\r\\f\\v]+$";
    }
    return "";
}

bool cvr_checksum_ok(std::string_view digits) {
    static constexpr int weights[] = {2, 7, 6, 5, 4, 3, 2, 1};
    if (digits.size() != 8 || !all_digits(digits)) return false;
    int sum = 0;
    for (std::size_t i = 0; i < 8; ++i) sum += (digits[i] - '0') * weights[i];
    return sum % 11 == 0;
}

std::optional<int> cpr_birth_year(std::string_view ten_digits) {
    if (ten_digits.size() != 10 || !all_digits(ten_digits)) return std::nullopt;
    const int yy = number_at(ten_digits, 4, 2);
    const int serial_first = ten_digits[6] - '0';
    if (serial_first <= 3) return 1900 + yy;
    if (serial_first == 4 || serial_first == 9) return (yy <= 36 ? 2000 : 1900) + yy;
    return (yy <= 57 ? 2000 : 1800) + yy;
}

}  // namespace brevgen::data
