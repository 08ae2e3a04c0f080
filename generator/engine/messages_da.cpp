#include "engine/messages.hpp"

#include <array>
#include <initializer_list>
#include <charconv>
#include <utility>

#include "danish/calendar.hpp"
#include "danish/format.hpp"

namespace brevgen {

namespace {

/// One catalogue entry: the code and the function that words it.
struct Entry {
    std::string_view code;
    std::string (*say)(const Diagnostic&);
};

/// The parts joined. (Chains of std::string operator+ trip GCC 12's -Wrestrict false
/// positive, bug 105329.)
std::string cat(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (const auto part : parts) out.append(part);
    return out;
}

/// A number argument ("7.5") the Danish way ("7,5"); the text as given when it is none.
std::string num(const Diagnostic& d, std::string_view name) {
    const std::string_view text = d.arg(name);
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::string(text);
    return danish::hours(value);
}

/// A date argument ("2026-11-30") as "30. november 2026"; the text as given when it is none.
std::string date(const Diagnostic& d, std::string_view name) {
    const auto parsed = danish::parse_date(d.arg(name));
    return parsed ? danish::long_date(*parsed) : std::string(d.arg(name));
}

/// "planens uge 2 (uge 50)" from the arguments `<prefix>uge_nr` and `<prefix>uge`.
std::string plan_week(const Diagnostic& d, std::string_view prefix = "") {
    const std::string p(prefix);
    return cat({"planens uge ", d.arg(p + "uge_nr"), " (uge ", d.arg(p + "uge"), ")"});
}

/// A list argument (one value per line) as «“a”, “b” eller “c”».
std::string choices(const Diagnostic& d, std::string_view name) {
    std::vector<std::string_view> values;
    std::string_view rest = d.arg(name);
    while (!rest.empty()) {
        const auto nl = rest.find('\n');
        values.push_back(rest.substr(0, nl));
        rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    }
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) out += i + 1 == values.size() ? " eller " : ", ";
        out.append(cat({"\u201C", values[i], "\u201D"}));
    }
    return out;
}

std::string type_message(const Diagnostic& d) {
    const std::string_view expected = d.arg("expected");
    if (d.path.empty() && expected == "object") return "Sagen skal være et objekt med felter ({ … }).";
    if (expected == "number") return "Skriv et tal, fx 12 eller 7,5.";
    if (expected == "integer") return "Skriv et helt tal.";
    if (expected == "object") return "Skal være en gruppe af felter, ikke en enkelt værdi.";
    if (expected == "array") return "Skal være en liste.";
    return "Skal være en tekst.";
}

std::string syntax_message(const Diagnostic& d) {
    const std::string_view format = d.arg("format");
    return cat({"Filen er ikke gyldig ", format.empty() ? "JSON eller XML" : format,
                " her; ret den, eller åbn en anden fil."});
}

std::string limit_message(const Diagnostic& d) {
    const std::string_view limit = d.arg("limit");
    if (limit == "input") return "Filen er for stor til at blive læst.";
    if (limit == "depth") return "Filen har for mange niveauer inden i hinanden.";
    if (limit == "items") return "Listen har for mange punkter.";
    if (limit == "nodes") return "Filen har for mange værdier til at blive læst.";
    return "Teksten er for lang.";
}

std::string too_small(const Diagnostic& d) {
    if (!d.arg("more-than").empty()) return cat({"Skal være mere end ", num(d, "more-than"), "."});
    return cat({"Skal være mindst ", num(d, "min"), "."});
}

std::string min_items(const Diagnostic& d) {
    if (d.arg("min") == "1") return "Listen skal have mindst ét punkt.";
    return cat({"Listen skal have mindst ", d.arg("min"), " punkter."});
}

std::string meeting_end_before_start(const Diagnostic& d) {
    std::string at(d.arg("tid"));  // "10:00" → "10.00", as Danish writes times
    if (at.size() == 5) at[2] = '.';
    return cat({"Mødet skal slutte efter kl. ", at, ", hvor det begynder."});
}

