// memo::write: checks the rules MeMo 1.2 states (lengths, identifiers, times, which data a
// message to a company may carry), derives the ids, and writes the elements in schema order.

#include <cstdio>

#include "common/sha256.hpp"
#include "common/utf8.hpp"
#include "memo/memo.hpp"
#include "memo/xml_out.hpp"

namespace brevgen::memo {
namespace {

constexpr std::size_t max_text = 256;          // most MeMo strings
constexpr std::size_t max_notification = 150;  // memo:notification
constexpr std::int64_t last_second = 253402300799;  // 9999-12-31T23:59:59Z

/// Collects every broken rule, each naming the element it is about.
class Rules {
public:
    explicit Rules(std::vector<std::string>& errors) : errors_(errors) {}

    void fail(std::string_view element, std::string_view what) {
        errors_.push_back(std::string(element) + ": " + std::string(what));
    }

    /// A string MeMo limits to `max` characters; `required` ones must not be empty.
    void text(std::string_view element, std::string_view value, bool required, std::size_t max = max_text) {
        if (value.empty()) {
            if (required) fail(element, "is required");
            return;
        }
        if (utf8::find_invalid(value)) return fail(element, "is not valid UTF-8");
        for (const char c : value) {
            const auto u = static_cast<unsigned char>(c);
            if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return fail(element, "contains a control character XML cannot carry");
            }
        }
        const std::size_t n = utf8::length(value);
        if (n > max) {
            fail(element, "has " + std::to_string(n) + " characters; MeMo allows at most " + std::to_string(max));
        }
    }

    /// Exactly `n` ASCII digits. The value is never repeated: it may be a CPR number.
    void digits(std::string_view element, std::string_view value, std::size_t n, std::string_view what) {
        bool ok = value.size() == n;
        for (const char c : value) ok = ok && c >= '0' && c <= '9';
        if (!ok) fail(element, "must be " + std::string(what) + " (" + std::to_string(n) + " digits, no dash)");
    }

    void datetime(std::string_view element, const danish::DateTime& t) {
        const bool ok = danish::make_date(t.date.year, t.date.month, t.date.day) && t.date.year >= 1 &&
                        t.date.year <= 9998 && t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59 &&
                        t.second >= 0 && t.second <= 59;
        if (!ok) fail(element, "is not a valid date and time");
    }

private:
    std::vector<std::string>& errors_;
};

bool is_subject_key(std::string_view k) {
    if (k.size() != 8 || k[2] != '.' || k[5] != '.') return false;
    for (const std::size_t i : {0, 1, 3, 4, 6, 7}) {
        if (k[i] < '0' || k[i] > '9') return false;
    }
    return true;
}

void check(const Input& in, Rules& r) {
    r.text("memo:MessageHeader/memo:label", in.label, true);
    r.text("memo:notification", in.notification, false, max_notification);
    r.digits("memo:Sender/memo:senderID", in.sender.cvr, 8, "a CVR number");
    r.text("memo:Sender/memo:label", in.sender.label, true);
    r.text("memo:Sender/memo:ContactPoint/memo:contactPointID", in.sender.contact_point_id, false);
    r.text("memo:Sender/memo:ContactPoint/memo:label", in.sender.contact_point_label, false);
    if (in.sender.contact_point_id.empty() && !in.sender.contact_point_label.empty()) {
        r.fail("memo:Sender/memo:ContactPoint", "a label needs a contactPointID");
    }
    const bool to_company = in.recipient.id_type == IdType::cvr;
    if (to_company) {
        r.digits("memo:Recipient/memo:recipientID", in.recipient.id, 8, "a CVR number");
    } else {
        r.digits("memo:Recipient/memo:recipientID", in.recipient.id, 10, "a CPR number");
    }
    r.text("memo:Recipient/memo:label", in.recipient.label, false);
    r.text("memo:Recipient/memo:AttentionData/memo:AttentionPerson/memo:label", in.recipient.attention_person, false);
    if (!in.cpr_number.empty() || !in.cpr_name.empty()) {
        // A company never receives a person's CPR number, whatever the caller asks for.
        if (to_company) r.fail("grd:CPRdata", "a message to a company (CVR) carries no CPR number");
        r.digits("grd:CPRdata/grd:cprNumber", in.cpr_number, 10, "a CPR number");
        r.text("grd:CPRdata/grd:name", in.cpr_name, false);
    }
    r.text("memo:CaseID/memo:caseID", in.case_id, true);
    r.text("memo:CaseID/memo:caseSystem", in.case_system, true);
    if (in.kle) {
        if (!is_subject_key(in.kle->subject_key)) r.fail("kle:KLEdata/kle:subjectKey", "must look like 32.18.00");
        r.text("kle:KLEdata/kle:version", in.kle->version, true);
        r.text("kle:KLEdata/kle:label", in.kle->label, true);
    }
    if (in.pdf.rfind("%PDF-", 0) != 0) r.fail("memo:File/memo:content", "is not a PDF");
    r.text("memo:File/memo:filename", in.filename, true);
    if (in.reservation) {
        const auto& v = *in.reservation;
        r.text("memo:Reservation/memo:description", v.description, true);
        r.text("memo:Reservation/memo:abstract", v.abstract, true);
        r.text("memo:Reservation/memo:location", v.location, true);
        r.text("memo:Reservation/memo:organizerMail", v.organiser_mail, false);
        r.text("memo:Reservation/memo:organizerName", v.organiser_name, false);
        r.datetime("memo:Reservation/memo:startDateTime", v.start);
        r.datetime("memo:Reservation/memo:endDateTime", v.end);
        if (!(v.start < v.end)) r.fail("memo:Reservation/memo:endDateTime", "must come after the start");
    }
    if (in.created < 0 || in.created > last_second) r.fail("memo:createdDateTime", "is out of range");
}

std::string utc_text(const danish::DateTime& t) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", t.date.year, t.date.month, t.date.day, t.hour,
                  t.minute, t.second);
    return buf;
}

