// The built-in letter kinds, one record each: the only file in brevgen that names them.
// Each record holds the kind's title and description, who reads it, its case data exactly
// as docs/case-data.md lists it (schemas/<kind>.json is generated from here and a test keeps
// it current), its own part of the view, its template and its Digital Post texts.
//
// Digital Post notifications travel by e-mail or SMS outside Digital Post: no name, no CPR
// number, nothing about health. The alert says only that there is post and, for the
// invitation, that it names a time: "sygemelding" or "opfølgning" in an SMS would tell
// whoever sees the phone about health.

#include <nlohmann/json.hpp>

#include "letters/fields.hpp"
#include "letters/registry.hpp"
#include "letters/view.hpp"

namespace brevgen::letters {

namespace {

using namespace fields;

// Sample cases, merged with every template when the engine loads, so that a tag naming a
// value the view does not have is found before any letter is made, not as a gap in one.

/// A case with every optional field present and one element in every array.
std::string_view full_sample_case() {
    return R"({
  "brevdato": "2026-11-23", "journalnummer": "2026-000001", "forsendelse": "papir", "modtager": "medarbejder",
  "afsender": {"navn": "Jobcenter Prøve", "enhed": "Fastholdelse", "adresse": "Prøvevej 1", "postnummer": "8000",
               "by": "Aarhus C", "telefon": "11223344", "email": "a@b.dk", "web": "b.dk"},
  "konsulent": {"navn": "Konsulent", "titel": "Fastholdelseskonsulent", "telefon": "11223344", "email": "k@b.dk"},
  "medarbejder": {"navn": "Medarbejder", "cpr": "0101901234", "telefon": "22334455", "email": "m@b.dk",
                  "adresse": {"gade": "Gade 1", "postnummer": "8000", "by": "Aarhus C"}},
  "arbejdsgiver": {"navn": "Firma ApS", "cvr": "12345674", "adresse": {"gade": "Vej 2", "postnummer": "8000", "by": "Aarhus C"},
                   "kontaktperson": {"navn": "Leder", "telefon": "33445566", "email": "l@b.dk"}},
  "sygefravaer": {"foerste_fravaersdag": "2026-11-02", "helbred": "x"},
  "moede": {"start": "2026-11-30T10:00", "slut": "2026-11-30T11:00", "form": "fysisk", "link": "https://b.dk/m",
            "sted": {"navn": "Mødelokale", "gade": "Vej 2", "postnummer": "8000", "by": "Aarhus C"},
            "formaal": "Opfølgning", "medbring": ["Kalender"], "afbud": {"senest": "2026-11-27"},
            "deltagere": [{"navn": "Medarbejder", "rolle": "medarbejder", "deltagelse": "fremmoedt"}]},
  "optrapningsplan": {"startdato": "2026-11-30", "normal_timer": 37, "fuld_tilbagevenden": "2027-01-11",
                      "uger": [{"timer": 12, "dage": "man.–ons.", "opgaver": "Opgaver", "hensyn": "Hensyn"}],
                      "opfoelgning": ["2026-12-14"]},
  "referent": "Konsulent", "situation": "Situation", "medarbejderens_bemaerkninger": "Bemærkning",
  "aftaler": [{"hvem": "Medarbejder", "hvad": "Opgave", "frist": "2026-12-14"}],
  "naeste_opfoelgning": "2026-12-14T10:00", "modtagere": ["Medarbejder"], "rettelser_senest": "2026-12-08"
})";
}

/// A case with only the fields every kind requires, so inverted sections are rendered too.
std::string_view minimal_sample_case() {
    return R"({
  "brevdato": "2026-11-23", "journalnummer": "2026-000001",
  "konsulent": {"navn": "Konsulent", "telefon": "11223344", "email": "k@b.dk"},
  "medarbejder": {"navn": "Medarbejder"},
  "arbejdsgiver": {"navn": "Firma ApS"},
  "moede": {"start": "2026-11-30T10:00", "slut": "2026-11-30T11:00", "form": "telefon", "formaal": "Opfølgning"},
  "optrapningsplan": {"startdato": "2026-11-30", "normal_timer": 37, "uger": [{"timer": 12, "opgaver": "Opgaver"}]},
  "referent": "Konsulent", "situation": "Situation"
})";
}

