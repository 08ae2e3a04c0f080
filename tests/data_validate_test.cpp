// Validation: normalisation of the tree (XML text typed, single values as arrays, absent
// optional fields removed), every error at once with position and path, conditional
// requirements, cross-field rules of the letter kinds, and the kind registry.
#include <catch2/catch.hpp>

#include "data/schema.hpp"
#include "data_test_support.hpp"
#include "letters/registry.hpp"

using namespace data_test;
namespace data = brevgen::data;
namespace letters = brevgen::letters;
namespace presence = brevgen::data::presence;
using Type = data::Value::Type;
using data::FieldSpec;
using data::FieldType;

namespace {

FieldSpec field(std::string name, FieldType type, data::Presence p = presence::required(),
                std::vector<FieldSpec> fields = {}) {
    FieldSpec f;
    f.name = std::move(name);
    f.type = type;
    f.presence = std::move(p);
    f.fields = std::move(fields);
    return f;
}

/// A small description exercising the engine without the letter kinds.
data::DocumentSpec test_kind() {
    FieldSpec timer = field("timer", FieldType::number);
    timer.minimum = 0;
    FieldSpec antal = field("antal", FieldType::integer, presence::optional());
    FieldSpec dato = field("dato", FieldType::string);
    dato.format = data::TextFormat::date;
    FieldSpec form = field("form", FieldType::string);
    form.enum_values = {"fysisk", "telefon"};
    FieldSpec uge = field("", FieldType::object, presence::required(), {timer, field("note", FieldType::string, presence::optional())});
    FieldSpec uger = field("uger", FieldType::array, presence::required(), {uge});
    uger.min_items = 1;
    FieldSpec tags = field("tags", FieldType::array, presence::optional(), {field("", FieldType::string)});
    FieldSpec sted = field("sted", FieldType::string, presence::required_when("/form", {"fysisk"}));
    FieldSpec root = field("", FieldType::object, presence::required(),
                           {dato, form, sted, uger, tags, antal, field("telefon", FieldType::string, presence::optional())});
    return {root, nullptr};
}

struct Checked {
    data::Value root;
    brevgen::Diagnostics diagnostics;
};

Checked check(const data::DocumentSpec& kind, std::string_view text) {
    auto r = data::read_case(text);
    INFO(render(r.diagnostics, "input"));
    REQUIRE(r.root);
    Checked out{std::move(*r.root), {}};
    out.diagnostics = data::validate(kind, out.root);
    return out;
}

/// Diagnostics as "LINE:COL /path: message" lines.
std::vector<std::string> lines(const brevgen::Diagnostics& ds) {
    std::vector<std::string> out;
    for (const auto& d : ds) out.push_back(at(d.pos) + " " + d.path + ": " + d.message);
    return out;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("XML text becomes a number or a string as the description says", "[data][validate]") {
    auto c = check(test_kind(), "<sag><dato>2026-11-30</dato><form>telefon</form><uger><timer> 18.5 </timer></uger>"
                                "<antal>3</antal><ukendt>7</ukendt></sag>");
    CHECK(c.diagnostics.empty());
    CHECK(c.root.at("/dato")->type == Type::string);
    CHECK(c.root.at("/uger")->type == Type::array);  // one element: an array of one
    CHECK(c.root.at("/uger/0/timer")->type == Type::number);
    CHECK(c.root.at("/uger/0/timer")->scalar == "18.5");  // layout white space trimmed
    CHECK(c.root.at("/antal")->type == Type::number);
    CHECK(c.root.at("/ukendt")->type == Type::text);  // unknown fields are left alone
}

TEST_CASE("a single JSON value where an array is expected becomes an array of one", "[data][validate]") {
    auto c = check(test_kind(), R"({"dato": "2026-11-30", "form": "telefon", "uger": {"timer": 1}, "tags": "a"})");
    CHECK(c.diagnostics.empty());
    REQUIRE(c.root.at("/uger")->type == Type::array);
    CHECK(c.root.at("/uger/0/timer")->scalar == "1");
    CHECK(c.root.at("/tags/0")->scalar == "a");
    CHECK(at(c.root.at("/uger")->pos) == at(c.root.at("/uger/0")->pos));
}

TEST_CASE("absent optional fields are removed: empty elements, empty strings, null", "[data][validate]") {
    auto x = check(test_kind(), "<sag><dato>2026-11-30</dato><form>telefon</form><uger><timer>1</timer><note/></uger>"
                                "<telefon/><tags/><antal></antal></sag>");
    CHECK(x.diagnostics.empty());
    CHECK(x.root.find("telefon") == nullptr);
    CHECK(x.root.find("tags") == nullptr);
    CHECK(x.root.find("antal") == nullptr);
    CHECK(x.root.at("/uger/0/note") == nullptr);
    auto j = check(test_kind(), R"({"dato": "2026-11-30", "form": "telefon", "uger": [{"timer": 1, "note": ""}],
                                    "telefon": null, "tags": ""})");
    CHECK(j.diagnostics.empty());
    CHECK(tree_difference(x.root, j.root) == "");
}

TEST_CASE("wrong types are errors at the value, with what was found", "[data][validate]") {
    auto c = check(test_kind(), "{\"dato\": 20261130, \"form\": [\"fysisk\"], \"sted\": {},\n"
                                " \"uger\": [{\"timer\": \"18\"}, {\"timer\": true}, 7], \"antal\": 2.5}");
    CHECK(lines(c.diagnostics) == Lines{
        "1:10 /dato: expected a string, got 20261130",
        "1:28 /form: expected a string, got an array",
        "1:48 /sted: expected a string, got an object",
        "2:21 /uger/0/timer: expected a number, got \"18\"",
        "2:38 /uger/1/timer: expected a number, got true",
        "2:45 /uger/2: expected an object, got 7",
        "2:58 /antal: expected an integer, got 2.5"});
}

TEST_CASE("XML text that is not a number, with a hint for a decimal comma", "[data][validate]") {
    auto c = check(test_kind(), "<sag><dato>2026-11-30</dato><form>telefon</form>\n"
                                "<uger><timer>abc</timer></uger><uger><timer>18,5</timer></uger><uger><timer>-1</timer></uger></sag>");
    CHECK(lines(c.diagnostics) == Lines{"2:14 /uger/0/timer: expected a number, got \"abc\"",
                                        "2:45 /uger/1/timer: expected a number with a decimal point, got \"18,5\"",
                                        "2:77 /uger/2/timer: must be at least 0, got -1"});
}

TEST_CASE("missing fields are reported at their parent, all at once, in file order", "[data][validate]") {
    auto c = check(test_kind(), "{\n  \"uger\": [\n    {\"note\": \"x\"},\n    {\"timer\": \"\"}\n  ],\n  \"form\": \"fysisk\"\n}");
    CHECK(lines(c.diagnostics) == Lines{"1:1 /dato: required field is missing",
                                        "1:1 /sted: missing, but required when /form is \"fysisk\"",
                                        "3:5 /uger/0/timer: required field is missing",
                                        "4:15 /uger/1/timer: required field is empty"});
}

TEST_CASE("required-when applies only while the condition holds", "[data][validate]") {
    const auto kind = test_kind();
    CHECK(check(kind, R"({"dato": "2026-11-30", "form": "telefon", "uger": [{"timer": 1}]})").diagnostics.empty());
    CHECK(check(kind, R"({"dato": "2026-11-30", "form": "fysisk", "sted": "Kontoret", "uger": [{"timer": 1}]})")
              .diagnostics.empty());
    CHECK(lines(check(kind, R"({"dato": "2026-11-30", "form": "fysisk", "sted": "", "uger": [{"timer": 1}]})").diagnostics) ==
          Lines{"1:50 /sted: required field is empty"});
}

TEST_CASE("enum values, formats, empty arrays and empty items", "[data][validate]") {
    auto c = check(test_kind(), R"({"dato": "2027-02-29", "form": "video", "uger": [], "tags": ["a", "", null]})");
    CHECK(lines(c.diagnostics) == Lines{"1:10 /dato: no such date: \"2027-02-29\"",
                                        "1:32 /form: expected one of \"fysisk\", \"telefon\", got \"video\"",
                                        "1:49 /uger: must have at least one item",
                                        "1:67 /tags/1: item is empty",
                                        "1:71 /tags/2: item is empty"});
}

TEST_CASE("the case itself must be an object", "[data][validate]") {
    CHECK(lines(check(test_kind(), "[1]").diagnostics) == Lines{"1:1 : the case must be an object, got an array"});
    CHECK(lines(check(test_kind(), "<sag>tekst</sag>").diagnostics) ==
          Lines{"1:6 : the case must be an object, got \"tekst\""});
}

TEST_CASE("CPR values are never repeated in messages", "[data][validate]") {
    auto c = check(kind_record("information-medarbejder").fields, R"({"medarbejder": {"cpr": 1203781234}})");
    bool found = false;
    for (const auto& d : c.diagnostics) {
        CHECK(d.message.find("1203781234") == std::string::npos);
        found = found || d.path == "/medarbejder/cpr";
    }
    CHECK(found);
}

TEST_CASE("every problem in a case is reported in one run", "[data][validate]") {
    const auto text = read_file(repo_path("fixtures/invalid/referat--many-errors.json"));
    const auto result = load_case("referat", text);
    CHECK(result.diagnostics.size() == 11);
    CHECK_FALSE(result.root);
}

TEST_CASE("meeting times: the end after the start, on the same day", "[data][validate][letters]") {
    auto base = read_file(repo_path("fixtures/valid/indkaldelse-fysisk.json"));
    const auto with = [&](std::string from, std::string to) {
        auto text = base;
        text.replace(text.find(from), from.size(), to);
        return lines(load_case("indkaldelse", text).diagnostics);
    };
    CHECK(with("\"slut\": \"2026-11-30T11:00\"", "\"slut\": \"2026-11-30T10:00\"") ==
          Lines{"42:13 /moede/slut: the meeting must end after it starts, at 10:00"});
    CHECK(with("\"slut\": \"2026-11-30T11:00\"", "\"slut\": \"2026-11-30T10:00:01\"").empty());
    CHECK(with("\"slut\": \"2026-11-30T11:00\"", "\"slut\": \"2026-12-01T09:00\"") ==
          Lines{"42:13 /moede/slut: the meeting must end on the day it starts, 2026-11-30"});
    CHECK(with("\"senest\": \"2026-11-26\"", "\"senest\": \"2026-12-01\"") ==
          Lines{"70:17 /moede/afbud/senest: must not be after the day of the meeting, 2026-11-30"});
    CHECK(with("\"senest\": \"2026-11-26\"", "\"senest\": \"2026-11-30\"").empty());
    // A start that is itself wrong gives one error, not a second one from the rule.
    CHECK(with("\"start\": \"2026-11-30T10:00\"", "\"start\": \"2026-11-31T10:00\"") ==
          Lines{"41:14 /moede/start: no such date: \"2026-11-31T10:00\""});
}

TEST_CASE("kinds: the five slugs, their listing, and unknown kinds", "[data][validate][letters]") {
    const auto registry = letters::KindRegistry::built_in();
    CHECK(registry->slugs() == std::vector<std::string>{"information-medarbejder", "information-arbejdsgiver",
                                                        "indkaldelse", "optrapningsplan", "referat"});
    CHECK(registry->listing().starts_with(
        "information-medarbejder   Første brev til den sygemeldte medarbejder\n"
        "information-arbejdsgiver  "));
    CHECK(registry->find("referat") != nullptr);
    CHECK(registry->find("Referat") == nullptr);
    const auto error = registry->unknown("brev");
    CHECK(error.message == "unknown letter kind \"brev\"; known kinds: information-medarbejder, "
                           "information-arbejdsgiver, indkaldelse, optrapningsplan, referat");
    CHECK(error.pos.line == 0);
}

TEST_CASE("load_case reads the format it is told, or sniffs", "[data][validate][letters]") {
    const auto xml = read_file(repo_path("fixtures/valid/referat-telefon.xml"));
    CHECK(load_case("referat", xml).root);
    CHECK(load_case("referat", xml, data::Format::xml).root);
    const auto as_json = load_case("referat", xml, data::Format::json);
    CHECK_FALSE(as_json.root);
    REQUIRE(as_json.diagnostics.size() == 1);
    CHECK(as_json.diagnostics[0].message == "invalid literal");
}

TEST_CASE("the employer's copy needs the employer's address and contact", "[data][validate][letters]") {
    auto text = read_file(repo_path("fixtures/valid/indkaldelse-telefon.json"));
    CHECK(load_case("indkaldelse", text).root);
    text.replace(text.find("\"arbejdsgiver\": {"), 17, "\"modtager\": \"arbejdsgiver\",\n  \"arbejdsgiver\": {");
    CHECK(lines(load_case("indkaldelse", text).diagnostics) ==
          Lines{"20:19 /arbejdsgiver/adresse: missing, but required when /modtager is \"arbejdsgiver\"",
                "20:19 /arbejdsgiver/kontaktperson: missing, but required when /modtager is \"arbejdsgiver\""});
}

TEST_CASE("characters the fonts cannot draw are one error per printed field, listing them", "[data][validate][fonts]") {
    auto kind = test_kind();
    kind.root.fields.push_back(field("note", FieldType::string, presence::optional()));
    kind.root.fields.back().printed = false;
    // These "fonts" draw ASCII only.
    const data::Drawable ascii = [](char32_t c) { return c < 0x80; };
    auto r = data::read_case(R"({"dato": "2026-11-30", "form": "telefon", "uger": [{"timer": 1}],
        "tags": ["ok", "ærø æ", "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"], "note": "ø", "ukendt": "ø"})");
    REQUIRE(r.root);
    const auto found = data::validate(kind, *r.root, ascii);
    CHECK(lines(found) == Lines{
        "2:24 /tags/1: no font has the characters U+00E6 'æ', U+00F8 'ø'",
        "2:33 /tags/2: no font has the characters U+2160 'Ⅰ', U+2161 'Ⅱ', U+2162 'Ⅲ', U+2163 'Ⅳ', U+2164 'Ⅴ', U+2165 'Ⅵ', "
        "U+2166 'Ⅶ', U+2167 'Ⅷ', U+2168 'Ⅸ', U+2169 'Ⅹ' and 2 more",
    });
    auto plain = data::read_case(R"({"dato": "2026-11-30", "form": "telefon", "uger": [{"timer": 1}], "tags": ["ærø"]})");
    REQUIRE(plain.root);
    CHECK(lines(data::validate(kind, *plain.root)) == Lines{});  // without fonts to ask, layout finds them later
}