std::string absence_below_minimum(const Diagnostic& d) {
    return cat({"Med ", num(d, "timer"), " timer i ", plan_week(d), " er der kun ", num(d, "fravaer"),
                " timers fravær. Delvise sygedagpenge kræver mindst ", num(d, "minimum"), " timers fravær om ugen."});
}

std::string hours_fall(const Diagnostic& d) {
    return cat({"Timerne falder fra ", num(d, "fra_timer"), " i ", plan_week(d, "fra_"), " til ", num(d, "timer"), " i ",
                plan_week(d), ". Timerne bør stige eller blive, hvor de er, fra uge til uge."});
}

std::string full_time_not_reached(const Diagnostic& d) {
    return cat({"Planen slutter på ", num(d, "timer"), " af ", num(d, "normal"), " timer, så fuld tid er ikke nået ",
                date(d, "dato"), "."});
}

std::string plan_too_long(const Diagnostic& d) {
    return cat({"Planen varer ", d.arg("uger"), " uger. Planer på mere end ", d.arg("max"), " uger er usædvanlige."});
}

std::string hours_above_normal(const Diagnostic& d) {
    std::string week = plan_week(d);
    week[0] = 'P';
    return cat({week, " har ", num(d, "timer"), " timer, mere end de normale ", num(d, "normal"), "."});
}

std::string starts_on_weekend(const Diagnostic& d) {
    const auto parsed = danish::parse_date(d.arg("dato"));
    const std::string day = parsed ? danish::weekday_date(*parsed) : std::string(d.arg("dato"));
    return cat({"Planen starter ", day, ", i en weekend: første række har kun weekenddage."});
}

std::string meeting_after_deadline(const Diagnostic& d) {
    return cat({"Mødet ", date(d, "dato"), " ligger efter fristen for første opfølgning i uge ", d.arg("uger"), " (",
                date(d, "frist"), "); det er i uge ", d.arg("uge"), " af sygefraværet."});
}

std::string not_one_line(const Diagnostic& d) {
    return cat({"Skal stå på én linje: fjern linjeskiftet eller tegnet ", d.arg("tegn"), "."});
}

std::string letter_after_meeting(const Diagnostic& d) {
    return cat({"Brevet er dateret ", date(d, "brevdato"), ", efter mødet ", date(d, "moede"),
                ". En indkaldelse skal sendes før mødet."});
}

std::string letter_before_meeting(const Diagnostic& d) {
    return cat({"Brevet er dateret ", date(d, "brevdato"), ", før mødet ", date(d, "moede"),
                ", som det bliver til på. Giv det mødets dato."});
}

std::string absence_after_meeting(const Diagnostic& d) {
    return cat({"Første fraværsdag, ", date(d, "dato"), ", ligger efter mødet ", date(d, "moede"), "."});
}

/// A sentence that needs no argument.
template <const char* text>
std::string fixed(const Diagnostic&) {
    return text;
}

constexpr char fill_in[] = "Skal udfyldes.";
constexpr char utf8_only[] = "Filen skal være UTF-8-tekst.";
constexpr char duplicate[] = "Feltet står to gange; slet det ene.";
constexpr char decimal_point[] = "Brug punktum som decimaltegn i filen, fx 7.5.";
constexpr char unknown_kind[] = "Ukendt brevtype.";
constexpr char date_format[] = "Skriv en dato som 2026-11-30.";
constexpr char datetime_format[] = "Skriv dato og klokkeslæt som 2026-11-30T10:00.";
constexpr char no_such_date[] = "Den dato findes ikke.";
constexpr char no_such_time[] = "Det klokkeslæt findes ikke.";
constexpr char cpr_format[] = "Skriv CPR-nummeret med 10 cifre (DDMMÅÅ-XXXX).";
constexpr char cpr_birth_date[] = "De første seks cifre i CPR-nummeret skal være en fødselsdato.";
constexpr char cvr_format[] = "Skriv CVR-nummeret med 8 cifre.";
constexpr char cvr_checksum[] = "CVR-nummeret er ikke gyldigt; tjek cifrene.";
constexpr char postnummer_format[] = "Skriv et postnummer med 4 cifre.";
constexpr char telefon_format[] = "Skriv et dansk telefonnummer med 8 cifre, evt. med +45.";
constexpr char email_format[] = "Skriv en e-mailadresse som navn@eksempel.dk.";
constexpr char after_meeting[] = "Skal ligge efter mødet.";
constexpr char year_range[] = "Året skal ligge mellem 1900 og 2199.";
constexpr char no_font[] = "Teksten har tegn, som brevets skrifttyper ikke har (fx emoji eller arabisk skrift).";