/// UUID version 4 layout over the first 16 bytes of a digest: 8-4-4-4-12 lowercase hex,
/// the version nibble 4 and the variant bits 10.
std::string uuid_form(Sha256Digest d) {
    d[6] = static_cast<std::uint8_t>((d[6] & 0x0F) | 0x40);
    d[8] = static_cast<std::uint8_t>((d[8] & 0x3F) | 0x80);
    const std::string hex = to_hex(d);
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
           hex.substr(20, 12);
}

/// The digest of everything the message says except its creation time. Each field is
/// length-prefixed, so moving text from one field to the next changes the digest too.
Sha256Digest content_digest(const Input& in, const std::string& start, const std::string& end) {
    Sha256 h;
    const auto field = [&h](std::string_view v) { h.update(std::to_string(v.size())).update(":").update(v); };
    field("brevgen MeMo 1.2 message");
    for (const std::string* s : {&in.identity, &in.label, &in.notification, &in.sender.cvr, &in.sender.label,
                                 &in.sender.contact_point_id, &in.sender.contact_point_label, &in.recipient.id,
                                 &in.recipient.label, &in.recipient.attention_person, &in.case_id, &in.case_system,
                                 &in.cpr_number, &in.cpr_name, &in.filename}) {
        field(*s);
    }
    field(in.recipient.id_type == IdType::cpr ? "CPR" : "CVR");
    field(in.mandatory ? "mandatory" : "-");
    field(in.legal_notification ? "legal" : "-");
    if (in.kle) {
        for (const std::string* s : {&in.kle->subject_key, &in.kle->version, &in.kle->label}) field(*s);
    }
    if (in.reservation) {
        const auto& v = *in.reservation;
        for (const std::string* s : {&v.description, &v.abstract, &v.location, &v.organiser_name, &v.organiser_mail,
                                     &start, &end}) {
            field(*s);
        }
    }
    field(in.pdf);
    return h.finish();
}

void write_sender(detail::XmlOut& x, const Sender& s) {
    x.open("memo:Sender");
    x.leaf("memo:senderID", s.cvr);
    x.leaf("memo:idType", "CVR");
    x.leaf("memo:label", s.label);
    if (!s.contact_point_id.empty()) {
        x.open("memo:ContactPoint");
        x.leaf("memo:contactPointID", s.contact_point_id);
        x.optional_leaf("memo:label", s.contact_point_label);
        x.close("memo:ContactPoint");
    }
    x.close("memo:Sender");
}

