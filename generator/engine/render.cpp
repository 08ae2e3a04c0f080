// Making letters: a case (text or tree) → validated, enriched, merged, typeset, painted.

#include <chrono>
#include <map>

#include "common/io.hpp"
#include "data/read.hpp"
#include "engine/engine.hpp"
#include "engine/impl.hpp"
#include "layout/layout.hpp"
#include "letters/message.hpp"
#include "letters/view.hpp"
#include "markup/document.hpp"
#include "memo/memo.hpp"
#include "pdf/writer.hpp"

namespace brevgen {

namespace fs = std::filesystem;

namespace {

/// Largest image or logo file a letter may show.
constexpr std::uint64_t max_image_bytes = std::uint64_t{16} << 20;

/// An image file for a letter. A letter's images must lie in the templates directory or
/// beside the sender profile (a link from there to elsewhere is refused, like a template's);
/// markup typeset on its own (`roots` empty) may name any file.
std::optional<std::string> read_image(const fs::path& path, const std::vector<fs::path>& roots) {
    if (roots.empty()) return io::read_confined(path, {}, max_image_bytes).bytes;
    for (const auto& root : roots) {
        if (io::resolves_inside(path, root)) return io::read_confined(path, root, max_image_bytes).bytes;
    }
    return std::nullopt;
}

}  // namespace

CaseTree::CaseTree() = default;
CaseTree::~CaseTree() = default;
CaseTree::CaseTree(CaseTree&&) noexcept = default;
CaseTree& CaseTree::operator=(CaseTree&&) noexcept = default;
CaseTree::CaseTree(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CaseTree::operator bool() const { return impl_ != nullptr; }

OrderRecord read_order(std::string_view record, CaseFormat format, SourcePos origin, const ReadLimits& limits) {
    auto read = data::read_order(record, format, limits, origin);
    OrderRecord out;
    out.id = std::move(read.id);
    out.id_pos = read.id_pos;
    out.kind = std::move(read.kind);
    out.kind_pos = read.kind_pos;
    out.case_pos = read.case_pos;
    out.errors = std::move(read.diagnostics);
    if (read.case_root) out.case_tree = CaseTree(std::make_unique<CaseTree::Impl>(CaseTree::Impl{std::move(*read.case_root)}));
    return out;
}

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

    /// The kind's record, or nullptr after reporting it unknown in `out`.
    const letters::KindRecord* record(std::string_view kind, Letter& out) const {
        const auto& e = engine->impl();
        const auto* found = e.registry->find(kind);
        if (found == nullptr) {
            out.diagnostics.push_back(e.registry->unknown(kind));
            out.outcome = Outcome::invalid;
        }
        return found;
    }

    /// A validated case and its view.
    struct Prepared {
        data::Value root;
        letters::Enriched enriched;
    };

    /// Validate and enrich a case read; nullopt (with `out` filled in) when it is invalid.
    std::optional<Prepared> enrich(const letters::KindRecord& kind, letters::CaseResult loaded, Letter& out) {
        const auto& e = engine->impl();
        out.diagnostics.insert(out.diagnostics.end(), loaded.diagnostics.begin(), loaded.diagnostics.end());
        if (!loaded.root || has_errors(out.diagnostics)) {
            out.outcome = loaded.malformed ? Outcome::malformed : Outcome::invalid;
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

    /// Read, validate and enrich case text. `case_json`, when given, receives the tree as
    /// JSON (see Renderer::check).
    std::optional<Prepared> prepare(const letters::KindRecord& kind, std::string_view text,
                                    std::optional<CaseFormat> format, Letter& out, std::string* case_json = nullptr) {
        const auto& e = engine->impl();
        auto loaded = letters::load_case(kind, text, format, e.settings.read_limits, e.drawable);
        if (case_json != nullptr) {
            const auto& tree = loaded.root ? loaded.root : loaded.partial;
            *case_json = tree ? data::to_json_text(*tree) : std::string();
        }
        return enrich(kind, std::move(loaded), out);
    }

    /// createdDateTime: the caller's, else SOURCE_DATE_EPOCH, else now; nullopt (with an
    /// error in `out`) when SOURCE_DATE_EPOCH is malformed.
    std::optional<std::int64_t> created_time(const MessageOptions& options, Letter& out) const {
        const auto& env = engine->settings().environment;
        if (options.created) return options.created;
        if (env.source_date_epoch) return env.source_date_epoch;
        if (!env.source_date_epoch_error.empty()) {
            out.outcome = Outcome::failed;
            out.diagnostics.push_back(make_error({}, {}, env.source_date_epoch_error));
            return std::nullopt;
        }
        return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    }

    /// The template merged with the view; "" (with `out` failed) on a merge error.
    std::string merge(const letters::KindRecord& kind, const Prepared& prepared, Letter& out) {
        Diagnostics merge_errors;
        std::string markup = merger.merge(kind.template_name, prepared.enriched.view, merge_errors);
        if (has_errors(merge_errors)) {
            out.outcome = Outcome::failed;
            out.diagnostics.insert(out.diagnostics.end(), merge_errors.begin(), merge_errors.end());
            return {};
        }
        return markup;
    }

    /// True when the engine can make messages and the creation time is known; else `out`
    /// says why (failed: the server's setup, not the case, is at fault).
    bool message_ready(const MessageOptions& options, Message& out) const {
        const auto& e = engine->impl();
        if (!e.message_sender) {
            out.outcome = Outcome::failed;
            out.diagnostics.push_back(e.message_sender_error);
            return false;
        }
        return created_time(options, out).has_value();
    }

    /// A prepared case → its message: the recipient and the header first (a case that
    /// cannot be a message costs no PDF), then the PDF, then the XML around it.
    void compose(const letters::KindRecord& record, const Prepared& prepared, const MessageOptions& options,
                 Message& out) {
        const auto& e = engine->impl();
        const auto sender = e.sender.overridden_by(prepared.root.find("afsender"));
        auto draft = letters::draft_message(record, prepared.root, sender, *e.message_sender);
        if (!draft.errors.empty()) {
            out.outcome = Outcome::invalid;
            out.diagnostics.insert(out.diagnostics.end(), draft.errors.begin(), draft.errors.end());
            return;
        }
        make(record, prepared, out);
        if (out.outcome != Outcome::ok) return;
        draft.input.pdf = out.pdf;
        draft.input.created = *created_time(options, out);  // message_ready() checked it
        auto written = memo::write(draft.input);
        for (const auto& error : written.errors) {
            out.outcome = Outcome::failed;
            out.diagnostics.push_back(make_error({}, {}, "cannot write the Digital Post message: " + error));
        }
        out.xml = std::move(written.xml);
        if (out.outcome == Outcome::ok) out.message_uuid = std::move(written.message_uuid);
    }

    /// Merge, typeset and paint a prepared case.
    void make(const letters::KindRecord& kind, const Prepared& prepared, Letter& out) {
        const std::string markup = merge(kind, prepared, out);
        if (out.outcome != Outcome::ok) return;
        const std::size_t before = out.diagnostics.size();
        typeset_into(markup, engine->settings().templates_dir, out, letter_roots());
        to_case_positions(prepared.root, out.diagnostics, before);
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

Letter Renderer::render(std::string_view kind, std::string_view case_text, std::optional<CaseFormat> format) {
    Letter out;
    const auto* record = impl_->record(kind, out);
    if (record == nullptr) return out;
    if (auto prepared = impl_->prepare(*record, case_text, format, out)) impl_->make(*record, *prepared, out);
    return out;
}

Message Renderer::message(std::string_view kind, std::string_view case_text, std::optional<CaseFormat> format,
                          const MessageOptions& options) {
    Message out;
    const auto* record = impl_->record(kind, out);
    if (record == nullptr || !impl_->message_ready(options, out)) return out;
    if (auto prepared = impl_->prepare(*record, case_text, format, out)) impl_->compose(*record, *prepared, options, out);
    return out;
}

Message Renderer::message(std::string_view kind, CaseTree tree, const MessageOptions& options) {
    Message out;
    const auto* record = impl_->record(kind, out);
    if (record == nullptr || !impl_->message_ready(options, out)) return out;
    if (!tree) {
        out.outcome = Outcome::malformed;
        return out;
    }
    auto loaded = letters::validate_case(*record, std::move(tree.impl()->root));
    if (auto prepared = impl_->enrich(*record, std::move(loaded), out)) impl_->compose(*record, *prepared, options, out);
    return out;
}

Letter Renderer::render(std::string_view kind, CaseTree tree) {
    Letter out;
    const auto* record = impl_->record(kind, out);
    if (record == nullptr) return out;
    if (!tree) {
        out.outcome = Outcome::malformed;
        return out;
    }
    auto loaded = letters::validate_case(*record, std::move(tree.impl()->root), impl_->engine->impl().drawable);
    if (auto prepared = impl_->enrich(*record, std::move(loaded), out)) impl_->make(*record, *prepared, out);
    return out;
}

Letter Renderer::check(std::string_view kind, std::string_view case_text, std::optional<CaseFormat> format) {
    Letter out;
    const auto* record = impl_->record(kind, out);
    if (record == nullptr) return out;
    const auto prepared = impl_->prepare(*record, case_text, format, out);
    if (!prepared) return out;
    // The address is the one part of the layout a valid case can still fail: fit it into the
    // envelope window as render would, without laying out the rest.
    const std::string markup = impl_->merge(*record, *prepared, out);
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

Letter Renderer::check(std::string_view kind, std::string_view case_text, std::optional<CaseFormat> format,
                       std::string& case_json) {
    Letter out;
    if (const auto* record = impl_->record(kind, out)) impl_->prepare(*record, case_text, format, out, &case_json);
    return out;
}

std::string Renderer::view(std::string_view kind, std::string_view case_text, Letter& result,
                           std::optional<CaseFormat> format) {
    const auto* record = impl_->record(kind, result);
    if (record == nullptr) return {};
    auto prepared = impl_->prepare(*record, case_text, format, result);
    return prepared ? prepared->enriched.view.dump(2) : std::string();
}

Letter Renderer::typeset(std::string_view markup, const fs::path& base_dir) {
    Letter out;
    impl_->typeset_into(markup, base_dir, out);
    return out;
}

}  // namespace brevgen
