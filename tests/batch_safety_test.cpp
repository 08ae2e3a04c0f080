// `brevgen batch` as a tired operator or an attacker would run it: a print file pointed at
// the wrong place, a corrected extract resumed, a damaged manifest, look-alike temporary
// files, endless input and SIGTERM, malformed options. Bad inputs live in fixtures/batch/.

#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <thread>

#include "batch/sha256.hpp"
#include "batch_support.hpp"

using namespace brevgen::test;
using namespace brevgen::test::batch;

namespace {

std::string batch_cmd(const fs::path& extract, const fs::path& dir, const std::string& more = "") {
    return "batch " + quote(extract) + " -o " + quote(dir) + " --jobs " + batch_test_jobs() + " " + more;
}

/// `n` one-page orders; `paper(i)` says which go by paper mail.
fs::path one_page_orders(int n, int paper_every = 0) {
    std::vector<std::string> lines;
    for (int i = 1; i <= n; ++i) lines.push_back(ndjson_order(examples()[0], i, paper_every && i % paper_every == 0));
    return write_lines(lines);
}

/// A path as brevgen prints it in messages (no quotes).
std::string quote_free(const fs::path& path) { return path.string(); }

}  // namespace

TEST_CASE("batch --print: a print file inside the output directory or equal to the extract is refused", "[batch]") {
    const auto extract = one_page_orders(3, 2);
    const auto dir = scratch("printinside");
    fs::create_directories(dir);
    const auto extract_bytes = slurp(extract);
    for (const auto& print : {dir / "print.pdf", dir / "sub" / ".." / "T-000001.pdf", extract}) {
        INFO(print);
        const auto r = run_brevgen(batch_cmd(extract, dir, "--print " + quote(print)));
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("--print") != std::string::npos);
        CHECK(pdfs(dir).empty());  // refused before anything was rendered
    }
    // Through a symlink: a link outside DIR that points into it, and one to the extract.
    const auto links = scratch("printlinks");
    fs::create_directories(links);
    fs::create_directory_symlink(dir, links / "into-dir");
    fs::create_symlink(extract, links / "extract.pdf");
    for (const auto& print : {links / "into-dir" / "print.pdf", links / "extract.pdf"}) {
        INFO(print);
        const auto r = run_brevgen(batch_cmd(extract, dir, "--print " + quote(print)));
        CHECK(r.exit_code == 2);
    }
    CHECK(slurp(extract) == extract_bytes);
}

TEST_CASE("batch --print: a file brevgen did not write is never replaced or deleted", "[batch]") {
    const auto outside = scratch("printforeign");
    fs::create_directories(outside);
    const auto print = outside / "print.pdf";
    const std::string foreign = "%PDF-1.4\nsomeone else's document\n";
    for (int paper_every : {2, 0}) {  // with paper letters, and with none
        INFO("paper every " << paper_every);
        std::ofstream(print, std::ios::binary) << foreign;
        const auto dir = scratch("printforeigndir");
        const auto r = run_brevgen(batch_cmd(one_page_orders(3, paper_every), dir, "--print " + quote(print)));
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("not a print file brevgen wrote") != std::string::npos);
        CHECK(slurp(print) == foreign);
    }
}

