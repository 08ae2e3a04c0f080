#pragma once
/// The process environment brevgen reads, read once (Environment::from_process(), called
/// by the command line's main) and handed down as a value: no other code calls getenv, so
/// a test or an embedding program sets the same things without touching the process.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace brevgen {

/// Settings that come from environment variables; empty members mean "not set" (an empty
/// variable counts as unset, except SOURCE_DATE_EPOCH, which must then be valid).
struct Environment {
    std::filesystem::path templates_dir;   ///< BREVGEN_TEMPLATES: the letter templates
    std::filesystem::path fonts_dir;       ///< BREVGEN_FONTS: the letter fonts
    std::filesystem::path hyphen_dict;     ///< BREVGEN_HYPHEN_DICT: a libhyphen dictionary
    /// SOURCE_DATE_EPOCH (seconds since 1970, UTC): the time to write where a format needs
    /// a creation time, so that two runs give the same bytes (reproducible builds' rule).
    std::optional<std::int64_t> source_date_epoch;
    /// Why SOURCE_DATE_EPOCH is unusable (set, but not decimal seconds); empty when fine.
    std::string source_date_epoch_error;

    /// Reads the variables above from the running process.
    static Environment from_process();
};

}  // namespace brevgen
