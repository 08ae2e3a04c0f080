// The envelope window: every letter's address block measured on the printed page with
// pdftotext -bbox, the paper letter whose address cannot fit refused at the address field
// (by render and by check), and a window set in the sender profile.

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "bbox_support.hpp"
#include "cli_support.hpp"

using namespace brevgen::test;
namespace fs = std::filesystem;

namespace {

/// A window zone in mm from the page's top-left corner.
struct Zone {
    double left = 20, top = 45, right = 105, bottom = 74;
};

/// Words split at spaces and no-break spaces, as pdftotext splits them.
std::vector<std::string> tokens(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(std::regex_replace(text, std::regex("\xC2\xA0"), " "));
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

/// The words the block must show: the return line and the recipient's lines from the view.
std::vector<std::string> expected_words(const std::string& view_json) {
    const auto view = nlohmann::json::parse(view_json);
    auto out = tokens("Afsender: " + view["afsender"]["returadresse"].get<std::string>());
    for (const auto& line : view["modtager"]["linjer"]) {
        for (auto& w : tokens(line["linje"].get<std::string>())) out.push_back(std::move(w));
    }
    return out;
}

/// The address block on page 1: the words left of the reference column, top to bottom,
/// matched one by one against `expected`. `next` is the first word after the block.
struct Block {
    std::vector<BoxWord> words;
    std::optional<BoxWord> next;
    std::string mismatch;  ///< empty when every expected word was found in order
};

Block find_block(const std::string& pdf, const std::vector<std::string>& expected) {
    auto words = page_words(pdf, 1);
    std::erase_if(words, [](const BoxWord& w) { return w.x0 >= 120; });  // the reference column
    std::stable_sort(words.begin(), words.end(), [](const BoxWord& a, const BoxWord& b) {
        return std::abs(a.y0 - b.y0) > 0.3 ? a.y0 < b.y0 : a.x0 < b.x0;
    });
    // Skip what stands above the return line (nothing but the logo, which is no text).
    std::size_t j = 0;
    while (j < words.size() && words[j].text != expected.front()) ++j;
    Block block;
    for (const auto& want : expected) {
        if (j >= words.size() || words[j].text != want) {
            block.mismatch = "expected \"" + want + "\", found \"" + (j < words.size() ? words[j].text : "") + "\"";
            return block;
        }
        block.words.push_back(words[j++]);
    }
    if (j < words.size()) block.next = words[j];
    return block;
}

/// The block's bounding box: {left, top, right, bottom} in mm.
std::array<double, 4> extent(const std::vector<BoxWord>& words) {
    std::array<double, 4> box{1e9, 1e9, -1e9, -1e9};
    for (const auto& w : words) box = {std::min(box[0], w.x0), std::min(box[1], w.y0), std::max(box[2], w.x1), std::max(box[3], w.y1)};
    return box;
}

std::string describe(const std::array<double, 4>& b) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "x %.1f–%.1f mm, y %.1f–%.1f mm", b[0], b[2], b[1], b[3]);
    return buf;
}

bool inside(const std::array<double, 4>& b, const Zone& z) {
    constexpr double tolerance = 0.01;  // pdftotext rounds to thousandths of a point
    return b[0] >= z.left - tolerance && b[1] >= z.top - tolerance && b[2] <= z.right + tolerance &&
           b[3] <= z.bottom + tolerance;
}

std::string view_of(const fs::path& file, const std::string& extra_args = "") {
    const auto r = run_brevgen("view " + kind_of(file) + " " + quote(file) + extra_args);
    REQUIRE(r.exit_code == 0);
    return r.out;
}

std::string flat_text(const std::string& pdf) { return std::regex_replace(pdftotext(pdf), std::regex("\\s+"), " "); }

std::size_t code_points(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

/// Cases whose address is meant to run out of the window: digital letters with a line no
/// size can fit (they wrap, and the text moves down).
bool overflows_by_design(const fs::path& file) { return file.filename().string().find("lang-gade") != std::string::npos; }

}  // namespace