void write_recipient(detail::XmlOut& x, const Recipient& r) {
    x.open("memo:Recipient");
    x.leaf("memo:recipientID", r.id);
    x.leaf("memo:idType", r.id_type == IdType::cpr ? "CPR" : "CVR");
    x.optional_leaf("memo:label", r.label);
    if (!r.attention_person.empty()) {
        x.open("memo:AttentionData");
        x.open("memo:AttentionPerson");
        x.leaf("memo:label", r.attention_person);
        x.close("memo:AttentionPerson");
        x.close("memo:AttentionData");
    }
    x.close("memo:Recipient");
}

void write_content_data(detail::XmlOut& x, const Input& in) {
    x.open("memo:ContentData");
    if (!in.cpr_number.empty()) {
        x.open("grd:CPRdata");
        x.leaf("grd:cprNumber", in.cpr_number);
        x.optional_leaf("grd:name", in.cpr_name);
        x.close("grd:CPRdata");
    }
    x.open("memo:CaseID");
    x.leaf("memo:caseID", in.case_id);
    x.leaf("memo:caseSystem", in.case_system);
    x.close("memo:CaseID");
    if (in.kle) {
        x.open("kle:KLEdata");
        x.leaf("kle:subjectKey", in.kle->subject_key);
        x.leaf("kle:version", in.kle->version);
        x.leaf("kle:label", in.kle->label);
        x.close("kle:KLEdata");
    }
    x.close("memo:ContentData");
}

void write_appointment(detail::XmlOut& x, const Reservation& v, const std::string& uuid, const std::string& start,
                       const std::string& end) {
    x.open("memo:Action");
    x.leaf("memo:label", "Opret aftale i kalender");
    x.leaf("memo:actionCode", "AFTALE");
    x.open("memo:Reservation");
    x.leaf("memo:description", v.description);
    x.leaf("memo:reservationUUID", uuid);
    x.leaf("memo:abstract", v.abstract);
    x.leaf("memo:location", v.location);
    x.leaf("memo:startDateTime", start);
    x.leaf("memo:endDateTime", end);
    x.optional_leaf("memo:organizerMail", v.organiser_mail);
    x.optional_leaf("memo:organizerName", v.organiser_name);
    x.close("memo:Reservation");
    x.close("memo:Action");
}

}  // namespace

Result write(const Input& in) {
    Result result;
    Rules rules(result.errors);
    check(in, rules);
    if (!result.errors.empty()) return result;

    std::string start, end;
    if (in.reservation) {
        start = utc_text(danish::danish_to_utc(in.reservation->start));
        end = utc_text(danish::danish_to_utc(in.reservation->end));
    }
    const Sha256Digest digest = content_digest(in, start, end);
    result.message_uuid = uuid_form(digest);

    std::string& out = result.xml;
    out.reserve(in.pdf.size() / 3 * 4 + 4096);
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<memo:Message xmlns:memo=\"https://DigitalPost.dk/MeMo-1\" xmlns:grd=\"https://data.gov.dk/model/core/\" "
           "xmlns:kle=\"http://kle-online.dk/\" memoVersion=\"1.2\">\n";
    detail::XmlOut x(out);
    x.open("memo:MessageHeader");
    x.leaf("memo:messageType", "DIGITALPOST");
    x.leaf("memo:messageUUID", result.message_uuid);
    x.leaf("memo:label", in.label);
    x.optional_leaf("memo:notification", in.notification);
    x.leaf("memo:mandatory", in.mandatory ? "true" : "false");
    x.leaf("memo:legalNotification", in.legal_notification ? "true" : "false");
    write_sender(x, in.sender);
    write_recipient(x, in.recipient);
    write_content_data(x, in);
    x.close("memo:MessageHeader");

    x.open("memo:MessageBody");
    x.leaf("memo:createdDateTime", utc_text(danish::from_unix_seconds(in.created)));
    x.open("memo:MainDocument");
    x.leaf("memo:label", in.label);
    x.open("memo:File");
    x.leaf("memo:encodingFormat", "application/pdf");
    x.leaf("memo:filename", in.filename);
    x.leaf("memo:language", "da");
    x.base64_leaf("memo:content", in.pdf);
    x.close("memo:File");
    if (in.reservation) {
        const Sha256Digest reservation = Sha256().update("reservation:").update(to_hex(digest)).finish();
        write_appointment(x, *in.reservation, uuid_form(reservation), start, end);
    }
    x.close("memo:MainDocument");
    x.close("memo:MessageBody");
    out += "</memo:Message>\n";
    return result;
}

}  // namespace brevgen::memo
