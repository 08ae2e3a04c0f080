#include "engine/engine.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <set>
#include <unistd.h>

#include "common/confined_file.hpp"
#include "danish/hyphenate.hpp"
#include "fonts/font_set.hpp"
#include "letters/legal.hpp"
#include "letters/message.hpp"
#include "letters/sample.hpp"
#include "letters/sender.hpp"
#include "letters/spec.hpp"
#include "letters/templates.hpp"
#include "letters/view.hpp"
#include "markup/document.hpp"
#include "memo/memo.hpp"
#include "pdf/writer.hpp"

namespace brevgen {

namespace fs = std::filesystem;

namespace {

fs::path executable_dir() {
    std::error_code ec;
    const auto exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : exe.parent_path();
}

/// Largest image or logo file a letter may show.
constexpr std::size_t max_image_bytes = std::size_t{16} << 20;

/// An image file for a letter. A letter's images must lie in the templates directory or
/// beside the sender profile (a link from there to elsewhere is refused, like a template's);
/// markup typeset on its own (`roots` empty) may name any file.
std::optional<std::string> read_image(const fs::path& path, const std::vector<fs::path>& roots) {
    std::string why;
    if (roots.empty()) return read_confined_file(path, {}, max_image_bytes, why);
    for (const auto& root : roots) {
        if (resolves_inside(path, root)) return read_confined_file(path, root, max_image_bytes, why);
    }
    return std::nullopt;
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
    /// The profile's Digital Post fields, or why there are none.
    std::optional<letters::MessageSender> message_sender;
    Diagnostic message_sender_error;
    /// SOURCE_DATE_EPOCH, when set; `source_date_error` says why it is unusable.
    std::optional<std::int64_t> source_date_epoch;
    std::string source_date_error;
    /// Whether the fonts draw a character: a case's printed fields are checked with it, so
    /// a character no font has is an error at its field, not somewhere in the letter.
    data::Drawable drawable;
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

/// can_typeset() for `fonts`, with ASCII answered from a table (most of any case).
data::Drawable drawable_by(std::shared_ptr<const fonts::FontSet> fonts) {
    std::array<bool, 128> ascii{};
    for (char32_t c = 0; c < ascii.size(); ++c) ascii[c] = layout::can_typeset(*fonts, c);
    return [fonts = std::move(fonts), ascii](char32_t c) {
        return c < ascii.size() ? ascii[c] : layout::can_typeset(*fonts, c);
    };
}

/// SOURCE_DATE_EPOCH as the reproducible-builds convention defines it: decimal seconds
/// since 1970-01-01T00:00Z. Malformed values are an error, not a silent fallback to the clock.
void read_source_date_epoch(Engine::Impl& e) {
    const char* env = std::getenv("SOURCE_DATE_EPOCH");
    if (env == nullptr) return;
    const std::string_view text(env);
    std::int64_t value = 0;
    bool ok = !text.empty() && text.size() <= 12;  // up to year 9999 (253402300799)
    for (const char c : text) {
        ok = ok && c >= '0' && c <= '9';
        if (ok) value = value * 10 + (c - '0');
    }
    if (ok && value <= 253402300799) {
        e.source_date_epoch = value;
    } else {
        e.source_date_error = "SOURCE_DATE_EPOCH: expected seconds since 1970-01-01 (digits only)";
    }
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
    const bool sender_in_templates = s.sender_file.empty();
    if (sender_in_templates) s.sender_file = s.templates_dir / "afsender.json";
    for (const auto& spec : letters::kinds()) impl->kinds.push_back(KindInfo{spec.slug, spec.description});
    std::vector<std::string> names;
    for (const auto& k : impl->kinds) names.push_back(k.name);
    try {
        impl->fonts = fonts::FontSet::load(s.font_dir);
        impl->drawable = drawable_by(impl->fonts);
        impl->hyphenator = &danish::Hyphenator::danish();
        impl->templates = letters::TemplateSet::load(s.templates_dir, names);
        // The profile found in the templates directory must be of it; one named on the
        // command line is the operator's own choice.
        impl->sender = letters::SenderProfile::load(s.sender_file, sender_in_templates ? s.templates_dir : fs::path());
        impl->legal = letters::load_legal(s.templates_dir / "legal.json", s.templates_dir);
    } catch (const std::exception& e) {
        throw StartupError(e.what());
    }
    impl->message_sender = impl->sender.message_sender(impl->message_sender_error);
    read_source_date_epoch(*impl);
    if (s.messages && !impl->message_sender) throw StartupError(format_diagnostic(impl->message_sender_error));
    if (s.messages && !impl->source_date_error.empty()) throw StartupError("error: " + impl->source_date_error);
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
    /// Keyed by whether the read was confined too: typeset markup may name files a letter may not.
    std::map<std::pair<bool, fs::path>, std::optional<std::string>> files;

    std::optional<std::string> cached_file(const fs::path& path, const std::vector<fs::path>& roots) {
        const auto key = std::pair(roots.empty(), path);
        if (const auto it = files.find(key); it != files.end()) return it->second;
        if (files.size() >= 32) files.clear();
        return files.emplace(key, read_image(path, roots)).first->second;
    }

    explicit Impl(std::shared_ptr<const Engine> e)
        : engine(std::move(e)),
          merger(engine->impl().templates),
          writer(engine->impl().fonts, pdf::Options{engine->settings().tagged_pdf, engine->settings().tagged_pdf}) {}

    /// A validated case and its view.
    struct Prepared {
        data::Value root;
        letters::Enriched enriched;
    };

    /// Read, validate and enrich; nullopt (with `out` filled in) when the case is invalid.
    /// `case_json`, when given, receives the tree as JSON (see Renderer::check).
    std::optional<Prepared> prepare(std::string_view kind, std::string_view text, std::optional<data::Format> format,
                                    Letter& out, std::string* case_json = nullptr) {
        const auto& e = engine->impl();
        auto loaded = letters::load_case(kind, text, format, e.settings.read_limits, e.drawable);
        out.diagnostics = std::move(loaded.diagnostics);
        if (case_json != nullptr) {
            const auto& tree = loaded.root ? loaded.root : loaded.partial;
            *case_json = tree ? data::to_json_text(*tree) : std::string();
        }
        if (!loaded.root || has_errors(out.diagnostics)) {
            out.outcome = Outcome::invalid;
            return std::nullopt;
        }
        Prepared p{std::move(*loaded.root), {}};
        const data::Value& root = p.root;
        if (const auto* j = root.find("journalnummer")) out.journal = j->scalar;
        if (const auto* f = root.find("forsendelse")) out.paper = f->scalar == "papir";
        p.enriched = letters::enrich(kind, root, e.sender, e.legal);
        out.diagnostics.insert(out.diagnostics.end(), p.enriched.warnings.begin(), p.enriched.warnings.end());
        return p;
    }

    /// Merge and typeset a prepared case into `out`.
    void render_prepared(std::string_view kind, const Prepared& prepared, Letter& out) {
        const std::string markup = merge(kind, prepared, out);
        if (out.outcome != Outcome::ok) return;
        const std::size_t before = out.diagnostics.size();
        typeset_into(markup, engine->settings().templates_dir, out, letter_roots());
        to_case_positions(prepared.root, out.diagnostics, before);
    }

    /// createdDateTime: the caller's, else SOURCE_DATE_EPOCH, else now; nullopt (with an
    /// error in `out`) when SOURCE_DATE_EPOCH is malformed.
    std::optional<std::int64_t> created_time(const MessageOptions& options, Letter& out) const {
        const auto& e = engine->impl();
        if (options.created) return options.created;
        if (e.source_date_epoch) return e.source_date_epoch;
        if (!e.source_date_error.empty()) {
            out.outcome = Outcome::failed;
            out.diagnostics.push_back(make_error({}, {}, e.source_date_error));
            return std::nullopt;
        }
        return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    }

    /// The template merged with the view; "" (with `out` failed) on a merge error.
    std::string merge(std::string_view kind, const Prepared& prepared, Letter& out) {
        Diagnostics merge_errors;
        std::string markup = merger.merge(std::string(kind), prepared.enriched.view, merge_errors);
        if (has_errors(merge_errors)) {
            out.outcome = Outcome::failed;
            out.diagnostics.insert(out.diagnostics.end(), merge_errors.begin(), merge_errors.end());
            return {};
        }
        return markup;
    }

    /// Where a letter's images may be: the templates directory and the sender profile's.
    std::vector<fs::path> letter_roots() const {
        const auto& e = engine->impl();
        return {e.settings.templates_dir, e.sender.directory};
    }

    /// Layout's environment; images are looked up relative to `base_dir` and must resolve
    /// inside one of `roots` (any file when there are none).
    layout::Environment environment(const fs::path& base_dir, bool paper, const std::vector<fs::path>& roots) {
        const auto& e = engine->impl();
        layout::Environment env;
        env.fonts = e.fonts.get();
        env.hyphenator = e.hyphenator;
        env.creator = std::string("brevgen ") + BREVGEN_VERSION;
        env.limits = e.settings.layout_limits;
        env.read_file = [this, base_dir, roots](const std::string& src) {
            return cached_file(fs::path(src).is_absolute() ? fs::path(src) : base_dir / src, roots);
        };
        const auto& field = e.sender.adressefelt;
        env.window = layout::Window{mm(field.venstre), mm(field.top), mm(field.hoejre), mm(field.bund)};
        env.paper = paper;
        return env;
    }

    /// Layout's errors point into the merged markup, which means nothing to whoever wrote
    /// the case: an error about a case field (an address line too long for the window)
    /// moves to that field's place in the case; the others stand on their own.
    static void to_case_positions(const data::Value& root, Diagnostics& ds, std::size_t from) {
        for (std::size_t i = from; i < ds.size(); ++i) {
            const data::Value* field = ds[i].path.empty() ? nullptr : root.at(ds[i].path);
            ds[i].pos = field ? field->pos : SourcePos{};
        }
    }

    void typeset_into(std::string_view markup_text, const fs::path& base_dir, Letter& out,
                      const std::vector<fs::path>& roots = {}) {
        auto parsed = markup::parse(markup_text);
        if (has_errors(parsed.diagnostics)) {
            out.diagnostics.insert(out.diagnostics.end(), parsed.diagnostics.begin(), parsed.diagnostics.end());
            out.outcome = Outcome::invalid;
            return;
        }
        const auto env = environment(base_dir, out.paper, roots);
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
    auto prepared = impl_->prepare(kind, case_text, format, out);
    if (prepared) impl_->render_prepared(kind, *prepared, out);
    return out;
}

Message Renderer::message(std::string_view kind, std::string_view case_text, std::optional<data::Format> format,
                          const MessageOptions& options) {
    Message out;
    const auto& e = impl_->engine->impl();
    if (!e.message_sender) {
        out.outcome = Outcome::failed;
        out.diagnostics.push_back(e.message_sender_error);
        return out;
    }
    const auto created = impl_->created_time(options, out);
    if (!created) return out;
    auto prepared = impl_->prepare(kind, case_text, format, out);
    if (!prepared) return out;
    // The recipient and the header first: a case that cannot be a message costs no PDF.
    const auto sender = e.sender.overridden_by(prepared->root.find("afsender"));
    auto draft = letters::draft_message(kind, prepared->root, sender, *e.message_sender,
                                        prepared->enriched.view["brev"]["titel"].get<std::string>());
    if (!draft.errors.empty()) {
        out.outcome = Outcome::invalid;
        out.diagnostics.insert(out.diagnostics.end(), draft.errors.begin(), draft.errors.end());
        return out;
    }
    impl_->render_prepared(kind, *prepared, out);
    if (out.outcome != Outcome::ok) return out;
    draft.input.pdf = out.pdf;
    draft.input.created = *created;
    auto written = memo::write(draft.input);
    for (const auto& error : written.errors) {
        out.outcome = Outcome::failed;
        out.diagnostics.push_back(make_error({}, {}, "cannot write the Digital Post message: " + error));
    }
    out.xml = std::move(written.xml);
    return out;
}

Letter Renderer::check(std::string_view kind, std::string_view case_text, std::optional<data::Format> format) {
    Letter out;
    const auto prepared = impl_->prepare(kind, case_text, format, out);
    if (!prepared) return out;
    // The address is the one part of the layout a valid case can still fail: fit it into the
    // envelope window as render would, without laying out the rest.
    const std::string markup = impl_->merge(kind, *prepared, out);
    if (out.outcome != Outcome::ok) return out;
    auto parsed = markup::parse(markup);
    const std::size_t before = out.diagnostics.size();
    if (has_errors(parsed.diagnostics)) {
        out.diagnostics.insert(out.diagnostics.end(), parsed.diagnostics.begin(), parsed.diagnostics.end());
    } else {
        const auto env = impl_->environment(impl_->engine->settings().templates_dir, out.paper, impl_->letter_roots());
        const auto found = layout::check_address(parsed.letter, env);
        out.diagnostics.insert(out.diagnostics.end(), found.begin(), found.end());
    }
    if (has_errors(out.diagnostics)) out.outcome = Outcome::invalid;
    Impl::to_case_positions(prepared->root, out.diagnostics, before);
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
    const auto prepared = impl_->prepare(kind, case_text, format, result);
    return prepared ? prepared->enriched.view.dump(2) : std::string();
}

Letter Renderer::typeset(std::string_view markup, const fs::path& base_dir) {
    Letter out;
    impl_->typeset_into(markup, base_dir, out);
    return out;
}

}  // namespace brevgen
