// The case data of each letter kind, exactly as docs/case-data.md lists it. Change both
// together; schemas/<kind>.json is generated from here and a test keeps it current.

#include "letters/spec.hpp"

#include <algorithm>
#include <array>

namespace brevgen::letters {

namespace {

using data::FieldSpec;
using data::FieldType;
using data::Presence;
using data::TextFormat;
using data::presence::optional;
using data::presence::required;
using data::presence::required_when;

FieldSpec text(std::string name, Presence p, std::string description, TextFormat format = TextFormat::none) {
    FieldSpec f;
    f.name = std::move(name);
    f.presence = std::move(p);
    f.format = format;
    f.description = std::move(description);
    return f;
}

/// A field no letter prints (its characters need no font).
FieldSpec unprinted(FieldSpec f) {
    f.printed = false;
    return f;
}

FieldSpec choice(std::string name, Presence p, std::string description, std::vector<std::string> values,
                 std::string default_value = {}) {
    FieldSpec f = text(std::move(name), std::move(p), std::move(description));
    f.enum_values = std::move(values);
    f.default_value = std::move(default_value);
    return f;
}

/// A number of hours in a week: never negative, never more than the week has.
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

FieldSpec list(std::string name, Presence p, std::string description, FieldSpec item, std::size_t min_items = 0) {
    FieldSpec f = text(std::move(name), std::move(p), std::move(description));
    f.type = FieldType::array;
    f.min_items = min_items;
    f.fields.push_back(std::move(item));
    return f;
}

/// A postal address; `rule` says when its parts are required (when the address is there).
FieldSpec adresse(std::string name, Presence p, std::string description, const Presence& rule = required()) {
    return object(std::move(name), std::move(p), std::move(description),
                  {text("co", optional(),
                        "c/o: hos hvem modtageren får sin post (uden \"c/o\", som brevet sætter foran)"),
                   text("gade", rule, "Gade og husnummer"),
                   text("postnummer", rule, "Postnummer (0555-9990)", TextFormat::postnummer),
                   text("by", rule, "By")});
}

/// Which of the shared fields a kind requires (docs/case-data.md, "Per kind").
struct Needs {
    Presence cpr = optional();
    Presence medarbejder_adresse = optional();
    Presence cvr = optional();
    Presence arbejdsgiver_adresse = optional();
    Presence kontaktperson = optional();
    Presence sygefravaer = optional();
    Presence foerste_fravaersdag = optional();
};

FieldSpec afsender() {
    return object("afsender", optional(), "Afsender for netop dette brev; ellers bruges afsenderprofilen",
                  {text("navn", optional(), "Jobcentrets navn"), text("enhed", optional(), "Afdeling eller team"),
                   text("adresse", optional(), "Gade og husnummer"),
                   text("postnummer", optional(), "Postnummer", TextFormat::postnummer),
                   text("by", optional(), "By"), text("telefon", optional(), "Telefon", TextFormat::telefon),
                   text("email", optional(), "E-mail", TextFormat::email), text("web", optional(), "Webadresse"),
                   unprinted(text("logo", optional(), "Logo (filnavn i afsenderprofilen)"))});
}

FieldSpec konsulent() {
    return object("konsulent", required(), "Fastholdelseskonsulenten, der følger sagen",
                  {text("navn", required(), "Konsulentens navn"),
                   text("titel", optional(), "Titel, fx \"Fastholdelseskonsulent\""),
                   text("telefon", required(), "Direkte telefon", TextFormat::telefon),
                   text("email", required(), "E-mail", TextFormat::email)});
}

FieldSpec medarbejder(const Needs& n) {
    return object("medarbejder", required(), "Den sygemeldte medarbejder",
                  {text("navn", required(), "Fulde navn"),
                   text("cpr", n.cpr, "CPR-nummer; vises kun maskeret (300190-xxxx) og kun for medarbejderen",
                        TextFormat::cpr),
                   adresse("adresse", n.medarbejder_adresse, "Medarbejderens adresse"),
                   text("telefon", optional(), "Telefon", TextFormat::telefon),
                   text("email", optional(), "E-mail", TextFormat::email)});
}

FieldSpec arbejdsgiver(const Needs& n) {
    return object("arbejdsgiver", required(), "Virksomheden, medarbejderen er ansat i",
                  {text("navn", required(), "Virksomhedens navn"),
                   text("cvr", n.cvr, "CVR-nummer (8 cifre med gyldigt modulus 11-tjek)", TextFormat::cvr),
                   adresse("adresse", n.arbejdsgiver_adresse, "Virksomhedens adresse"),
                   object("kontaktperson", n.kontaktperson, "Nærmeste leder eller kontaktperson",
                          {text("navn", required(), "Navn"),
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

/// The fields every kind has, followed by the kind's own.
FieldSpec case_root(const Needs& n, std::vector<FieldSpec> own) {
    std::vector<FieldSpec> fields = {
        text("brevdato", required(), "Brevets dato (aldrig dagens dato fra uret)", TextFormat::date),
        text("journalnummer", required(), "Sagens journalnummer"),
        choice("forsendelse", optional(), "papir: modtageren er fritaget for Digital Post og får brevet med posten",
               {"digitalpost", "papir"}, "digitalpost"),
        afsender(), konsulent(), medarbejder(n), arbejdsgiver(n), sygefravaer(n)};
    for (auto& f : own) fields.push_back(std::move(f));
    return object("", required(), "", std::move(fields));
}

/// The meeting fields indkaldelse and referat share.
std::vector<FieldSpec> meeting_fields() {
    const auto fysisk = required_when("/moede/form", {"fysisk"});
    return {text("start", required(), "Mødets start, fx 2026-11-30T10:00 (dansk lokal tid)", TextFormat::datetime),
            text("slut", required(), "Mødets slut; efter start og samme dag", TextFormat::datetime),
            choice("form", required(), "Mødeform", {"fysisk", "telefon", "video"}),
            object("sted", fysisk, "Mødested; adressen kræves ved fysisk møde",
                   {text("navn", optional(), "Fx \"Hinnerup Tømrer & Snedker, mødelokale 2\""),
                    text("gade", fysisk, "Gade og husnummer"),
                    text("postnummer", fysisk, "Postnummer", TextFormat::postnummer),
                    text("by", fysisk, "By")}),
            text("link", optional(), "Link til videomødet")};
}

FieldSpec participant(bool with_attendance) {
    std::vector<FieldSpec> fields = {text("navn", required(), "Navn"),
                                     text("rolle", required(), "Rolle, fx \"Nærmeste leder\"")};
    if (with_attendance) {
        fields.push_back(choice("deltagelse", required(), "Hvordan personen deltog", {"fremmoedt", "telefon", "video"}));
    }
    return object("", required(), "", std::move(fields));
}

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

void check_indkaldelse(const data::Value& root, Diagnostics& out) {
    check_meeting_times(root, out);
    const auto start = valid_text(root, "/moede/start", TextFormat::datetime);
    const auto senest = valid_text(root, "/moede/afbud/senest", TextFormat::date);
    if (start && senest && *senest > start->substr(0, 10)) {
        error_at(root, "/moede/afbud/senest", "must not be after the day of the meeting, " + start->substr(0, 10),
                 "after-meeting-day", {{"dato", start->substr(0, 10)}}, out);
    }
}

void check_optrapningsplan(const data::Value& root, Diagnostics& out) {
    const auto start = valid_text(root, "/optrapningsplan/startdato", TextFormat::date);
    const auto full = valid_text(root, "/optrapningsplan/fuld_tilbagevenden", TextFormat::date);
    if (start && full && *full < *start) {
        error_at(root, "/optrapningsplan/fuld_tilbagevenden", "must not be before the start of the plan, " + *start,
                 "before-plan-start", {{"dato", *start}}, out);
    }
}

void check_referat(const data::Value& root, Diagnostics& out) {
    check_meeting_times(root, out);
    const auto start = valid_text(root, "/moede/start", TextFormat::datetime);
    const auto next = valid_text(root, "/naeste_opfoelgning", TextFormat::datetime);
    if (start && next && *next <= *start) {
        error_at(root, "/naeste_opfoelgning", "must be after the meeting, " + start->substr(0, 16),
                 "not-after-meeting", {{"tidspunkt", start->substr(0, 16)}}, out);
    }
}

data::KindSpec information_medarbejder() {
    Needs n{.cpr = required(), .medarbejder_adresse = required(), .sygefravaer = required(),
            .foerste_fravaersdag = required()};
    return {"information-medarbejder", "Første brev til den sygemeldte medarbejder", case_root(n, {}), nullptr};
}

data::KindSpec information_arbejdsgiver() {
    Needs n{.cvr = required(), .arbejdsgiver_adresse = required(), .kontaktperson = required(),
            .sygefravaer = required(), .foerste_fravaersdag = required()};
    return {"information-arbejdsgiver", "Første brev til arbejdsgiveren om fastholdelsesindsatsen",
            case_root(n, {}), nullptr};
}

data::KindSpec indkaldelse() {
    const auto til_arbejdsgiver = required_when("/modtager", {"arbejdsgiver"});
    Needs n{.medarbejder_adresse = required(), .arbejdsgiver_adresse = til_arbejdsgiver,
            .kontaktperson = til_arbejdsgiver};
    auto moede = meeting_fields();
    moede.push_back(text("formaal", required(), "Hvad mødet skal handle om"));
    moede.push_back(list("medbring", optional(), "Hvad medarbejderen skal tage med", text("", required(), "")));
    moede.push_back(list("deltagere", optional(), "Hvem der deltager", participant(false)));
    moede.push_back(object("afbud", optional(), "Afbud og flytning af mødet",
                           {text("senest", optional(), "Sidste dag for afbud eller flytning", TextFormat::date)}));
    return {"indkaldelse", "Indkaldelse til opfølgningsmøde",
            case_root(n, {choice("modtager", optional(),
                                 "arbejdsgiver: arbejdsgiverens kopi (uden CPR-nummer og helbredsoplysninger)",
                                 {"medarbejder", "arbejdsgiver"}, "medarbejder"),
                          object("moede", required(), "Mødet", std::move(moede))}),
            check_indkaldelse};
}

data::KindSpec optrapningsplan() {
    Needs n{.kontaktperson = required()};
    FieldSpec uge = object("", required(), "Én uge i planen",
                           {hours("timer", "Arbejdstimer i ugen", true),
                            text("dage", optional(), "Hvilke dage, fx \"man.-tors.\"; ellers fordeles timerne på 5 dage"),
                            text("opgaver", required(), "Arbejdsopgaver"),
                            text("hensyn", optional(), "Skånehensyn, beskrevet ved funktion, ikke diagnose")});
    FieldSpec plan = object(
        "optrapningsplan", required(), "Planen for gradvis tilbagevenden",
        {text("startdato", required(), "Planens første dag; dens ISO-uge er første række", TextFormat::date),
         hours("normal_timer", "Normal ugentlig arbejdstid i timer, fx 37", false),
         list("uger", required(), "Én række pr. uge, i rækkefølge", std::move(uge), 1),
         list("opfoelgning", optional(), "Datoer for opfølgning", text("", required(), "", TextFormat::date)),
         text("fuld_tilbagevenden", optional(), "Forventet dato for fuld tilbagevenden; beregnes, hvis den mangler",
              TextFormat::date)});
    return {"optrapningsplan", "Plan for gradvis tilbagevenden, til underskrift på mødet",
            case_root(n, {std::move(plan)}), check_optrapningsplan};
}

data::KindSpec referat() {
    Needs n{.cpr = required()};
    auto moede = meeting_fields();
    moede.push_back(text("formaal", optional(), "Hvad mødet handlede om"));
    moede.push_back(list("deltagere", required(), "Hvem der deltog, og hvordan", participant(true), 1));
    FieldSpec aftale = object("", required(), "En aftale",
                              {text("hvem", required(), "Hvem gør det"), text("hvad", required(), "Hvad der skal ske"),
                               text("frist", optional(), "Senest", TextFormat::date)});
    return {"referat", "Referat af opfølgningsmøde",
            case_root(n, {object("moede", required(), "Mødet", std::move(moede)),
                          text("referent", required(), "Hvem der skrev referatet"),
                          text("situation", required(), "Situationen beskrevet ved funktion og opgaver, aldrig diagnose"),
                          list("aftaler", optional(), "Hvad der blev aftalt", std::move(aftale)),
                          text("naeste_opfoelgning", optional(), "Næste opfølgning", TextFormat::datetime),
                          text("medarbejderens_bemaerkninger", optional(), "Medarbejderens egne bemærkninger"),
                          list("modtagere", optional(), "Hvem der får referatet", text("", required(), "")),
                          text("rettelser_senest", optional(), "Sidste dag for rettelser til referatet",
                               TextFormat::date)}),
            check_referat};
}

}  // namespace

std::span<const data::KindSpec> kinds() {
    static const std::array<data::KindSpec, 5> all = {information_medarbejder(), information_arbejdsgiver(),
                                                      indkaldelse(), optrapningsplan(), referat()};
    return all;
}

const data::KindSpec* find_kind(std::string_view slug) {
    for (const auto& kind : kinds()) {
        if (kind.slug == slug) return &kind;
    }
    return nullptr;
}

Diagnostic unknown_kind_error(std::string_view slug) {
    std::string known;
    for (const auto& kind : kinds()) known += (known.empty() ? "" : ", ") + kind.slug;
    return make_error({}, "", "unknown letter kind " + data::quote(slug) + "; known kinds: " + known, "unknown-kind");
}

std::string kinds_listing() {
    std::size_t width = 0;
    for (const auto& kind : kinds()) width = std::max(width, kind.slug.size());
    std::string out;
    for (const auto& kind : kinds()) {
        out += kind.slug + std::string(width - kind.slug.size() + 2, ' ') + kind.description + '\n';
    }
    return out;
}

CaseResult load_case(std::string_view slug, std::string_view text, std::optional<data::Format> format,
                     const data::ReadLimits& limits, const data::Drawable& drawable) {
    CaseResult result;
    const auto* kind = find_kind(slug);
    if (kind == nullptr) {
        result.diagnostics.push_back(unknown_kind_error(slug));
        return result;
    }
    auto read = format ? data::read(text, *format, limits) : data::read_case(text, limits);
    result.diagnostics = std::move(read.diagnostics);
    if (!read.root) return result;
    auto found = data::validate(*kind, *read.root, drawable);
    result.diagnostics.insert(result.diagnostics.end(), found.begin(), found.end());
    if (has_errors(result.diagnostics)) {
        result.partial = std::move(read.root);
    } else {
        result.root = std::move(read.root);
    }
    return result;
}

}  // namespace brevgen::letters
