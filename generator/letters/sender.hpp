#pragma once
/// The sender profile: who the letters come from. A municipality sets it up once
/// (templates/afsender.json); a case may override single fields in /afsender.

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include "common/diagnostic.hpp"

namespace brevgen::data {
struct Value;
}

namespace brevgen::letters {

/// Thrown when the profile file is missing or malformed; the message names the file.
struct SenderError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// What a Digital Post message needs from the profile besides the name (profile fields
/// cvr, sagssystem, kle_emne, kle_version, kle_titel, kontaktpunkt, kontaktpunkt_navn).
struct MessageSender {
    std::string cvr;          ///< the authority's CVR number (8 digits)
    std::string case_system;  ///< the case system's name (memo:caseSystem)
    std::string kle_subject;  ///< optional KLE subject "NN.NN.NN"; then version and title too
    std::string kle_version;
    std::string kle_title;
    std::string contact_point;        ///< optional Digital Post contact point id
    std::string contact_point_label;  ///< optional, only with an id
};

/// Where the print service's window envelope shows the address, in mm from the top-left
/// corner of the page (the profile's "adressefelt"; docs/paper.md).
struct AddressField {
    double venstre = 20;
    double top = 45;
    double hoejre = 105;
    double bund = 74;
};

/// Sender fields: navn, enhed, adresse, postnummer, by, telefon, email, web, logo; for
/// Digital Post the fields MessageSender lists; and the envelope window, which only the
/// profile sets (a case cannot move it).
struct SenderProfile {
    std::map<std::string, std::string> fields;
    AddressField adressefelt;
    std::filesystem::path directory;  ///< where a relative logo file name is looked up
    std::filesystem::path file;       ///< the profile file, for messages about it

    /// Loads a profile file (a JSON object of strings, and the "adressefelt" object of
    /// numbers); throws SenderError. With a `root` (the templates directory, when the profile
    /// is the one found there), a file that resolves outside it is refused unread; a file
    /// over 1 MiB, or not a regular file, is refused unread either way (io::read_confined).
    static SenderProfile load(const std::filesystem::path& file, const std::filesystem::path& root = {});

    /// The profile with the case's /afsender fields applied. A case may name a logo file
    /// only by its bare name in the profile's directory: case data never chooses a path.
    SenderProfile overridden_by(const data::Value* afsender) const;

    /// The field, or "" when absent.
    const std::string& get(const std::string& key) const;

    /// The logo's path, or "" when there is none.
    std::string logo_path() const;

    /// The Digital Post fields, checked, or nullopt with `why` (the profile file, the field's
    /// path and what is wrong). Only the profile's own values count: a case's /afsender
    /// never chooses who sends.
    std::optional<MessageSender> message_sender(Diagnostic& why) const;
};

}  // namespace brevgen::letters
