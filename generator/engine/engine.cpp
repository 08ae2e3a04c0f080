// Loading the engine: fonts, hyphenation, the kinds' templates, the sender profile and the
// legal references, all checked before the first letter.

#include "engine/engine.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "common/io.hpp"
#include "common/sha256.hpp"
#include "danish/hyphenate.hpp"
#include "data/read.hpp"
#include "engine/impl.hpp"
#include "fonts/font_set.hpp"
#include "layout/layout.hpp"
#include "letters/view.hpp"
#include "pdf/writer.hpp"

namespace brevgen {

namespace fs = std::filesystem;

fs::path default_templates_dir() {
    const auto exe = io::executable_dir();
    for (const auto& candidate : {exe / "templates", exe / ".." / "share" / "brevgen" / "templates"}) {
        if (fs::is_directory(candidate)) return candidate;
    }
    return fs::path(BREVGEN_SOURCE_DIR) / "templates";
}

namespace {

/// The values /modtager takes in a kind's sample views: both copies of a kind that goes to
/// either party, else the case's own.
std::vector<const char*> sample_recipients(const letters::KindRecord& kind) {
    if (kind.info.recipients == Recipients::either) return {"medarbejder", "arbejdsgiver"};
    return {nullptr};
}

/// Merges every template with the views of its kind's sample cases (for each recipient)
/// so that a tag naming a value the view does not have stops the start, with its file and
/// line, instead of leaving a gap in a letter to a citizen.
void check_template_names(const Engine::Impl& e) {
    letters::Merger merger(e.templates);
    std::set<std::string> errors;
    const auto& only = e.settings.check_kinds;
    for (const auto& kind : e.registry->all()) {
        if (!only.empty() && std::find(only.begin(), only.end(), kind.info.name) == only.end()) continue;
        for (const auto& sample : kind.samples) {
            for (const char* recipient : sample_recipients(kind)) {
                auto read = data::read_json(sample);
                if (!read.root) {
                    errors.insert(kind.info.name + ": error: a sample case is not valid JSON");
                    continue;
                }
                if (recipient != nullptr) {
                    if (auto* m = read.root->find("modtager")) {
                        m->scalar = recipient;
                    } else {
                        data::Value v;
                        v.type = data::Value::Type::string;
                        v.scalar = recipient;
                        read.root->members.emplace_back("modtager", std::move(v));
                    }
                }
                const auto view = letters::enrich(kind, *read.root, e.sender, e.legal).view;
                Diagnostics diags;
                merger.merge(kind.template_name, view, diags);
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

/// Settings with every empty place filled: a flag, else the environment, else the installation.
void resolve_places(Settings& s) {
    if (s.templates_dir.empty()) s.templates_dir = s.environment.templates_dir;
    if (s.templates_dir.empty()) s.templates_dir = default_templates_dir();
    if (s.font_dir.empty()) s.font_dir = s.environment.fonts_dir;
    if (s.font_dir.empty()) s.font_dir = fonts::default_font_dir();
    if (s.sender_file.empty()) s.sender_file = s.templates_dir / "afsender.json";
}

}  // namespace

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

std::shared_ptr<const Engine> Engine::load(const Settings& settings) {
    auto impl = std::make_unique<Impl>();
    impl->settings = settings;
    auto& s = impl->settings;
    // The profile found in the templates directory must be of it; one named on the command
    // line is the operator's own choice.
    const bool sender_in_templates = s.sender_file.empty();
    resolve_places(s);
    impl->registry = s.kinds ? s.kinds : letters::KindRegistry::built_in();
    // A one-letter command (check_kinds) parses only its own kind's templates (parsing and
    // checking every kind's was the largest part of a cold start); the others must exist.
    const auto& only = s.check_kinds;
    const auto wanted = [&](const letters::KindRecord& kind) {
        return only.empty() || std::find(only.begin(), only.end(), kind.info.name) != only.end();
    };
    std::vector<std::string> templates, others;
    for (const auto& kind : impl->registry->all())
        (wanted(kind) ? templates : others).push_back(kind.template_name);
    try {
        impl->fonts = fonts::FontSet::load(s.font_dir);
        pdf::check_profiles();
        impl->drawable = drawable_by(impl->fonts);
        impl->hyphenator = &danish::Hyphenator::danish(s.environment.hyphen_dict);
        impl->templates = letters::TemplateSet::load(s.templates_dir, templates, {}, others);
        impl->sender = letters::SenderProfile::load(s.sender_file, sender_in_templates ? s.templates_dir : fs::path());
        impl->legal = letters::load_legal(s.templates_dir / "legal.json", s.templates_dir);
    } catch (const std::exception& e) {
        throw StartupError(e.what());
    }
    for (const auto& kind : impl->registry->all()) {
        KindInfo info = kind.info;
        info.templates = impl->templates->files(kind.template_name);
        impl->kinds.push_back(std::move(info));
    }
    impl->message_sender = impl->sender.message_sender(impl->message_sender_error);
    if (s.messages && !impl->message_sender) throw StartupError(format_diagnostic(impl->message_sender_error));
    const auto& epoch_error = s.environment.source_date_epoch_error;
    if (s.messages && !epoch_error.empty()) throw StartupError("error: " + epoch_error);
    check_template_names(*impl);
    return std::make_shared<const Engine>(std::move(impl));
}

const std::vector<KindInfo>& Engine::kinds() const { return impl_->kinds; }

const KindInfo* Engine::find_kind(std::string_view kind) const {
    for (const auto& k : impl_->kinds) {
        if (k.name == kind) return &k;
    }
    return nullptr;
}

Diagnostic Engine::unknown_kind(std::string_view kind) const { return impl_->registry->unknown(kind); }

std::string Engine::schema(std::string_view kind) const {
    const auto* record = impl_->registry->find(kind);
    return record ? data::json_schema(record->fields, record->info.name, record->info.description) : std::string();
}

const Settings& Engine::settings() const { return impl_->settings; }

std::optional<Diagnostic> Engine::message_setup_error() const {
    if (!impl_->message_sender) return impl_->message_sender_error;
    const auto& epoch_error = impl_->settings.environment.source_date_epoch_error;
    if (!epoch_error.empty()) return make_error({}, {}, epoch_error);
    return std::nullopt;
}

std::string Engine::inputs_digest(std::string_view kind) const {
    const auto& e = *impl_;
    std::call_once(e.digests_once, [&e] {
        // Each piece is prefixed with its length, so that no two sets of pieces hash alike.
        auto add = [](Sha256& h, std::string_view piece) {
            h.update(std::to_string(piece.size())).update(":").update(piece);
        };
        auto file = [](const fs::path& path) {
            auto r = io::read_file(path);
            return r ? std::move(*r.bytes) : "unreadable: " + r.error;
        };
        const std::string sender = file(e.settings.sender_file);
        const std::string logo = e.sender.logo_path().empty() ? std::string() : file(e.sender.logo_path());
        const std::string legal = file(e.settings.templates_dir / "legal.json");
        for (const auto& record : e.registry->all()) {
            const std::string* source = e.templates->source(record.template_name);
            Sha256 h;
            add(h, "brevgen letter inputs 1");
            add(h, record.info.name);
            add(h, source ? *source : std::string());
            add(h, sender);
            add(h, logo);
            add(h, legal);
            e.digests.emplace(record.info.name, to_hex(h.finish()));
        }
    });
    const auto it = e.digests.find(kind);
    return it == e.digests.end() ? std::string() : it->second;
}

}  // namespace brevgen
