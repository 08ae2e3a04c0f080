// Every example and valid fixture as a Digital Post message through `brevgen render --memo`:
// the schema, the PDF inside equal to render's, the recipient, no CPR number in a message to
// a company, the appointment in UTC, identical bytes under SOURCE_DATE_EPOCH; and the
// command's errors.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <regex>

#include "cli_support.hpp"
#include "common/utf8.hpp"
#include "memo_support.hpp"

using namespace brevgen::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

/// Sets an environment variable for the brevgen runs of one test, and restores it.
class EnvVar {
public:
    EnvVar(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        if (value) {
            ::setenv(name, value, 1);
        } else {
            ::unsetenv(name);
        }
    }
    ~EnvVar() {
        if (old_) {
            ::setenv(name_, old_->c_str(), 1);
        } else {
            ::unsetenv(name_);
        }
    }

private:
    const char* name_;
    std::optional<std::string> old_;
};

constexpr const char* epoch = "1795435200";  // 2026-11-23T12:00:00Z

/// The JSON twin of a case file (the data both formats hold).
json case_data(const fs::path& file) {
    fs::path twin = file;
    twin.replace_extension(".json");
    std::string text = slurp(twin);
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    return json::parse(text);
}

std::string str(const json& j, const json::json_pointer& p) {
    return j.contains(p) && j[p].is_string() ? j[p].get<std::string>() : std::string();
}

/// Who the letter is for, as docs/case-data.md defines it.
bool to_employer(const std::string& kind, const json& c) {
    if (kind == "information-arbejdsgiver") return true;
    return (kind == "indkaldelse" || kind == "referat") && str(c, "/modtager"_json_pointer) == "arbejdsgiver";
}

std::string digits(const std::string& s) {
    std::string out;
    for (const char c : s) {
        if (c >= '0' && c <= '9') out += c;
    }
    return out;
}

/// A winter or summer meeting time (the fixtures avoid the change days) in UTC.
std::string utc_of(const std::string& local) {
    const int month = std::stoi(local.substr(5, 2));
    REQUIRE((month <= 2 || month >= 11 || (month >= 4 && month <= 9)));
    const int offset = month >= 4 && month <= 9 ? 2 : 1;
    int hour = std::stoi(local.substr(11, 2)) - offset;
    REQUIRE(hour >= 0);  // the fixtures meet in daytime: the UTC date is the same
    char buf[32];
    std::snprintf(buf, sizeof buf, "%sT%02d:%s:%sZ", local.substr(0, 10).c_str(), hour, local.substr(14, 2).c_str(),
                  local.size() > 16 ? local.substr(17, 2).c_str() : "00");
    return buf;
}

std::string memo_of(const fs::path& case_file, Run* run = nullptr) {
    const auto out = temp_path(".xml");
    const auto r = run_brevgen("render " + kind_of(case_file) + " " + quote(case_file) + " --memo -o " + quote(out));
    if (run) *run = r;
    return r.exit_code == 0 ? slurp(out) : std::string();
}