/// The built-in kinds' samples.
std::vector<std::string> samples() { return {std::string(full_sample_case()), std::string(minimal_sample_case())}; }

KindRecord information_medarbejder() {
    Needs n{.cpr = required(), .medarbejder_adresse = required(), .sygefravaer = required(),
            .foerste_fravaersdag = required()};
    KindRecord k;
    k.info.name = "information-medarbejder";
    k.info.title = "Information om opfølgning på din sygemelding";
    k.info.description = "Første brev til den sygemeldte medarbejder";
    k.info.recipients = Recipients::employee;
    k.info.notification_employee = "Du har fået et brev fra jobcentret. Læs det i din digitale postkasse.";
    k.fields = {case_root(n, {}), nullptr};
    k.samples = samples();
    return k;
}

KindRecord information_arbejdsgiver() {
    Needs n{.cvr = required(), .arbejdsgiver_adresse = required(), .kontaktperson = required(),
            .sygefravaer = required(), .foerste_fravaersdag = required()};
    KindRecord k;
    k.info.name = "information-arbejdsgiver";
    k.info.title = "Information om opfølgning på jeres medarbejders sygemelding";
    k.info.description = "Første brev til arbejdsgiveren om fastholdelsesindsatsen";
    k.info.recipients = Recipients::employer;
    k.info.notification_employer = "I har fået et brev fra jobcentret om en medarbejder. "
                                   "Læs det i jeres digitale postkasse.";
    k.fields = {case_root(n, {}), nullptr};
    k.samples = samples();
    return k;
}

KindRecord indkaldelse() {
    const auto til_arbejdsgiver = required_when("/modtager", {"arbejdsgiver"});
    Needs n{.medarbejder_adresse = required(), .arbejdsgiver_adresse = til_arbejdsgiver,
            .kontaktperson = til_arbejdsgiver};
    auto moede = meeting_fields();
    for (auto& f : per_reader("formaal", required(), "Hvad mødet skal handle om")) moede.push_back(std::move(f));
    moede.push_back(list("medbring", optional(), "Hvad medarbejderen skal tage med", text("", required(), "")));
    moede.push_back(list("deltagere", optional(), "Hvem der deltager", participant(false)));
    moede.push_back(object("afbud", optional(), "Afbud og flytning af mødet",
                           {text("senest", optional(), "Sidste dag for afbud eller flytning", TextFormat::date)}));
    KindRecord k;
    k.info.name = "indkaldelse";
    k.info.title = "Indkaldelse til opfølgningsmøde";
    k.info.description = "Indkaldelse til opfølgningsmøde";
    k.info.recipients = Recipients::either;
    k.info.notification_employee = "Du er indkaldt til et møde med jobcentret. Tid og sted står i brevet.";
    k.info.notification_employer = "I er inviteret til et møde med jobcentret. Tid og sted står i brevet.";
    k.info.digital_post_appointment = true;  // the meeting goes into the recipient's calendar
    k.fields = {case_root(n, {recipient_choice("arbejdsgiver: arbejdsgiverens kopi (uden CPR-nummer og "
                                               "helbredsoplysninger)"),
                              object("moede", required(), "Mødet", std::move(moede))}),
                check_invitation};
    k.enrich = [](const data::Value& root, const LegalRefs& legal, nlohmann::json&, Diagnostics& warnings) {
        meeting_deadline_warning(root, legal, warnings);
        dated_after_meeting_warning(root, warnings);
    };
    k.samples = samples();
    return k;
}

