// Domain rules with worked examples computed by hand (the arithmetic is in the comments).
#include <catch2/catch.hpp>

#include <string>

#include "domain_test_support.hpp"
#include "danish/weekdays.hpp"
#include "letters/domain.hpp"

using brevgen::danish::Date;
using brevgen::danish::DateTime;
using brevgen::danish::IsoWeek;
namespace dom = brevgen::letters;
using dom::WarningCode;

namespace {

const std::string nb = "\u00A0";
const std::string dash = "\u2013";

dom::PlanInput plan_of(Date start, double normal, std::initializer_list<double> hours) {
    dom::PlanInput p{start, normal, {}};
    for (const double h : hours) p.uger.push_back({h, "", "opgaver", ""});
    return p;
}

}  // namespace

TEST_CASE("sick-leave deadlines count the first absence day as day 1", "[domain]") {
    const auto legal = brevgen::test::test_legal();
    // First absence Monday 12.10.2026. Day 56 = +55 days: 12.10 +19 = 31.10 (day 20),
    // +30 = 30.11 (day 50), +6 = 6.12 (day 56), a Sunday.
    CHECK(dom::week8_deadline(Date{2026, 10, 12}, legal) == Date{2026, 12, 6});
    const auto dl = dom::sick_leave_deadlines(Date{2026, 10, 12}, legal);
    CHECK(dl.foerste_opfoelgning == Date{2026, 12, 6});
    CHECK(dl.samtale_7a == Date{2026, 11, 8});   // +27: 31.10 (day 20) +8 = 8.11 (day 28)
    CHECK(dl.fast_track == Date{2026, 11, 15});  // +34: day 35

    // Across New Year: first absence Thursday 10.12.2026. 31.12 is day 22, 31.1.2027 day 53,
    // so day 56 is 3.2.2027; day 28 is 6.1.2027; day 35 is 13.1.2027.
    const auto dy = dom::sick_leave_deadlines(Date{2026, 12, 10}, legal);
    CHECK(dy.foerste_opfoelgning == Date{2027, 2, 3});
    CHECK(dy.samtale_7a == Date{2027, 1, 6});
    CHECK(dy.fast_track == Date{2027, 1, 13});

    // Leap year: 15.1.2028 + 55 days; 31.1 is day 17, 29.2 day 46, 10.3 day 56.
    CHECK(dom::week8_deadline(Date{2028, 1, 15}, legal) == Date{2028, 3, 10});
}

TEST_CASE("the week counts come from the legal references", "[domain]") {
    auto legal = brevgen::test::test_legal();
    legal.foerste_opfoelgning_uger = 6;  // as if the law changed: day 42 = 12.10 + 41 = 22.11
    CHECK(dom::week8_deadline(Date{2026, 10, 12}, legal) == Date{2026, 11, 22});
}

TEST_CASE("sick-leave week of a date", "[domain]") {
    const Date first{2026, 10, 12};
    CHECK(dom::sick_leave_week(first, Date{2026, 10, 12}) == 1);
    CHECK(dom::sick_leave_week(first, Date{2026, 10, 18}) == 1);
    CHECK(dom::sick_leave_week(first, Date{2026, 10, 19}) == 2);
    CHECK(dom::sick_leave_week(first, Date{2026, 12, 6}) == 8);
    CHECK(dom::sick_leave_week(first, Date{2026, 12, 7}) == 9);
    CHECK(dom::sick_leave_week(first, Date{2026, 10, 11}) == 0);
    CHECK(dom::sick_leave_week(first, Date{2026, 10, 4}) == -1);
    CHECK(dom::end_of_sick_leave_week(first, 1) == Date{2026, 10, 18});
}