void check_message(const fs::path& file, const std::string& xml) {
    const std::string kind = kind_of(file);
    const json c = case_data(file);
    const bool employer = to_employer(kind, c);
    CHECK(memo_schema_errors(xml) == "");
    const MemoDoc m(xml);
    REQUIRE(m.ok);
    const std::string h = "memo:MessageHeader/";
    CHECK(m.at("memo:MessageBody/memo:createdDateTime") == "2026-11-23T12:00:00Z");

    // The PDF inside is render's, byte for byte.
    const std::string pdf = base64_decode(m.at("memo:MessageBody/memo:MainDocument/memo:File/memo:content"));
    CHECK(pdf == slurp(render_case(file)));
    const std::string journal = str(c, "/journalnummer"_json_pointer);
    CHECK(m.at("memo:MessageBody/memo:MainDocument/memo:File/memo:filename") == kind + "-" + journal + ".pdf");
    CHECK(m.at(h + "memo:ContentData/memo:CaseID/memo:caseID") == journal);
    CHECK(m.at(h + "memo:Sender/memo:senderID") == "29189714");

    // The recipient, and no CPR number anywhere in a message to a company.
    const std::string cpr = digits(str(c, "/medarbejder/cpr"_json_pointer));
    const std::string pdf_text = pdftotext(write_temp(pdf));
    if (employer) {
        CHECK(m.at(h + "memo:Recipient/memo:idType") == "CVR");
        CHECK(m.at(h + "memo:Recipient/memo:recipientID") == str(c, "/arbejdsgiver/cvr"_json_pointer));
        CHECK(m.at(h + "memo:Recipient/memo:label") == str(c, "/arbejdsgiver/navn"_json_pointer));
        CHECK(m.at(h + "memo:Recipient/memo:AttentionData/memo:AttentionPerson/memo:label") ==
              str(c, "/arbejdsgiver/kontaktperson/navn"_json_pointer));
        CHECK_FALSE(m.has(h + "memo:ContentData/grd:CPRdata"));
        CHECK(cpr_like(without_content(xml)).empty());
        CHECK(cpr_like(pdf_text).empty());
        if (!cpr.empty()) {
            CHECK(xml.find(cpr) == std::string::npos);
            CHECK(xml.find(cpr.substr(0, 6) + "-" + cpr.substr(6)) == std::string::npos);
            CHECK(pdf_text.find(cpr.substr(0, 6)) == std::string::npos);
        }
    } else {
        CHECK(m.at(h + "memo:Recipient/memo:idType") == "CPR");
        CHECK(m.at(h + "memo:Recipient/memo:recipientID") == cpr);
        CHECK(m.at(h + "memo:Recipient/memo:label") == str(c, "/medarbejder/navn"_json_pointer));
        CHECK(m.at(h + "memo:ContentData/grd:CPRdata/grd:cprNumber") == cpr);
    }

    // The notification: short, no digits, no names, nothing about health.
    const std::string note = m.at(h + "memo:notification");
    CHECK(!note.empty());
    CHECK(brevgen::utf8::length(note) <= 150);
    CHECK(note.find_first_of("0123456789") == std::string::npos);
    for (const char* name : {"/medarbejder/navn", "/arbejdsgiver/navn", "/arbejdsgiver/kontaktperson/navn",
                             "/konsulent/navn"}) {
        const std::string n = str(c, json::json_pointer(name));
        if (!n.empty()) CHECK(note.find(n.substr(0, n.find(' '))) == std::string::npos);
    }
    for (const char* word : {"syg", "Syg", "helbred", "læge", "diagnose", "opfølgning"}) CHECK(note.find(word) == std::string::npos);

    // The invitation carries its meeting in UTC; no other kind has an action.
    const std::string action = "memo:MessageBody/memo:MainDocument/memo:Action/";
    if (kind == "indkaldelse") {
        CHECK(m.at(action + "memo:actionCode") == "AFTALE");
        CHECK(m.at(action + "memo:Reservation/memo:startDateTime") == utc_of(str(c, "/moede/start"_json_pointer)));
        CHECK(m.at(action + "memo:Reservation/memo:endDateTime") == utc_of(str(c, "/moede/slut"_json_pointer)));
        CHECK(m.at(action + "memo:Reservation/memo:organizerName") == str(c, "/konsulent/navn"_json_pointer));
        const std::string form = str(c, "/moede/form"_json_pointer);
        const std::string location = m.at(action + "memo:Reservation/memo:location");
        if (form == "telefon") CHECK(location == "Telefonmøde");
        if (form == "video") CHECK(location == "Videomøde");
        if (form == "fysisk") CHECK(location.find(str(c, "/moede/sted/gade"_json_pointer)) != std::string::npos);
        CHECK(is_uuid_v4_form(m.at(action + "memo:Reservation/memo:reservationUUID")));
    } else {
        CHECK_FALSE(m.has("memo:MessageBody/memo:MainDocument/memo:Action"));
    }
    CHECK(is_uuid_v4_form(m.at(h + "memo:messageUUID")));
}

}  // namespace

TEST_CASE("every example and valid fixture as a Digital Post message", "[memo][cli]") {
    EnvVar fixed("SOURCE_DATE_EPOCH", epoch);
    std::map<std::string, std::set<std::string>> ids_by_case;  // the case's data → message ids
    for (const auto& file : case_files()) {
        INFO(file.string());
        const std::string kind = kind_of(file);
        const json c = case_data(file);
        const bool employer = to_employer(kind, c);
        const bool addressable = employer ? !str(c, "/arbejdsgiver/cvr"_json_pointer).empty()
                                          : !str(c, "/medarbejder/cpr"_json_pointer).empty();
        Run r;
        const std::string xml = memo_of(file, &r);
        INFO(r.err);
        if (!addressable) {
            // A letter without its recipient's number cannot be a message: an error in the case.
            CHECK(r.exit_code == 65);
            CHECK(r.err.find(file.string() + ":") == 0);
            CHECK(r.err.find(employer ? "error: /arbejdsgiver: a Digital Post message to the employer needs \"cvr\""
                                      : "error: /medarbejder: a Digital Post message to the employee needs \"cpr\"") !=
                  std::string::npos);
            continue;
        }
        REQUIRE(r.exit_code == 0);
        check_message(file, xml);
        CHECK(memo_of(file) == xml);  // the same bytes again
        ids_by_case[c.dump()].insert(MemoDoc(xml).at("memo:MessageHeader/memo:messageUUID"));
    }
    // The same case (JSON and XML twins, a copy with a byte order mark) is the same message;
    // every other case is another message.
    std::set<std::string> all;
    for (const auto& [name, ids] : ids_by_case) {
        INFO(name);
        CHECK(ids.size() == 1);
        all.insert(ids.begin(), ids.end());
    }
    CHECK(all.size() == ids_by_case.size());
    CHECK(ids_by_case.size() >= 14);
}

