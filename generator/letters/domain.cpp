#include "letters/domain.hpp"

#include <algorithm>
#include <array>

#include "danish/format.hpp"
#include "danish/weekdays.hpp"

namespace brevgen::letters {

namespace {

using danish::Date;

/// Hours for an English message: "7.5", "37" (the letters use the Danish form).
std::string plain_hours(double h) {
    std::string s = danish::hours(h);
    std::erase(s, '.');  // thousands points
    std::replace(s.begin(), s.end(), ',', '.');
    return s;
}

/// The arguments that name plan week `i`: its number in the plan and its ISO week.
DiagnosticArgs week_args(std::size_t i, const PlanRow& row, std::string_view prefix = "") {
    const std::string p(prefix);
    return {{p + "uge_nr", std::to_string(i + 1)}, {p + "uge", std::to_string(row.week.week)}};
}

/// `a` followed by `b`.
DiagnosticArgs operator+(DiagnosticArgs a, const DiagnosticArgs& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

std::string week_path(std::size_t i) { return "/optrapningsplan/uger/" + std::to_string(i) + "/timer"; }

/// "plan week 3 (uge 51)": the case's numbering and the printed one, so the sender finds it.
std::string week_label(std::size_t i, const PlanRow& row) {
    return "plan week " + std::to_string(i + 1) + " (" + row.uge + ")";
}

/// The printed row for week `i` of the plan.
PlanRow make_row(const PlanInput& plan, std::size_t i) {
    const PlanWeekInput& in = plan.uger[i];
    PlanRow row;
    const Date in_week = danish::add_days(plan.startdato, 7 * static_cast<std::int64_t>(i));
    row.week = danish::week_of(in_week);
    row.monday = danish::monday_of(in_week);
    row.friday = danish::add_days(row.monday, 4);
    row.first_day = i == 0 ? plan.startdato : row.monday;
    row.last_day = danish::is_weekend(row.first_day) ? danish::add_days(row.monday, 6) : row.friday;
    row.days = static_cast<int>(danish::days_between(row.first_day, row.last_day) + 1);
    row.hours = in.timer;
    row.percent_of_normal = plan.normal_timer > 0 ? 100.0 * in.timer / plan.normal_timer : 0.0;
    row.uge = danish::iso_week(row.week);
    row.datoer = row.first_day == row.last_day
                     ? std::string{danish::weekday_abbrev(danish::weekday(row.first_day))} + ' ' +
                           std::to_string(row.first_day.day) + '.' + std::to_string(row.first_day.month) + '.'
                     : danish::weekday_range(row.first_day, row.last_day);
    row.timer = danish::hours(in.timer);
    // Hours per day only where the days are named: spread over days nobody agreed on, 4 hours
    // would print as "0,8 t. pr. dag".
    if (const auto days = danish::count_weekdays(in.dage)) row.timer_pr_dag = danish::hours(in.timer / *days);
    row.dage = in.dage;
    row.procent = danish::percent(row.percent_of_normal);
    row.fravaer_timer = danish::hours(std::max(0.0, plan.normal_timer - in.timer));
    row.opgaver = in.opgaver;
    row.hensyn = in.hensyn;
    return row;
}

/// The per-week rules: above normal, too little absence for partial benefit, falling hours.
void check_week(const PlanInput& plan, const LegalRefs& legal, const std::vector<PlanRow>& rows,
                std::size_t i, std::vector<DomainWarning>& out) {
    const double timer = plan.uger[i].timer;
    const double normal = plan.normal_timer;
    if (timer > normal) {
        out.push_back({WarningCode::hours_above_normal, week_path(i),
                       week_label(i, rows[i]) + " has " + plain_hours(timer) +
                           " hours, more than the normal " + plain_hours(normal),
                       week_args(i, rows[i]) + DiagnosticArgs{{"timer", plain_hours(timer)}, {"normal", plain_hours(normal)}}});
    } else if (timer < normal && normal - timer < legal.delvis_fravaer_min_timer) {
        out.push_back({WarningCode::absence_below_minimum, week_path(i),
                       week_label(i, rows[i]) + " leaves " + plain_hours(normal - timer) +
                           " hours of absence; partial sickness benefit needs at least " +
                           plain_hours(legal.delvis_fravaer_min_timer) + " hours a week",
                       week_args(i, rows[i]) + DiagnosticArgs{{"timer", plain_hours(timer)},
                                                              {"fravaer", plain_hours(normal - timer)},
                                                              {"minimum", plain_hours(legal.delvis_fravaer_min_timer)}}});
    }
    if (i > 0 && timer < plan.uger[i - 1].timer) {
        out.push_back({WarningCode::hours_fall, week_path(i),
                       "hours fall from " + plain_hours(plan.uger[i - 1].timer) + " in " +
                           week_label(i - 1, rows[i - 1]) + " to " + plain_hours(timer) + " in " +
                           week_label(i, rows[i]),
                       week_args(i - 1, rows[i - 1], "fra_") + week_args(i, rows[i]) +
                           DiagnosticArgs{{"fra_timer", plain_hours(plan.uger[i - 1].timer)}, {"timer", plain_hours(timer)}}});
    }
}

/// The rules about the plan as a whole: its start, its length, where it ends.
void check_plan(const PlanInput& plan, const LegalRefs& legal, const RampUpPlan& result,
                std::vector<DomainWarning>& out) {
    if (danish::is_weekend(plan.startdato)) {
        out.push_back({WarningCode::plan_starts_on_weekend, "/optrapningsplan/startdato",
                       "the start date " + danish::iso_string(plan.startdato) +
                           " is on a weekend; the first row holds only weekend days",
                       {{"dato", danish::iso_string(plan.startdato)}}});
    }
    const std::size_t n = plan.uger.size();
    if (n > static_cast<std::size_t>(legal.optrapningsplan_max_uger)) {
        out.push_back({WarningCode::plan_too_long, "/optrapningsplan/uger",
                       "the plan runs " + std::to_string(n) + " weeks; plans longer than " +
                           std::to_string(legal.optrapningsplan_max_uger) + " weeks are unusual",
                       {{"uger", std::to_string(n)}, {"max", std::to_string(legal.optrapningsplan_max_uger)}}});
    }
    if (n > 0 && !result.reaches_full_time) {
        out.push_back({WarningCode::full_time_not_reached, week_path(n - 1),
                       "the plan ends at " + plain_hours(plan.uger.back().timer) + " of " +
                           plain_hours(plan.normal_timer) + " hours: full time is not reached by " +
                           danish::iso_string(result.full_return),
                       {{"timer", plain_hours(plan.uger.back().timer)},
                        {"normal", plain_hours(plan.normal_timer)},
                        {"dato", danish::iso_string(result.full_return)}}});
    }
}

PlanShape plan_shape(const PlanInput& plan) {
    const auto& w = plan.uger;
    if (w.size() <= 1) return PlanShape::one_week;
    bool falls = false;
    for (std::size_t i = 1; i < w.size(); ++i) falls = falls || w[i].timer < w[i - 1].timer;
    if (falls) return PlanShape::varying;
    return w.back().timer > w.front().timer ? PlanShape::rising : PlanShape::flat;
}

}  // namespace

std::string_view code_name(WarningCode code) {
    static constexpr std::array<std::string_view, 7> names{
        "meeting-after-deadline", "plan-starts-on-weekend", "hours-fall", "absence-below-minimum",
        "hours-above-normal",     "plan-too-long",          "full-time-not-reached"};
    return names[static_cast<std::size_t>(code)];
}

Diagnostic to_diagnostic(const DomainWarning& w, SourcePos pos) {
    Diagnostic d = make_warning(pos, w.path, w.message);
    d.code = std::string(code_name(w.code));
    d.args = w.args;
    return d;
}

Date end_of_sick_leave_week(Date first_absence, int week) {
    return danish::add_days(first_absence, 7 * static_cast<std::int64_t>(week) - 1);
}

std::int64_t sick_leave_week(Date first_absence, Date day) {
    const std::int64_t d = danish::days_between(first_absence, day);  // day 1 is d == 0
    return d >= 0 ? d / 7 + 1 : -((-d - 1) / 7);
}

Date week8_deadline(Date first_absence, const LegalRefs& legal) {
    return end_of_sick_leave_week(first_absence, legal.foerste_opfoelgning_uger);
}

SickLeaveDeadlines sick_leave_deadlines(Date first_absence, const LegalRefs& legal) {
    return {week8_deadline(first_absence, legal),
            end_of_sick_leave_week(first_absence, legal.samtale_7a_uger),
            end_of_sick_leave_week(first_absence, legal.fast_track_uger)};
}

std::optional<DomainWarning> check_meeting_deadline(const danish::DateTime& meeting_start,
                                                    Date first_absence, const LegalRefs& legal) {
    const Date deadline = week8_deadline(first_absence, legal);
    if (meeting_start.date <= deadline) return std::nullopt;
    return DomainWarning{
        WarningCode::meeting_after_deadline, "/moede/start",
        "the meeting on " + danish::iso_string(meeting_start.date) + " lies after the week-" +
            std::to_string(legal.foerste_opfoelgning_uger) + " deadline " + danish::iso_string(deadline) +
            " (week " + std::to_string(sick_leave_week(first_absence, meeting_start.date)) +
            " of the sick leave)",
        {{"dato", danish::iso_string(meeting_start.date)},
         {"uger", std::to_string(legal.foerste_opfoelgning_uger)},
         {"frist", danish::iso_string(deadline)},
         {"uge", std::to_string(sick_leave_week(first_absence, meeting_start.date))}}};
}

RampUpPlan compute_plan(const PlanInput& plan, const LegalRefs& legal) {
    RampUpPlan result;
    result.normal_timer = danish::hours(plan.normal_timer);
    for (std::size_t i = 0; i < plan.uger.size(); ++i) result.rows.push_back(make_row(plan, i));
    result.full_return = plan.startdato;
    if (!result.rows.empty()) {
        result.reaches_full_time = plan.uger.back().timer >= plan.normal_timer;
        // Full time from the first day of the last run of weeks at normal hours; a plan that
        // ends below them points at the Monday after its last week.
        std::size_t first_full = plan.uger.size();
        while (result.reaches_full_time && first_full > 0 && plan.uger[first_full - 1].timer >= plan.normal_timer) {
            --first_full;
        }
        result.full_return = first_full < plan.uger.size() ? result.rows[first_full].first_day
                                                           : danish::add_days(result.rows.back().monday, 7);
    }
    result.shape = plan_shape(plan);
    for (std::size_t i = 0; i < plan.uger.size(); ++i) {
        check_week(plan, legal, result.rows, i, result.warnings);
    }
    check_plan(plan, legal, result, result.warnings);
    return result;
}

}  // namespace brevgen::letters
