#pragma once
/// The pieces letter kinds' field descriptions are built from (docs/case-data.md): the
/// fields every case has, addresses, meetings, participants, and the cross-field rules.
/// letters/kinds.cpp puts them together per kind.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "data/schema.hpp"

namespace brevgen::letters::fields {

using data::FieldSpec;
using data::FieldType;
using data::Presence;
using data::TextFormat;
using data::presence::optional;
using data::presence::required;
using data::presence::required_when;

/// A string field, optionally with a text format.
FieldSpec text(std::string name, Presence p, std::string description, TextFormat format = TextFormat::none);

/// A name or an address line: a string field that must be one line (FieldSpec::one_line).
FieldSpec line(std::string name, Presence p, std::string description);

/// A string field with a fixed set of values; `default_value` documents what absence means.
FieldSpec choice(std::string name, Presence p, std::string description, std::vector<std::string> values,
                 std::string default_value = {});

/// A number of hours in a week: never negative, never more than the week has.
FieldSpec hours(std::string name, std::string description, bool zero_allowed);

/// An object field with its members.
FieldSpec object(std::string name, Presence p, std::string description, std::vector<FieldSpec> fields);

/// An array field of `item`s.
FieldSpec list(std::string name, Presence p, std::string description, FieldSpec item, std::size_t min_items = 0);

/// A free text the consultant writes once for both readers, or once per reader: the shared
/// field `name` (with presence `p`) and the optional `name_til_medarbejder` (written to the
/// employee, "du") and `name_til_arbejdsgiver` (about the employee, for the employer), each
/// used instead of the shared text in that reader's copy.
std::vector<FieldSpec> per_reader(const std::string& name, Presence p, const std::string& description);

/// The suffixes of per_reader's variants, for the view that picks one.
inline constexpr std::string_view to_employee_suffix = "_til_medarbejder";
inline constexpr std::string_view to_employer_suffix = "_til_arbejdsgiver";

/// A postal address; `rule` says when its parts are required (when the address is there).
FieldSpec adresse(std::string name, Presence p, std::string description, const Presence& rule = required());

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

/// The fields every kind has, followed by the kind's own.
FieldSpec case_root(const Needs& n, std::vector<FieldSpec> own);

/// The `modtager` choice of a kind that goes to either party (medarbejder, the default, or
/// arbejdsgiver).
FieldSpec recipient_choice(std::string description);

/// The fields of a meeting (start, end, form, place, link).
std::vector<FieldSpec> meeting_fields();

/// One participant of a meeting; `with_attendance` adds how the person took part.
FieldSpec participant(bool with_attendance);

/// Cross-field rules (data::CrossCheck). They run after the field checks and only compare
/// values that passed them: an invitation's meeting times and cancellation date, a plan's
/// dates, the minutes' meeting times and next follow-up.
void check_invitation(const data::Value& root, Diagnostics& out);
void check_plan(const data::Value& root, Diagnostics& out);
void check_minutes(const data::Value& root, Diagnostics& out);

}  // namespace brevgen::letters::fields
