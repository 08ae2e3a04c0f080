#pragma once
/// The letter kinds: one record per kind holding everything brevgen knows about it, and the
/// registry of them an engine is given. The built-in kinds are defined in letters/kinds.cpp,
/// the only file that names them; everything else asks the registry.

#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.hpp"
#include "common/kind_info.hpp"
#include "data/read.hpp"
#include "data/schema.hpp"
#include "letters/legal.hpp"

namespace brevgen::letters {

/// The kind's own part of the view, after the parts every letter has: adds its keys to
/// `view` and its warnings for the sender (positioned at values of `root`) to `warnings`.
using EnrichHook =
    std::function<void(const data::Value& root, const LegalRefs& legal, nlohmann::json& view, Diagnostics& warnings)>;

/// Everything brevgen knows about one letter kind.
struct KindRecord {
    KindInfo info;                     ///< slug, title, description, recipients, Digital Post texts
    data::DocumentSpec fields;         ///< its case data: validation, JSON Schema, docs
    EnrichHook enrich;                 ///< its own view keys and warnings; may be empty
    std::string template_name;         ///< templates/<template_name>.xml; empty: the slug
    std::vector<std::string> samples;  ///< sample cases (JSON) whose views must fill every tag
};

/// The kinds an engine knows, in the order `brevgen kinds` lists them.
class KindRegistry {
public:
    /// The built-in kinds (letters/kinds.cpp), shared and never changed.
    static std::shared_ptr<const KindRegistry> built_in();

    KindRegistry() = default;
    explicit KindRegistry(std::vector<KindRecord> kinds);

    /// Adds a kind. Throws std::invalid_argument when the record is not usable: a slug
    /// that is taken or not [a-z0-9-]+, no title, a recipient without its
    /// notification, a notification over 150 characters, or an `either` kind whose fields
    /// have no /modtager choice.
    void add(KindRecord kind);

    /// The kind with this slug, or nullptr.
    const KindRecord* find(std::string_view slug) const;
    std::span<const KindRecord> all() const { return kinds_; }
    std::vector<std::string> slugs() const;

    /// The error for an unknown kind, naming the known ones (no position: it is not in the file).
    Diagnostic unknown(std::string_view slug) const;

    /// "information-medarbejder  Første brev til den sygemeldte medarbejder": one line per
    /// kind with the descriptions aligned, for `brevgen kinds`.
    std::string listing() const;

private:
    std::vector<KindRecord> kinds_;
};

/// What reading and validating a case gave: the normalised tree when there were no errors
/// (warnings may still be there), and every diagnostic, without file names. `malformed`:
/// the text was not well-formed JSON or XML (or crossed a reading limit), so there was no
/// tree to validate.
struct CaseResult {
    std::optional<data::Value> root;
    Diagnostics diagnostics;
    bool malformed = false;
    /// The tree as far as validation normalised it, when it was read but has errors (root
    /// is then empty): a front end that edits cases shows it with the errors.
    std::optional<data::Value> partial;
};

/// Reads (sniffing JSON or XML unless `format` is given) and validates one case of `kind`.
/// With `drawable`, printed fields are checked against the fonts too (data::validate).
CaseResult load_case(const KindRecord& kind, std::string_view text, std::optional<data::Format> format = std::nullopt,
                     const data::ReadLimits& limits = {}, const data::Drawable& drawable = {});

/// Validates a case tree already read (e.g. from a batch record) for `kind`, as load_case does.
CaseResult validate_case(const KindRecord& kind, data::Value root, const data::Drawable& drawable = {});

/// Whether this case's letter of `kind` goes to the employer (no CPR, no health data).
bool addressed_to_employer(const KindRecord& kind, const data::Value& root);

}  // namespace brevgen::letters