TEST_CASE("createdDateTime is the clock without SOURCE_DATE_EPOCH", "[memo][cli]") {
    EnvVar unset("SOURCE_DATE_EPOCH", nullptr);
    const auto before = std::chrono::system_clock::now();
    const std::string xml = memo_of("examples/referat.json");
    REQUIRE(!xml.empty());
    const std::string created = MemoDoc(xml).at("memo:MessageBody/memo:createdDateTime");
    REQUIRE(created.size() == 20);
    CHECK(created.back() == 'Z');
    std::tm tm{};
    REQUIRE(strptime(created.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm) != nullptr);
    const auto at = std::chrono::system_clock::from_time_t(timegm(&tm));
    CHECK(at >= std::chrono::time_point_cast<std::chrono::seconds>(before));
    CHECK(at <= std::chrono::system_clock::now());
}

TEST_CASE("render --memo: errors, exit codes, nothing half-written", "[memo][cli]") {
    EnvVar fixed("SOURCE_DATE_EPOCH", epoch);
    const auto out = temp_path(".xml");
    SECTION("a sender profile without a CVR number stops at start, naming the file and field") {
        const auto profile = temp_path("-afsender.json");
        json p = json::parse(slurp("templates/afsender.json"));
        p.erase("cvr");
        p.erase("logo");  // it would be looked up next to the copy
        std::ofstream(profile) << p.dump();
        auto r = run_brevgen("render referat examples/referat.json --memo -o " + quote(out) + " --sender " +
                             quote(profile));
        CHECK(r.exit_code == 1);
        CHECK(r.err == profile.string() +
                           ": error: /cvr: a Digital Post message needs the municipality's CVR number (8 digits)\n");
        CHECK(!fs::exists(out));
        // The same profile still makes PDFs.
        r = run_brevgen("render referat examples/referat.json -o " + quote(temp_path(".pdf")) + " --sender " +
                        quote(profile));
        CHECK(r.exit_code == 0);
        p["cvr"] = "29189715";  // modulus 11 fails
        p.erase("sagssystem");
        std::ofstream(profile) << p.dump();
        r = run_brevgen("render referat examples/referat.json --memo -o " + quote(out) + " --sender " + quote(profile));
        CHECK(r.exit_code == 1);
        CHECK(r.err.find(profile.string() + ": error: /cvr: expected the municipality's CVR number") == 0);
        p["cvr"] = "29189714";
        std::ofstream(profile) << p.dump();
        r = run_brevgen("render referat examples/referat.json --memo -o " + quote(out) + " --sender " + quote(profile));
        CHECK(r.exit_code == 1);
        CHECK(r.err == profile.string() + ": error: /sagssystem: a Digital Post message needs the case system's name\n");
        CHECK(!fs::exists(out));
    }
    SECTION("a malformed SOURCE_DATE_EPOCH") {
        EnvVar bad("SOURCE_DATE_EPOCH", "yesterday");
        const auto r = run_brevgen("render referat examples/referat.json --memo -o " + quote(out));
        CHECK(r.exit_code == 1);
        CHECK(r.err == "error: SOURCE_DATE_EPOCH: expected seconds since 1970-01-01 (digits only)\n");
        CHECK(!fs::exists(out));
    }
    SECTION("a message's letter is always the tagged one") {
        const auto r = run_brevgen("render referat examples/referat.json --memo --untagged -o " + quote(out));
        CHECK(r.exit_code == 2);
        CHECK(!fs::exists(out));
    }
    SECTION("invalid case data exits 65 with the same lines as render") {
        const std::string fixture = "fixtures/invalid/information-medarbejder--missing-required.json";
        const auto r = run_brevgen("render information-medarbejder " + fixture + " --memo -o " + quote(out));
        CHECK(r.exit_code == 65);
        CHECK(r.err == slurp(fixture + ".expected"));
        CHECK(!fs::exists(out));
    }
    SECTION("an output that cannot be written exits 74") {
        const auto r = run_brevgen("render referat examples/referat.json --memo -o /nonexistent-dir/m.xml");
        CHECK(r.exit_code == 74);
        CHECK(r.err.find("/nonexistent-dir/m.xml: error: cannot write the message") == 0);
    }
    SECTION("the message can go to stdout") {
        const auto r = run_brevgen("render referat examples/referat.json --memo -o -");
        CHECK(r.exit_code == 0);
        CHECK(r.out == memo_of("examples/referat.json"));
    }
}

