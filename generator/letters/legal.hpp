#pragma once
/// Legal references and deadlines from templates/legal.json: the one place that names
/// paragraphs and week counts, read by the domain computations and handed to the templates.

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace brevgen::letters {

/// The contents of legal.json. The numbers are the ones the code computes with; `texts`
/// holds every entry (numbers written as text) for the templates, in file order.
/// A default-constructed value has zero weeks on purpose: production code must load the file.
struct LegalRefs {
    int foerste_opfoelgning_uger = 0;     ///< first follow-up by the end of this sick-leave week
    int samtale_7a_uger = 0;              ///< the employer's § 7 a conversation
    int fast_track_uger = 0;              ///< last week in which Fast Track may be requested
    double delvis_fravaer_min_timer = 0;  ///< minimum weekly absence for partial benefit
    int optrapningsplan_max_uger = 0;     ///< longer ramp-up plans draw a warning
    std::vector<std::pair<std::string, std::string>> texts;

    /// The text of entry `key`, or nullptr.
    const std::string* find(std::string_view key) const;
};

/// Reads and checks a legal.json file. Throws std::runtime_error naming the file and the
/// problem (unreadable, malformed JSON, a missing or non-positive week count, a nested value).
/// With a `root`, a file that resolves outside it is refused unread; a file over `max_bytes`
/// is refused unread either way (io::read_confined).
LegalRefs load_legal(const std::filesystem::path& path, const std::filesystem::path& root = {},
                     std::size_t max_bytes = std::size_t{1} << 20);

/// Parses legal.json text; `source` names it in error messages.
LegalRefs parse_legal(std::string_view json_text, std::string_view source);

}  // namespace brevgen::letters
