#include "letters/view.hpp"

#include "danish/calendar.hpp"
#include "danish/format.hpp"
#include "danish/typography.hpp"
#include "letters/domain.hpp"

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

namespace brevgen::letters {
namespace {

using nlohmann::json;
using data::Value;

std::string text(const Value& root, std::string_view pointer) {
    const Value* v = root.at(pointer);
    return v && v->is_scalar() ? v->scalar : std::string();
}

/// A string, or false when absent: templates test presence with sections.
json optional(std::string s) { return s.empty() ? json(false) : json(std::move(s)); }

json optional_text(const Value& root, std::string_view pointer) { return optional(text(root, pointer)); }

/// Free text a consultant typed ("Løft op til 15 kg."): numbers stay with their units and
/// days with their months at line ends (danish::keep_together), as dates do.
std::string prose(std::string s) { return danish::keep_together(s); }

danish::Date date_at(const Value& root, std::string_view pointer) {
    return danish::parse_date(text(root, pointer)).value_or(danish::Date{});
}

std::optional<danish::DateTime> datetime_at(const Value& root, std::string_view pointer) {
    return danish::parse_datetime(text(root, pointer));
}

/// No-break spaces keep a date, a time or a phone number on one line; layout draws them as
/// ordinary spaces, so the PDF's text has plain spaces.
std::string nb(std::string s) {
    std::string out;
    out.reserve(s.size() + 8);
    for (const char c : s) {
        if (c == ' ') {
            out += "\xC2\xA0";
        } else {
            out += c;
        }
    }
    return out;
}

std::string date(danish::Date d) { return nb(danish::long_date(d)); }

std::string day_and_date(danish::Date d) {
    return std::string(danish::weekday_name(danish::weekday(d))) + " den " + date(d);
}

json long_date_or_false(const Value& root, std::string_view pointer) {
    const auto d = danish::parse_date(text(root, pointer));
    return d ? json(date(*d)) : json(false);
}

std::string phone_or_empty(const std::string& p) { return p.empty() ? p : nb(danish::phone(p)); }

std::string postal_line(const Value& root, const std::string& base) {
    const std::string postnummer = text(root, base + "/postnummer"), by = text(root, base + "/by");
    return postnummer.empty() ? by : postnummer + " " + by;
}

std::string full_address(const Value& root, const std::string& base) {
    const std::string gade = text(root, base + "/gade");
    const std::string postal = postal_line(root, base);
    if (gade.empty()) return postal;
    return postal.empty() ? gade : gade + ", " + postal;
}

json sender_view(const SenderProfile& s) {
    json v;
    for (const char* key : {"navn", "enhed", "adresse", "postnummer", "by", "email", "web"}) {
        v[key] = optional(s.get(key));
    }
    v["telefon"] = optional(phone_or_empty(s.get("telefon")));
    v["logo"] = optional(s.logo_path());
    v["returadresse"] = s.get("navn") + " · " + s.get("adresse") + " · " + s.get("postnummer") + " " + s.get("by");
    return v;
}

json person_contact(const Value& root, const std::string& base) {
    json v;
    v["navn"] = text(root, base + "/navn");
    v["telefon"] = optional(phone_or_empty(text(root, base + "/telefon")));
    v["email"] = optional_text(root, base + "/email");
    return v;
}

/// One address line and the case field it comes from, so a line that does not fit the
/// envelope window is reported at that field.
struct AddressLine {
    std::string text;
    std::string field;
};

json lines(std::initializer_list<AddressLine> ls) {
    json out = json::array();
    for (const auto& l : ls) {
        if (!l.text.empty()) out.push_back(json{{"linje", l.text}, {"felt", l.field}});
    }
    return out;
}

/// "c/o Hanne Ravn" from /…/adresse/co, unless the case already wrote the "c/o".
std::string care_of(const Value& root, const std::string& base) {
    const std::string co = text(root, base + "/co");
    if (co.empty()) return co;
    const bool written = co.size() >= 3 && (co[0] == 'c' || co[0] == 'C') && co[1] == '/' && (co[2] == 'o' || co[2] == 'O');
    return written ? co : "c/o " + co;
}

/// The lines of a postal address: c/o, street, postcode and town. The postcode has a fixed
/// width, so a postal line too long for the window is the town's fault.
std::vector<AddressLine> address_lines(const Value& root, const std::string& base) {
    return {{care_of(root, base), base + "/co"},
            {text(root, base + "/gade"), base + "/gade"},
            {postal_line(root, base), base + "/by"}};
}

void add_parties(json& v, const KindRecord& kind, const Value& root, bool to_employer) {
    auto& m = v["medarbejder"] = person_contact(root, "/medarbejder");
    // A letter both parties read (a plan signed at the meeting) is the employer's too.
    const bool employee_letter = !to_employer && kind.info.recipients != Recipients::together;
    const std::string cpr = text(root, "/medarbejder/cpr");
    m["cpr"] = employee_letter && !cpr.empty() ? json(danish::masked_cpr(cpr)) : json(false);
    auto& a = v["arbejdsgiver"];
    a["navn"] = text(root, "/arbejdsgiver/navn");
    a["cvr"] = optional_text(root, "/arbejdsgiver/cvr");
    a["kontaktperson"] = person_contact(root, "/arbejdsgiver/kontaktperson");
    if (a["kontaktperson"]["navn"] == "") a["kontaktperson"] = false;
    v["konsulent"] = person_contact(root, "/konsulent");
    v["konsulent"]["titel"] = optional_text(root, "/konsulent/titel");

    auto& r = v["modtager"];
    r["er_arbejdsgiver"] = to_employer;
    r["er_medarbejder"] = !to_employer;
    if (to_employer) {
        const std::string contact = text(root, "/arbejdsgiver/kontaktperson/navn");
        const auto address = address_lines(root, "/arbejdsgiver/adresse");
        r["navn"] = text(root, "/arbejdsgiver/navn");
        r["linjer"] = lines({{text(root, "/arbejdsgiver/navn"), "/arbejdsgiver/navn"},
                             {contact.empty() ? "" : "Att.: " + contact, "/arbejdsgiver/kontaktperson/navn"},
                             address[0], address[1], address[2]});
    } else {
        const auto address = address_lines(root, "/medarbejder/adresse");
        r["navn"] = text(root, "/medarbejder/navn");
        r["linjer"] = lines({{text(root, "/medarbejder/navn"), "/medarbejder/navn"}, address[0], address[1], address[2]});
    }
}

void add_sick_leave(json& v, const Value& root, const LegalRefs& legal) {
    auto& s = v["sygefravaer"];
    const auto first = danish::parse_date(text(root, "/sygefravaer/foerste_fravaersdag"));
    if (!first) {
        s = json{{"foerste_fravaersdag", false}, {"frist_opfoelgning", false}, {"frist_samtale", false},
                 {"frist_fast_track", false}};
        return;
    }
    const auto deadlines = sick_leave_deadlines(*first, legal);
    s["foerste_fravaersdag"] = date(*first);
    s["frist_opfoelgning"] = date(deadlines.foerste_opfoelgning);
    s["frist_samtale"] = date(deadlines.samtale_7a);
    s["frist_fast_track"] = date(deadlines.fast_track);
}

const char* form_text(const std::string& form) {
    if (form == "telefon") return "telefonmøde";
    if (form == "video") return "videomøde";
    return "møde";
}

const char* participation_text(const std::string& how) {
    if (how == "telefon") return "deltog pr. telefon";
    if (how == "video") return "deltog pr. video";
    return "fremmødt";
}

json list_of(const Value& root, std::string_view pointer, const std::function<json(const Value&)>& item) {
    const Value* list = root.at(pointer);
    if (!list || list->type != Value::Type::array || list->items.empty()) return false;
    json out = json::array();
    for (const auto& v : list->items) out.push_back(item(v));
    return out;
}

void add_meeting(json& v, const Value& root) {
    auto& m = v["moede"];
    const auto start = datetime_at(root, "/moede/start");
    const auto end = datetime_at(root, "/moede/slut");
    if (start && end) {
        m["dato"] = day_and_date(start->date);
        m["tid"] = nb(danish::time_range(*start, *end));
        m["tekst"] = day_and_date(start->date) + " " + nb(danish::time_range(*start, *end));
    } else {
        m["dato"] = m["tid"] = m["tekst"] = false;
    }
    const std::string form = text(root, "/moede/form");
    m["er_fysisk"] = form == "fysisk";
    m["er_telefon"] = form == "telefon";
    m["er_video"] = form == "video";
    m["form"] = form_text(form);
    const std::string address = full_address(root, "/moede/sted");
    if (address.empty() && text(root, "/moede/sted/navn").empty()) {
        m["sted"] = false;
    } else {
        m["sted"] = json{{"navn", optional_text(root, "/moede/sted/navn")}, {"adresse", optional(address)}};
    }
    m["link"] = optional_text(root, "/moede/link");
    m["formaal"] = optional(prose(text(root, "/moede/formaal")));
    m["medbring"] = list_of(root, "/moede/medbring", [](const Value& x) { return json{{"tekst", prose(x.scalar)}}; });
    m["deltagere"] = list_of(root, "/moede/deltagere", [](const Value& x) {
        return json{{"navn", text(x, "/navn")}, {"rolle", text(x, "/rolle")},
                    {"deltagelse", participation_text(text(x, "/deltagelse"))}};
    });
    m["afbud_senest"] = long_date_or_false(root, "/moede/afbud/senest");
}

void add_warnings(Diagnostics& out, const Value& root, const std::vector<DomainWarning>& warnings) {
    for (const auto& w : warnings) {
        const Value* at = root.at(w.path);
        out.push_back(to_diagnostic(w, at ? at->pos : root.pos));
    }
}

}  // namespace

json plan_view(const Value& root, const LegalRefs& legal, Diagnostics& warnings) {
    PlanInput input;
    input.startdato = date_at(root, "/optrapningsplan/startdato");
    const Value* normal = root.at("/optrapningsplan/normal_timer");
    input.normal_timer = normal ? std::strtod(normal->scalar.c_str(), nullptr) : 0;
    if (const Value* weeks = root.at("/optrapningsplan/uger"); weeks && weeks->type == Value::Type::array) {
        for (const auto& w : weeks->items) {
            input.uger.push_back(PlanWeekInput{std::strtod(text(w, "/timer").c_str(), nullptr), text(w, "/dage"),
                                               text(w, "/opgaver"), text(w, "/hensyn")});
        }
    }
    const RampUpPlan plan = compute_plan(input, legal);
    json p;
    p["startdato"] = date(input.startdato);
    const auto given_return = danish::parse_date(text(root, "/optrapningsplan/fuld_tilbagevenden"));
    p["fuld_tilbagevenden"] = date(given_return.value_or(plan.full_return));
    p["normal_timer"] = plan.normal_timer;
    // The opening's words depend on how the hours run: "stiger" is wrong for one week or a flat plan.
    p["forloeb"] = json{{"en_uge", plan.shape == PlanShape::one_week}, {"stiger", plan.shape == PlanShape::rising},
                        {"uaendret", plan.shape == PlanShape::flat}, {"varierer", plan.shape == PlanShape::varying}};
    p["naar_fuld_tid"] = plan.reaches_full_time;
    char plain_normal[32];  // the chart's reference line takes a plain number
    std::snprintf(plain_normal, sizeof plain_normal, "%g", input.normal_timer);
    p["diagram_normal"] = plain_normal;
    p["uger"] = json::array();
    p["diagram"] = json::array();
    std::string alt = "Timer pr. uge: ";
    for (std::size_t i = 0; i < plan.rows.size(); ++i) {
        const auto& r = plan.rows[i];
        p["uger"].push_back(json{{"uge", nb(r.uge)}, {"datoer", nb(r.datoer)}, {"timer", r.timer},
                                 {"timer_pr_dag", optional(r.timer_pr_dag)}, {"procent", r.procent},
                                 {"fravaer", r.fravaer_timer}, {"dage", optional(r.dage)},
                                 {"opgaver", prose(r.opgaver)}, {"hensyn", optional(prose(r.hensyn))}});
        char value[32];  // the chart's markup takes a plain number, not Danish notation
        std::snprintf(value, sizeof value, "%g", r.hours);
        p["diagram"].push_back(json{{"label", std::to_string(r.week.week)}, {"value", value}});
        alt += (i ? ", " : "") + r.uge + ": " + r.timer + " timer";
    }
    p["diagram_alt"] = alt + ". Fuld tid er " + plan.normal_timer + " timer.";
    p["opfoelgning"] = list_of(root, "/optrapningsplan/opfoelgning", [](const Value& x) {
        const auto d = danish::parse_date(x.scalar);
        return json{{"dato", d ? date(*d) : x.scalar}};
    });
    add_warnings(warnings, root, plan.warnings);
    return p;
}

json minutes_view(const Value& root) {
    json r;
    r["referent"] = text(root, "/referent");
    r["situation"] = prose(text(root, "/situation"));
    r["bemaerkninger"] = optional(prose(text(root, "/medarbejderens_bemaerkninger")));
    const auto next = datetime_at(root, "/naeste_opfoelgning");
    r["naeste_opfoelgning"] = next ? json(day_and_date(next->date) + " " + nb(danish::time(*next))) : json(false);
    r["rettelser_senest"] = long_date_or_false(root, "/rettelser_senest");
    r["aftaler"] = list_of(root, "/aftaler", [](const Value& x) {
        const auto d = danish::parse_date(text(x, "/frist"));
        return json{{"hvem", text(x, "/hvem")}, {"hvad", prose(text(x, "/hvad"))},
                    {"frist", d ? json(date(*d)) : json(false)}};
    });
    r["modtagere"] = list_of(root, "/modtagere", [](const Value& x) { return json{{"navn", x.scalar}}; });
    return r;
}

void meeting_deadline_warning(const Value& root, const LegalRefs& legal, Diagnostics& warnings) {
    const auto first = danish::parse_date(text(root, "/sygefravaer/foerste_fravaersdag"));
    const auto start = datetime_at(root, "/moede/start");
    if (!first || !start) return;
    if (auto w = check_meeting_deadline(*start, *first, legal)) add_warnings(warnings, root, {*w});
}

Enriched enrich(const KindRecord& kind, const Value& root, const SenderProfile& profile, const LegalRefs& legal) {
    Enriched out;
    json& v = out.view;
    const SenderProfile sender = profile.overridden_by(root.find("afsender"));
    v["afsender"] = sender_view(sender);
    const auto letter_date = date_at(root, "/brevdato");
    v["brev"] = json{{"dato", date(letter_date)}, {"dato_iso", danish::iso_string(letter_date)},
                     {"journalnummer", text(root, "/journalnummer")}, {"titel", kind.info.title},
                     {"papir", text(root, "/forsendelse") == "papir"}};
    json& lov = v["lov"];
    // No-break spaces keep "§ 7a" and "stk. 2" together at line ends.
    for (const auto& [key, value] : legal.texts) {
        const bool reference = value.find("§") != std::string::npos || value.find("artikel") != std::string::npos;
        lov[key] = reference ? danish::section(value) : value;
    }
    add_parties(v, kind, root, addressed_to_employer(kind, root));
    add_sick_leave(v, root, legal);
    add_meeting(v, root);
    if (kind.enrich) kind.enrich(root, legal, v, out.warnings);
    return out;
}

}  // namespace brevgen::letters
