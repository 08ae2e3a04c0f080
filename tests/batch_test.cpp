// `brevgen batch` end to end: extracts made from the example cases, run through the real
// binary with two workers. The whole file runs in well under a minute on two cores.

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "batch/sha256.hpp"
#include "batch_support.hpp"

using namespace brevgen::test;
using namespace brevgen::test::batch;

namespace {

/// `n` orders cycling through the example kinds; `paper(i)` marks paper-mail orders.
std::vector<std::string> mixed_orders(int n, bool xml = false, int paper_every = 0) {
    std::vector<std::string> lines;
    for (int i = 1; i <= n; ++i) {
        const auto& e = examples()[static_cast<std::size_t>(i) % examples().size()];
        const bool paper = paper_every && i % paper_every == 0;
        lines.push_back(xml ? xml_order(e, i, paper) : ndjson_order(e, i, paper));
    }
    return lines;
}

fs::path xml_extract(const std::vector<std::string>& records) {
    std::vector<std::string> lines{"<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<ordrer>"};
    lines.insert(lines.end(), records.begin(), records.end());
    lines.push_back("</ordrer>");
    return write_lines(lines, ".xml");
}

std::string batch_cmd(const fs::path& extract, const fs::path& dir, const std::string& more = "") {
    return "batch " + quote(extract) + " -o " + quote(dir) + " --jobs " + batch_test_jobs() + " " + more;
}

}  // namespace

TEST_CASE("batch: a 4000-order extract with two broken orders renders the other 3998", "[batch][slow]") {
    std::vector<std::string> lines;
    for (int i = 1; i <= 4000; ++i) lines.push_back(ndjson_order(examples()[0], i));
    lines[999] = R"({"id": "T-001000", "kind": "indkaldelse", "case": {"brevdato": "2026-11-23",)";  // not JSON
    auto missing = json::parse(lines[2499]);
    missing["case"].erase("brevdato");
    lines[2499] = missing.dump();
    const auto extract = write_lines(lines);
    const auto dir = scratch("batch4000");

    const auto started = std::chrono::steady_clock::now();
    const auto r = run_brevgen(batch_cmd(extract, dir));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    WARN("4000 orders, --jobs 2: " << seconds << " s");
    INFO(r.err.substr(0, 2000));
    CHECK(r.exit_code == 1);
    CHECK(pdfs(dir).size() == 3998);
    const auto rows = manifest(dir);
    REQUIRE(rows.size() == 4000);
    std::vector<json> errors;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        CHECK(rows[i]["record"] == i);  // input order
        if (rows[i]["status"] == "error") errors.push_back(rows[i]);
    }
    REQUIRE(errors.size() == 2);
    CHECK(errors[0]["line"] == 1000);
    CHECK(errors[0]["errors"][0]["line"] == 1000);
    CHECK(errors[0]["file"].is_null());
    CHECK(errors[1]["line"] == 2500);
    CHECK(errors[1]["errors"][0]["line"] == 2500);
    CHECK(errors[1]["errors"][0]["path"] == "/case/brevdato");
    CHECK(r.err.find(extract.string() + ":1000:") != std::string::npos);
    CHECK(r.err.find(extract.string() + ":2500:") != std::string::npos);
    CHECK(r.err.find("3998 letters ok, 2 failed") != std::string::npos);
    CHECK(temp_files(dir).empty());
}

