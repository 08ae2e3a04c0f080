// schemas/<kind>.json: checked in, equal to what the generator writes (BREVGEN_UPDATE_SCHEMAS=1
// rewrites them), and accepted by an independent validator (python3-jsonschema, draft
// 2020-12): every valid JSON fixture passes its kind's schema, and invalid ones whose fault a
// schema can express fail it.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>

#include "data_test_support.hpp"
#include "letters/registry.hpp"

using namespace data_test;
namespace data = brevgen::data;
namespace letters = brevgen::letters;

namespace {

bool env_is_1(const char* name) {
    const char* v = std::getenv(name);
    return v != nullptr && std::string(v) == "1";
}

/// Validates each (schema, instance) pair with Debian's python3-jsonschema and returns one
/// line per pair: "ok" or "invalid: <first message>". Paths are passed as arguments.
const char* const validator_script = R"PY(
import json, sys
import jsonschema
for schema_path, instance_path in zip(sys.argv[1::2], sys.argv[2::2]):
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    with open(instance_path, encoding="utf-8-sig") as f:
        instance = json.load(f)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(instance))
    print("ok" if not errors else "invalid: " + errors[0].message.replace("\n", " "))
)PY";

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (const char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::vector<std::string> run_validator(const std::vector<std::pair<fs::path, fs::path>>& pairs) {
    std::string command = "/usr/bin/python3 -c " + shell_quote(validator_script);
    for (const auto& [schema, instance] : pairs) {
        command += " " + shell_quote(schema.string()) + " " + shell_quote(instance.string());
    }
    std::vector<std::string> lines;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return lines;
    char buffer[4096];
    std::string current;
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) {
        current += buffer;
        if (!current.empty() && current.back() == '\n') {
            current.pop_back();
            lines.push_back(current);
            current.clear();
        }
    }
    pclose(pipe);
    return lines;
}

fs::path schema_path(const std::string& slug) { return repo_path("schemas/" + slug + ".json"); }

}  // namespace

TEST_CASE("checked-in schemas equal the generated ones", "[schema]") {
    const bool update = env_is_1("BREVGEN_UPDATE_SCHEMAS");
    for (const auto& kind : letters::KindRegistry::built_in()->all()) {
        const std::string& slug = kind.info.name;
        INFO(slug);
        const auto generated = data::json_schema(kind.fields, slug, kind.info.description);
        if (update) write_file(repo_path("schemas") / (slug + ".json"), generated);
        REQUIRE(fs::exists(schema_path(slug)));
        CHECK(read_file(schema_path(slug)) == generated);
    }
}

TEST_CASE("the generated schema is stable and names the kind", "[schema]") {
    const auto& kind = kind_record("indkaldelse");
    const auto schema = data::json_schema(kind.fields, kind.info.name, kind.info.description);
    CHECK(schema == data::json_schema(kind.fields, kind.info.name, kind.info.description));
    CHECK(schema.find(R"("$schema": "https://json-schema.org/draft/2020-12/schema")") != std::string::npos);
    CHECK(schema.find(R"("$id": "https://brevgen.dk/schemas/indkaldelse.json")") != std::string::npos);
    CHECK(schema.find(R"("format": "date")") != std::string::npos);
}

TEST_CASE("a real validator accepts every valid JSON fixture against its schema", "[schema][python]") {
    const std::vector<std::string> slugs = kind_slugs();
    std::vector<std::pair<fs::path, fs::path>> pairs;
    const auto names = fixture_names("fixtures/valid", {".json"});
    for (const auto& name : names) {
        pairs.emplace_back(schema_path(kind_of_valid_fixture(name, slugs)), repo_path("fixtures/valid/" + name));
    }
    const auto results = run_validator(pairs);
    REQUIRE(results.size() == names.size());  // python3-jsonschema missing? scripts/install-deps.sh
    for (std::size_t i = 0; i < names.size(); ++i) {
        INFO(names[i]);
        CHECK(results[i] == "ok");
    }
}

TEST_CASE("a real validator rejects invalid fixtures whose fault a schema can express", "[schema][python]") {
    const std::vector<std::string> names = {
        "information-medarbejder--missing-required.json", "referat--wrong-types.json",
        "indkaldelse--bad-dates.json",      "information-medarbejder--cpr-day-32.json",
        "information-arbejdsgiver--postnummer.json", "indkaldelse--telefon.json",
        "indkaldelse--email.json",          "indkaldelse--enum.json",
        "indkaldelse--conditional-fields.json", "indkaldelse--sted-without-address.json",
        "optrapningsplan--no-weeks.json",   "optrapningsplan--hours.json",
        "referat--many-errors.json",        "optrapningsplan--not-an-object.json"};
    std::vector<std::pair<fs::path, fs::path>> pairs;
    for (const auto& name : names) {
        const auto kind = name.substr(0, name.find("--"));
        pairs.emplace_back(schema_path(kind), repo_path("fixtures/invalid/" + name));
    }
    const auto results = run_validator(pairs);
    REQUIRE(results.size() == names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        INFO(names[i] << ": " << results[i]);
        CHECK(results[i].starts_with("invalid: "));
    }
}