TEST_CASE("batch --print: brevgen's own print file is replaced, and with no paper letters nothing is written or deleted", "[batch]") {
    const auto outside = scratch("printown");
    fs::create_directories(outside);
    const auto print = outside / "print.pdf";
    const auto first = run_brevgen(batch_cmd(one_page_orders(4, 2), scratch("printown1"), "--print " + quote(print)));
    INFO(first.err);
    REQUIRE(first.exit_code == 0);
    CHECK(page_count(print.string()) == 4);  // two one-page letters, each padded to two pages
    // A second night with three paper letters replaces it (it carries brevgen's mark).
    const auto second = run_brevgen(batch_cmd(one_page_orders(6, 2), scratch("printown2"), "--print " + quote(print)));
    REQUIRE(second.exit_code == 0);
    CHECK(page_count(print.string()) == 6);
    // A night without paper letters writes nothing and leaves the older file alone.
    const auto before = slurp(print);
    const auto none = run_brevgen(batch_cmd(one_page_orders(2), scratch("printown3"), "--print " + quote(print)));
    CHECK(none.exit_code == 0);
    CHECK(none.err.find("no letters for paper mail") != std::string::npos);
    CHECK(none.err.find("not changed") != std::string::npos);
    CHECK(slurp(print) == before);
    // And where there is no file, none appears.
    const auto fresh = outside / "none.pdf";
    CHECK(run_brevgen(batch_cmd(one_page_orders(2), scratch("printown4"), "--print " + quote(fresh))).exit_code == 0);
    CHECK(!fs::exists(fresh));
}

TEST_CASE("batch --resume: a corrected record with the same id (new meeting time, now on paper) is rendered again", "[batch]") {
    const auto& e = examples()[0];
    std::vector<std::string> night{ndjson_order(e, 1), ndjson_order(e, 2), ndjson_order(e, 3)};
    const auto dir = scratch("resumecorrected");
    const auto print = scratch("resumecorrected.print.pdf");
    REQUIRE(run_brevgen(batch_cmd(write_lines(night), dir, "--print " + quote(print))).exit_code == 0);
    CHECK(!fs::exists(print));  // no paper letters yet
    const auto untouched = stamp(dir / "T-000001.pdf");
    CHECK(pdftotext((dir / "T-000002.pdf").string()).find("kl. 10.00") != std::string::npos);

    // The case system corrects order 2: the meeting moves to 13:00, and it goes by paper.
    auto corrected = json::parse(ndjson_order(e, 2, true));
    corrected["case"]["moede"]["start"] = "2026-11-30T13:00";
    corrected["case"]["moede"]["slut"] = "2026-11-30T14:00";
    night[1] = corrected.dump();
    const auto r = run_brevgen(batch_cmd(write_lines(night), dir, "--resume --print " + quote(print)));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("1 letters ok, 0 failed, 2 skipped as already done") != std::string::npos);
    CHECK(pdftotext((dir / "T-000002.pdf").string()).find("kl. 13.00") != std::string::npos);
    CHECK(stamp(dir / "T-000001.pdf") == untouched);
    const auto rows = manifest(dir);
    REQUIRE(rows.size() == 3);
    CHECK(rows[1]["paper"] == true);
    CHECK(brevgen::batch::sha256_file_hex(dir / "T-000002.pdf") == rows[1]["sha256"]);
    CHECK(page_count(print.string()) == 2);  // the corrected letter, padded to a sheet
}

TEST_CASE("batch --resume: a changed sender profile or template renders every letter again", "[batch]") {
    const auto extract = one_page_orders(2);
    const auto dir = scratch("resumeprofile");
    const auto templates = scratch("resumetemplates");
    fs::copy("templates", templates, fs::copy_options::recursive);
    const std::string flags = "--templates " + quote(templates);
    REQUIRE(run_brevgen(batch_cmd(extract, dir, flags)).exit_code == 0);
    CHECK(run_brevgen(batch_cmd(extract, dir, flags + " --resume")).err.find("0 letters ok, 0 failed, 2 skipped") != std::string::npos);

    auto profile = json::parse(slurp(templates / "afsender.json"));
    profile["telefon"] = "89641111";
    std::ofstream(templates / "afsender.json", std::ios::binary) << profile.dump();
    auto r = run_brevgen(batch_cmd(extract, dir, flags + " --resume"));
    INFO(r.err);
    CHECK(r.err.find("2 letters ok, 0 failed, 0 skipped") != std::string::npos);
    CHECK(pdftotext((dir / "T-000001.pdf").string()).find("89 64 11 11") != std::string::npos);

    std::ofstream(templates / "partials" / "brevhoved.xml", std::ios::app) << "<!-- edited -->\n";
    r = run_brevgen(batch_cmd(extract, dir, flags + " --resume"));
    CHECK(r.err.find("2 letters ok, 0 failed, 0 skipped") != std::string::npos);
}

