// What the letters stage puts in a Digital Post message: the notification texts of every
// kind, the file name, and the sender profile's Digital Post fields.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "common/utf8.hpp"
#include "letters/message.hpp"
#include "letters/registry.hpp"

using namespace brevgen;
using namespace brevgen::test;

TEST_CASE("every kind's notification is short and says nothing about the person or health", "[memo]") {
    std::size_t kinds = 0;
    for (const auto& kind : letters::KindRegistry::built_in()->all()) {
        ++kinds;
        const auto& info = kind.info;
        // A notification for each recipient the kind has, none for one it never has.
        CHECK(info.notification_employee.empty() == !info.to_employee());
        CHECK(info.notification_employer.empty() == !info.to_employer());
        for (const std::string_view note : {info.notification_employee, info.notification_employer}) {
            INFO(info.name << ": " << note);
            if (note.empty()) continue;
            CHECK(utf8::length(note) <= 150);
            CHECK(note.find_first_of("0123456789@") == std::string_view::npos);
            for (const char* word : {"syg", "Syg", "helbred", "læge", "diagnose", "opfølgning", "fravær", "CPR"}) {
                CHECK(note.find(word) == std::string_view::npos);
            }
        }
        // "du" to the employee, "I" to the company
        if (info.to_employee()) CHECK(info.notification_employee.rfind("Du ", 0) == 0);
        if (info.to_employer()) CHECK(info.notification_employer.rfind("I ", 0) == 0);
        CHECK(info.digital_post_appointment == (info.name == "indkaldelse"));
    }
    CHECK(kinds == 5);
}

TEST_CASE("the PDF's file name in a message comes from the kind and a filename-safe journal number", "[memo]") {
    CHECK(letters::message_filename("referat", "2026-004711") == "referat-2026-004711.pdf");
    CHECK(letters::message_filename("referat", "2026/004 711") == "referat-2026-004-711.pdf");
    CHECK(letters::message_filename("referat", "../etc/passwd") == "referat-..-etc-passwd.pdf");
    CHECK(letters::message_filename("referat", "") == "referat.pdf");
    CHECK(letters::message_filename("referat", std::string(100, '7')) == "referat-" + std::string(64, '7') + ".pdf");
}

TEST_CASE("the sender profile's Digital Post fields are checked, naming the file and field", "[memo]") {
    const auto check = [](nlohmann::json fields) {
        const auto file = temp_path("-afsender.json");
        std::ofstream(file) << fields.dump();
        const auto profile = letters::SenderProfile::load(file);
        Diagnostic why;
        const auto sender = profile.message_sender(why);
        return sender ? std::string() : format_diagnostic(why).substr(file.string().size());
    };
    auto p = nlohmann::json::parse(slurp("examples/afsender-hedensted.json"));
    CHECK(check(p) == "");
    p["kle_emne"] = "32.18.00";
    CHECK(check(p) == ": error: /kle_version: a KLE subject needs the KLE version it is from");
    p["kle_version"] = "KLE 2024";
    CHECK(check(p) == ": error: /kle_titel: a KLE subject needs its title");
    p["kle_titel"] = "Sygedagpenge i almindelighed";
    CHECK(check(p) == "");
    p["kle_emne"] = "32.18";
    CHECK(check(p).find("/kle_emne: expected a KLE subject") != std::string::npos);
    p.erase("kle_emne");
    CHECK(check(p).find("/kle_emne") != std::string::npos);  // a version and title without a subject
    p.erase("kle_version");
    p.erase("kle_titel");
    p["kontaktpunkt_navn"] = "Team Fastholdelse";
    CHECK(check(p) == ": error: /kontaktpunkt: kontaktpunkt_navn needs the contact point's id");
    p["kontaktpunkt"] = "241d39f6-998e-4929-b198-ccacbbf4b330";
    CHECK(check(p) == "");
    p["sagssystem"] = std::string(257, 'x');
    CHECK(check(p) == ": error: /sagssystem: a Digital Post message allows at most 256 characters");
    p["sagssystem"] = "Momentum";
    p["cvr"] = "2918958";
    CHECK(check(p).find("/cvr: expected the municipality's CVR number") != std::string::npos);
}