TEST_CASE("batch: manifest rows carry size, SHA-256 and pages of the file, and errors point into the extract", "[batch]") {
    std::vector<std::string> lines = mixed_orders(6);
    auto bad_date = json::parse(lines[1]);
    bad_date["case"]["brevdato"] = "2026-02-30";
    lines[1] = bad_date.dump();
    const auto extract = write_lines(lines);
    const auto dir = scratch("batchrows");
    const auto r = run_brevgen(batch_cmd(extract, dir));
    CHECK(r.exit_code == 1);
    const auto rows = manifest(dir);
    REQUIRE(rows.size() == 6);
    const auto& error = rows[1]["errors"][0];
    CHECK(error["path"] == "/case/brevdato");
    // The column is where the value stands in the extract's line.
    const std::string where = position(lines[1], lines[1].find("\"2026-02-30\""));
    CHECK("1:" + std::to_string(error["column"].get<int>()) == where);
    CHECK(r.err.find(extract.string() + ":2:" + where.substr(2) + ": error: /case/brevdato: ") != std::string::npos);
    for (const auto& row : {rows[0], rows[2], rows[5]}) {
        REQUIRE(row["status"] == "ok");
        const auto file = dir / row["file"].get<std::string>();
        CHECK(fs::file_size(file) == row["bytes"]);
        CHECK(page_count(file.string()) == row["pages"]);
        CHECK(run("sha256sum " + quote(file)).substr(0, 64) == row["sha256"]);
    }
    // Logs never carry case content: no names, no CPR numbers, no journal numbers.
    for (const char* secret : {"Jørgen", "Åkesson", "120378", "2026-0000"}) CHECK(r.err.find(secret) == std::string::npos);
}

TEST_CASE("batch: unsafe, empty, too long and duplicate ids, unknown kinds and missing fields are reported and skipped", "[batch]") {
    const auto& e = examples()[0];
    auto order = [&](const json& id, const std::string& kind = "indkaldelse") {
        json c = e.case_json;
        return json{{"id", id}, {"kind", kind}, {"case", c}}.dump();
    };
    const std::vector<std::string> lines{
        order("ok-1"),          order("../x"),  order("a/b"),       order(""),           order(std::string(101, 'a')),
        order(".hidden"),       order("ok-1"),  order("k", "nope"), R"({"id": "nocase", "kind": "referat"})",
        R"({"id": "n", "kind": "referat", "case": "text"})", "[1, 2]", order(7), order("ok-2"),
    };
    const auto dir = scratch("batchids");
    const auto r = run_brevgen(batch_cmd(write_lines(lines), dir));
    CHECK(r.exit_code == 1);
    CHECK(pdfs(dir) == std::set<std::string>{"ok-1.pdf", "ok-2.pdf"});
    CHECK(!fs::exists(dir.parent_path() / "x.pdf"));
    const auto rows = manifest(dir);
    REQUIRE(rows.size() == lines.size());
    const std::vector<std::string> paths{"", "/id", "/id", "/id", "/id", "/id", "/id", "/kind", "", "/case", "", "/id", ""};
    for (std::size_t i = 0; i < rows.size(); ++i) {
        INFO("line " << i + 1 << ": " << rows[i].dump());
        CHECK(rows[i]["status"] == (paths[i].empty() && (i == 0 || i == 12) ? "ok" : "error"));
        if (rows[i]["status"] == "error") CHECK(rows[i]["errors"][0]["path"] == paths[i]);
        CHECK(rows[i]["line"] == i + 1);
    }
    CHECK(rows[6]["errors"][0]["message"].get<std::string>().find("duplicate id") != std::string::npos);
    CHECK(rows[8]["errors"][0]["message"] == "missing required field \"case\"");
}

TEST_CASE("batch: an XML extract gives the same PDFs as the NDJSON one", "[batch]") {
    const auto json_dir = scratch("batchjson"), xml_dir = scratch("batchxml");
    REQUIRE(run_brevgen(batch_cmd(write_lines(mixed_orders(36)), json_dir)).exit_code == 0);
    const auto r = run_brevgen(batch_cmd(xml_extract(mixed_orders(36, true)), xml_dir));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto files = pdfs(json_dir);
    CHECK(files.size() == 36);
    CHECK(pdfs(xml_dir) == files);
    for (const auto& f : files) CHECK(slurp(json_dir / f) == slurp(xml_dir / f));
    const auto json_rows = manifest(json_dir), xml_rows = manifest(xml_dir);
    REQUIRE(xml_rows.size() == 36);
    for (std::size_t i = 0; i < xml_rows.size(); ++i) CHECK(xml_rows[i]["sha256"] == json_rows[i]["sha256"]);
}