TEST_CASE("a meeting after week 8 is reported without case content", "[domain]") {
    const auto legal = brevgen::test::test_legal();
    const Date first{2026, 10, 12};  // deadline 6.12.2026
    CHECK_FALSE(dom::check_meeting_deadline(DateTime{Date{2026, 12, 6}, 23, 0, 0}, first, legal));
    CHECK_FALSE(dom::check_meeting_deadline(DateTime{Date{2026, 11, 30}, 10, 0, 0}, first, legal));

    // 14.12 is 63 days after 12.10: week 63 / 7 + 1 = 10.
    const auto w = dom::check_meeting_deadline(DateTime{Date{2026, 12, 14}, 10, 0, 0}, first, legal);
    REQUIRE(w);
    CHECK(w->code == WarningCode::meeting_after_deadline);
    CHECK(w->path == "/moede/start");
    CHECK(w->message ==
          "the meeting on 2026-12-14 lies after the week-8 deadline 2026-12-06 (week 10 of the sick leave)");

    const auto d = dom::to_diagnostic(*w, brevgen::SourcePos{12, 14});
    CHECK(d.severity == brevgen::Severity::warning);
    CHECK(d.pos == brevgen::SourcePos{12, 14});
    CHECK(d.path == "/moede/start");
    CHECK(brevgen::format_diagnostic(d).find("warning: /moede/start: the meeting on 2026-12-14") == 0);
    CHECK(dom::code_name(w->code) == "meeting-after-deadline");
}

TEST_CASE("a four-week plan that reaches full time", "[domain][plan]") {
    const auto legal = brevgen::test::test_legal();
    // Start Monday 30.11.2026 (uge 49), 37 normal hours: 18, 22.5, 30, 37.
    const auto plan = dom::compute_plan(plan_of(Date{2026, 11, 30}, 37, {18, 22.5, 30, 37}), legal);
    REQUIRE(plan.rows.size() == 4);
    const auto& r0 = plan.rows[0];
    CHECK(r0.week == IsoWeek{2026, 49});
    CHECK(r0.uge == "uge 49");
    CHECK(r0.monday == Date{2026, 11, 30});
    CHECK(r0.friday == Date{2026, 12, 4});
    CHECK(r0.first_day == Date{2026, 11, 30});
    CHECK(r0.days == 5);
    CHECK(r0.datoer == "man. 30.11." + dash + "fre. 4.12.");
    CHECK(r0.timer == "18");
    CHECK(r0.timer_pr_dag.empty());          // no days given: no hours per day
    CHECK(r0.procent == "49" + nb + "%");    // 18 / 37 = 48.6 %
    CHECK(r0.fravaer_timer == "19");         // 37 − 18
    CHECK(r0.opgaver == "opgaver");

    const auto& r1 = plan.rows[1];          // 7.12.–11.12., uge 50
    CHECK(r1.uge == "uge 50");
    CHECK(r1.datoer == "man. 7.12." + dash + "fre. 11.12.");
    CHECK(r1.timer == "22,5");
    CHECK(r1.procent == "61" + nb + "%");    // 60.8 %
    CHECK(r1.fravaer_timer == "14,5");

    CHECK(plan.rows[2].procent == "81" + nb + "%");
    CHECK(plan.rows[3].uge == "uge 52");
    CHECK(plan.rows[3].procent == "100" + nb + "%");
    CHECK(plan.rows[3].fravaer_timer == "0");

    // Full time from the first week at 37 hours, 21.12.–25.12., not the Monday after it.
    CHECK(plan.full_return == Date{2026, 12, 21});
    CHECK(plan.shape == dom::PlanShape::rising);
    CHECK(plan.reaches_full_time);
    CHECK(plan.normal_timer == "37");
    CHECK(plan.warnings.empty());
}

