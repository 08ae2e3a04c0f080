// Renderer::message in process: the invitation's meeting in UTC on both sides of both
// summer-time changes, which changes make a new message id, and the case errors that stop a
// message before any PDF is made.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "engine/engine.hpp"
#include "memo_support.hpp"

using namespace brevgen;
using namespace brevgen::test;
using nlohmann::json;

namespace {

std::shared_ptr<const Engine> engine() {
    static const auto e = [] {
        Settings s;
        s.messages = true;
        return Engine::load(s);
    }();
    return e;
}

json invitation() {
    json c = json::parse(slurp("examples/indkaldelse.json"));
    c["moede"].erase("afbud");  // its date must not fall after the meeting's day
    return c;
}

Message message_of(const json& c, std::int64_t created = 1795435200) {
    static Renderer renderer(engine());
    MessageOptions options;
    options.created = created;
    return renderer.message("indkaldelse", c.dump(), CaseFormat::json, options);
}

std::string reservation(const Message& m, const char* what) {
    return MemoDoc(m.xml).at(std::string("memo:MessageBody/memo:MainDocument/memo:Action/memo:Reservation/") + what);
}

}  // namespace

TEST_CASE("the invitation's meeting in UTC, winter, summer and around both changes", "[memo][utc]") {
    struct Meeting {
        const char* start;
        const char* end;
        const char* utc_start;
        const char* utc_end;
    };
    const Meeting meetings[] = {
        {"2027-01-12T10:00", "2027-01-12T11:00", "2027-01-12T09:00:00Z", "2027-01-12T10:00:00Z"},  // winter
        {"2027-06-15T10:00", "2027-06-15T11:30", "2027-06-15T08:00:00Z", "2027-06-15T09:30:00Z"},  // summer
        {"2027-03-26T09:00", "2027-03-26T10:00", "2027-03-26T08:00:00Z", "2027-03-26T09:00:00Z"},  // Fri before spring
        {"2027-03-29T09:00", "2027-03-29T10:00", "2027-03-29T07:00:00Z", "2027-03-29T08:00:00Z"},  // Mon after
        {"2027-10-29T13:00", "2027-10-29T14:00", "2027-10-29T11:00:00Z", "2027-10-29T12:00:00Z"},  // Fri before autumn
        {"2027-11-01T13:00", "2027-11-01T14:00", "2027-11-01T12:00:00Z", "2027-11-01T13:00:00Z"},  // Mon after
        {"2027-03-28T01:30", "2027-03-28T03:30", "2027-03-28T00:30:00Z", "2027-03-28T01:30:00Z"},  // across spring's gap
        {"2027-10-31T01:30", "2027-10-31T03:30", "2027-10-30T23:30:00Z", "2027-10-31T02:30:00Z"},  // across autumn's hour
    };
    for (const auto& t : meetings) {
        INFO(t.start);
        json c = invitation();
        c["moede"]["start"] = t.start;
        c["moede"]["slut"] = t.end;
        const auto m = message_of(c);
        for (const auto& d : m.diagnostics) INFO(format_diagnostic(d));
        REQUIRE(m.outcome == Outcome::ok);
        CHECK(memo_schema_errors(m.xml) == "");
        CHECK(reservation(m, "memo:startDateTime") == t.utc_start);
        CHECK(reservation(m, "memo:endDateTime") == t.utc_end);
    }
}

TEST_CASE("a message id changes with the letter, its recipient and its meeting, not with the clock", "[memo]") {
    const auto id = [](const Message& m) { return MemoDoc(m.xml).at("memo:MessageHeader/memo:messageUUID"); };
    const auto base = message_of(invitation());
    REQUIRE(base.outcome == Outcome::ok);
    CHECK(message_of(invitation()).xml == base.xml);
    const auto later = message_of(invitation(), 1795435200 + 3600);
    CHECK(id(later) == id(base));
    CHECK(later.xml != base.xml);

    json employer = invitation();
    employer["modtager"] = "arbejdsgiver";
    const auto copy = message_of(employer);
    REQUIRE(copy.outcome == Outcome::ok);
    CHECK(id(copy) != id(base));
    CHECK(reservation(copy, "memo:reservationUUID") != reservation(base, "memo:reservationUUID"));

    json corrected = invitation();
    // The employee's letter prints the text written to the employee (fields::per_reader).
    corrected["moede"]["formaal_til_medarbejder"] =
        corrected["moede"]["formaal_til_medarbejder"].get<std::string>() + " Vi tager også kaffe med.";
    CHECK(id(message_of(corrected)) != id(base));
    json moved = invitation();
    moved["moede"]["start"] = "2026-11-30T10:30";
    CHECK(id(message_of(moved)) != id(base));
    CHECK(reservation(message_of(moved), "memo:reservationUUID") != reservation(base, "memo:reservationUUID"));
}

TEST_CASE("a case whose recipient has no number is invalid as a message, with its position", "[memo]") {
    json c = invitation();
    c["medarbejder"].erase("cpr");
    const std::string text = c.dump(2);
    Renderer renderer(engine());
    auto m = renderer.message("indkaldelse", text, CaseFormat::json);
    CHECK(m.outcome == Outcome::invalid);
    CHECK(m.xml.empty());
    CHECK(m.pdf.empty());  // stopped before the PDF was made
    REQUIRE(m.diagnostics.size() == 1);
    CHECK(format_diagnostic(m.diagnostics[0]) ==
          "error: /medarbejder: a Digital Post message to the employee needs \"cpr\"");
    CHECK(m.diagnostics[0].pos.line > 1);
    // The letter itself is fine without it.
    CHECK(renderer.render("indkaldelse", text, CaseFormat::json).outcome == Outcome::ok);

    c = invitation();
    c["modtager"] = "arbejdsgiver";
    c["arbejdsgiver"].erase("cvr");
    m = renderer.message("indkaldelse", c.dump(), CaseFormat::json);
    CHECK(m.outcome == Outcome::invalid);
    REQUIRE(m.diagnostics.size() == 1);
    CHECK(m.diagnostics[0].path == "/arbejdsgiver");

    c = invitation();
    c["moede"]["sted"]["navn"] = std::string(300, 'x');
    m = renderer.message("indkaldelse", c.dump(), CaseFormat::json);
    CHECK(m.outcome == Outcome::invalid);
    REQUIRE(m.diagnostics.size() == 1);
    CHECK(m.diagnostics[0].path == "/moede/sted");
}

TEST_CASE("an engine loaded without messages in mind reports a profile without a CVR number per message",
          "[memo]") {
    const auto profile = temp_path("-afsender.json");
    json p = json::parse(slurp("templates/afsender.json"));
    p.erase("cvr");
    p.erase("logo");  // it would be looked up next to the copy
    std::ofstream(profile) << p.dump();
    Settings s;
    s.sender_file = profile;
    s.check_kinds = {"referat"};
    Renderer renderer(Engine::load(s));
    const auto m = renderer.message("referat", slurp("examples/referat.json"), CaseFormat::json);
    CHECK(m.outcome == Outcome::failed);
    REQUIRE(m.diagnostics.size() == 1);
    CHECK(format_diagnostic(m.diagnostics[0]) ==
          profile.string() + ": error: /cvr: a Digital Post message needs the municipality's CVR number (8 digits)");
    s.messages = true;
    CHECK_THROWS_AS(Engine::load(s), StartupError);
}
