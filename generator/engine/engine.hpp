#pragma once
/// brevgen's one entry point for every front end (CLI, batch, HTTP): the stages
/// read → validate → enrich → merge → parse → layout → pdf, wired once.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.hpp"
#include "data/read.hpp"
#include "layout/layout.hpp"

namespace brevgen {

/// Where things are and how far input may go. Defaults suit a normal installation.
struct Settings {
    std::filesystem::path templates_dir;  ///< empty: default_templates_dir()
    std::filesystem::path font_dir;       ///< empty: fonts::default_font_dir()
    std::filesystem::path sender_file;    ///< empty: afsender.json in the templates directory
    data::ReadLimits read_limits;
    layout::Limits layout_limits;
    bool tagged_pdf = true;
    /// Kinds whose templates are checked against sample views at load; empty: all. A
    /// one-letter command checks only its own kind, so a cold start stays short.
    std::vector<std::string> check_kinds;
    /// The caller will ask for Digital Post messages: load fails (StartupError) when the
    /// sender profile lacks what a message needs or SOURCE_DATE_EPOCH is malformed.
    bool messages = false;
};

/// Thrown at start-up when fonts, templates, the sender profile or legal.json cannot be
/// loaded; what() is one or more `FILE[:LINE]: error: …` lines.
struct StartupError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// A letter kind: its slug and a one-line description.
struct KindInfo {
    std::string name;
    std::string description;
};

/// `templates/` next to the executable, else ../share/brevgen/templates, else the source tree's.
std::filesystem::path default_templates_dir();

/// What became of one letter.
enum class Outcome { ok, invalid, failed };

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
};

/// Loaded once per process: fonts, templates, sender profile, legal references.
/// Immutable and shared by every thread.
class Engine {
public:
    static std::shared_ptr<const Engine> load(const Settings& settings);
    ~Engine();

    const std::vector<KindInfo>& kinds() const;
    bool has_kind(std::string_view kind) const;
    /// The JSON Schema (draft 2020-12) of a kind's case data.
    std::string schema(std::string_view kind) const;
    const Settings& settings() const;

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
    Letter render(std::string_view kind, std::string_view case_text, std::optional<data::Format> format = {});

    /// Case text → the letter and its Digital Post message (docs/digital-post.md). A case
    /// whose recipient has no CPR (employee) or CVR (company) number is invalid here.
    Message message(std::string_view kind, std::string_view case_text, std::optional<data::Format> format = {},
                    const MessageOptions& options = {});

    /// Reads, validates and enriches only (warnings included); no PDF.
    Letter check(std::string_view kind, std::string_view case_text, std::optional<data::Format> format = {});

    /// check(), and the case as compact JSON in the shape the kind's schema describes (lists
    /// as arrays, XML text typed as the fields say, absent optional fields left out) into
    /// `case_json`, also when the case has errors; "" when the text could not be read.
    /// For front ends that edit a case (an XML file opened in the plan page).
    Letter check(std::string_view kind, std::string_view case_text, std::optional<data::Format> format,
                 std::string& case_json);

    /// The view templates see, as JSON text (for template authors).
    std::string view(std::string_view kind, std::string_view case_text, Letter& result,
                     std::optional<data::Format> format = {});

    /// Letter markup → PDF; images are looked up relative to `base_dir`.
    Letter typeset(std::string_view markup, const std::filesystem::path& base_dir);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace brevgen
