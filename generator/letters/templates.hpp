#pragma once
/// Letter templates: loaded and checked once per process (shared, read-only), merged with
/// a view per letter by a per-thread Merger.

#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/diagnostic.hpp"

namespace brevgen::letters {

/// Thrown when templates cannot be loaded; what() holds one `FILE:LINE: error: …` per line.
struct TemplateError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Bounds on a templates directory (docs/limits.md). A municipality's own copy is trusted
/// to hold templates, not to be small, acyclic or free of links to elsewhere.
struct TemplateLimits {
    std::size_t max_file_bytes = std::size_t{256} << 10;      ///< one template or partial file
    std::size_t max_expanded_bytes = std::size_t{512} << 10;  ///< a kind's template, partials expanded
    std::size_t max_partial_depth = 8;                        ///< partials inside partials
    std::size_t max_inclusions = 256;                         ///< partial tags expanded for one kind
    std::size_t max_section_depth = 16;                       ///< {{#…}} sections inside sections
};

/// The letter templates (one per kind, named by the kind's record), with partials
/// expanded, checked for syntax.
class TemplateSet {
public:
    /// Loads `dir/<name>.xml` for each name and, from `dir/partials/`, the partials those
    /// use (and only those). Every file must resolve inside `dir`; throws TemplateError
    /// (at the first include cycle or crossed limit, with that one error). Of `present`
    /// (other kinds' templates, for a one-letter command) only that each file can be read
    /// is checked, so an installation missing one still stops at the start.
    static std::shared_ptr<const TemplateSet> load(const std::filesystem::path& dir,
                                                   const std::vector<std::string>& names,
                                                   const TemplateLimits& limits = {},
                                                   const std::vector<std::string>& present = {});

    /// The expanded text of template `name` (nullptr for an unknown one).
    const std::string* source(const std::string& name) const;
    const std::filesystem::path& directory() const { return dir_; }
    const std::vector<std::string>& names() const { return names_; }

    /// The files template `name` is made of, relative to the directory: "<name>.xml", then
    /// each partial it uses ("partials/letterhead.xml"), in the order first used.
    std::vector<std::string> files(const std::string& name) const;

    /// The file and line a variable tag `{{tag}}` is first written at, for messages.
    std::string locate(const std::string& name, const std::string& tag) const;

private:
    friend class Merger;
    /// A template parsed once at load; each Merger copies it (cheaper than parsing again).
    struct Parsed;

    std::filesystem::path dir_;
    std::vector<std::string> names_;
    std::map<std::string, std::shared_ptr<const Parsed>> parsed_;
    std::map<std::string, std::string> expanded_;
    std::map<std::string, std::vector<std::string>> files_;  ///< template → its files
    std::map<std::string, std::string> raw_;  ///< file path → text, templates and partials
    friend class TemplateLoader;
};

/// Merges views into templates. One per thread: the parsed mustache objects keep state.
class Merger {
public:
    explicit Merger(std::shared_ptr<const TemplateSet> templates);
    ~Merger();
    Merger(const Merger&) = delete;
    Merger& operator=(const Merger&) = delete;

    /// The letter markup of template `name`. A tag naming a key the view does not have is an
    /// error (added to `diagnostics`, naming the template file and line), never an empty gap.
    std::string merge(const std::string& name, const nlohmann::json& view, Diagnostics& diagnostics);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    /// The merge through the mustache library, for a template the walk cannot take.
    std::string merge_with_library(const std::string& name, const nlohmann::json& view, Diagnostics& diagnostics);
};

}  // namespace brevgen::letters