TEST_CASE("every letter's address block lies inside the default window, measured on the page") {
    int measured = 0;
    for (const auto& file : case_files(".json")) {
        if (kind_of(file) == "optrapningsplan" || overflows_by_design(file)) continue;  // the plan has no address
        const auto pdf = render_case(file).string();
        const auto block = find_block(pdf, expected_words(view_of(file)));
        INFO(file << ": " << block.mismatch);
        REQUIRE(block.mismatch.empty());  // every line whole, in order, on page 1
        const auto box = extent(block.words);
        INFO("address block " << describe(box));
        CHECK(inside(box, Zone{}));
        REQUIRE(block.next.has_value());
        CHECK(block.next->y0 > box[3]);  // the text starts below it
        ++measured;
    }
    CHECK(measured >= 15);
}

TEST_CASE("a digital letter's address that no size fits wraps and pushes the text down, never under it") {
    const fs::path file = "fixtures/valid/information-arbejdsgiver-lang-gade.json";
    const auto pdf = render_case(file).string();
    const auto block = find_block(pdf, expected_words(view_of(file)));
    INFO(block.mismatch);
    REQUIRE(block.mismatch.empty());  // all 500 characters of the street, in order
    const auto box = extent(block.words);
    INFO(describe(box));
    CHECK(box[0] >= 20);
    CHECK(box[2] <= 105);    // wrapped inside the window's width, clear of the reference column
    CHECK(box[3] > 74);      // it does not fit the window: it grew downwards
    REQUIRE(block.next.has_value());
    CHECK(block.next->text == "Vi");  // the subject comes next ...
    CHECK(block.next->y0 > box[3] + 2);  // ... below the block, not under it
}

TEST_CASE("a paper letter whose address cannot fit is refused at the address field, by render and by check") {
    int cases = 0;
    for (const auto& e : fs::directory_iterator("fixtures/unfit")) {
        const auto ext = e.path().extension();
        if (ext != ".json" && ext != ".xml") continue;
        const std::string file = "fixtures/unfit/" + e.path().filename().string();
        const std::string kind = e.path().filename().string().substr(0, e.path().filename().string().find("--"));
        const std::string expected = slurp(file + ".expected");
        INFO(file);
        REQUIRE_FALSE(expected.empty());
        const auto out = temp_path(".pdf");
        const auto rendered = run_brevgen("render " + kind + " " + quote(file) + " -o " + quote(out));
        CHECK(rendered.exit_code == 65);
        CHECK(rendered.err == expected);
        CHECK_FALSE(fs::exists(out));
        const auto checked = run_brevgen("check " + kind + " " + quote(file));
        CHECK(checked.exit_code == 65);
        CHECK(checked.err == expected);
        ++cases;
    }
    CHECK(cases >= 2);
}

TEST_CASE("six address lines fit the default window") {
    const auto pdf = temp_path(".pdf");
    const auto r = run_brevgen("typeset fixtures/markup/address-6-lines.xml -o " + quote(pdf));
    REQUIRE(r.exit_code == 0);
    const std::vector<std::string> expected = tokens(
        "Afsender: Jobcenter Favrskov · Skovvej 20 · 8382 Hinnerup Hinnerup Træ & Byg ApS Att.: Lone Højgaard "
        "c/o Favrskov Erhvervscenter Bygning C, 2. sal Industrivej 4 8382 Hinnerup");
    const auto block = find_block(pdf.string(), expected);
    INFO(block.mismatch);
    REQUIRE(block.mismatch.empty());
    const auto box = extent(block.words);
    INFO(describe(box));
    CHECK(inside(box, Zone{}));
    std::set<long> lines;
    for (const auto& w : block.words) lines.insert(std::lround(w.y0 * 10));
    CHECK(lines.size() == 7);  // the return line and six recipient lines, none wrapped
}

