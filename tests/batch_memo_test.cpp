// `brevgen batch --memo`: the Digital Post message <id>.xml beside each <id>.pdf, both in
// the manifest row with their SHA-256, the same bytes as `render --memo`, and --resume
// counting a letter as done only when both files are whole.

#include <catch2/catch.hpp>

#include "batch/sha256.hpp"
#include "batch_support.hpp"
#include "memo_support.hpp"

using namespace brevgen::test;
using namespace brevgen::test::batch;

namespace {

constexpr const char* epoch = "1795435200";  // 2026-11-23T12:00:00Z

/// SOURCE_DATE_EPOCH for the brevgen processes a test starts, unset again after it.
struct FixedEpoch {
    FixedEpoch() { ::setenv("SOURCE_DATE_EPOCH", epoch, 1); }
    ~FixedEpoch() { ::unsetenv("SOURCE_DATE_EPOCH"); }
    FixedEpoch(const FixedEpoch&) = delete;
    FixedEpoch& operator=(const FixedEpoch&) = delete;
};

/// `n` orders cycling through the example kinds.
fs::path extract_of(int n) {
    std::vector<std::string> lines;
    for (int i = 1; i <= n; ++i) lines.push_back(ndjson_order(examples()[static_cast<std::size_t>(i) % examples().size()], i));
    return write_lines(lines);
}

std::string batch_cmd(const fs::path& extract, const fs::path& dir, const std::string& more = "") {
    return "batch " + quote(extract) + " -o " + quote(dir) + " --jobs " + batch_test_jobs() + " " + more;
}

/// The XML files in a directory, by file name.
std::set<std::string> xmls(const fs::path& dir) {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() == ".xml" && e.path().filename().string()[0] != '.') out.insert(e.path().filename().string());
    }
    return out;
}

}  // namespace

TEST_CASE("batch --memo: <id>.xml beside <id>.pdf, both in the manifest, the bytes render --memo writes", "[batch][memo]") {
    const FixedEpoch fixed;
    const int n = 12;
    const auto extract = extract_of(n);
    const auto dir = scratch("memo");
    const auto r = run_brevgen(batch_cmd(extract, dir, "--memo"));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto rows = manifest(dir);
    REQUIRE(rows.size() == static_cast<std::size_t>(n));
    CHECK(pdfs(dir).size() == static_cast<std::size_t>(n));
    CHECK(xmls(dir).size() == static_cast<std::size_t>(n));
    CHECK(temp_files(dir).empty());
    std::set<std::string> uuids;
    for (const auto& row : rows) {
        INFO(row.dump());
        REQUIRE(row["status"] == "ok");
        const std::string id = row["id"];
        const auto& memo = row["memo"];
        REQUIRE(memo.is_object());
        CHECK(memo["file"] == id + ".xml");
        const std::string xml = slurp(dir / (id + ".xml"));
        CHECK(memo["bytes"] == xml.size());
        CHECK(memo["sha256"] == brevgen::batch::sha256_hex(xml));
        CHECK(row["sha256"] == brevgen::batch::sha256_file_hex(dir / (id + ".pdf")));
        const MemoDoc m(xml);
        REQUIRE(m.ok);
        CHECK(memo["message_uuid"] == m.at("memo:MessageHeader/memo:messageUUID"));
        uuids.insert(memo["message_uuid"].get<std::string>());
        // The PDF inside is the file beside it.
        CHECK(base64_decode(m.at("memo:MessageBody/memo:MainDocument/memo:File/memo:content")) ==
              slurp(dir / (id + ".pdf")));
    }
    CHECK(uuids.size() == static_cast<std::size_t>(n));  // every letter its own message
    CHECK(memo_schema_errors(slurp(dir / "T-000001.xml")) == "");

    // The same order through `render --memo` gives the same bytes.
    const auto& row = rows[4];
    const std::string id = row["id"];
    const int number = std::stoi(id.substr(2));
    json c = examples()[static_cast<std::size_t>(number) % examples().size()].case_json;
    c["journalnummer"] = journal(number);
    const auto case_file = write_temp(c.dump(), ".json");
    const auto out = temp_path(".xml");
    const auto single = run_brevgen("render " + row["kind"].get<std::string>() + " " + quote(case_file) + " --memo -o " + quote(out));
    REQUIRE(single.exit_code == 0);
    CHECK(slurp(out) == slurp(dir / (id + ".xml")));

    // Without --memo the rows have no "memo" and no XML is written.
    const auto plain = scratch("plain");
    REQUIRE(run_brevgen(batch_cmd(extract, plain)).exit_code == 0);
    CHECK(xmls(plain).empty());
    for (const auto& p : manifest(plain)) CHECK_FALSE(p.contains("memo"));
    // The PDFs are the same either way.
    for (const auto& p : manifest(plain)) CHECK(slurp(plain / p["file"].get<std::string>()) == slurp(dir / p["file"].get<std::string>()));
}

