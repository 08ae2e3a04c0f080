// The ramp-up plan as a form for the meeting, read off the rendered PDF: the full-time
// date, the notes column's width, date ranges on one line, words that fit the plan, hours
// per day only where the days are named; and rows or fact boxes taller than a page, which
// continue on the next page with nothing lost.

#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "bbox_support.hpp"
#include "cli_support.hpp"

using namespace brevgen::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json load(const fs::path& file) { return json::parse(slurp(file)); }

/// Writes a case to a temporary file named so that kind_of() knows its kind.
fs::path write_case(const json& c, const std::string& kind) {
    const auto dir = temp_path("");
    fs::create_directories(dir);
    const auto file = dir / (kind + "-test.json");
    std::ofstream(file) << c.dump(2);
    return file;
}

std::string flat(const std::string& s) {
    std::string out = std::regex_replace(s, std::regex("\xC2\xA0"), " ");
    return std::regex_replace(out, std::regex("\\s+"), " ");
}

std::string text_of(const fs::path& pdf) { return flat(pdftotext(pdf.string())); }

json view_of(const fs::path& file) {
    const auto r = run_brevgen("view " + kind_of(file) + " " + quote(file));
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
}

/// Every whitespace-separated word of `words` occurs in `text` (which pdftotext made).
std::vector<std::string> missing_words(const std::string& words, const std::string& text) {
    std::vector<std::string> missing;
    std::istringstream in(words);
    for (std::string w; in >> w;) {
        if (!std::regex_search(text, std::regex("(^|\\s)" + w + "\\b"))) missing.push_back(w);
    }
    return missing;
}

/// PDFBox Preflight's verdict and, with `tree`, the tagged-structure check every example
/// passes (tests/tools/check_tagged.py; slow on long tables: poppler reads the tree's text
/// page by page).
void check_accessible(const fs::path& pdf, bool tree = true) {
    int code = 0;
    if (tree) {
        const std::string problems = run("/usr/bin/python3 tests/tools/check_tagged.py " + quote(pdf), &code);
        INFO(problems);
        CHECK(code == 0);
    }
    const std::string classpath = preflight_classpath();
    if (classpath.empty()) FAIL("PDFBox Preflight missing: scripts/install-deps.sh installs it");
    const std::string out = run("java -cp " + classpath + " org.apache.pdfbox.preflight.Validator_A1b " + quote(pdf) + " 2>&1", &code);
    INFO(out);
    CHECK(code == 0);
}

}  // namespace

TEST_CASE("without fuld_tilbagevenden, full time starts with the first week at normal hours") {
    const fs::path example = "examples/optrapningsplan.json";
    auto c = load(example);
    // The example's own date is the first day of its first 37-hour week, uge 1 of 2027.
    CHECK(c["optrapningsplan"]["fuld_tilbagevenden"] == "2027-01-04");
    c["optrapningsplan"].erase("fuld_tilbagevenden");
    const auto file = write_case(c, "optrapningsplan");
    CHECK(flat(view_of(file)["plan"]["fuld_tilbagevenden"].get<std::string>()) == "4. januar 2027");
    const std::string text = text_of(render_case(file));
    CHECK(text.find("Fuld tid fra 4. januar 2027 (forventet)") != std::string::npos);
    CHECK(text.find("11. januar") == std::string::npos);
}

TEST_CASE("the notes column is at least 30 mm wide and left empty for writing") {
    for (const char* file : {"examples/optrapningsplan.json", "fixtures/valid/optrapningsplan-26uger.json"}) {
        INFO(file);
        const auto pdf = render_case(file).string();
        const auto words = page_words(pdf, 1);
        const auto header = std::find_if(words.begin(), words.end(), [](const BoxWord& w) { return w.text == "Noter"; });
        REQUIRE(header != words.end());
        const double column_left = header->x0 - 1.5;  // the cell's padding
        const double table_right = 210 - 20;           // the right margin
        CHECK(table_right - column_left >= 30);
        for (const auto& w : words) {
            if (w.y0 > header->y1 && w.y0 < 270 && w.x1 > column_left) FAIL("\"" << w.text << "\" in the notes column");
        }
    }
}