TEST_CASE("batch: XML errors carry the extract's line and column, also inside a case", "[batch]") {
    std::vector<std::string> records;
    for (int i = 1; i <= 3; ++i) records.push_back(xml_order(examples()[0], i));
    const std::string date = "<brevdato>2026-11-23</brevdato>";
    records[1].replace(records[1].find(date), date.size(), "<brevdato>2026-13-01</brevdato>");
    const auto extract = xml_extract(records);  // the twins are pretty-printed: many lines per record
    const auto dir = scratch("batchxmlerr");
    const auto r = run_brevgen(batch_cmd(extract, dir));
    CHECK(r.exit_code == 1);
    const std::string text = slurp(extract);
    CHECK(r.err.find(extract.string() + ":" + position(text, text.find("2026-13-01")) + ": error: /case/brevdato: ") !=
          std::string::npos);
    CHECK(pdfs(dir).size() == 2);
}

TEST_CASE("batch: two shards together write exactly the letters of one run, byte for byte", "[batch]") {
    auto lines = mixed_orders(90);
    lines[40] = "not json";
    const auto extract = write_lines(lines);
    const auto whole = scratch("batchwhole"), shard0 = scratch("batchs0"), shard1 = scratch("batchs1");
    CHECK(run_brevgen(batch_cmd(extract, whole)).exit_code == 1);
    CHECK(run_brevgen(batch_cmd(extract, shard0, "--shard 0/2")).exit_code == 1);  // record 40, the broken one, is shard 0's
    CHECK(run_brevgen(batch_cmd(extract, shard1, "--shard 1/2")).exit_code == 0);
    const auto a = pdfs(shard0), b = pdfs(shard1), all = pdfs(whole);
    CHECK(a.size() + b.size() == all.size());
    std::set<std::string> both = a;
    both.insert(b.begin(), b.end());
    CHECK(both == all);
    for (const auto& f : a) CHECK(slurp(shard0 / f) == slurp(whole / f));
    for (const auto& f : b) CHECK(slurp(shard1 / f) == slurp(whole / f));
    // The rows of both shards, merged by record number, are the unsharded manifest.
    auto rows = manifest(shard0);
    const auto more = manifest(shard1);
    rows.insert(rows.end(), more.begin(), more.end());
    std::sort(rows.begin(), rows.end(), [](const json& x, const json& y) { return x["record"] < y["record"]; });
    CHECK(rows == manifest(whole));
    for (const auto& row : manifest(shard1)) CHECK(row["record"].get<int>() % 2 == 1);
}

TEST_CASE("batch: a batch killed midway is finished by --resume without redoing finished letters", "[batch]") {
    std::vector<std::string> lines;
    for (int i = 1; i <= 400; ++i) lines.push_back(ndjson_order(examples()[0], i, i % 9 == 0));
    const auto extract = write_lines(lines);
    const auto dir = scratch("batchkill");
    const auto print = scratch("batchkill-print.pdf");  // outside DIR: --print refuses a file inside it
    Background run({"batch", extract.string(), "-o", dir.string(), "--jobs", "2", "--print", print.string()});
    REQUIRE(run.pid > 0);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (manifest(dir).size() < 50 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    run.kill_and_wait(SIGKILL);
    const auto before = manifest(dir);
    INFO("rows before the kill: " << before.size());
    REQUIRE(before.size() >= 50);
    REQUIRE(before.size() < 400);
    std::map<std::string, FileStamp> finished;
    for (const auto& row : before) finished[row["file"].get<std::string>()] = stamp(dir / row["file"].get<std::string>());

    const auto r = run_brevgen(batch_cmd(extract, dir, "--resume --print " + quote(print)));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find(std::to_string(before.size()) + " skipped as already done") != std::string::npos);
    const auto rows = manifest(dir);
    REQUIRE(rows.size() == 400);
    std::set<std::string> ids;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        CHECK(rows[i]["record"] == i);
        CHECK(rows[i]["status"] == "ok");
        ids.insert(rows[i]["id"].get<std::string>());
    }
    CHECK(ids.size() == 400);  // one row per letter: none was done twice
    for (const auto& [file, before_stamp] : finished) {
        INFO(file);
        CHECK(stamp(dir / file) == before_stamp);  // same inode and time: not rendered again
    }
    CHECK(temp_files(dir).empty());
    // Every PDF is whole: the checksum the manifest recorded, and qpdf finds no damage.
    for (const auto& row : rows) CHECK(brevgen::batch::sha256_file_hex(dir / row["file"].get<std::string>()) == row["sha256"]);
    CHECK(qpdf_check_all(dir).empty());
    CHECK(page_count(print.string()) == 2 * (400 / 9));
}

