#include "engine/engine.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unistd.h>

#include "danish/hyphenate.hpp"
#include "fonts/font_set.hpp"
#include "letters/legal.hpp"
#include "letters/sample.hpp"
#include "letters/sender.hpp"
#include "letters/spec.hpp"
#include "letters/templates.hpp"
#include "letters/view.hpp"
#include "markup/document.hpp"
#include "pdf/writer.hpp"

namespace brevgen {

namespace fs = std::filesystem;

namespace {

fs::path executable_dir() {
    std::error_code ec;
    const auto exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : exe.parent_path();
}

std::optional<std::string> read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

fs::path default_templates_dir() {
    if (const char* env = std::getenv("BREVGEN_TEMPLATES"); env && *env) return env;
    const auto exe = executable_dir();
    for (const auto& candidate : {exe / "templates", exe / ".." / "share" / "brevgen" / "templates"}) {
        if (fs::is_directory(candidate)) return candidate;
    }
    return fs::path(BREVGEN_SOURCE_DIR) / "templates";
}

struct Engine::Impl {
    Settings settings;
    std::shared_ptr<const fonts::FontSet> fonts;
    const danish::Hyphenator* hyphenator = nullptr;
    std::shared_ptr<const letters::TemplateSet> templates;
    letters::SenderProfile sender;
    letters::LegalRefs legal;
    std::vector<KindInfo> kinds;
};

namespace {

/// Merges every template with views of built-in sample cases (everything present, for
/// the employee and the employer; only what is required) so that a tag naming a value the
/// view does not have stops the start, with its file and line, instead of leaving a gap
/// in a letter to a citizen.
void check_template_names(const Engine::Impl& e) {
    letters::Merger merger(e.templates);
    std::set<std::string> errors;
    const auto& only = e.settings.check_kinds;
    for (const auto& kind : e.kinds) {
        if (!only.empty() && std::find(only.begin(), only.end(), kind.name) == only.end()) continue;
        for (const auto sample : {letters::full_sample_case(), letters::minimal_sample_case()}) {
            for (const char* recipient : {"medarbejder", "arbejdsgiver"}) {
                auto read = data::read_json(sample);
                if (!read.root) continue;
                if (auto* m = read.root->find("modtager")) m->scalar = recipient;
                const auto view = letters::enrich(kind.name, *read.root, e.sender, e.legal).view;
                Diagnostics diags;
                merger.merge(kind.name, view, diags);
                for (auto& d : diags) errors.insert(format_diagnostic(d));
            }
        }
    }
    if (errors.empty()) return;
    std::string message;
    for (const auto& line : errors) message += (message.empty() ? "" : "\n") + line;
    throw StartupError(message);
}

}  // namespace

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

std::shared_ptr<const Engine> Engine::load(const Settings& settings) {
    auto impl = std::make_unique<Impl>();
    impl->settings = settings;
    auto& s = impl->settings;
    if (s.templates_dir.empty()) s.templates_dir = default_templates_dir();
    if (s.font_dir.empty()) s.font_dir = fonts::default_font_dir();
    if (s.sender_file.empty()) s.sender_file = s.templates_dir / "afsender.json";
    for (const auto& spec : letters::kinds()) impl->kinds.push_back(KindInfo{spec.slug, spec.description});
    std::vector<std::string> names;
    for (const auto& k : impl->kinds) names.push_back(k.name);
    try {
        impl->fonts = fonts::FontSet::load(s.font_dir);
        impl->hyphenator = &danish::Hyphenator::danish();
        impl->templates = letters::TemplateSet::load(s.templates_dir, names);
        impl->sender = letters::SenderProfile::load(s.sender_file);
        impl->legal = letters::load_legal(s.templates_dir / "legal.json");
    } catch (const std::exception& e) {
        throw StartupError(e.what());
    }
    check_template_names(*impl);
    return std::make_shared<const Engine>(std::move(impl));
}

const std::vector<KindInfo>& Engine::kinds() const { return impl_->kinds; }

bool Engine::has_kind(std::string_view kind) const {
    for (const auto& k : impl_->kinds) {
        if (k.name == kind) return true;
    }
    return false;
}

std::string Engine::schema(std::string_view kind) const {
    const auto* spec = letters::find_kind(kind);
    return spec ? data::json_schema(*spec) : std::string();
}

const Settings& Engine::settings() const { return impl_->settings; }

struct Renderer::Impl {
    std::shared_ptr<const Engine> engine;
    letters::Merger merger;
    pdf::Writer writer;
    /// Logos and images by path: every letter of a municipality names the same logo, so
    /// it is read once per thread, not once per letter. Bounded: markup names few files.
    std::map<fs::path, std::optional<std::string>> files;

    std::optional<std::string> cached_file(const fs::path& path) {
        if (const auto it = files.find(path); it != files.end()) return it->second;
        if (files.size() >= 32) files.clear();
        return files.emplace(path, read_file(path)).first->second;
    }

