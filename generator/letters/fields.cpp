// The pieces the letter kinds' field descriptions are built from (letters/kinds.cpp puts
// them together, exactly as docs/case-data.md lists them), and the cross-field rules.

#include "letters/fields.hpp"

namespace brevgen::letters::fields {

FieldSpec text(std::string name, Presence p, std::string description, TextFormat format) {
    FieldSpec f;
    f.name = std::move(name);
    f.presence = std::move(p);
    f.format = format;
    f.description = std::move(description);
    return f;
}

FieldSpec line(std::string name, Presence p, std::string description) {
    FieldSpec f = text(std::move(name), std::move(p), std::move(description));
    f.one_line = true;
    return f;
}

FieldSpec choice(std::string name, Presence p, std::string description, std::vector<std::string> values,
                 std::string default_value) {
    FieldSpec f = text(std::move(name), std::move(p), std::move(description));
    f.enum_values = std::move(values);
    f.default_value = std::move(default_value);
    return f;
}

FieldSpec hours(std::string name, std::string description, bool zero_allowed) {
    FieldSpec f = text(std::move(name), required(), std::move(description));
    f.type = FieldType::number;
    f.minimum = 0;
    f.exclusive_minimum = !zero_allowed;
    f.maximum = 168;
    return f;
}

FieldSpec object(std::string name, Presence p, std::string description, std::vector<FieldSpec> fields) {
    FieldSpec f = text(std::move(name), std::move(p), std::move(description));
    f.type = FieldType::object;
    f.fields = std::move(fields);
    return f;
}

FieldSpec list(std::string name, Presence p, std::string description, FieldSpec item, std::size_t min_items) {
    FieldSpec f = text(std::move(name), std::move(p), std::move(description));
    f.type = FieldType::array;
    f.min_items = min_items;
    f.fields.push_back(std::move(item));
    return f;
}

std::vector<FieldSpec> per_reader(const std::string& name, Presence p, const std::string& description) {
    return {text(name, std::move(p), description + "; den fælles tekst, når modtageren ikke har sin egen"),
            text(name + std::string(to_employee_suffix), optional(),
                 description + ", skrevet til medarbejderen (\"du\"); bruges i medarbejderens brev"),
            text(name + std::string(to_employer_suffix), optional(),
                 description + ", skrevet om medarbejderen til arbejdsgiveren; bruges i arbejdsgiverens kopi")};
}

FieldSpec adresse(std::string name, Presence p, std::string description, const Presence& rule) {
    return object(std::move(name), std::move(p), std::move(description),
                  {line("co", optional(),
                        "c/o: hos hvem modtageren får sin post (uden \"c/o\", som brevet sætter foran)"),
                   line("gade", rule, "Gade og husnummer"),
                   text("postnummer", rule, "Postnummer (0555-9990)", TextFormat::postnummer),
                   line("by", rule, "By")});
}

namespace {

/// A field no letter prints (its characters need no font).
FieldSpec unprinted(FieldSpec f) {
    f.printed = false;
    return f;
}

FieldSpec afsender() {
    return object("afsender", optional(), "Afsender for netop dette brev; ellers bruges afsenderprofilen",
                  {line("navn", optional(), "Jobcentrets navn"), line("enhed", optional(), "Afdeling eller team"),
                   line("adresse", optional(), "Gade og husnummer"),
                   text("postnummer", optional(), "Postnummer", TextFormat::postnummer),
                   line("by", optional(), "By"), text("telefon", optional(), "Telefon", TextFormat::telefon),
                   text("email", optional(), "E-mail", TextFormat::email), line("web", optional(), "Webadresse"),
                   unprinted(text("logo", optional(), "Logo (filnavn i afsenderprofilen)"))});
}

FieldSpec konsulent() {
    return object("konsulent", required(), "Fastholdelseskonsulenten, der følger sagen",
                  {line("navn", required(), "Konsulentens navn"),
                   line("titel", optional(), "Titel, fx \"Fastholdelseskonsulent\""),
                   text("telefon", required(), "Direkte telefon", TextFormat::telefon),
                   text("email", required(), "E-mail", TextFormat::email)});
}

FieldSpec medarbejder(const Needs& n) {
    return object("medarbejder", required(), "Den sygemeldte medarbejder",
                  {line("navn", required(), "Fulde navn"),
                   line("fornavn", optional(),
                        "Det navn, brevet bruger efter det fulde navn; ellers navnets første ord"),
                   text("cpr", n.cpr, "CPR-nummer; vises kun maskeret (300190-xxxx) og kun for medarbejderen",
                        TextFormat::cpr),
                   adresse("adresse", n.medarbejder_adresse, "Medarbejderens adresse"),
                   text("telefon", optional(), "Telefon", TextFormat::telefon),
                   text("email", optional(), "E-mail", TextFormat::email)});
}

FieldSpec arbejdsgiver(const Needs& n) {
    return object("arbejdsgiver", required(), "Virksomheden, medarbejderen er ansat i",
                  {line("navn", required(), "Virksomhedens navn"),
                   text("cvr", n.cvr, "CVR-nummer (8 cifre med gyldigt modulus 11-tjek)", TextFormat::cvr),
                   adresse("adresse", n.arbejdsgiver_adresse, "Virksomhedens adresse"),
                   object("kontaktperson", n.kontaktperson, "Nærmeste leder eller kontaktperson",
                          {line("navn", required(), "Navn"),
                           text("telefon", optional(), "Telefon", TextFormat::telefon),
                           text("email", optional(), "E-mail", TextFormat::email)})});
}

FieldSpec sygefravaer(const Needs& n) {
    return object("sygefravaer", n.sygefravaer, "Sygefraværet",
                  {text("foerste_fravaersdag", n.foerste_fravaersdag,
                        "Første fraværsdag; fristerne (uge 4, 5 og 8) regnes herfra", TextFormat::date),
                   unprinted(text("helbred", optional(),
                                  "Helbredsoplysninger fra sagssystemet. Udskrives aldrig i noget brev"))});
}

}  // namespace

FieldSpec case_root(const Needs& n, std::vector<FieldSpec> own) {
    std::vector<FieldSpec> fields = {
        text("brevdato", required(), "Brevets dato (aldrig dagens dato fra uret)", TextFormat::date),
        line("journalnummer", required(), "Sagens journalnummer"),
        choice("forsendelse", optional(), "papir: modtageren er fritaget for Digital Post og får brevet med posten",
               {"digitalpost", "papir"}, "digitalpost"),
        afsender(), konsulent(), medarbejder(n), arbejdsgiver(n), sygefravaer(n)};
    for (auto& f : own) fields.push_back(std::move(f));
    return object("", required(), "", std::move(fields));
}

std::vector<FieldSpec> meeting_fields() {
    const auto fysisk = required_when("/moede/form", {"fysisk"});
    return {text("start", required(), "Mødets start, fx 2026-11-30T10:00 (dansk lokal tid)", TextFormat::datetime),
            text("slut", required(), "Mødets slut; efter start og samme dag", TextFormat::datetime),
            choice("form", required(), "Mødeform", {"fysisk", "telefon", "video"}),
            object("sted", fysisk, "Mødested; adressen kræves ved fysisk møde",
                   {line("navn", optional(), "Fx \"Hinnerup Tømrer & Snedker, mødelokale 2\""),
                    line("gade", fysisk, "Gade og husnummer"),
                    text("postnummer", fysisk, "Postnummer", TextFormat::postnummer),
                    line("by", fysisk, "By")}),
            text("link", optional(), "Link til videomødet")};
}

FieldSpec recipient_choice(std::string description) {
    return choice("modtager", optional(), std::move(description), {"medarbejder", "arbejdsgiver"}, "medarbejder");
}

FieldSpec participant(bool with_attendance) {
    std::vector<FieldSpec> fields = {line("navn", required(), "Navn"),
                                     line("rolle", required(), "Rolle, fx \"Nærmeste leder\"")};
    if (with_attendance) {
        fields.push_back(choice("deltagelse", required(), "Hvordan personen deltog", {"fremmoedt", "telefon", "video"}));
    }
    return object("", required(), "", std::move(fields));
}

namespace {

// --- Cross-field rules. They run after the field checks and only compare values that
// passed them. ISO dates compare as text; datetimes once both have seconds.

/// The text at `pointer` when it is there and has `format`.
std::optional<std::string> valid_text(const data::Value& root, std::string_view pointer, TextFormat format) {
    const data::Value* v = root.at(pointer);
    if (v == nullptr || v->type != data::Value::Type::string || data::check_format(format, v->scalar)) {
        return std::nullopt;
    }
    return v->scalar.size() == 16 && format == TextFormat::datetime ? v->scalar + ":00" : v->scalar;
}

void error_at(const data::Value& root, const std::string& pointer, std::string message, std::string code,
              DiagnosticArgs args, Diagnostics& out) {
    out.push_back(make_error(root.at(pointer)->pos, pointer, std::move(message), std::move(code), std::move(args)));
}

void check_meeting_times(const data::Value& root, Diagnostics& out) {
    const auto start = valid_text(root, "/moede/start", TextFormat::datetime);
    const auto slut = valid_text(root, "/moede/slut", TextFormat::datetime);
    if (!start || !slut) return;
    if (slut->substr(0, 10) != start->substr(0, 10)) {
        error_at(root, "/moede/slut", "the meeting must end on the day it starts, " + start->substr(0, 10),
                 "meeting-end-day", {{"dato", start->substr(0, 10)}}, out);
    } else if (*slut <= *start) {
        error_at(root, "/moede/slut", "the meeting must end after it starts, at " + start->substr(11, 5),
                 "meeting-end-before-start", {{"tid", start->substr(11, 5)}}, out);
    }
}

}  // namespace

void check_invitation(const data::Value& root, Diagnostics& out) {
    check_meeting_times(root, out);
    const auto start = valid_text(root, "/moede/start", TextFormat::datetime);
    const auto senest = valid_text(root, "/moede/afbud/senest", TextFormat::date);
    if (start && senest && *senest > start->substr(0, 10)) {
        error_at(root, "/moede/afbud/senest", "must not be after the day of the meeting, " + start->substr(0, 10),
                 "after-meeting-day", {{"dato", start->substr(0, 10)}}, out);
    }
}

void check_plan(const data::Value& root, Diagnostics& out) {
    const auto start = valid_text(root, "/optrapningsplan/startdato", TextFormat::date);
    const auto full = valid_text(root, "/optrapningsplan/fuld_tilbagevenden", TextFormat::date);
    if (start && full && *full < *start) {
        error_at(root, "/optrapningsplan/fuld_tilbagevenden", "must not be before the start of the plan, " + *start,
                 "before-plan-start", {{"dato", *start}}, out);
    }
}

void check_minutes(const data::Value& root, Diagnostics& out) {
    check_meeting_times(root, out);
    const auto start = valid_text(root, "/moede/start", TextFormat::datetime);
    const auto next = valid_text(root, "/naeste_opfoelgning", TextFormat::datetime);
    if (start && next && *next <= *start) {
        error_at(root, "/naeste_opfoelgning", "must be after the meeting, " + start->substr(0, 16),
                 "not-after-meeting", {{"tidspunkt", start->substr(0, 16)}}, out);
    }
}

}  // namespace brevgen::letters::fields