TEST_CASE("batch: the print file (--print) collects the paper-mail letters, each padded to an even page count", "[batch]") {
    const auto extract = write_lines(mixed_orders(24, false, 4));
    const auto dir = scratch("batchprint");
    const auto print = scratch("post") / "print.pdf";
    fs::create_directories(print.parent_path());
    const auto r = run_brevgen(batch_cmd(extract, dir, "--print " + quote(print)));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    int expected_pages = 0;
    std::vector<std::pair<std::string, int>> paper;  // file, first page in the print file
    for (const auto& row : manifest(dir)) {
        if (!row["paper"].get<bool>()) continue;
        paper.emplace_back(row["file"].get<std::string>(), expected_pages + 1);
        expected_pages += (row["pages"].get<int>() + 1) / 2 * 2;
    }
    REQUIRE(paper.size() == 6);
    CHECK(page_count(print.string()) == expected_pages);
    CHECK(run("qpdf --check " + quote(print) + " >/dev/null 2>&1; echo $?") == "0\n");
    for (const auto& [file, first] : paper) {
        INFO(file << " from page " << first);
        const auto letter_text = run("pdftotext -enc UTF-8 -f 1 -l 1 " + quote(dir / file) + " -");
        const auto print_text = run("pdftotext -enc UTF-8 -f " + std::to_string(first) + " -l " + std::to_string(first) + " " + quote(print) + " -");
        CHECK(print_text == letter_text);
        CHECK(letter_text.find("Side 1 af") != std::string::npos);
    }
    CHECK(r.err.find("6 letters, " + std::to_string(expected_pages) + " pages") != std::string::npos);
}

TEST_CASE("batch: the extract can come on stdin; its format is sniffed", "[batch]") {
    const auto dir = scratch("batchstdin");
    const auto r = run_brevgen("batch - -o " + quote(dir) + " --jobs 2", xml_extract(mixed_orders(4, true)).string());
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(pdfs(dir).size() == 4);
}

TEST_CASE("batch: batch exit codes: missing extract 66, unwritable output 74, bad options and a used directory 2", "[batch]") {
    const auto extract = write_lines(mixed_orders(2));
    CHECK(run_brevgen("batch no-such-extract.ndjson -o " + quote(scratch("b66"))).exit_code == 66);
    CHECK(run_brevgen("batch " + quote(extract) + " -o " + quote(extract / "sub")).exit_code == 74);
    CHECK(run_brevgen("batch " + quote(extract) + " -o " + quote(scratch("b2")) + " --shard 2/2").exit_code == 2);
    CHECK(run_brevgen("batch " + quote(extract) + " -o " + quote(scratch("b2")) + " --jobs 0").exit_code == 2);
    const auto dir = scratch("bused");
    REQUIRE(run_brevgen(batch_cmd(extract, dir)).exit_code == 0);
    const auto again = run_brevgen(batch_cmd(extract, dir));
    CHECK(again.exit_code == 2);
    CHECK(again.err.find("--resume") != std::string::npos);
    // --resume on a finished run does nothing again, and the manifest stays as it was.
    const auto rows = slurp(dir / "manifest.jsonl");
    const auto resumed = run_brevgen(batch_cmd(extract, dir, "--resume"));
    CHECK(resumed.exit_code == 0);
    CHECK(resumed.err.find("0 letters ok, 0 failed, 2 skipped as already done") != std::string::npos);
    CHECK(slurp(dir / "manifest.jsonl") == rows);
}

