#pragma once
/// brevgen's one entry point for every front end (CLI, batch, HTTP): the stages
/// read → validate → enrich → merge → parse → layout → pdf, wired once. Front ends include
/// this header, common/ and their own folder's headers, and nothing else.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/case_format.hpp"
#include "common/diagnostic.hpp"
#include "common/environment.hpp"
#include "common/kind_info.hpp"
#include "common/limits.hpp"

namespace brevgen {

namespace letters {
class KindRegistry;
}

/// Where things are and how far input may go. Defaults suit a normal installation.
struct Settings {
    std::filesystem::path templates_dir;  ///< empty: the environment's, else default_templates_dir()
    std::filesystem::path font_dir;       ///< empty: the environment's, else the installation's fonts
    std::filesystem::path sender_file;    ///< empty: afsender.json in the templates directory
    Environment environment;              ///< what the process environment says (read once, by main)
    ReadLimits read_limits;
    LayoutLimits layout_limits;
    bool tagged_pdf = true;
    /// Kinds whose templates are checked against sample views at load; empty: all. A
    /// one-letter command checks only its own kind, so a cold start stays short.
    std::vector<std::string> check_kinds;
    /// The letter kinds (letters/registry.hpp); nullptr: the built-in ones.
    std::shared_ptr<const letters::KindRegistry> kinds;
    /// The caller will ask for Digital Post messages: load fails (StartupError) when the
    /// sender profile lacks what a message needs or SOURCE_DATE_EPOCH is malformed.
    bool messages = false;
};

/// Thrown at start-up when fonts, templates, the sender profile or legal.json cannot be
/// loaded; what() is one or more `FILE[:LINE]: error: …` lines.
struct StartupError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// `templates/` next to the executable, else ../share/brevgen/templates, else the source tree's.
std::filesystem::path default_templates_dir();

/// What became of one letter.
enum class Outcome {
    ok,
    malformed,  ///< the case is not well-formed JSON or XML, or crosses a reading limit
    invalid,    ///< the case (or markup) breaks the kind's rules, or the kind is unknown
    failed,     ///< the case was accepted but the letter could not be made
};

/// A rendered letter (or why not). Diagnostics carry no file name: the caller adds it.
struct Letter {
    Outcome outcome = Outcome::ok;
    std::string pdf;
    std::size_t pages = 0;
    Diagnostics diagnostics;  ///< errors and warnings
    std::string journal;      ///< the journal number, for file names (never logged)
    bool paper = false;       ///< the recipient gets paper mail (/forsendelse = papir)
};

/// How a Digital Post message is made.
struct MessageOptions {
    /// createdDateTime in seconds since 1970-01-01T00:00Z; empty: SOURCE_DATE_EPOCH when
    /// it is set (reproducible output), else the clock.
    std::optional<std::int64_t> created;
};

/// A letter and its Digital Post message (MeMo 1.2 XML holding `pdf`); `xml` is empty
/// unless the outcome is ok.
struct Message : Letter {
    std::string xml;
    std::string message_uuid;  ///< the message's memo:messageUUID (empty unless ok)
};

/// A case read but not yet validated: its tree with source positions, opaque to front ends.
/// A batch reads it in its reader thread and renders it in a worker.
class CaseTree {
public:
    CaseTree();
    ~CaseTree();
    CaseTree(CaseTree&&) noexcept;
    CaseTree& operator=(CaseTree&&) noexcept;

    /// True when there is a tree (the text was read without errors).
    explicit operator bool() const;

    struct Impl;
    explicit CaseTree(std::unique_ptr<Impl> impl);
    Impl* impl() const { return impl_.get(); }

private:
    std::unique_ptr<Impl> impl_;
};

/// One letter order of a batch extract (docs/batch.md), read by the case readers.
struct OrderRecord {
    std::optional<std::string> id;
    SourcePos id_pos;
    std::optional<std::string> kind;
    SourcePos kind_pos;
    CaseTree case_tree;  ///< empty after any error
    SourcePos case_pos;
    Diagnostics errors;  ///< positions in the extract, paths in the record ("/case/brevdato")
};

/// Reads one order's text (`{"id", "kind", "case"}` or `<ordre id kind><sag>…</sag></ordre>`)
/// that starts at `origin` in its extract. The case gets a case file's limits.
OrderRecord read_order(std::string_view record, CaseFormat format, SourcePos origin, const ReadLimits& limits);

/// Loaded once per process: fonts, templates, sender profile, legal references.
/// Immutable and shared by every thread.
class Engine {
public:
    static std::shared_ptr<const Engine> load(const Settings& settings);
    ~Engine();