TEST_CASE("batch --resume: a damaged manifest row counts as not done, with a warning naming its line", "[batch]") {
    const auto extract = one_page_orders(3);
    for (const auto& entry : fs::directory_iterator("fixtures/batch/manifest-rows")) {
        INFO(entry.path());
        const auto dir = scratch("damagedrow");
        REQUIRE(run_brevgen(batch_cmd(extract, dir)).exit_code == 0);
        const auto rows = manifest(dir);
        REQUIRE(rows.size() == 3);
        const auto first = stamp(dir / "T-000001.pdf");
        std::ofstream(dir / "manifest.jsonl", std::ios::binary)
            << rows[0].dump() << '\n' << slurp(entry.path()) << rows[2].dump() << '\n';
        const auto r = run_brevgen(batch_cmd(extract, dir, "--resume"));
        INFO(r.err);
        CHECK(r.exit_code == 0);  // no crash (SIGABRT gave 134)
        CHECK(r.err.find(quote_free(dir / "manifest.jsonl") + ":2: warning: ") != std::string::npos);
        CHECK(r.err.find("1 letters ok, 0 failed, 2 skipped as already done") != std::string::npos);
        CHECK(stamp(dir / "T-000001.pdf") == first);  // the rows that could be read stay
        CHECK(manifest(dir) == rows);
    }
}

TEST_CASE("batch --resume: an empty or binary manifest is reported, never silently dropped, and never crashes", "[batch]") {
    const auto extract = one_page_orders(2);
    const auto empty = scratch("emptymanifest");
    fs::create_directories(empty);
    fs::copy_file("fixtures/batch/manifest-empty.jsonl", empty / "manifest.jsonl");
    auto r = run_brevgen(batch_cmd(extract, empty, "--resume"));
    CHECK(r.exit_code == 0);
    CHECK(manifest(empty).size() == 2);

    const auto binary = scratch("binarymanifest");
    fs::create_directories(binary);
    fs::copy_file("fixtures/batch/manifest-binary.jsonl", binary / "manifest.jsonl");
    r = run_brevgen(batch_cmd(extract, binary, "--resume"));
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.find(quote_free(binary / "manifest.jsonl") + ":1: warning: ") != std::string::npos);
    CHECK(r.err.find("rows could not be read") != std::string::npos);
    CHECK(manifest(binary).size() == 2);
    // Without --resume a damaged manifest is still another run's: refused, left as it was.
    const auto kept = scratch("binarymanifest2");
    fs::create_directories(kept);
    fs::copy_file("fixtures/batch/manifest-binary.jsonl", kept / "manifest.jsonl");
    CHECK(run_brevgen(batch_cmd(extract, kept)).exit_code == 2);
    CHECK(slurp(kept / "manifest.jsonl") == slurp("fixtures/batch/manifest-binary.jsonl"));
}

TEST_CASE("batch: a malformed --shard, the empty one included, is refused with exit 2", "[batch]") {
    const auto extract = one_page_orders(2);
    for (const char* shard : {"", "1", "1/0", "2/2", "-1/2", "a/b", "0/2/4", " 0/2", "0/2 ", "0/9999999"}) {
        INFO("--shard '" << shard << "'");
        const auto dir = scratch("badshard");
        const auto r = run_brevgen(batch_cmd(extract, dir, "--shard '" + std::string(shard) + "'"));
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("--shard: expected K/N") != std::string::npos);
        CHECK(!fs::exists(dir / "manifest.jsonl"));
    }
}

TEST_CASE("batch: a pretty-printed JSON object given as NDJSON gives one error with a hint", "[batch]") {
    const auto dir = scratch("prettyprinted");
    const auto r = run_brevgen(batch_cmd("fixtures/batch/pretty-printed.ndjson", dir));
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("fixtures/batch/pretty-printed.ndjson:1:1: error: ") != std::string::npos);
    CHECK(r.err.find("one JSON object per line; the file looks pretty-printed") != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') <= 4);  // the error and the summary
    CHECK(pdfs(dir).empty());
}