TEST_CASE("a week's date range is never broken over two lines") {
    const std::regex middle(R"(^\d{1,2}\.\d{1,2}\.–(man|tirs|ons|tors|fre|lør|søn)\.$)");
    for (const auto& file : case_files(".json")) {
        if (kind_of(file) != "optrapningsplan") continue;
        INFO(file);
        const auto c = load(file);
        const auto pdf = render_case(file).string();
        std::size_t ranges = 0;
        for (int page = 1; page <= page_count(pdf); ++page) {
            const auto words = page_words(pdf, page);
            for (std::size_t i = 0; i < words.size(); ++i) {
                const auto& w = words[i].text;
                CHECK_FALSE((w.size() > 3 && w.compare(w.size() - 3, 3, "–") == 0));  // no "30.11.–" at a line end
                if (!std::regex_match(words[i].text, middle)) continue;
                ++ranges;
                REQUIRE(i > 0);
                REQUIRE(i + 1 < words.size());
                CHECK(std::abs(words[i - 1].y0 - words[i].y0) < 0.05);  // "man." on the same line
                CHECK(std::abs(words[i + 1].y0 - words[i].y0) < 0.05);  // "4.12." on the same line
            }
        }
        CHECK(ranges == c["optrapningsplan"]["uger"].size());
    }
}

TEST_CASE("the opening's words fit one week, rising weeks and flat weeks") {
    const std::string one = text_of(render_case("fixtures/valid/optrapningsplan-1uge.json"));
    CHECK(one.find("Planen gælder én uge.") != std::string::npos);
    CHECK(one.find("stiger") == std::string::npos);

    const std::string rising = text_of(render_case("examples/optrapningsplan.json"));
    CHECK(rising.find("Timerne stiger gradvist, til Jørgen er tilbage på fuld tid.") != std::string::npos);

    auto c = load("fixtures/valid/optrapningsplan-1uge.json");
    c["optrapningsplan"]["uger"].push_back(c["optrapningsplan"]["uger"][0]);
    c["optrapningsplan"]["uger"].push_back(c["optrapningsplan"]["uger"][0]);
    const std::string flat_plan = text_of(render_case(write_case(c, "optrapningsplan")));
    CHECK(flat_plan.find("Timerne er de samme i alle planens uger.") != std::string::npos);
    CHECK(flat_plan.find("stiger") == std::string::npos);
}

TEST_CASE("hours per day only for the days the plan names") {
    const std::string text = text_of(render_case("examples/optrapningsplan.json"));
    CHECK(text.find("4 t. pr. dag") != std::string::npos);  // 12 hours on "man., ons., fre."
    CHECK(text.find("efter aftale") != std::string::npos);  // a week without days

    auto c = load("fixtures/valid/optrapningsplan-1uge.json");
    c["optrapningsplan"]["uger"][0]["timer"] = 4;  // no days given: not "0,8 t. pr. dag"
    const std::string gentle = text_of(render_case(write_case(c, "optrapningsplan")));
    CHECK(gentle.find("pr. dag") == std::string::npos);
    CHECK(gentle.find("efter aftale") != std::string::npos);
}

TEST_CASE("a 200-word task runs on over the page break, every word printed and the row marked") {
    auto c = load("examples/optrapningsplan.json");
    std::string task;
    for (int i = 1; i <= 200; ++i) task.append(i > 1 ? " ord" : "ord").append(std::to_string(1000 + i));
    c["optrapningsplan"]["uger"][2]["opgaver"] = task;
    const auto pdf = render_case(write_case(c, "optrapningsplan"));
    const std::string text = text_of(pdf);
    CHECK(missing_words(task, text).empty());
    CHECK(text.find("(fortsat fra forrige side)") != std::string::npos);
    // The continued part has the header above it, on the page it continues on.
    bool continued_under_header = false;
    for (int page = 2; page <= page_count(pdf.string()); ++page) {
        const auto words = page_words(pdf.string(), page);
        const auto mark = std::find_if(words.begin(), words.end(), [](const BoxWord& w) { return w.text == "(fortsat"; });
        const auto header = std::find_if(words.begin(), words.end(), [](const BoxWord& w) { return w.text == "Arbejdsopgaver"; });
        if (mark != words.end() && header != words.end() && header->y0 < mark->y0) continued_under_header = true;
    }
    CHECK(continued_under_header);
    check_accessible(pdf);
}

TEST_CASE("150 meeting participants are all printed, in the fact box and in the minutes' table") {
    for (const char* example : {"examples/indkaldelse.json", "examples/referat.json"}) {
        INFO(example);
        auto c = load(example);
        auto& people = c["moede"]["deltagere"];
        const json model = people[0];
        people = json::array();
        std::string names;
        for (int i = 1; i <= 150; ++i) {
            json p = model;
            const std::string name = "Deltager" + std::to_string(1000 + i);
            p["navn"] = name;
            names.append(name).append(" ");
            people.push_back(p);
        }
        const auto pdf = render_case(write_case(c, kind_of(example)));
        CHECK(missing_words(names, text_of(pdf)).empty());
        // The minutes' table has 150 ordinary rows: only the fact box is cut into slices.
        check_accessible(pdf, kind_of(example) == "indkaldelse");
    }
}