KindRecord optrapningsplan() {
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
         text("moededato", optional(),
              "Dagen for mødet, hvor planen laves og underskrives; brevet bør have samme dato", TextFormat::date),
         text("fuld_tilbagevenden", optional(), "Forventet dato for fuld tilbagevenden; beregnes, hvis den mangler",
              TextFormat::date)});
    KindRecord k;
    k.info.name = "optrapningsplan";
    k.info.title = "Plan for gradvis tilbagevenden (optrapningsplan)";
    k.info.description = "Plan for gradvis tilbagevenden, til underskrift på mødet";
    k.info.recipients = Recipients::together;
    k.info.notification_employee = "Du har fået en plan fra jobcentret. Læs den i din digitale postkasse.";
    k.info.notification_employer = "I har fået en plan fra jobcentret. Læs den i jeres digitale postkasse.";
    k.fields = {case_root(n, {std::move(plan)}), check_plan};
    k.enrich = [](const data::Value& root, const LegalRefs& legal, nlohmann::json& view, Diagnostics& warnings) {
        view["plan"] = plan_view(root, legal, warnings);
        dated_before_meeting_warning(root, "/optrapningsplan/moededato", warnings);
    };
    k.samples = samples();
    return k;
}

KindRecord referat() {
    Needs n{.cpr = required()};
    auto moede = meeting_fields();
    moede.push_back(text("formaal", optional(), "Hvad mødet handlede om"));
    moede.push_back(list("deltagere", required(), "Hvem der deltog, og hvordan", participant(true), 1));
    FieldSpec aftale = object("", required(), "En aftale",
                              {line("hvem", required(), "Hvem gør det"), text("hvad", required(), "Hvad der skal ske"),
                               text("frist", optional(), "Senest", TextFormat::date)});
    KindRecord k;
    k.info.name = "referat";
    k.info.title = "Referat af opfølgningsmøde";
    k.info.description = "Referat af opfølgningsmøde";
    k.info.recipients = Recipients::either;
    k.info.notification_employee = "Du har fået et referat af et møde med jobcentret. "
                                   "Læs det i din digitale postkasse.";
    k.info.notification_employer = "I har fået et referat af et møde med jobcentret. "
                                   "Læs det i jeres digitale postkasse.";
    std::vector<FieldSpec> own = {recipient_choice("arbejdsgiver: arbejdsgiverens kopi (uden CPR-nummer)"),
                                  object("moede", required(), "Mødet", std::move(moede)),
                                  line("referent", required(), "Hvem der skrev referatet")};
    // The situation and the employee's remarks read "du" in the employee's copy and name the
    // employee in the employer's: the case may give each reader its own text.
    for (auto& f : per_reader("situation", required(), "Situationen beskrevet ved funktion og opgaver, aldrig diagnose")) {
        own.push_back(std::move(f));
    }
    own.push_back(list("aftaler", optional(), "Hvad der blev aftalt", std::move(aftale)));
    own.push_back(text("naeste_opfoelgning", optional(), "Næste opfølgning", TextFormat::datetime));
    for (auto& f : per_reader("medarbejderens_bemaerkninger", optional(), "Medarbejderens egne bemærkninger")) {
        own.push_back(std::move(f));
    }
    own.push_back(list("modtagere", optional(), "Hvem der får referatet", line("", required(), "")));
    own.push_back(text("rettelser_senest", optional(), "Sidste dag for rettelser til referatet", TextFormat::date));
    k.fields = {case_root(n, std::move(own)), check_minutes};
    k.enrich = [](const data::Value& root, const LegalRefs&, nlohmann::json& view, Diagnostics& warnings) {
        view["referat"] = minutes_view(root, view["modtager"]["er_arbejdsgiver"].get<bool>());
        dated_before_meeting_warning(root, "/moede/start", warnings);
    };
    k.samples = samples();
    return k;
}

}  // namespace

std::shared_ptr<const KindRegistry> KindRegistry::built_in() {
    static const auto registry = std::make_shared<const KindRegistry>(std::vector<KindRecord>{
        information_medarbejder(), information_arbejdsgiver(), indkaldelse(), optrapningsplan(), referat()});
    return registry;
}

}  // namespace brevgen::letters
