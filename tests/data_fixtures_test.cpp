// The fixture corpus: every valid case reads and validates, JSON and XML twins give the
// same tree, and every invalid case gives exactly the errors in its <file>.expected
// (e.g. fixtures/invalid/indkaldelse--email.json.expected).
// BREVGEN_UPDATE_EXPECTED=1 rewrites the .expected files (review the diff before committing).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <regex>

#include "data_test_support.hpp"
#include "fonts/font_set.hpp"
#include "layout/layout.hpp"

using namespace data_test;
namespace data = brevgen::data;
namespace letters = brevgen::letters;

namespace {

/// The letter fonts' coverage, as the engine checks printed fields with it.
const data::Drawable& drawable() {
    static const auto fonts = brevgen::fonts::FontSet::load(BREVGEN_TEST_FONT_DIR);
    static const data::Drawable check = [](char32_t c) { return brevgen::layout::can_typeset(*fonts, c); };
    return check;
}

letters::CaseResult load_fixture(const std::string& dir, const std::string& name, const std::string& kind) {
    const auto text = read_file(repo_path(dir + "/" + name));
    return load_case(kind, text, data::format_from_extension(name), drawable());
}

}  // namespace

TEST_CASE("every valid fixture reads and validates without diagnostics", "[data][fixtures]") {
    const auto names = fixture_names("fixtures/valid", {".json", ".xml"});
    REQUIRE(names.size() >= 20);
    for (const auto& name : names) {
        INFO(name);
        const auto kind = kind_of_valid_fixture(name, kind_slugs());
        REQUIRE_FALSE(kind.empty());
        const auto result = load_fixture("fixtures/valid", name, kind);
        CHECK(render(result.diagnostics, "fixtures/valid/" + name).empty());
        CHECK(result.root.has_value());
    }
}

TEST_CASE("JSON and XML twins give the same tree after validation", "[data][fixtures]") {
    const auto names = fixture_names("fixtures/valid", {".json"});
    for (const auto& name : names) {
        const auto stem = name.substr(0, name.size() - 5);
        INFO(stem);
        REQUIRE(fs::exists(repo_path("fixtures/valid/" + stem + ".xml")));
        const auto kind = kind_of_valid_fixture(name, kind_slugs());
        const auto json = load_fixture("fixtures/valid", stem + ".json", kind);
        const auto xml = load_fixture("fixtures/valid", stem + ".xml", kind);
        REQUIRE(json.root);
        REQUIRE(xml.root);
        CHECK(tree_difference(*json.root, *xml.root) == "");
    }
}

TEST_CASE("the twin comparison notices a difference", "[data][fixtures]") {
    const auto a = data::read_json(R"({"a": {"b": ["x", "y"]}})");
    const auto b = data::read_xml("<sag><a><b>x</b><b>z</b></a></sag>");
    REQUIRE(a.root);
    REQUIRE(b.root);
    CHECK(tree_difference(*a.root, *b.root) == "/a/b/1: \"y\" != \"z\"");
}

TEST_CASE("every invalid fixture gives exactly its expected errors", "[data][fixtures]") {
    const bool update = std::getenv("BREVGEN_UPDATE_EXPECTED") != nullptr &&
                        std::string(std::getenv("BREVGEN_UPDATE_EXPECTED")) == "1";
    const auto names = fixture_names("fixtures/invalid", {".json", ".xml"});
    REQUIRE(names.size() >= 30);
    for (const auto& name : names) {
        INFO(name);
        const auto separator = name.find("--");
        REQUIRE(separator != std::string::npos);  // <kind>--<what>.<ext>
        const auto result = load_fixture("fixtures/invalid", name, name.substr(0, separator));
        CHECK(brevgen::has_errors(result.diagnostics));
        CHECK_FALSE(result.root.has_value());
        const auto actual = render(result.diagnostics, "fixtures/invalid/" + name);
        const auto expected_path = repo_path("fixtures/invalid/" + name + ".expected");
        if (update) write_file(expected_path, actual);
        REQUIRE(fs::exists(expected_path));
        CHECK(actual == read_file(expected_path));
    }
}

TEST_CASE("no expected error output of a fixture holds a CPR number", "[data][fixtures][privacy]") {
    const std::regex cpr("[0-9]{6}[- ]?[0-9]{4}");
    for (const auto& name : fixture_names("fixtures/invalid", {".expected"})) {
        INFO(name);
        CHECK_FALSE(std::regex_search(read_file(repo_path("fixtures/invalid/" + name)), cpr));
    }
}