TEST_CASE("batch: SIGTERM stops a batch cleanly and --resume finishes it", "[batch]") {
    std::vector<std::string> lines;
    for (int i = 1; i <= 300; ++i) lines.push_back(ndjson_order(examples()[0], i));
    const auto extract = write_lines(lines);
    const auto dir = scratch("batchterm");
    Background run({"batch", extract.string(), "-o", dir.string(), "--jobs", "2"});
    REQUIRE(run.pid > 0);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (manifest(dir).size() < 30 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    const int status = run.kill_and_wait(SIGTERM);
    REQUIRE(WIFEXITED(status));  // it stopped by itself, not by the signal
    const auto text = slurp(dir / "manifest.jsonl");
    const auto rows = manifest(dir);
    INFO("rows at SIGTERM: " << rows.size());
    if (rows.size() < 300) CHECK(WEXITSTATUS(status) == 1);
    CHECK((text.empty() || text.back() == '\n'));  // whole rows only
    CHECK(temp_files(dir).empty());
    for (const auto& row : rows) CHECK(brevgen::batch::sha256_file_hex(dir / row["file"].get<std::string>()) == row["sha256"]);
    const auto r = run_brevgen(batch_cmd(extract, dir, "--resume"));
    CHECK(r.exit_code == 0);
    CHECK(manifest(dir).size() == 300);
}

TEST_CASE("batch: an order over the size limit is reported without being held, and the next ones render", "[batch]") {
    const std::string huge(17u << 20, 'x');
    auto lines = mixed_orders(2);
    lines.insert(lines.begin() + 1, R"({"id": "huge", "kind": "referat", "case": {"brevdato": ")" + huge + "\"}}");
    std::vector<std::string> records = mixed_orders(2, true);
    records.insert(records.begin() + 1, "<ordre id=\"huge\" kind=\"referat\"><sag><brevdato>" + huge + "</brevdato></sag></ordre>");
    for (const auto& extract : {write_lines(lines), xml_extract(records)}) {
        const auto dir = scratch("batchhuge");
        const auto r = run_brevgen(batch_cmd(extract, dir));
        INFO(extract);
        CHECK(r.exit_code == 1);
        CHECK(pdfs(dir).size() == 2);
        const auto rows = manifest(dir);
        REQUIRE(rows.size() == 3);
        CHECK(rows[1]["errors"][0]["message"] == "record longer than the limit of 16 MiB");
        CHECK(rows[2]["status"] == "ok");
    }
}

TEST_CASE("batch: XML: comments and CDATA may hold anything; broken markup between records ends the reading there", "[batch]") {
    auto records = mixed_orders(3, true);
    records.insert(records.begin() + 1, "<!-- </ordre> <ordre id=\"no\"> -->");
    const std::string sag = "<sag>";
    records[2].insert(records[2].find(sag) + sag.size(), "<!-- </sag></ordre> --><ignored><![CDATA[</ordre></ordrer>]]></ignored>");
    records.push_back("stray text");
    records.push_back(mixed_orders(4, true)[3]);
    const auto extract = xml_extract(records);
    const auto dir = scratch("batchxmlmarkup");
    const auto r = run_brevgen(batch_cmd(extract, dir));
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(pdfs(dir).size() == 3);  // the fourth order stands after the stray text
    CHECK(manifest(dir).size() == 3);
    const auto text = slurp(extract);
    CHECK(r.err.find(extract.string() + ":" + position(text, text.find("stray text")) +
                     ": error: text between records; expected <ordre>") != std::string::npos);
}
