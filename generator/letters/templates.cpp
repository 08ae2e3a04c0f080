#include "letters/templates.hpp"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>

#include "common/messages.hpp"
#include "letters/mustache_library.hpp"
#include "letters/template_parsed.hpp"

namespace brevgen::letters {
namespace mu = kainjow::mustache;

namespace {

std::size_t line_of(const std::string& text, std::size_t offset) {
    return static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(std::min(offset, text.size())), '\n')) + 1;
}

using mustache::max_markup_bytes;
using mustache::RenderBound;

/// Where a render writes its markup (the library's stream interface), up to the bound.
struct BoundedMarkup {
    std::string text;
    BoundedMarkup& operator<<(const std::string& piece) {
        if (text.size() + piece.size() > max_markup_bytes) throw RenderBound(mustache::markup_bound_message());
        text += piece;
        return *this;
    }
};

}  // namespace

const std::string* TemplateSet::source(const std::string& name) const {
    const auto it = expanded_.find(name);
    return it == expanded_.end() ? nullptr : &it->second;
}

std::vector<std::string> TemplateSet::files(const std::string& name) const {
    const auto it = files_.find(name);
    return it == files_.end() ? std::vector<std::string>{} : it->second;
}

namespace {

/// Where the first tag naming `name` ({{name}}, {{#name}}, {{^name}}, {{/name}}, {{&name}},
/// {{{name}}}) starts in `text`, or npos. One pass, no regular expression: names come
/// from the template, and a hostile one may hold thousands of them.
std::size_t find_tag(std::string_view text, std::string_view name) {
    const auto trim = [](std::string_view s) {
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
        return s;
    };
    for (std::size_t open = text.find("{{"); open != std::string_view::npos; open = text.find("{{", open + 2)) {
        const auto close = text.find("}}", open + 2);
        if (close == std::string_view::npos) break;
        auto contents = trim(text.substr(open + 2, close - open - 2));
        if (!contents.empty() && std::string_view("#^/&{").find(contents.front()) != std::string_view::npos) {
            contents = trim(contents.substr(1));
        }
        if (contents == name) return open;
    }
    return std::string_view::npos;
}

}  // namespace

std::string TemplateSet::locate(const std::string& name, const std::string& tag) const {
    const auto kind_file = (dir_ / (name + ".xml")).string();
    std::vector<std::string> order{kind_file};
    for (const auto& [file, text] : raw_) {
        if (file != kind_file && file.find("partials") != std::string::npos) order.push_back(file);
    }
    for (const auto& file : order) {
        const auto it = raw_.find(file);
        if (it == raw_.end()) continue;
        if (const auto at = find_tag(it->second, tag); at != std::string_view::npos) {
            return file + ":" + std::to_string(line_of(it->second, at));
        }
    }
    return kind_file;
}

struct Merger::Impl {
    std::shared_ptr<const TemplateSet> templates;
    std::map<std::string, mu::mustache> parsed;  ///< copied from the set's when first merged

    /// A fresh copy of the set's parsed template (also after a render that went wrong).
    mu::mustache fresh(const std::string& name) const { return *templates->parsed_.at(name)->mustache; }
};

Merger::Merger(std::shared_ptr<const TemplateSet> templates) : impl_(std::make_unique<Impl>()) {
    impl_->templates = std::move(templates);
}

Merger::~Merger() = default;

namespace {

/// Reports each tag the view did not have, named and located, up to a bound: a hostile
/// template may use thousands.
void report_missing(const TemplateSet& templates, const std::string& name, const std::set<std::string>& missing,
                    Diagnostics& diagnostics) {
    constexpr std::size_t max_reported = 20;
    std::size_t reported = 0;
    for (const auto& tag : missing) {
        if (reported++ == max_reported) {
            diagnostics.push_back(make_error({}, {}, "the template uses " + std::to_string(missing.size() - max_reported) +
                                                         " more values the view does not have"));
            diagnostics.back().file = (templates.directory() / (name + ".xml")).string();
            break;
        }
        Diagnostic d = make_error({}, {}, "the template uses {{" + shown(tag) + "}}, which the view does not have");
        d.file = templates.locate(name, tag);
        diagnostics.push_back(std::move(d));
    }
}

void report_bound(const TemplateSet& templates, const std::string& name, const RenderBound& bound, Diagnostics& diagnostics) {
    Diagnostic d = make_error({}, {}, bound.what());
    d.file = (templates.directory() / (name + ".xml")).string();
    diagnostics.push_back(std::move(d));
}

}  // namespace

std::string Merger::merge(const std::string& name, const nlohmann::json& view, Diagnostics& diagnostics) {
    const TemplateSet& templates = *impl_->templates;
    const auto set_it = templates.parsed_.find(name);
    if (set_it == templates.parsed_.end()) {
        diagnostics.push_back(make_error({}, {}, "no template " + quote(name)));
        return {};
    }
    if (const auto& program = set_it->second->program) {
        std::set<std::string> missing;
        std::string out;
        try {
            out = mustache::render(*program, view, missing);
        } catch (const RenderBound& bound) {
            report_bound(templates, name, bound, diagnostics);
            return {};
        }
        report_missing(templates, name, missing, diagnostics);
        return out;
    }
    return merge_with_library(name, view, diagnostics);
}

std::string Merger::merge_with_library(const std::string& name, const nlohmann::json& view, Diagnostics& diagnostics) {
    auto it = impl_->parsed.find(name);
    if (it == impl_->parsed.end()) it = impl_->parsed.emplace(name, impl_->fresh(name)).first;
    const mu::data data = mustache::to_library_data(view);
    mustache::StrictContext ctx(&data);
    BoundedMarkup markup;
    try {
        it->second.render(ctx, markup);
    } catch (const RenderBound& bound) {
        report_bound(*impl_->templates, name, bound, diagnostics);
        it->second = impl_->fresh(name);  // never reuse a broken render
        return {};
    }
    std::string out = std::move(markup.text);
    report_missing(*impl_->templates, name, ctx.missing, diagnostics);
    if (!it->second.is_valid()) {
        // A template that failed while rendering must not be reused: copy it afresh.
        diagnostics.push_back(make_error({}, {}, "template error: " + it->second.error_message()));
        it->second = impl_->fresh(name);
    }
    return out;
}

}  // namespace brevgen::letters
