#pragma once
/// The sender profile: who the letters come from. A municipality sets it up once
/// (templates/afsender.json); a case may override single fields in /afsender.

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>

namespace brevgen::data {
struct Value;
}

namespace brevgen::letters {

/// Thrown when the profile file is missing or malformed; the message names the file.
struct SenderError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Sender fields: navn, enhed, adresse, postnummer, by, telefon, email, web, logo.
struct SenderProfile {
    std::map<std::string, std::string> fields;
    std::filesystem::path directory;  ///< where a relative logo file name is looked up

    /// Loads a profile file (JSON object of strings); throws SenderError.
    static SenderProfile load(const std::filesystem::path& file);

    /// The profile with the case's /afsender fields applied. A case may name a logo file
    /// only by its bare name in the profile's directory: case data never chooses a path.
    SenderProfile overridden_by(const data::Value* afsender) const;

    /// The field, or "" when absent.
    const std::string& get(const std::string& key) const;

    /// The logo's path, or "" when there is none.
    std::string logo_path() const;
};

}  // namespace brevgen::letters