TEST_CASE("a plan across New Year that starts mid-week breaks every rule", "[domain][plan]") {
    const auto legal = brevgen::test::test_legal();
    auto input = plan_of(Date{2026, 12, 23}, 37, {12, 20, 18, 34, 40, 30});
    input.uger[0].dage = "ons.–fre.";
    input.uger[0].hensyn = "ingen tunge løft";
    const auto plan = dom::compute_plan(input, legal);
    REQUIRE(plan.rows.size() == 6);

    // Wednesday 23.12.2026 is in uge 52; the first row runs from the start date to Friday.
    const auto& r0 = plan.rows[0];
    CHECK(r0.uge == "uge 52");
    CHECK(r0.monday == Date{2026, 12, 21});
    CHECK(r0.first_day == Date{2026, 12, 23});
    CHECK(r0.days == 3);
    CHECK(r0.datoer == "ons. 23.12." + dash + "fre. 25.12.");
    CHECK(r0.timer_pr_dag == "4");  // 12 hours over the 3 days given
    CHECK(r0.dage == "ons.–fre.");
    CHECK(r0.hensyn == "ingen tunge løft");
    CHECK(r0.procent == "32" + nb + "%");  // 12 / 37 = 32.4 %

    // 30.12.2026 lies in uge 53 of 2026, which ends on Friday 1.1.2027.
    CHECK(plan.rows[1].week == IsoWeek{2026, 53});
    CHECK(plan.rows[1].datoer == "man. 28.12." + dash + "fre. 1.1.");
    CHECK(plan.rows[1].timer_pr_dag.empty());
    CHECK(plan.rows[2].week == IsoWeek{2027, 1});
    CHECK(plan.rows[2].datoer == "man. 4.1." + dash + "fre. 8.1.");
    CHECK(plan.rows[4].fravaer_timer == "0");  // 40 > 37: no negative absence
    CHECK(plan.rows[4].procent == "108" + nb + "%");

    // Last week 25.1.–29.1.2027; the Monday after is 1.2.2027, but 30 < 37 hours.
    CHECK(plan.full_return == Date{2027, 2, 1});
    CHECK_FALSE(plan.reaches_full_time);
    CHECK(plan.shape == dom::PlanShape::varying);

    REQUIRE(plan.warnings.size() == 5);
    CHECK(plan.warnings[0].code == WarningCode::hours_fall);
    CHECK(plan.warnings[0].path == "/optrapningsplan/uger/2/timer");
    CHECK(plan.warnings[0].message == "hours fall from 20 in plan week 2 (uge 53) to 18 in plan week 3 (uge 1)");
    CHECK(plan.warnings[1].code == WarningCode::absence_below_minimum);
    CHECK(plan.warnings[1].path == "/optrapningsplan/uger/3/timer");
    CHECK(plan.warnings[1].message ==
          "plan week 4 (uge 2) leaves 3 hours of absence; partial sickness benefit needs at least 4 hours a week");
    CHECK(plan.warnings[2].code == WarningCode::hours_above_normal);
    CHECK(plan.warnings[2].path == "/optrapningsplan/uger/4/timer");
    CHECK(plan.warnings[2].message == "plan week 5 (uge 3) has 40 hours, more than the normal 37");
    CHECK(plan.warnings[3].code == WarningCode::hours_fall);
    CHECK(plan.warnings[3].path == "/optrapningsplan/uger/5/timer");
    CHECK(plan.warnings[4].code == WarningCode::full_time_not_reached);
    CHECK(plan.warnings[4].path == "/optrapningsplan/uger/5/timer");
    CHECK(plan.warnings[4].message == "the plan ends at 30 of 37 hours: full time is not reached by 2027-02-01");
}

TEST_CASE("absence of exactly the minimum is fine", "[domain][plan]") {
    const auto legal = brevgen::test::test_legal();
    // 33 of 37 leaves 4 hours of absence; 37.5-hour week with 33.6 leaves 3.9 hours.
    CHECK(dom::compute_plan(plan_of(Date{2026, 11, 30}, 37, {33, 37}), legal).warnings.empty());
    const auto p = dom::compute_plan(plan_of(Date{2026, 11, 30}, 37.5, {33.6, 37.5}), legal);
    REQUIRE(p.warnings.size() == 1);
    CHECK(p.warnings[0].message ==
          "plan week 1 (uge 49) leaves 3.9 hours of absence; partial sickness benefit needs at least 4 hours a week");
    CHECK(p.rows[0].fravaer_timer == "3,9");
    CHECK(p.normal_timer == "37,5");
}

