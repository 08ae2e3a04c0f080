#include "letters/message.hpp"

#include "common/utf8.hpp"
#include "danish/calendar.hpp"

namespace brevgen::letters {

namespace {

constexpr std::size_t max_text = 256;

std::string text(const data::Value& root, std::string_view pointer) {
    const data::Value* v = root.at(pointer);
    return v && v->is_scalar() ? v->scalar : std::string();
}

SourcePos pos_of(const data::Value& root, std::string_view pointer) {
    const data::Value* v = root.at(pointer);
    return v ? v->pos : root.pos;
}

/// Checks one value that goes into the message as it is; the error names its case path.
void fits(MessageDraft& d, const data::Value& root, std::string_view pointer, const std::string& value) {
    if (utf8::length(value) > max_text) {
        d.errors.push_back(make_error(pos_of(root, pointer), std::string(pointer),
                                      "longer than the 256 characters a Digital Post message allows"));
    }
}

void missing(MessageDraft& d, const data::Value& root, std::string_view parent, std::string_view field,
             std::string_view recipient) {
    d.errors.push_back(make_error(pos_of(root, parent), std::string(parent),
                                  "a Digital Post message to the " + std::string(recipient) + " needs \"" +
                                      std::string(field) + "\""));
}

std::string digits_only(const std::string& s) {
    std::string out;
    for (const char c : s) {
        if (c >= '0' && c <= '9') out += c;
    }
    return out;
}

void add_recipient(MessageDraft& d, const data::Value& root, bool to_employer) {
    auto& r = d.input.recipient;
    if (to_employer) {
        r.id_type = memo::IdType::cvr;
        r.id = text(root, "/arbejdsgiver/cvr");
        r.label = text(root, "/arbejdsgiver/navn");
        r.attention_person = text(root, "/arbejdsgiver/kontaktperson/navn");
        if (r.id.empty()) missing(d, root, "/arbejdsgiver", "cvr", "employer");
        fits(d, root, "/arbejdsgiver/navn", r.label);
        fits(d, root, "/arbejdsgiver/kontaktperson/navn", r.attention_person);
        return;
    }
    r.id_type = memo::IdType::cpr;
    r.id = digits_only(text(root, "/medarbejder/cpr"));
    r.label = text(root, "/medarbejder/navn");
    if (r.id.empty()) missing(d, root, "/medarbejder", "cpr", "employee");
    fits(d, root, "/medarbejder/navn", r.label);
    // ContentData names the person the case is about; only the person themself sees it.
    d.input.cpr_number = r.id;
    d.input.cpr_name = r.label;
}

std::string meeting_place(const data::Value& root) {
    const std::string form = text(root, "/moede/form");
    if (form == "telefon") return "Telefonmøde";
    if (form == "video") return "Videomøde";
    std::string place;
    const std::string postal = text(root, "/moede/sted/postnummer") + " " + text(root, "/moede/sted/by");
    for (const std::string& part : {text(root, "/moede/sted/navn"), text(root, "/moede/sted/gade"), postal}) {
        if (part.empty() || part == " ") continue;
        place += (place.empty() ? "" : ", ") + part;
    }
    return place;
}

void add_appointment(MessageDraft& d, const data::Value& root) {
    const auto start = danish::parse_datetime(text(root, "/moede/start"));
    const auto end = danish::parse_datetime(text(root, "/moede/slut"));
    if (!start || !end) return;  // validation requires both for kinds with an appointment
    memo::Reservation v;
    v.description = "Opfølgningsmøde med jobcentret";
    v.abstract = "Opfølgningsmøde";
    v.location = meeting_place(root);
    v.start = *start;
    v.end = *end;
    v.organiser_name = text(root, "/konsulent/navn");
    v.organiser_mail = text(root, "/konsulent/email");
    fits(d, root, "/moede/sted", v.location);
    fits(d, root, "/konsulent/navn", v.organiser_name);
    fits(d, root, "/konsulent/email", v.organiser_mail);
    d.input.reservation = std::move(v);
}

}  // namespace

std::string message_filename(std::string_view kind, std::string_view journal) {
    std::string name(kind);
    std::string safe;
    for (const char c : journal.substr(0, 64)) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                        c == '_' || c == '-';
        safe += ok ? c : '-';
    }
    if (!safe.empty()) name += "-" + safe;
    return name + ".pdf";
}

MessageDraft draft_message(const KindRecord& kind, const data::Value& root, const SenderProfile& sender,
                           const MessageSender& digital) {
    MessageDraft d;
    auto& in = d.input;
    const KindInfo& info = kind.info;
    const bool to_employer = addressed_to_employer(kind, root);
    in.identity = info.name;
    in.label = info.digital_post_label;
    in.notification = to_employer ? info.notification_employer : info.notification_employee;
    // mandatory and legalNotification stay false: none of these letters is a decision
    // (afgørelse), and an ordinary message already counts as received once it is in the mailbox.
    in.sender.cvr = digital.cvr;
    in.sender.label = sender.get("navn");
    in.sender.contact_point_id = digital.contact_point;
    in.sender.contact_point_label = digital.contact_point_label;
    fits(d, root, "/afsender/navn", in.sender.label);
    add_recipient(d, root, to_employer);
    in.case_id = text(root, "/journalnummer");
    in.case_system = digital.case_system;
    fits(d, root, "/journalnummer", in.case_id);
    if (!digital.kle_subject.empty()) in.kle = memo::Kle{digital.kle_subject, digital.kle_version, digital.kle_title};
    in.filename = message_filename(info.name, in.case_id);
    if (info.digital_post_appointment) add_appointment(d, root);
    return d;
}

}  // namespace brevgen::letters
