#pragma once
/// Digital Post messages: a plain description of one message → MeMo 1.2 XML bytes (the
/// format SF1601 KombiPostAfsend takes; facts in docs/digital-post.md). Every element
/// carries the `memo:` prefix (no default namespace), in the order the MeMo schema sets.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "danish/calendar.hpp"

namespace brevgen::memo {

/// How a sender or recipient is identified.
enum class IdType : std::uint8_t { cpr, cvr };

/// The authority that sends.
struct Sender {
    std::string cvr;                  ///< 8 digits
    std::string label;                ///< the name the recipient sees
    std::string contact_point_id;     ///< optional: Digital Post contact point for replies
    std::string contact_point_label;  ///< optional, only with an id
};

/// Who receives: a person by CPR number or a company by CVR number.
struct Recipient {
    IdType id_type = IdType::cpr;
    std::string id;                ///< 10 digits (CPR) or 8 digits (CVR), no dash
    std::string label;             ///< optional: the name
    std::string attention_person;  ///< optional: for a company, the person it is meant for
};

/// A KLE subject classifying the message (kle:KLEdata).
struct Kle {
    std::string subject_key;  ///< "NN.NN.NN"
    std::string version;
    std::string label;        ///< the subject's title
};

/// An appointment the recipient can put in a calendar (an AFTALE action).
struct Reservation {
    std::string description;
    std::string abstract;
    std::string location;
    danish::DateTime start;  ///< Danish local time; written in UTC
    danish::DateTime end;    ///< Danish local time; written in UTC
    std::string organiser_name;  ///< optional
    std::string organiser_mail;  ///< optional
};

/// One message: header, content data and the PDF it carries.
struct Input {
    std::string label;         ///< the subject the recipient sees (the letter's title)
    std::string notification;  ///< the e-mail/SMS alert text; no names, no CPR, no health
    bool mandatory = false;           ///< memo:mandatory
    bool legal_notification = false;  ///< memo:legalNotification
    Sender sender;
    Recipient recipient;
    std::string case_id;       ///< the journal number (memo:CaseID)
    std::string case_system;   ///< the case system's name
    std::optional<Kle> kle;
    std::string cpr_number;    ///< optional grd:CPRdata (10 digits); never to a company
    std::string cpr_name;      ///< optional name beside it
    std::string_view pdf;      ///< the letter (borrowed: must outlive write())
    std::string filename;      ///< the PDF's file name
    std::optional<Reservation> reservation;
    std::int64_t created = 0;  ///< createdDateTime: seconds since 1970-01-01T00:00Z
    /// Extra text the ids are derived from besides the content (the letter kind); not written.
    std::string identity;
};

/// The message, or every rule it broke (then `xml` is empty).
struct Result {
    std::string xml;
    std::vector<std::string> errors;  ///< "memo:Recipient/memo:recipientID: …"; never echo a CPR number
    std::string message_uuid;
};

/// Writes the MeMo 1.2 message. The ids come from the content (SHA-256 of everything
/// written except createdDateTime, plus `identity`), in UUID version 4 form: the same
/// input gives the same ids, any change gives new ones.
Result write(const Input& input);

}  // namespace brevgen::memo