TEST_CASE("a long company name is set smaller on one line, not wrapped") {
    const fs::path file = "fixtures/valid/information-arbejdsgiver-langt-navn.json";
    const auto pdf = render_case(file).string();
    const auto view = nlohmann::json::parse(view_of(file));
    const std::string name = view["modtager"]["linjer"][0]["linje"];
    CHECK(code_points(name) == 78);
    const auto block = find_block(pdf, expected_words(view.dump()));
    REQUIRE(block.mismatch.empty());
    const std::size_t first = tokens("Afsender: " + view["afsender"]["returadresse"].get<std::string>()).size();
    const std::size_t last = first + tokens(name).size();
    const double y0 = block.words[first].y0;
    double size_pt = 0;
    for (std::size_t i = first; i < last; ++i) {
        CHECK(std::abs(block.words[i].y0 - y0) < 0.05);  // one line
        size_pt = (block.words[i].y1 - block.words[i].y0) * 72 / 25.4 / 1.117;  // ascent + descent
    }
    CHECK(size_pt >= 6 - 0.05);  // the floor
    CHECK(size_pt < 10);
    CHECK(inside(extent(block.words), Zone{}));
    CHECK(flat_text(pdf).find("c/o Favrskov Erhvervscenter") != std::string::npos);
}

TEST_CASE("the sender profile may set another window, checked when it is loaded") {
    auto profile = nlohmann::json::parse(slurp("templates/afsender.json"));
    profile.erase("logo");
    profile["adressefelt"] = {{"venstre", 30}, {"top", 52}, {"hoejre", 115}, {"bund", 88}};
    const auto sender = temp_path(".json");
    std::ofstream(sender) << profile.dump();
    const fs::path file = "examples/information-arbejdsgiver.json";
    const auto pdf = temp_path(".pdf");
    const auto r = run_brevgen("render information-arbejdsgiver " + quote(file.string()) + " --sender " + quote(sender) +
                               " -o " + quote(pdf));
    REQUIRE(r.exit_code == 0);
    const auto block = find_block(pdf.string(), expected_words(view_of(file, " --sender " + quote(sender))));
    REQUIRE(block.mismatch.empty());
    const auto box = extent(block.words);
    INFO(describe(box));
    CHECK(inside(box, Zone{30, 52, 115, 88}));
    CHECK(box[0] == Approx(35).margin(0.05));  // 5 mm inside the window's left edge
    CHECK(box[1] == Approx(52).margin(0.3));   // at its top

    profile["adressefelt"] = {{"venstre", 30}, {"top", 52}, {"hoejre", 60}, {"bund", 88}};
    std::ofstream(sender) << profile.dump();
    const auto bad = run_brevgen("check information-arbejdsgiver " + quote(file.string()) + " --sender " + quote(sender));
    CHECK(bad.exit_code == 1);
    CHECK(bad.err == sender.string() + ": error: /adressefelt/hoejre: the window must be at least 60 mm wide\n");
}

TEST_CASE("a c/o line goes under the name, written once") {
    const auto view = nlohmann::json::parse(view_of("fixtures/valid/indkaldelse-co.json"));
    const auto& lines = view["modtager"]["linjer"];
    REQUIRE(lines.size() == 4);
    CHECK(lines[1]["linje"] == "c/o Hanne Ravn");
    CHECK(lines[1]["felt"] == "/medarbejder/adresse/co");
    CHECK(lines[2]["felt"] == "/medarbejder/adresse/gade");
    CHECK(lines[3]["felt"] == "/medarbejder/adresse/by");

    auto c = nlohmann::json::parse(slurp("fixtures/valid/indkaldelse-co.json"));
    c["medarbejder"]["adresse"]["co"] = "C/O Hanne Ravn";  // the case wrote it already
    const auto file = temp_path(".json");
    std::ofstream(file) << c.dump();
    const auto r = run_brevgen("view indkaldelse " + quote(file));
    REQUIRE(r.exit_code == 0);
    CHECK(nlohmann::json::parse(r.out)["modtager"]["linjer"][1]["linje"] == "C/O Hanne Ravn");
}
