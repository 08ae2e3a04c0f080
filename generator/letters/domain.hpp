#pragma once
/// The rules of the retention effort as computations: sick-leave deadlines, the ramp-up
/// plan's rows, and the warnings the sender should see. Pure functions of their inputs;
/// the week counts come from legal.json (LegalRefs), never from constants here.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.hpp"
#include "danish/calendar.hpp"
#include "letters/legal.hpp"

namespace brevgen::letters {

/// What a domain check found. Stable names for tools: see `code_name`.
enum class WarningCode : std::uint8_t {
    meeting_after_deadline,  ///< the meeting lies after the first follow-up deadline (week 8)
    plan_starts_on_weekend,  ///< the first plan row then holds only weekend days
    hours_fall,              ///< fewer hours than the week before
    absence_below_minimum,   ///< partial sick leave with less absence than the benefit needs
    hours_above_normal,      ///< more hours than the normal week
    plan_too_long,           ///< more weeks than practice expects
    full_time_not_reached,   ///< the last week is below the normal hours
};

/// "meeting-after-deadline", "hours-fall", …
std::string_view code_name(WarningCode code);

/// A finding for the sender, never printed in a letter. The message names dates, weeks and
/// hours only — never a person, a CPR number or health information — so it may be logged.
struct DomainWarning {
    WarningCode code;
    std::string path;     ///< JSON pointer to the case field it concerns
    std::string message;  ///< English, lowercase, no final period
    DiagnosticArgs args;  ///< the numbers and ISO dates a catalogue needs to say it in Danish
};

/// The warning as a common diagnostic at `pos` (the position of the field in the case file).
Diagnostic to_diagnostic(const DomainWarning& w, SourcePos pos);

// --- Sick-leave deadlines ------------------------------------------------------------
// Weeks of sick leave are counted from the first absence day as day 1, so week N ends on
// day 7N, which is first_absence + 7N − 1 days.

/// The last day of sick-leave week `week` (1-based).
danish::Date end_of_sick_leave_week(danish::Date first_absence, int week);

/// The sick-leave week (1-based) that `day` falls in; 0 or less before the first absence day.
std::int64_t sick_leave_week(danish::Date first_absence, danish::Date day);

/// The first follow-up must be held by the end of week 8 (§ 13 b): first_absence + 55 days.
danish::Date week8_deadline(danish::Date first_absence, const LegalRefs& legal);

/// The deadlines the letters print, all from one first absence day.
struct SickLeaveDeadlines {
    danish::Date foerste_opfoelgning;  ///< end of week 8: first follow-up (§ 13 b)
    danish::Date samtale_7a;           ///< end of week 4: the employer's conversation (§ 7 a)
    danish::Date fast_track;           ///< end of week 5: last day to ask for Fast Track (§ 7 c)
};

/// The deadlines for a sick leave that began on `first_absence`.
SickLeaveDeadlines sick_leave_deadlines(danish::Date first_absence, const LegalRefs& legal);

/// A warning when a meeting starting at `meeting_start` lies after the week-8 deadline
/// (path /moede/start); a meeting on the deadline day itself is in time.
std::optional<DomainWarning> check_meeting_deadline(const danish::DateTime& meeting_start,
                                                    danish::Date first_absence,
                                                    const LegalRefs& legal);

// --- Ramp-up plan (optrapningsplan) ---------------------------------------------------

/// One week of the plan as the case gives it (/optrapningsplan/uger/N).
struct PlanWeekInput {
    double timer = 0;     ///< hours that week
    std::string dage;     ///< which days ("man.–tors."); empty when not given
    std::string opgaver;  ///< tasks
    std::string hensyn;   ///< considerations, by function; empty when not given
};

/// The plan as the case gives it (/optrapningsplan).
struct PlanInput {
    danish::Date startdato;
    double normal_timer = 0;  ///< normal weekly hours; validation ensures it is positive
    std::vector<PlanWeekInput> uger;
};

/// One printed row. Row i is the ISO week of startdato + 7·i days. Its days run from the
/// Monday to the Friday, except in the first row, which starts on startdato: a plan that
/// starts on a Wednesday shows "ons. 2.12.–fre. 4.12." and spreads the hours over 3 days.
/// A first row that starts on a Saturday or Sunday runs to that Sunday (weekend work).
struct PlanRow {
    danish::IsoWeek week;       ///< ISO week and week-year
    danish::Date first_day;     ///< Monday, or startdato in the first row
    danish::Date last_day;      ///< Friday, or Sunday for a first row that starts on a weekend
    danish::Date monday;
    danish::Date friday;
    int days = 5;               ///< days from first_day to last_day
    double hours = 0;           ///< as given, for the chart
    double percent_of_normal = 0;
    std::string uge;            ///< "uge 49"
    std::string datoer;         ///< "man. 30.11.–fre. 4.12."
    std::string timer;          ///< "18"
    std::string timer_pr_dag;   ///< "4" = timer / the days `dage` names; empty when it names none
    std::string dage;           ///< as given
    std::string procent;        ///< "49 %" (no-break space)
    std::string fravaer_timer;  ///< normal − timer, never below 0: "19"
    std::string opgaver;
    std::string hensyn;
};

/// How the hours run over the weeks, so the letter's words fit the plan.
enum class PlanShape : std::uint8_t {
    one_week,  ///< a single week
    rising,    ///< never falling, and higher at the end than at the start
    flat,      ///< the same hours every week
    varying,   ///< falling somewhere
};

/// The computed plan.
struct RampUpPlan {
    std::vector<PlanRow> rows;
    /// The first day of full time: the first day of the first week at normal hours that is
    /// not followed by a week below them; the Monday after the last week when the plan
    /// ends below normal hours.
    danish::Date full_return;
    bool reaches_full_time = false;  ///< the last week has at least the normal hours
    std::string normal_timer;        ///< "37"
    PlanShape shape = PlanShape::one_week;
    std::vector<DomainWarning> warnings;
};

/// Rows, expected full return and warnings (hours falling, too little absence for partial
/// benefit, hours above normal, a plan longer than legal.optrapningsplan_max_uger weeks,
/// full time not reached, a weekend start).
RampUpPlan compute_plan(const PlanInput& plan, const LegalRefs& legal);

}  // namespace brevgen::letters