TEST_CASE("batch: SIGTERM ends a batch promptly while it skips an endless record or waits on a silent pipe", "[batch]") {
    int pipe_fds[2];
    REQUIRE(::pipe(pipe_fds) == 0);
    ::fcntl(pipe_fds[1], F_SETFD, FD_CLOEXEC);
    for (const bool from_pipe : {false, true}) {
        INFO((from_pipe ? "a silent pipe" : "/dev/zero"));
        const auto dir = scratch("endless");
        Background run({"batch", from_pipe ? "-" : "/dev/zero", "-o", dir.string(), "--jobs", "1"}, from_pipe ? pipe_fds[0] : -1);
        REQUIRE(run.pid > 0);
        if (from_pipe) REQUIRE(::write(pipe_fds[1], "{\"id\": \"T-1\", ", 14) == 14);  // a record begun, never ended
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        bool in_time = false;
        const int status = run.kill_and_wait(SIGTERM, 3.0, in_time);
        CHECK(in_time);
        REQUIRE(WIFEXITED(status));  // it stopped by itself, not by the signal
        CHECK(WEXITSTATUS(status) == 1);
        CHECK(slurp(dir / "manifest.jsonl").empty());  // no row for a record never finished
        CHECK(temp_files(dir).empty());
    }
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
}

TEST_CASE("batch: the stale-temporary cleanup removes only brevgen's own temp files, never a look-alike", "[batch]") {
    const auto dir = scratch("lookalike");
    const auto print_dir = scratch("lookalike-print");
    fs::create_directories(dir);
    fs::create_directories(print_dir);
    const std::vector<fs::path> lookalikes{dir / ".notes.pdf.backup", dir / ".T-000001.pdf.Ab12Cd", dir / ".manifest.jsonl.Zz99Yy",
                                           print_dir / ".print.pdf.Qw12Er"};
    for (const auto& p : lookalikes) std::ofstream(p) << "someone's file\n";
    const auto r = run_brevgen(batch_cmd(one_page_orders(4, 2), dir, "--resume --print " + quote(print_dir / "print.pdf")));
    INFO(r.err);
    CHECK(r.exit_code == 0);
    for (const auto& p : lookalikes) {
        INFO(p);
        CHECK(slurp(p) == "someone's file\n");
    }
}

TEST_CASE("batch: killed with SIGKILL at any moment, every manifest row names a whole file, and --resume sweeps its temp files", "[batch]") {
    const auto extract = one_page_orders(300, 7);
    const auto print = scratch("killed.print.pdf");
    for (int rows_before_kill : {1, 40, 120}) {
        INFO("killed after " << rows_before_kill << " rows");
        const auto dir = scratch("killed");
        Background run({"batch", extract.string(), "-o", dir.string(), "--jobs", "2", "--print", print.string()});
        REQUIRE(run.pid > 0);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (manifest(dir).size() < static_cast<std::size_t>(rows_before_kill) && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        run.kill_and_wait(SIGKILL);
        // What was reported done survived: each row's file is there with its checksum.
        for (const auto& row : manifest(dir)) {
            CHECK(brevgen::batch::sha256_file_hex(dir / row["file"].get<std::string>()) == row["sha256"]);
        }
        const auto r = run_brevgen(batch_cmd(extract, dir, "--resume --print " + quote(print)));
        CHECK(r.exit_code == 0);
        for (const auto& left : temp_files(dir)) FAIL_CHECK("left behind: " << left);
        const auto rows = manifest(dir);
        REQUIRE(rows.size() == 300);
        for (const auto& row : rows) CHECK(brevgen::batch::sha256_file_hex(dir / row["file"].get<std::string>()) == row["sha256"]);
        CHECK(page_count(print.string()) == 2 * (300 / 7));
    }
}
