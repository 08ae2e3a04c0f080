// The kind registry: a letter kind is one record. A sixth kind defined here, with its
// template in a temporary templates directory, is picked up by the command line, the batch,
// the HTTP service, the JSON Schema and `brevgen kinds` with no other change.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <sstream>

#include "batch/batch.hpp"
#include "batch_support.hpp"
#include "cli/command_line.hpp"
#include "engine/engine.hpp"
#include "http/service.hpp"
#include "letters/fields.hpp"
#include "letters/registry.hpp"

using namespace brevgen;
using brevgen::test::pdftotext;
using brevgen::test::temp_path;
using brevgen::test::write_temp;
using nlohmann::json;
namespace fs = std::filesystem;
namespace fields = brevgen::letters::fields;
namespace tb = brevgen::test::batch;

namespace {

const std::string slug = "aflysning";

/// A cancelled meeting: the meeting fields every kind may have, plus a reason of its own.
letters::KindRecord cancellation() {
    using namespace fields;
    auto moede = meeting_fields();
    letters::KindRecord k;
    k.info.name = slug;
    k.info.title = "Aflysning af opfølgningsmøde";
    k.info.description = "Besked om, at et møde er aflyst";
    k.info.recipients = Recipients::employee;
    k.info.notification_employee = "Et møde med jobcentret er aflyst. Læs brevet i din digitale postkasse.";
    k.fields = {case_root(Needs{}, {object("moede", required(), "Mødet", std::move(moede)),
                                    text("begrundelse", optional(), "Hvorfor mødet er aflyst")}),
                nullptr};
    k.enrich = [](const data::Value& root, const letters::LegalRefs&, json& view, Diagnostics&) {
        const data::Value* why = root.find("begrundelse");
        view["aflysning"] = {{"begrundelse", why != nullptr ? json(why->scalar) : json(false)}};
    };
    k.samples = letters::KindRegistry::built_in()->all().front().samples;  // every field a case may have
    return k;
}

/// The repository's templates and sender profile, plus the sixth kind's template.
fs::path templates_with_cancellation() {
    const fs::path dir = tb::scratch("kindtemplates");
    fs::copy("templates", dir, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    std::ofstream(dir / (slug + ".xml")) << R"(<letter title="{{brev.titel}}" author="{{afsender.navn}}" date="{{brev.dato_iso}}" lang="da-DK">
{{> letterhead}}
<subject>{{brev.titel}}</subject>
<p>Kære {{modtager.navn}}</p>
<p>Mødet {{moede.tekst}} er aflyst.</p>
<p>{{#aflysning.begrundelse}}{{aflysning.begrundelse}}{{/aflysning.begrundelse}}{{^aflysning.begrundelse}}Vi har aflyst mødet.{{/aflysning.begrundelse}} Vi finder en ny tid sammen.</p>
{{> signature}}
</letter>
)";
    return dir;
}

Settings settings_with_cancellation() {
    auto registry = std::make_shared<letters::KindRegistry>(*letters::KindRegistry::built_in());
    registry->add(cancellation());
    Settings s;
    s.templates_dir = templates_with_cancellation();
    s.font_dir = BREVGEN_TEST_FONT_DIR;
    s.kinds = registry;
    return s;
}

/// A valid case of the sixth kind, as JSON text.
std::string cancellation_case(const std::string& journal = "2026-009001") {
    json c = tb::examples()[0].case_json;  // an invitation: it has every field we need
    c["journalnummer"] = journal;
    c["begrundelse"] = "Konsulenten er syg.";
    return c.dump();
}

/// What the command line printed, run in process.
struct CliRun {
    int exit_code;
    std::string out, err;
};

CliRun run_cli(const Settings& settings, std::vector<std::string> args) {
    args.insert(args.begin(), "brevgen");
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    std::ostringstream out, err;
    auto* old_out = std::cout.rdbuf(out.rdbuf());
    auto* old_err = std::cerr.rdbuf(err.rdbuf());
    const int code = cli::run_command_line(static_cast<int>(argv.size()), argv.data(), settings);
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    return {code, out.str(), err.str()};
}

}  // namespace

TEST_CASE("kinds: a record is checked when it is added", "[kinds]") {
    letters::KindRegistry registry(*letters::KindRegistry::built_in());
    CHECK_THROWS_WITH(registry.add(registry.all()[0]), Catch::Contains("already defined"));
    auto bad = cancellation();
    bad.info.name = "Aflysning";
    CHECK_THROWS_WITH(registry.add(bad), Catch::Contains("[a-z0-9-]+"));
    bad = cancellation();
    bad.info.notification_employee.clear();
    CHECK_THROWS_WITH(registry.add(bad), Catch::Contains("no Digital Post notification for the employee"));
    bad = cancellation();
    bad.info.notification_employee = std::string(151, 'x');
    CHECK_THROWS_WITH(registry.add(bad), Catch::Contains("longer than 150"));
    bad = cancellation();
    bad.info.recipients = Recipients::either;
    bad.info.notification_employer = "En besked.";
    CHECK_THROWS_WITH(registry.add(bad), Catch::Contains("/modtager"));
    registry.add(cancellation());
    CHECK(registry.find(slug)->info.digital_post_label == "Aflysning af opfølgningsmøde");
    CHECK(registry.find(slug)->template_name == slug);
}

TEST_CASE("kinds: every built-in kind has its Digital Post texts, short and without personal data", "[kinds]") {
    for (const auto& kind : letters::KindRegistry::built_in()->all()) {
        INFO(kind.info.name);
        CHECK(!kind.info.digital_post_label.empty());
        CHECK(kind.info.to_employee() == !kind.info.notification_employee.empty());
        CHECK(kind.info.to_employer() == !kind.info.notification_employer.empty());
        for (const auto& text : {kind.info.notification_employee, kind.info.notification_employer}) {
            CHECK(text.size() <= 2 * max_notification_chars);  // bytes; characters are checked by add()
            for (const char* word : {"syg", "helbred", "diagnose", "{{", "CPR"}) CHECK(text.find(word) == std::string::npos);
        }
    }
}

TEST_CASE("kinds: a sixth kind reaches the command line, the batch, HTTP, the schema and `kinds`", "[kinds]") {
    const Settings settings = settings_with_cancellation();

    SECTION("brevgen kinds and brevgen schema") {
        const auto kinds = run_cli(settings, {"kinds"});
        CHECK(kinds.exit_code == 0);
        CHECK(kinds.out.find("aflysning  Besked om, at et møde er aflyst\n") != std::string::npos);
        const auto schema = run_cli(settings, {"schema", slug});
        REQUIRE(schema.exit_code == 0);
        const auto parsed = json::parse(schema.out);
        CHECK(parsed["$id"] == "https://brevgen.dk/schemas/aflysning.json");
        CHECK(parsed["properties"].contains("begrundelse"));
        CHECK(run_cli(Settings{}, {"schema", slug}).exit_code == 2);  // the built-in registry does not know it
    }

    SECTION("brevgen render and check") {
        const auto case_file = write_temp(cancellation_case(), ".json");
        const auto pdf = temp_path(".pdf");
        const auto r = run_cli(settings, {"render", slug, case_file, "-o", pdf.string()});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        const std::string text = pdftotext(pdf.string());
        CHECK(text.find("Aflysning af opfølgningsmøde") != std::string::npos);  // the record's title, via the view
        CHECK(text.find("Konsulenten er syg.") != std::string::npos);          // the record's own view part
        const auto bad = write_temp(R"({"brevdato": "2026-11-23"})", ".json");
        const auto c = run_cli(settings, {"check", slug, bad});
        CHECK(c.exit_code == 65);
        CHECK(c.err.find(": error: /moede: required field is missing") != std::string::npos);
    }

    SECTION("the batch") {
        const auto engine = Engine::load(settings);
        const auto extract = tb::write_lines({json{{"id", "a-1"}, {"kind", slug}, {"case", json::parse(cancellation_case())}}.dump(),
                                              tb::ndjson_order(tb::examples()[0], 2)});
        const auto dir = tb::scratch("kindbatch");
        ::brevgen::batch::BatchOptions o;
        o.extract = extract.string();
        o.output_dir = dir;
        o.jobs = 1;
        CHECK(::brevgen::batch::run_batch(o, engine) == 0);
        const auto rows = tb::manifest(dir);
        REQUIRE(rows.size() == 2);
        CHECK(rows[0]["kind"] == slug);
        CHECK(rows[0]["status"] == "ok");
        CHECK(pdftotext((dir / "a-1.pdf").string()).find("Aflysning af opfølgningsmøde") != std::string::npos);
    }

    SECTION("HTTP: the letter, the list, the schema and the OpenAPI description") {
        http::Service service(Engine::load(settings), http::ServiceOptions{});
        const std::string body = cancellation_case();
        http::Request post;
        post.method = "POST";
        post.path = "/v1/letters/" + slug;
        post.headers = {{"Content-Type", "application/json"}, {"Content-Length", std::to_string(body.size())}};
        post.body = body;
        const auto r = service.handle(post);
        CHECK(r.status == 200);
        CHECK(r.content_type == "application/pdf");
        const auto get = [&](const std::string& path) {
            http::Request g;
            g.method = "GET";
            g.path = path;
            return service.handle(g);
        };
        const auto list = json::parse(get("/v1/letters").body);
        bool listed = false;
        for (const auto& l : list["letters"]) listed = listed || l["kind"] == slug;
        CHECK(listed);
        CHECK(get("/v1/schemas/" + slug).status == 200);
        CHECK(json::parse(get("/openapi.json").body)["paths"].contains("/v1/letters/aflysning"));
    }

    SECTION("the engine describes it with its template files") {
        const auto engine = Engine::load(settings);
        const auto* info = engine->find_kind(slug);
        REQUIRE(info != nullptr);
        CHECK(info->templates.front() == "aflysning.xml");
        CHECK(std::find(info->templates.begin(), info->templates.end(), "partials/letterhead.xml") != info->templates.end());
        CHECK(info->notification_employee.starts_with("Et møde med jobcentret er aflyst."));
    }
}

TEST_CASE("kinds: a template tag the sixth kind's view lacks stops the start", "[kinds]") {
    Settings settings = settings_with_cancellation();
    std::ofstream(settings.templates_dir / (slug + ".xml"), std::ios::app) << "<!-- {{aflysning.ny_tid}} -->\n";
    CHECK_THROWS_WITH(Engine::load(settings), Catch::Contains("aflysning.xml:") && Catch::Contains("{{aflysning.ny_tid}}"));
}