TEST_CASE("profile data for Digital Post lands in the message; a case cannot change who sends", "[memo][cli]") {
    EnvVar fixed("SOURCE_DATE_EPOCH", epoch);
    const auto profile = temp_path("-afsender.json");
    json p = json::parse(slurp("examples/afsender-hedensted.json"));
    p["kle_emne"] = "32.18.00";
    p["kle_version"] = "KLE 2024";
    p["kle_titel"] = "Sygedagpenge i almindelighed";
    p["kontaktpunkt"] = "241d39f6-998e-4929-b198-ccacbbf4b330";
    p["kontaktpunkt_navn"] = "Team Fastholdelse";
    std::ofstream(profile) << p.dump();
    json c = json::parse(slurp("examples/information-arbejdsgiver.json"));
    c["afsender"] = {{"navn", "Jobcenter Hedensted, Vest"}, {"cvr", "12345674"}};
    const auto case_file = write_temp(c.dump(), ".json");
    const auto out = temp_path(".xml");
    const auto r = run_brevgen("render information-arbejdsgiver " + quote(case_file) + " --memo -o " + quote(out) +
                               " --sender " + quote(profile));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string xml = slurp(out);
    CHECK(memo_schema_errors(xml) == "");
    const MemoDoc m(xml);
    const std::string h = "memo:MessageHeader/";
    CHECK(m.at(h + "memo:Sender/memo:senderID") == "29189587");
    CHECK(m.at(h + "memo:Sender/memo:label") == "Jobcenter Hedensted, Vest");  // the letterhead's name
    CHECK(m.at(h + "memo:Sender/memo:ContactPoint/memo:contactPointID") == "241d39f6-998e-4929-b198-ccacbbf4b330");
    CHECK(m.at(h + "memo:Sender/memo:ContactPoint/memo:label") == "Team Fastholdelse");
    CHECK(m.at(h + "memo:ContentData/kle:KLEdata/kle:subjectKey") == "32.18.00");
    CHECK(m.at(h + "memo:ContentData/kle:KLEdata/kle:version") == "KLE 2024");
    CHECK(m.at(h + "memo:ContentData/memo:CaseID/memo:caseSystem") == "Momentum");
    CHECK(xml.find("12345674") == std::string::npos);
}

namespace {

/// The message with what follows the PDF's bytes (the content and the ids) blanked out.
std::string header_only(std::string xml) {
    static const std::regex varying("<memo:(content|messageUUID|reservationUUID)>[^<]*<");
    return std::regex_replace(without_content(std::move(xml)), varying, "<memo:$1>…<");
}

}  // namespace

// examples/memo/ holds one message per example case (scripts/render-examples.sh writes them;
// BREVGEN_UPDATE_EXAMPLES=1 rewrites them here). Everything but the PDF and the ids derived
// from it must match what brevgen writes now, so a change to a message's header shows up
// here; a change to a letter's layout alone does not make the examples stale.
TEST_CASE("the example messages are current", "[memo][cli]") {
    EnvVar fixed("SOURCE_DATE_EPOCH", epoch);
    const char* update_env = std::getenv("BREVGEN_UPDATE_EXAMPLES");
    const bool update = update_env != nullptr && std::string(update_env) == "1";
    std::size_t count = 0;
    for (const auto& file : case_files(".json")) {
        if (file.parent_path() != "examples") continue;
        INFO(file.string());
        const fs::path stored = fs::path("examples/memo") / (file.stem().string() + ".xml");
        const std::string xml = memo_of(file);
        REQUIRE(!xml.empty());
        if (update) std::ofstream(stored, std::ios::binary) << xml;
        REQUIRE(fs::exists(stored));
        const std::string kept = slurp(stored);
        CHECK(memo_schema_errors(kept) == "");
        CHECK(header_only(kept) == header_only(xml));
        ++count;
    }
    CHECK(count == 6);
    std::size_t files = 0;
    for (const auto& e : fs::directory_iterator("examples/memo")) files += e.path().extension() == ".xml";
    CHECK(files == count);  // no message without its case
}
