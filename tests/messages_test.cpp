// The Danish catalogue (engine/messages.hpp): every code brevgen gives has its own sentence,
// and the sentences say what the plan page shows.

// GCC 12 reports a -Wrestrict false positive (GCC bug 105329) in std::string's operator+.
#pragma GCC diagnostic ignored "-Wrestrict"

#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "cli_support.hpp"
#include "engine/engine.hpp"
#include "engine/messages.hpp"
#include "letters/domain.hpp"

using namespace brevgen;

namespace {

std::shared_ptr<const Engine> engine() {
    static const auto e = Engine::load({});
    return e;
}

Diagnostics check(const std::string& kind, const std::string& text) {
    Renderer renderer(engine());
    return renderer.check(kind, text).diagnostics;
}

/// The example plan with week 1's 12 hours replaced.
std::string plan_with_week1(const std::string& hours) {
    std::string text = test::slurp("examples/optrapningsplan.json");
    const auto at = text.find("\"timer\": 12");
    REQUIRE(at != std::string::npos);
    return text.replace(at, 11, "\"timer\": " + hours);
}

}  // namespace

TEST_CASE("messages: every diagnostic of every invalid fixture has a code with its own Danish sentence") {
    std::set<std::string> codes;
    for (const auto& e : std::filesystem::directory_iterator("fixtures/invalid")) {
        const auto ext = e.path().extension();
        if (ext != ".json" && ext != ".xml") continue;
        const std::string kind = test::kind_of(e.path());
        for (const auto& d : check(kind, test::slurp(e.path()))) {
            INFO(e.path() << ": " << format_diagnostic(d));
            CHECK(has_danish_message(d.code));
            const std::string da = danish_message(d);
            CHECK(da.back() == '.');
            CHECK(da.find(" error") == std::string::npos);
            codes.insert(d.code);
        }
    }
    // The fixtures reach the main kinds of finding (a guard against this test going empty).
    for (const char* code : {"syntax", "missing", "type", "enum", "email-format", "cvr-checksum", "cpr-birth-date",
                             "no-such-date", "duplicate-key", "encoding", "meeting-end-before-start"}) {
        INFO(code);
        CHECK(codes.count(code) == 1);
    }
}

TEST_CASE("messages: every warning code of the domain rules has a Danish sentence") {
    for (int c = 0; c <= static_cast<int>(letters::WarningCode::full_time_not_reached); ++c) {
        const auto code = letters::code_name(static_cast<letters::WarningCode>(c));
        INFO(code);
        CHECK(has_danish_message(code));
    }
    CHECK(danish_message_codes().size() == 43);
}

TEST_CASE("messages: the plan's warnings in Danish name the plan week, the ISO week, hours and dates") {
    const auto ds = check("optrapningsplan", plan_with_week1("35"));
    REQUIRE(ds.size() == 2);
    CHECK(ds[0].code == "absence-below-minimum");
    CHECK(danish_message(ds[0]) ==
          "Med 35 timer i planens uge 1 (uge 49) er der kun 2 timers fravær. Delvise sygedagpenge kræver mindst 4 "
          "timers fravær om ugen.");
    CHECK(ds[1].code == "hours-fall");
    CHECK(danish_message(ds[1]) ==
          "Timerne falder fra 35 i planens uge 1 (uge 49) til 16 i planens uge 2 (uge 50). Timerne bør stige eller "
          "blive, hvor de er, fra uge til uge.");

    const auto decimal = check("optrapningsplan", plan_with_week1("34.5"));
    REQUIRE_FALSE(decimal.empty());
    CHECK(danish_message(decimal[0]).rfind("Med 34,5 timer i planens uge 1 (uge 49) er der kun 2,5 timers fravær.", 0) == 0);

    std::string text = test::slurp("examples/optrapningsplan.json");
    text.replace(text.find("\"timer\": 37"), 11, "\"timer\": 30");
    text.replace(text.find("\"startdato\": \"2026-11-30\""), 25, "\"startdato\": \"2026-11-28\"");
    std::set<std::string> sentences;
    for (const auto& d : check("optrapningsplan", text)) sentences.insert(danish_message(d));
    CHECK(sentences.count("Planen slutter på 30 af 37 timer, så fuld tid er ikke nået 4. januar 2027.") == 1);
    CHECK(sentences.count("Planen starter lørdag den 28. november 2026, i en weekend: første række har kun weekenddage.") ==
          1);
}

TEST_CASE("messages: field errors in Danish say what to do and never repeat the value") {
    std::string text = test::slurp("examples/optrapningsplan.json");
    text.replace(text.find("\"amkj@favrskov.dk\""), 18, "\"amkj-favrskov.dk\"");
    text.replace(text.find("\"normal_timer\": 37"), 18, "\"normal_timer\": \"37 timer\"");
    text.replace(text.find("\"startdato\": \"2026-11-30\""), 25, "\"startdato\": \"2026-02-30\"");
    text.replace(text.find("\"cvr\": \"35184724\""), 17, "\"cvr\": \"35184725\"");
    std::map<std::string, std::string> by_path;
    for (const auto& d : check("optrapningsplan", text)) by_path[d.path] = danish_message(d);
    CHECK(by_path["/konsulent/email"] == "Skriv en e-mailadresse som navn@eksempel.dk.");
    CHECK(by_path["/optrapningsplan/normal_timer"] == "Skriv et tal, fx 12 eller 7,5.");
    CHECK(by_path["/optrapningsplan/startdato"] == "Den dato findes ikke.");
    CHECK(by_path["/arbejdsgiver/cvr"] == "CVR-nummeret er ikke gyldigt; tjek cifrene.");
    for (const auto& [path, sentence] : by_path) CHECK(sentence.find("35184725") == std::string::npos);

    Diagnostic missing = make_error({3, 3}, "/konsulent/navn", "required field is missing", "missing");
    CHECK(danish_message(missing) == "Skal udfyldes.");
    Diagnostic range = make_error({}, "/optrapningsplan/uger/0/timer", "must be at most 168, got 200", "too-large",
                                  {{"max", "168"}});
    CHECK(danish_message(range) == "Må højst være 168.");
    Diagnostic choice = make_error({}, "/moede/form", "", "enum", {{"values", "fysisk\ntelefon\nvideo"}});
    CHECK(danish_message(choice) == "Vælg “fysisk”, “telefon” eller “video”.");
    CHECK(danish_message(make_error({}, "", "something new")) == "Der er en fejl her.");
}