TEST_CASE("long plans are unusual", "[domain][plan]") {
    const auto legal = brevgen::test::test_legal();
    dom::PlanInput input{Date{2026, 11, 30}, 37, {}};
    // 10, 11, … 33, 33, then 37: rising, always ≥ 4 hours of absence, full time at the end.
    for (int i = 0; i < 25; ++i) input.uger.push_back({std::min(33.0, 10.0 + i), "", "opgaver", ""});
    input.uger.push_back({37, "", "opgaver", ""});
    const auto plan = dom::compute_plan(input, legal);
    REQUIRE(plan.rows.size() == 26);
    // Row 25 is 30.11.2026 + 175 days = 24.5.2027, uge 21, the first at 37 hours.
    CHECK(plan.rows[25].monday == Date{2027, 5, 24});
    CHECK(plan.rows[25].uge == "uge 21");
    CHECK(plan.full_return == Date{2027, 5, 24});
    REQUIRE(plan.warnings.size() == 1);
    CHECK(plan.warnings[0].code == WarningCode::plan_too_long);
    CHECK(plan.warnings[0].path == "/optrapningsplan/uger");
    CHECK(plan.warnings[0].message == "the plan runs 26 weeks; plans longer than 13 weeks are unusual");

    input.uger.resize(13);
    input.uger.back().timer = 37;
    CHECK(dom::compute_plan(input, legal).warnings.empty());
}

TEST_CASE("a one-week plan", "[domain][plan]") {
    const auto plan = dom::compute_plan(plan_of(Date{2026, 11, 30}, 37, {37}), brevgen::test::test_legal());
    REQUIRE(plan.rows.size() == 1);
    CHECK(plan.full_return == Date{2026, 11, 30});  // full time from its first day
    CHECK(plan.reaches_full_time);
    CHECK(plan.shape == dom::PlanShape::one_week);
    CHECK(plan.warnings.empty());
}

TEST_CASE("full time starts with the first week at normal hours that lasts", "[domain][plan]") {
    const auto legal = brevgen::test::test_legal();
    // 30.11.2026 + 7·i: 37 hours from row 2 (Monday 14.12.) on.
    CHECK(dom::compute_plan(plan_of(Date{2026, 11, 30}, 37, {20, 30, 37, 37}), legal).full_return ==
          Date{2026, 12, 14});
    // A week at 37 followed by a week below: full time only from the last run at 37, row 3.
    CHECK(dom::compute_plan(plan_of(Date{2026, 11, 30}, 37, {20, 37, 30, 37}), legal).full_return ==
          Date{2026, 12, 21});
    // More than normal counts as full time; a first week at full time starts on the start date.
    CHECK(dom::compute_plan(plan_of(Date{2026, 12, 2}, 37, {37, 40}), legal).full_return == Date{2026, 12, 2});
    // Never reached: the Monday after the last week (with a warning).
    const auto short_plan = dom::compute_plan(plan_of(Date{2026, 11, 30}, 37, {20, 30}), legal);
    CHECK(short_plan.full_return == Date{2026, 12, 14});
    CHECK_FALSE(short_plan.reaches_full_time);
}

TEST_CASE("the plan's shape: one week, rising, flat or varying", "[domain][plan]") {
    const auto legal = brevgen::test::test_legal();
    const auto shape = [&](std::initializer_list<double> hours) {
        return dom::compute_plan(plan_of(Date{2026, 11, 30}, 37, hours), legal).shape;
    };
    CHECK(shape({20}) == dom::PlanShape::one_week);
    CHECK(shape({20, 20, 30}) == dom::PlanShape::rising);
    CHECK(shape({20, 20, 20}) == dom::PlanShape::flat);
    CHECK(shape({20, 30, 25}) == dom::PlanShape::varying);
}