    /// The letter kinds, in the order `brevgen kinds` lists them.
    const std::vector<KindInfo>& kinds() const;
    /// The kind with this name, or nullptr.
    const KindInfo* find_kind(std::string_view kind) const;
    bool has_kind(std::string_view kind) const { return find_kind(kind) != nullptr; }
    /// The error for an unknown kind, naming the known ones.
    Diagnostic unknown_kind(std::string_view kind) const;
    /// The JSON Schema (draft 2020-12) of a kind's case data; empty for an unknown kind.
    std::string schema(std::string_view kind) const;
    const Settings& settings() const;
    /// Why this engine cannot make Digital Post messages (the sender profile lacks `cvr` or
    /// `sagssystem`, or SOURCE_DATE_EPOCH is malformed); nullopt when it can. Loading with
    /// Settings::messages turns the same reason into a StartupError.
    std::optional<Diagnostic> message_setup_error() const;
    /// A digest (64 hex digits) of everything besides the case that a letter of `kind` is
    /// made from: the kind's templates with their partials, the sender profile and its logo,
    /// and the legal references. Equal digests and equal case bytes give the same letter;
    /// the batch keeps it per record to know whether a finished letter is still current.
    /// Empty for an unknown kind.
    std::string inputs_digest(std::string_view kind) const;

    struct Impl;
    explicit Engine(std::unique_ptr<Impl> impl);
    const Impl& impl() const { return *impl_; }

private:
    std::unique_ptr<Impl> impl_;
};

/// One per thread: holds the parsed templates and the PDF writer it reuses for every letter.
class Renderer {
public:
    explicit Renderer(std::shared_ptr<const Engine> engine);
    ~Renderer();
    Renderer(const Renderer&) = delete;
    Renderer& operator=(const Renderer&) = delete;

    /// Case text (JSON or XML; format sniffed when not given) → PDF.
    Letter render(std::string_view kind, std::string_view case_text, std::optional<CaseFormat> format = {});

    /// A case tree already read (read_order) → PDF. Diagnostics carry the tree's positions
    /// (in the batch: the extract's); their paths are the case's, without "/case".
    Letter render(std::string_view kind, CaseTree tree);

    /// Case text → the letter and its Digital Post message (docs/digital-post.md). A case
    /// whose recipient has no CPR (employee) or CVR (company) number is invalid here.
    Message message(std::string_view kind, std::string_view case_text, std::optional<CaseFormat> format = {},
                    const MessageOptions& options = {});

    /// A case tree already read (read_order) → the letter and its message; diagnostics as
    /// render(kind, tree) gives them.
    Message message(std::string_view kind, CaseTree tree, const MessageOptions& options = {});

    /// Reads, validates and enriches only (warnings included); no PDF.
    Letter check(std::string_view kind, std::string_view case_text, std::optional<CaseFormat> format = {});

    /// check(), and the case as compact JSON in the shape the kind's schema describes (lists
    /// as arrays, XML text typed as the fields say, absent optional fields left out) into
    /// `case_json`, also when the case has errors; "" when the text could not be read.
    /// For front ends that edit a case (an XML file opened in the plan page).
    Letter check(std::string_view kind, std::string_view case_text, std::optional<CaseFormat> format,
                 std::string& case_json);

    /// The view templates see, as JSON text (for template authors).
    std::string view(std::string_view kind, std::string_view case_text, Letter& result,
                     std::optional<CaseFormat> format = {});

    /// Letter markup → PDF; images are looked up relative to `base_dir`.
    Letter typeset(std::string_view markup, const std::filesystem::path& base_dir);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace brevgen