// Sentences are short and say what to do. The plan's warnings name both the plan's own week
// number and the ISO week the letter prints, so the consultant finds the row either way.
constexpr std::array<Entry, 43> catalogue{{
    // Reading the file.
    {"syntax", syntax_message},
    {"encoding", fixed<utf8_only>},
    {"limit", limit_message},
    {"duplicate-key", fixed<duplicate>},
    // Fields.
    {"missing", fixed<fill_in>},
    {"empty", fixed<fill_in>},
    {"missing-when",
     [](const Diagnostic& d) { return cat({"Skal udfyldes, når ", d.arg("when"), " er ", choices(d, "values"), "."}); }},
    {"min-items", min_items},
    {"type", type_message},
    {"decimal-comma", fixed<decimal_point>},
    {"enum", [](const Diagnostic& d) { return cat({"Vælg ", choices(d, "values"), "."}); }},
    {"too-small", too_small},
    {"too-large", [](const Diagnostic& d) { return cat({"Må højst være ", num(d, "max"), "."}); }},
    {"unknown-kind", fixed<unknown_kind>},
    // Formats.
    {"date-format", fixed<date_format>},
    {"datetime-format", fixed<datetime_format>},
    {"no-such-date", fixed<no_such_date>},
    {"no-such-time", fixed<no_such_time>},
    {"cpr-format", fixed<cpr_format>},
    {"cpr-birth-date", fixed<cpr_birth_date>},
    {"cvr-format", fixed<cvr_format>},
    {"cvr-checksum", fixed<cvr_checksum>},
    {"postnummer-format", fixed<postnummer_format>},
    {"telefon-format", fixed<telefon_format>},
    {"email-format", fixed<email_format>},
    {"year-range", fixed<year_range>},
    {"not-one-line", not_one_line},
    {"no-font", fixed<no_font>},
    // Rules across fields.
    {"meeting-end-day",
     [](const Diagnostic& d) { return cat({"Mødet skal slutte samme dag, som det begynder (", date(d, "dato"), ")."}); }},
    {"meeting-end-before-start", meeting_end_before_start},
    {"after-meeting-day", [](const Diagnostic& d) { return cat({"Må ikke ligge efter mødedagen, ", date(d, "dato"), "."}); }},
    {"before-plan-start", [](const Diagnostic& d) { return cat({"Må ikke ligge før planens start, ", date(d, "dato"), "."}); }},
    {"not-after-meeting", fixed<after_meeting>},
    // Warnings for the sender.
    {"absence-below-minimum", absence_below_minimum},
    {"hours-fall", hours_fall},
    {"full-time-not-reached", full_time_not_reached},
    {"plan-too-long", plan_too_long},
    {"hours-above-normal", hours_above_normal},
    {"plan-starts-on-weekend", starts_on_weekend},
    {"meeting-after-deadline", meeting_after_deadline},
    {"letter-after-meeting", letter_after_meeting},
    {"letter-before-meeting", letter_before_meeting},
    {"absence-after-meeting", absence_after_meeting},
}};

const Entry* find(std::string_view code) {
    for (const auto& e : catalogue) {
        if (e.code == code) return &e;
    }
    return nullptr;
}

}  // namespace

std::string danish_message(const Diagnostic& d) {
    if (const Entry* e = find(d.code)) return e->say(d);
    return d.severity == Severity::error ? "Der er en fejl her." : "Tjek dette.";
}

bool has_danish_message(std::string_view code) { return find(code) != nullptr; }

std::vector<std::string_view> danish_message_codes() {
    std::vector<std::string_view> codes;
    for (const auto& e : catalogue) codes.push_back(e.code);
    return codes;
}

}  // namespace brevgen
