// memo::write on its own: the MeMo 1.2 structure against the schema in tests/memo/, escaping,
// base64, the rules the writer refuses to break, and the content-derived ids.
#include <catch2/catch.hpp>

#include <set>

#include "memo/memo.hpp"
#include "memo/xml_out.hpp"
#include "memo_support.hpp"

using namespace brevgen;
using namespace brevgen::test;

namespace {

const std::string pdf_bytes = std::string("%PDF-1.4\n") + std::string("\0\x01\xff\xfe binary", 12) + "\n%%EOF\n";

memo::Input employee_input() {
    memo::Input in;
    in.label = "Indkaldelse til opfølgningsmøde";
    in.notification = "Du er indkaldt til et møde med jobcentret. Tid og sted står i brevet.";
    in.sender = {"29189714", "Jobcenter Favrskov", "", ""};
    in.recipient = {memo::IdType::cpr, "1203781234", "Jørgen Bøgh Åkesson", ""};
    in.case_id = "2026-004711";
    in.case_system = "Momentum";
    in.cpr_number = "1203781234";
    in.cpr_name = "Jørgen Bøgh Åkesson";
    in.pdf = pdf_bytes;
    in.filename = "indkaldelse-2026-004711.pdf";
    memo::Reservation r;
    r.description = "Opfølgningsmøde med jobcentret";
    r.abstract = "Opfølgningsmøde";
    r.location = "Industrivej 4, 8382 Hinnerup";
    r.start = {{2026, 11, 30}, 10, 0, 0};
    r.end = {{2026, 11, 30}, 11, 0, 0};
    r.organiser_name = "Anne-Mette Kjærgaard";
    r.organiser_mail = "amkj@favrskov.dk";
    in.reservation = r;
    in.created = 1795435200;  // 2026-11-23T12:00:00Z
    in.identity = "indkaldelse";
    return in;
}

memo::Input company_input() {
    memo::Input in = employee_input();
    in.recipient = {memo::IdType::cvr, "35184724", "Hinnerup Træ & Byg ApS", "Lone Højgaard"};
    in.cpr_number.clear();
    in.cpr_name.clear();
    return in;
}

std::string b64(std::string_view s) {
    std::string out;
    memo::detail::append_base64(out, s);
    return out;
}

bool has_error(const memo::Result& r, const std::string& element) {
    for (const auto& e : r.errors) {
        if (e.rfind(element + ":", 0) == 0) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("base64 follows RFC 4648 and decodes back", "[memo]") {
    CHECK(b64("") == "");
    CHECK(b64("f") == "Zg==");
    CHECK(b64("fo") == "Zm8=");
    CHECK(b64("foo") == "Zm9v");
    CHECK(b64("foob") == "Zm9vYg==");
    CHECK(b64("fooba") == "Zm9vYmE=");
    CHECK(b64("foobar") == "Zm9vYmFy");
    std::string all;
    for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
    for (std::size_t n = 0; n < all.size(); n += 37) CHECK(base64_decode(b64(all.substr(0, n))) == all.substr(0, n));
}

TEST_CASE("a message to the employee has the MeMo 1.2 elements in schema order", "[memo]") {
    const auto r = memo::write(employee_input());
    REQUIRE(r.errors.empty());
    CHECK(memo_schema_errors(r.xml) == "");
    CHECK(r.xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<memo:Message xmlns:memo=\"https://DigitalPost.dk/MeMo-1\"", 0) == 0);
    CHECK(r.xml.find("xmlns=") == std::string::npos);  // SF1601 rejects a default namespace
    CHECK(r.xml.find("memoVersion=\"1.2\"") != std::string::npos);
    MemoDoc m(r.xml);
    REQUIRE(m.ok);
    CHECK(m.at("memo:MessageHeader/memo:messageType") == "DIGITALPOST");
    CHECK(m.at("memo:MessageHeader/memo:messageUUID") == r.message_uuid);
    CHECK(m.at("memo:MessageHeader/memo:mandatory") == "false");
    CHECK(m.at("memo:MessageHeader/memo:legalNotification") == "false");
    CHECK(m.at("memo:MessageHeader/memo:Sender/memo:senderID") == "29189714");
    CHECK(m.at("memo:MessageHeader/memo:Sender/memo:idType") == "CVR");
    CHECK(m.at("memo:MessageHeader/memo:Recipient/memo:recipientID") == "1203781234");
    CHECK(m.at("memo:MessageHeader/memo:Recipient/memo:idType") == "CPR");
    CHECK(m.at("memo:MessageHeader/memo:ContentData/grd:CPRdata/grd:cprNumber") == "1203781234");
    CHECK(m.at("memo:MessageHeader/memo:ContentData/memo:CaseID/memo:caseID") == "2026-004711");
    CHECK(m.at("memo:MessageHeader/memo:ContentData/memo:CaseID/memo:caseSystem") == "Momentum");
    CHECK(m.at("memo:MessageBody/memo:createdDateTime") == "2026-11-23T12:00:00Z");
    CHECK(m.at("memo:MessageBody/memo:MainDocument/memo:File/memo:encodingFormat") == "application/pdf");
    CHECK(m.at("memo:MessageBody/memo:MainDocument/memo:File/memo:language") == "da");
    CHECK(base64_decode(m.at("memo:MessageBody/memo:MainDocument/memo:File/memo:content")) == pdf_bytes);
    const std::string res = "memo:MessageBody/memo:MainDocument/memo:Action/";
    CHECK(m.at(res + "memo:actionCode") == "AFTALE");
    CHECK(m.at(res + "memo:Reservation/memo:startDateTime") == "2026-11-30T09:00:00Z");
    CHECK(m.at(res + "memo:Reservation/memo:endDateTime") == "2026-11-30T10:00:00Z");
    CHECK(m.at(res + "memo:Reservation/memo:organizerName") == "Anne-Mette Kjærgaard");

    // Every element is in the memo, grd or kle namespace, with its prefix.
    std::vector<std::string> names;
    struct Walker : pugi::xml_tree_walker {
        std::vector<std::string>* names;
        bool for_each(pugi::xml_node& n) override {
            if (n.type() == pugi::node_element) names->push_back(n.name());
            return true;
        }
    } walker;
    walker.names = &names;
    m.doc.traverse(walker);
    for (const auto& n : names) {
        INFO(n);
        CHECK((n.rfind("memo:", 0) == 0 || n.rfind("grd:", 0) == 0 || n.rfind("kle:", 0) == 0));
    }
}

TEST_CASE("the schema catches elements out of order or missing", "[memo]") {
    const auto r = memo::write(employee_input());
    REQUIRE(r.errors.empty());
    std::string swapped = r.xml;  // legalNotification before mandatory
    const auto a = swapped.find("    <memo:mandatory>false</memo:mandatory>\n");
    REQUIRE(a != std::string::npos);
    swapped.erase(a, std::string("    <memo:mandatory>false</memo:mandatory>\n").size());
    const auto b = swapped.find("    <memo:Sender>");
    swapped.insert(b, "    <memo:mandatory>false</memo:mandatory>\n");
    CHECK(memo_schema_errors(swapped) != "");
    std::string missing = r.xml;
    const auto c = missing.find("<memo:label>");
    missing.erase(c, missing.find("\n", c) - c);
    CHECK(memo_schema_errors(missing) != "");
    std::string defaulted = r.xml;  // a default namespace instead of the prefix
    defaulted.replace(defaulted.find("<memo:Message xmlns:memo="), 25, "<memo:Message xmlns=");
    CHECK(memo_schema_errors(defaulted) != "");
}

TEST_CASE("a message to a company goes to its CVR number with the contact as attention", "[memo]") {
    const auto r = memo::write(company_input());
    REQUIRE(r.errors.empty());
    CHECK(memo_schema_errors(r.xml) == "");
    const MemoDoc m(r.xml);
    CHECK(m.at("memo:MessageHeader/memo:Recipient/memo:recipientID") == "35184724");
    CHECK(m.at("memo:MessageHeader/memo:Recipient/memo:idType") == "CVR");
    CHECK(m.at("memo:MessageHeader/memo:Recipient/memo:label") == "Hinnerup Træ & Byg ApS");
    CHECK(m.at("memo:MessageHeader/memo:Recipient/memo:AttentionData/memo:AttentionPerson/memo:label") ==
          "Lone Højgaard");
    CHECK_FALSE(m.has("memo:MessageHeader/memo:ContentData/grd:CPRdata"));
    CHECK(r.xml.find("Træ &amp; Byg") != std::string::npos);
    CHECK(cpr_like(without_content(r.xml)).empty());
}

TEST_CASE("text is escaped and optional profile data lands in its place", "[memo]") {
    auto in = employee_input();
    in.label = "A & B <tag> \"quoted\" ]]> 'single'";
    in.sender.contact_point_id = "241d39f6-998e-4929-b198-ccacbbf4b330";
    in.sender.contact_point_label = "Team <Fastholdelse>";
    in.kle = memo::Kle{"32.18.00", "KLE 2024", "Sygedagpenge i almindelighed"};
    const auto r = memo::write(in);
    REQUIRE(r.errors.empty());
    CHECK(memo_schema_errors(r.xml) == "");
    CHECK(r.xml.find("]]>") == std::string::npos);
    const MemoDoc m(r.xml);
    CHECK(m.at("memo:MessageHeader/memo:label") == in.label);
    CHECK(m.at("memo:MessageHeader/memo:Sender/memo:ContactPoint/memo:contactPointID") == in.sender.contact_point_id);
    CHECK(m.at("memo:MessageHeader/memo:Sender/memo:ContactPoint/memo:label") == "Team <Fastholdelse>");
    CHECK(m.at("memo:MessageHeader/memo:ContentData/kle:KLEdata/kle:subjectKey") == "32.18.00");
    CHECK(m.at("memo:MessageHeader/memo:ContentData/kle:KLEdata/kle:label") == "Sygedagpenge i almindelighed");
}

TEST_CASE("the writer refuses a message that breaks a rule it knows", "[memo]") {
    SECTION("a notification over 150 characters") {
        auto in = employee_input();
        in.notification = std::string(151, 'a');
        const auto r = memo::write(in);
        CHECK(r.xml.empty());
        CHECK(has_error(r, "memo:notification"));
        in.notification = std::string(150, 'a');
        CHECK(memo::write(in).errors.empty());
        std::string danish;  // 150 characters of two bytes each are 150 characters, not 300
        for (int i = 0; i < 150; ++i) danish += "ø";
        in.notification = danish;
        CHECK(memo::write(in).errors.empty());
    }
    SECTION("a label over 256 characters, or none") {
        auto in = employee_input();
        in.label = std::string(257, 'x');
        CHECK(has_error(memo::write(in), "memo:MessageHeader/memo:label"));
        in.label.clear();
        CHECK(has_error(memo::write(in), "memo:MessageHeader/memo:label"));
    }
    SECTION("identifiers of the wrong shape, never echoed") {
        auto in = employee_input();
        in.recipient.id = "120378-1234";
        in.cpr_number = "120378123";
        const auto r = memo::write(in);
        CHECK(has_error(r, "memo:Recipient/memo:recipientID"));
        CHECK(has_error(r, "grd:CPRdata/grd:cprNumber"));
        for (const auto& e : r.errors) CHECK(e.find("1203781") == std::string::npos);
        in = company_input();
        in.recipient.id = "1203781234";  // ten digits to a company: a CPR number in disguise
        CHECK(has_error(memo::write(in), "memo:Recipient/memo:recipientID"));
        in = employee_input();
        in.sender.cvr = "2918971";
        CHECK(has_error(memo::write(in), "memo:Sender/memo:senderID"));
    }
    SECTION("CPR data in a message to a company") {
        auto in = company_input();
        in.cpr_number = "1203781234";
        const auto r = memo::write(in);
        CHECK(r.xml.empty());
        CHECK(has_error(r, "grd:CPRdata"));
    }
    SECTION("text XML cannot carry") {
        auto in = employee_input();
        in.recipient.label = std::string("Jørgen\x01", 8);
        CHECK(has_error(memo::write(in), "memo:Recipient/memo:label"));
        in = employee_input();
        in.case_id = "\xC3\x28";
        CHECK(has_error(memo::write(in), "memo:CaseID/memo:caseID"));
    }
    SECTION("an appointment that ends before it starts, or a bad KLE subject") {
        auto in = employee_input();
        in.reservation->end = in.reservation->start;
        CHECK(has_error(memo::write(in), "memo:Reservation/memo:endDateTime"));
        in = employee_input();
        in.kle = memo::Kle{"32.18", "KLE 2024", "x"};
        CHECK(has_error(memo::write(in), "kle:KLEdata/kle:subjectKey"));
        in.kle = memo::Kle{"32.18.00", "", ""};
        const auto r = memo::write(in);
        CHECK(has_error(r, "kle:KLEdata/kle:version"));
        CHECK(has_error(r, "kle:KLEdata/kle:label"));
    }
    SECTION("content that is not a PDF, a time out of range") {
        auto in = employee_input();
        in.pdf = "<html>";
        CHECK(has_error(memo::write(in), "memo:File/memo:content"));
        in = employee_input();
        in.created = -1;
        CHECK(has_error(memo::write(in), "memo:createdDateTime"));
    }
}

TEST_CASE("ids are UUID-v4-shaped and follow the content, not the clock", "[memo]") {
    const auto base = memo::write(employee_input());
    REQUIRE(base.errors.empty());
    const MemoDoc m(base.xml);
    const std::string reservation =
        m.at("memo:MessageBody/memo:MainDocument/memo:Action/memo:Reservation/memo:reservationUUID");
    CHECK(is_uuid_v4_form(base.message_uuid));
    CHECK(is_uuid_v4_form(reservation));
    CHECK(reservation != base.message_uuid);

    auto later = employee_input();
    later.created += 86400;
    const auto again = memo::write(later);
    CHECK(again.message_uuid == base.message_uuid);
    CHECK(again.xml != base.xml);
    CHECK(memo::write(employee_input()).xml == base.xml);

    std::set<std::string> ids{base.message_uuid};
    const auto differs = [&](memo::Input in) {
        const auto r = memo::write(in);
        REQUIRE(r.errors.empty());
        CHECK(is_uuid_v4_form(r.message_uuid));
        CHECK(ids.insert(r.message_uuid).second);
    };
    std::string other_pdf = pdf_bytes;
    other_pdf[10] ^= 1;
    auto in = employee_input();
    in.pdf = other_pdf;
    differs(in);
    differs(company_input());
    in = employee_input();
    in.identity = "referat";
    differs(in);
    in = employee_input();
    in.reservation->start.hour = 9;
    differs(in);
    in = employee_input();
    in.notification = "Du har fået post.";
    differs(in);
    in = employee_input();  // moving text between fields is a change too
    in.case_id = "2026-00471";
    in.case_system = "1Momentum";
    differs(in);
}