TEST_CASE("batch --memo: an order without its recipient's number fails as a message, the others are written", "[batch][memo]") {
    json c = examples()[1].case_json;  // indkaldelse, to the employee
    REQUIRE(examples()[1].kind == "indkaldelse");
    c["medarbejder"].erase("cpr");
    const std::vector<std::string> lines{
        ndjson_order(examples()[2], 1),
        json{{"id", order_id(2)}, {"kind", "indkaldelse"}, {"case", c}}.dump(),
        ndjson_order(examples()[3], 3),
    };
    const auto extract = write_lines(lines);
    const auto dir = scratch("memo-nocpr");
    const auto r = run_brevgen(batch_cmd(extract, dir, "--memo"));
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(extract.string() + ":2:") != std::string::npos);
    CHECK(r.err.find("error: /case/medarbejder: a Digital Post message to the employee needs \"cpr\"") != std::string::npos);
    const auto rows = manifest(dir);
    REQUIRE(rows.size() == 3);
    CHECK(rows[1]["status"] == "error");
    CHECK(rows[1]["file"].is_null());
    CHECK_FALSE(rows[1].contains("memo"));
    CHECK(rows[1]["errors"][0]["path"] == "/case/medarbejder");
    CHECK(pdfs(dir) == std::set<std::string>{"T-000001.pdf", "T-000003.pdf"});
    CHECK(xmls(dir) == std::set<std::string>{"T-000001.xml", "T-000003.xml"});
    // As a bare letter it is fine.
    CHECK(run_brevgen(batch_cmd(extract, scratch("plain-nocpr"))).exit_code == 0);
}

TEST_CASE("batch --memo: a profile without a CVR number stops before anything is written", "[batch][memo]") {
    const auto profile = temp_path("-afsender.json");
    json p = json::parse(slurp("templates/afsender.json"));
    p.erase("cvr");
    p.erase("logo");
    std::ofstream(profile) << p.dump();
    const auto dir = scratch("memo-nocvr");
    const auto r = run_brevgen(batch_cmd(extract_of(2), dir, "--memo --sender " + quote(profile)));
    CHECK(r.exit_code == 1);
    CHECK(r.err == profile.string() + ": error: /cvr: a Digital Post message needs the municipality's CVR number (8 digits)\n");
    CHECK_FALSE(fs::exists(dir));
}

TEST_CASE("batch --memo --resume: a letter is done only when its PDF and its message are both whole", "[batch][memo]") {
    const int n = 10;
    const auto extract = extract_of(n);
    SECTION("a missing or damaged message is made again, the others are left alone") {
        const auto dir = scratch("memo-resume");
        REQUIRE(run_brevgen(batch_cmd(extract, dir, "--memo")).exit_code == 0);
        fs::remove(dir / "T-000003.xml");
        std::ofstream(dir / "T-000005.xml", std::ios::app) << " ";
        // Only looks like a temp file of a message: no run recorded it, so it is not brevgen's.
        std::ofstream(dir / ".T-000007.xml.Ab12Cd") << "someone else's file";
        std::map<std::string, FileStamp> before;
        for (const auto& name : xmls(dir)) before[name] = stamp(dir / name);
        const auto r = run_brevgen(batch_cmd(extract, dir, "--memo --resume"));
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        CHECK(r.err.find("2 letters ok, 0 failed, 8 skipped as already done") != std::string::npos);
        CHECK(xmls(dir).size() == static_cast<std::size_t>(n));
        CHECK(temp_files(dir) == std::vector<std::string>{".T-000007.xml.Ab12Cd"});
        for (const auto& [name, s] : before) {
            INFO(name);
            if (name == "T-000005.xml") CHECK_FALSE(stamp(dir / name) == s);
            else CHECK(stamp(dir / name) == s);
        }
        const auto rows = manifest(dir);
        REQUIRE(rows.size() == static_cast<std::size_t>(n));
        for (const auto& row : rows) {
            CHECK(row["memo"]["sha256"] == brevgen::batch::sha256_file_hex(dir / row["memo"]["file"].get<std::string>()));
        }
    }
    SECTION("letters done without --memo are done again with it; done with it, they stay done without") {
        const auto dir = scratch("memo-after-plain");
        REQUIRE(run_brevgen(batch_cmd(extract, dir)).exit_code == 0);
        auto r = run_brevgen(batch_cmd(extract, dir, "--memo --resume"));
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        CHECK(r.err.find("10 letters ok, 0 failed, 0 skipped as already done") != std::string::npos);
        CHECK(xmls(dir).size() == static_cast<std::size_t>(n));
        for (const auto& row : manifest(dir)) CHECK(row["memo"].is_object());
        r = run_brevgen(batch_cmd(extract, dir, "--resume"));
        CHECK(r.err.find("0 letters ok, 0 failed, 10 skipped as already done") != std::string::npos);
        for (const auto& row : manifest(dir)) CHECK(row["memo"].is_object());  // the rows still name the messages
    }
}
