#include "letters/view.hpp"

#include "danish/calendar.hpp"
#include "danish/format.hpp"
#include "danish/typography.hpp"
#include "letters/domain.hpp"
#include "letters/fields.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

namespace brevgen::letters {
namespace {

using nlohmann::json;
using data::Value;

/// A free text's line breaks, tabs, other control characters and line or paragraph
/// separators as spaces: a letter's paragraph is one flow of words, and a separator must
/// never join the words beside it. (Names and addresses never get here with one: they are
/// one-line fields, and validation refuses it.)
std::string spaced(std::string s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == 0x7F) {
            out += ' ';
        } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
            out += ' ';  // C1 controls U+0080–U+009F, NEL among them
            ++i;
        } else if (c == 0xE2 && s.compare(i, 3, "\u2028") == 0) {
            out += ' ';
            i += 2;
        } else if (c == 0xE2 && s.compare(i, 3, "\u2029") == 0) {
            out += ' ';
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string text(const Value& root, std::string_view pointer) {
    const Value* v = root.at(pointer);
    return v && v->is_scalar() ? spaced(v->scalar) : std::string();
}

/// A string, or false when absent: templates test presence with sections.
json optional(std::string s) { return s.empty() ? json(false) : json(std::move(s)); }

json optional_text(const Value& root, std::string_view pointer) { return optional(text(root, pointer)); }

/// A free text in its reader's version (fields::per_reader): `pointer` + "_til_arbejdsgiver"
/// or "_til_medarbejder" when the case gives it, else the shared text at `pointer`.
std::string for_reader(const Value& root, std::string_view pointer, bool to_employer) {
    std::string own(pointer);
    own += to_employer ? fields::to_employer_suffix : fields::to_employee_suffix;
    std::string s = text(root, own);
    return s.empty() ? text(root, pointer) : s;
}

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

/// The name a letter uses after the full name once: /medarbejder/fornavn, or the full
/// name's first word ("Jørgen" from "Jørgen Bøgh Åkesson").
std::string first_name(const Value& root) {
    const std::string given = text(root, "/medarbejder/fornavn");
    if (!given.empty()) return given;
    const std::string full = text(root, "/medarbejder/navn");
    return full.substr(0, full.find(' '));
}

/// "Jørgens", "Jonas'": the Danish genitive of a name.
std::string genitive(const std::string& name) {
    if (name.empty()) return name;
    const char last = name.back();
    return name + (last == 's' || last == 'x' || last == 'z' ? "'" : "s");
}

void add_parties(json& v, const KindRecord& kind, const Value& root, bool to_employer) {
    auto& m = v["medarbejder"] = person_contact(root, "/medarbejder");
    m["fornavn"] = first_name(root);
    m["fornavn_genitiv"] = genitive(m["fornavn"].get<std::string>());
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
    if (how == "video") return "deltog via video";
    return "fremmødt";
}

json list_of(const Value& root, std::string_view pointer, const std::function<json(const Value&)>& item) {
    const Value* list = root.at(pointer);
    if (!list || list->type != Value::Type::array || list->items.empty()) return false;
    json out = json::array();
    for (const auto& v : list->items) out.push_back(item(v));
    return out;
}

void add_meeting(json& v, const Value& root, bool to_employer) {
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
    m["formaal"] = optional(prose(for_reader(root, "/moede/formaal", to_employer)));
    m["medbring"] = list_of(root, "/moede/medbring", [](const Value& x) { return json{{"tekst", prose(spaced(x.scalar))}}; });
    m["deltagere"] = list_of(root, "/moede/deltagere", [](const Value& x) {
        return json{{"navn", text(x, "/navn")}, {"rolle", text(x, "/rolle")},
                    {"deltagelse", participation_text(text(x, "/deltagelse"))}};
    });
    m["afbud_senest"] = long_date_or_false(root, "/moede/afbud/senest");
}

/// A warning for the sender at the field `path` (its position in the case file).
void warn_at(Diagnostics& out, const Value& root, const std::string& path, std::string message, std::string code,
             DiagnosticArgs args) {
    const Value* at = root.at(path);
    Diagnostic d = make_warning(at ? at->pos : root.pos, path, std::move(message));
    d.code = std::move(code);
    d.args = std::move(args);
    out.push_back(std::move(d));
}

/// A first day of absence after the meeting that follows the sick leave up cannot be right.
void absence_after_meeting_warning(const Value& root, Diagnostics& out) {
    const auto first = danish::parse_date(text(root, "/sygefravaer/foerste_fravaersdag"));
    const auto start = datetime_at(root, "/moede/start");
    if (!first || !start || !(start->date < *first)) return;
    const std::string first_iso = danish::iso_string(*first), meeting_iso = danish::iso_string(start->date);
    warn_at(out, root, "/sygefravaer/foerste_fravaersdag",
            "the first day of absence, " + first_iso + ", is after the meeting on " + meeting_iso,
            "absence-after-meeting", {{"dato", first_iso}, {"moede", meeting_iso}});
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
    p["moededato"] = long_date_or_false(root, "/optrapningsplan/moededato");
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

json minutes_view(const Value& root, bool to_employer) {
    json r;
    r["referent"] = text(root, "/referent");
    r["situation"] = prose(for_reader(root, "/situation", to_employer));
    r["bemaerkninger"] = optional(prose(for_reader(root, "/medarbejderens_bemaerkninger", to_employer)));
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

void dated_after_meeting_warning(const Value& root, Diagnostics& warnings) {
    const auto letter = danish::parse_date(text(root, "/brevdato"));
    const auto start = datetime_at(root, "/moede/start");
    if (!letter || !start || !(start->date < *letter)) return;
    const std::string letter_iso = danish::iso_string(*letter), meeting_iso = danish::iso_string(start->date);
    warn_at(warnings, root, "/brevdato", "the letter is dated " + letter_iso + ", after the meeting on " + meeting_iso,
            "letter-after-meeting", {{"brevdato", letter_iso}, {"moede", meeting_iso}});
}

void dated_before_meeting_warning(const Value& root, std::string_view meeting_pointer, Diagnostics& warnings) {
    const auto letter = danish::parse_date(text(root, "/brevdato"));
    const std::string at = text(root, meeting_pointer);
    const auto meeting = danish::parse_date(at.substr(0, 10));
    if (!letter || !meeting || !(*letter < *meeting)) return;
    const std::string letter_iso = danish::iso_string(*letter), meeting_iso = danish::iso_string(*meeting);
    warn_at(warnings, root, "/brevdato",
            "the letter is dated " + letter_iso + ", before the meeting on " + meeting_iso + " it comes from",
            "letter-before-meeting", {{"brevdato", letter_iso}, {"moede", meeting_iso}});
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
    // No-break spaces keep "§ 7 a" and "stk. 2" together at line ends.
    for (const auto& [key, value] : legal.texts) {
        const bool reference = value.find("§") != std::string::npos || value.find("artikel") != std::string::npos;
        lov[key] = reference ? danish::section(value) : value;
    }
    const bool to_employer = addressed_to_employer(kind, root);
    add_parties(v, kind, root, to_employer);
    add_sick_leave(v, root, legal);
    add_meeting(v, root, to_employer);
    absence_after_meeting_warning(root, out.warnings);
    if (kind.enrich) kind.enrich(root, legal, v, out.warnings);
    // In the order of the case file, as validation reports its errors.
    std::stable_sort(out.warnings.begin(), out.warnings.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::pair(a.pos.line, a.pos.column) < std::pair(b.pos.line, b.pos.column);
    });
    return out;
}

}  // namespace brevgen::letters