    explicit Impl(std::shared_ptr<const Engine> e)
        : engine(std::move(e)),
          merger(engine->impl().templates),
          writer(engine->impl().fonts, pdf::Options{engine->settings().tagged_pdf, engine->settings().tagged_pdf}) {}

    /// Read, validate and enrich; nullopt (with `out` filled in) when the case is invalid.
    /// `case_json`, when given, receives the tree as JSON (see Renderer::check).
    std::optional<letters::Enriched> prepare(std::string_view kind, std::string_view text,
                                             std::optional<data::Format> format, Letter& out,
                                             std::string* case_json = nullptr) {
        const auto& e = engine->impl();
        auto loaded = letters::load_case(kind, text, format, e.settings.read_limits);
        out.diagnostics = std::move(loaded.diagnostics);
        if (case_json != nullptr) {
            const auto& tree = loaded.root ? loaded.root : loaded.partial;
            *case_json = tree ? data::to_json_text(*tree) : std::string();
        }
        if (!loaded.root || has_errors(out.diagnostics)) {
            out.outcome = Outcome::invalid;
            return std::nullopt;
        }
        const data::Value& root = *loaded.root;
        if (const auto* j = root.find("journalnummer")) out.journal = j->scalar;
        if (const auto* f = root.find("forsendelse")) out.paper = f->scalar == "papir";
        auto enriched = letters::enrich(kind, root, e.sender, e.legal);
        out.diagnostics.insert(out.diagnostics.end(), enriched.warnings.begin(), enriched.warnings.end());
        return enriched;
    }

    void typeset_into(std::string_view markup_text, const fs::path& base_dir, Letter& out) {
        const auto& e = engine->impl();
        auto parsed = markup::parse(markup_text);
        if (has_errors(parsed.diagnostics)) {
            out.diagnostics.insert(out.diagnostics.end(), parsed.diagnostics.begin(), parsed.diagnostics.end());
            out.outcome = Outcome::invalid;
            return;
        }
        layout::Environment env;
        env.fonts = e.fonts.get();
        env.hyphenator = e.hyphenator;
        env.creator = std::string("brevgen ") + BREVGEN_VERSION;
        env.limits = e.settings.layout_limits;
        env.read_file = [this, &base_dir](const std::string& src) {
            return cached_file(fs::path(src).is_absolute() ? fs::path(src) : base_dir / src);
        };
        auto laid = layout::layout_letter(parsed.letter, env);
        if (has_errors(laid.diagnostics)) {
            out.diagnostics.insert(out.diagnostics.end(), laid.diagnostics.begin(), laid.diagnostics.end());
            out.outcome = Outcome::invalid;
            return;
        }
        try {
            out.pdf = writer.write(laid.document);
            out.pages = laid.document.pages.size();
        } catch (const std::exception& ex) {
            out.outcome = Outcome::failed;
            out.diagnostics.push_back(make_error({}, {}, ex.what()));
        }
    }
};

Renderer::Renderer(std::shared_ptr<const Engine> engine) : impl_(std::make_unique<Impl>(std::move(engine))) {}
Renderer::~Renderer() = default;

Letter Renderer::render(std::string_view kind, std::string_view case_text, std::optional<data::Format> format) {
    Letter out;
    auto enriched = impl_->prepare(kind, case_text, format, out);
    if (!enriched) return out;
    Diagnostics merge_errors;
    const std::string markup = impl_->merger.merge(std::string(kind), enriched->view, merge_errors);
    if (has_errors(merge_errors)) {
        out.outcome = Outcome::failed;
        out.diagnostics.insert(out.diagnostics.end(), merge_errors.begin(), merge_errors.end());
        return out;
    }
    const std::size_t before = out.diagnostics.size();
    impl_->typeset_into(markup, impl_->engine->settings().templates_dir, out);
    // Positions in the merged markup mean nothing to whoever wrote the case: the message
    // (a character no font has, a page limit) stands on its own.
    for (std::size_t i = before; i < out.diagnostics.size(); ++i) out.diagnostics[i].pos = {};
    return out;
}

Letter Renderer::check(std::string_view kind, std::string_view case_text, std::optional<data::Format> format) {
    Letter out;
    impl_->prepare(kind, case_text, format, out);
    return out;
}

Letter Renderer::check(std::string_view kind, std::string_view case_text, std::optional<data::Format> format,
                       std::string& case_json) {
    Letter out;
    impl_->prepare(kind, case_text, format, out, &case_json);
    return out;
}

std::string Renderer::view(std::string_view kind, std::string_view case_text, Letter& result,
                           std::optional<data::Format> format) {
    auto enriched = impl_->prepare(kind, case_text, format, result);
    return enriched ? enriched->view.dump(2) : std::string();
}

Letter Renderer::typeset(std::string_view markup, const fs::path& base_dir) {
    Letter out;
    impl_->typeset_into(markup, base_dir, out);
    return out;
}

}  // namespace brevgen