TEST_CASE("hours per day only where the plan names the days", "[domain][plan]") {
    const auto legal = brevgen::test::test_legal();
    auto input = plan_of(Date{2026, 11, 30}, 37, {12, 16, 4, 20, 20, 21});
    input.uger[0].dage = "man., ons., fre.";    // 12 / 3
    input.uger[1].dage = "man.–tors.";          // an en-dash range, 16 / 4
    input.uger[2].dage = "";                    // not given: no figure, not "0,8"
    input.uger[3].dage = "formiddage";          // not a list of days
    input.uger[4].dage = "Mandag og tirsdag";   // 20 / 2
    input.uger[5].dage = "man-ons, fre";        // 21 / 4
    const auto plan = dom::compute_plan(input, legal);
    CHECK(plan.rows[0].timer_pr_dag == "4");
    CHECK(plan.rows[1].timer_pr_dag == "4");
    CHECK(plan.rows[2].timer_pr_dag.empty());
    CHECK(plan.rows[3].timer_pr_dag.empty());
    CHECK(plan.rows[4].timer_pr_dag == "10");
    CHECK(plan.rows[5].timer_pr_dag == "5,25");
}

TEST_CASE("weekdays as a plan names them", "[domain][plan]") {
    using brevgen::danish::count_weekdays;
    CHECK(count_weekdays("man., ons., fre.") == 3);
    CHECK(count_weekdays("man.–fre.") == 5);
    CHECK(count_weekdays("man-ons og fre") == 4);
    CHECK(count_weekdays("mandag, Tirsdag") == 2);
    CHECK(count_weekdays("lør.–søn.") == 2);
    CHECK(count_weekdays("man., man.") == 1);  // a day counts once
    CHECK_FALSE(count_weekdays(""));
    CHECK_FALSE(count_weekdays("formiddage"));
    CHECK_FALSE(count_weekdays("fre.–man."));   // backwards
    CHECK_FALSE(count_weekdays("man.–"));       // an open range
    CHECK_FALSE(count_weekdays("man.––ons."));
    CHECK_FALSE(count_weekdays("3 dage"));
}

TEST_CASE("a plan that starts on a weekend", "[domain][plan]") {
    const auto legal = brevgen::test::test_legal();
    // Saturday 5.12.2026 (uge 49): the first row is that weekend, the next the following week.
    const auto sat = dom::compute_plan(plan_of(Date{2026, 12, 5}, 37, {10, 37}), legal);
    CHECK(sat.rows[0].datoer == "lør. 5.12." + dash + "søn. 6.12.");
    CHECK(sat.rows[0].days == 2);
    CHECK(sat.rows[0].timer_pr_dag.empty());
    CHECK(sat.rows[1].datoer == "man. 7.12." + dash + "fre. 11.12.");
    CHECK(sat.full_return == Date{2026, 12, 7});  // the Monday of the week at 37 hours
    REQUIRE(sat.warnings.size() == 1);
    CHECK(sat.warnings[0].code == WarningCode::plan_starts_on_weekend);
    CHECK(sat.warnings[0].path == "/optrapningsplan/startdato");

    const auto sun = dom::compute_plan(plan_of(Date{2026, 12, 6}, 37, {8, 37}), legal);
    CHECK(sun.rows[0].datoer == "søn. 6.12.");
    CHECK(sun.rows[0].days == 1);
}

TEST_CASE("an empty plan does not crash", "[domain][plan]") {
    const auto plan = dom::compute_plan(dom::PlanInput{Date{2026, 11, 30}, 37, {}}, brevgen::test::test_legal());
    CHECK(plan.rows.empty());
    CHECK(plan.full_return == Date{2026, 11, 30});
    CHECK_FALSE(plan.reaches_full_time);
}

TEST_CASE("warning messages carry no case text", "[domain][plan]") {
    auto input = plan_of(Date{2026, 11, 30}, 37, {20, 10, 35, 40});
    input.uger[1].opgaver = "Jørgen Ærø, 3001901234";
    input.uger[1].hensyn = "Jørgen Ærø";
    input.uger[1].dage = "Jørgen";
    const auto plan = dom::compute_plan(input, brevgen::test::test_legal());
    CHECK(plan.warnings.size() >= 3);
    for (const auto& w : plan.warnings) {
        CHECK(w.message.find("Jørgen") == std::string::npos);
        CHECK(w.message.find("300190") == std::string::npos);
    }
}
