#pragma once
/// The five letter kinds and the case data each needs (docs/case-data.md, "Per kind"),
/// as field descriptions the generic engine in data/schema.hpp checks and publishes.

#include <span>
#include <string_view>

#include "data/read.hpp"
#include "data/schema.hpp"

namespace brevgen::letters {

/// Every letter kind, in the order `brevgen kinds` lists them.
std::span<const data::KindSpec> kinds();

/// The kind with this slug, or nullptr.
const data::KindSpec* find_kind(std::string_view slug);

/// The error for an unknown kind, naming the known ones (no position: it is not in the file).
Diagnostic unknown_kind_error(std::string_view slug);

/// "information-medarbejder  Første brev til den sygemeldte medarbejder": one line per
/// kind with the descriptions aligned, for `brevgen kinds`.
std::string kinds_listing();

/// What reading and validating a case gave: the normalised tree when there were no errors
/// (warnings may still be there), and every diagnostic, without file names.
struct CaseResult {
    std::optional<data::Value> root;
    Diagnostics diagnostics;
    /// The tree as far as validation normalised it, when it was read but has errors (root
    /// is then empty): a front end that edits cases shows it with the errors.
    std::optional<data::Value> partial;
};

/// Reads (sniffing JSON or XML unless `format` is given) and validates one case for the
/// kind `slug`: the one call the CLI, batch and server need before enrichment. With
/// `drawable`, printed fields are checked against the fonts too (data::validate).
CaseResult load_case(std::string_view slug, std::string_view text,
                     std::optional<data::Format> format = std::nullopt,
                     const data::ReadLimits& limits = {}, const data::Drawable& drawable = {});

}  // namespace brevgen::letters
