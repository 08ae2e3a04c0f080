#include "letters/templates.hpp"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <regex>
#include <set>

namespace brevgen::letters {
namespace mu = kainjow::mustache;

namespace {

std::size_t line_of(const std::string& text, std::size_t offset) {
    return static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(std::min(offset, text.size())), '\n')) + 1;
}

mu::data to_data(const nlohmann::json& j) {
    switch (j.type()) {
    case nlohmann::json::value_t::object: {
        mu::data d{mu::data::type::object};
        for (const auto& [k, v] : j.items()) d.set(k, to_data(v));
        return d;
    }
    case nlohmann::json::value_t::array: {
        mu::data d{mu::data::type::list};
        for (const auto& v : j) d.push_back(to_data(v));
        return d;
    }
    case nlohmann::json::value_t::boolean: return mu::data(j.get<bool>());
    case nlohmann::json::value_t::string: return mu::data(j.get<std::string>());
    case nlohmann::json::value_t::null: return mu::data(false);
    default: return mu::data(j.dump());
    }
}

/// A lookup context that remembers names the view does not have.
class StrictContext : public mu::context<std::string> {
public:
    explicit StrictContext(const mu::data* d) : mu::context<std::string>(d) {}
    const mu::data* get(const std::string& name) const override {
        const mu::data* found = mu::context<std::string>::get(name);
        if (!found) missing.insert(name);
        return found;
    }
    mutable std::set<std::string> missing;
};

}  // namespace

const std::string* TemplateSet::source(const std::string& kind) const {
    const auto it = expanded_.find(kind);
    return it == expanded_.end() ? nullptr : &it->second;
}

std::string TemplateSet::locate(const std::string& kind, const std::string& name) const {
    const std::regex tag("\\{\\{[#^/]?\\s*" + std::regex_replace(name, std::regex(R"([.\\^$|()\[\]{}*+?])"), R"(\$&)") + "\\s*\\}\\}");
    const auto kind_file = (dir_ / (kind + ".xml")).string();
    std::vector<std::string> order{kind_file};
    for (const auto& [file, text] : raw_) {
        if (file != kind_file && file.find("partials") != std::string::npos) order.push_back(file);
    }
    for (const auto& file : order) {
        const auto it = raw_.find(file);
        if (it == raw_.end()) continue;
        std::smatch m;
        if (std::regex_search(it->second, m, tag)) {
            return file + ":" + std::to_string(line_of(it->second, static_cast<std::size_t>(m.position(0))));
        }
    }
    return kind_file;
}

struct Merger::Impl {
    std::shared_ptr<const TemplateSet> templates;
    std::map<std::string, mu::mustache> parsed;
};

Merger::Merger(std::shared_ptr<const TemplateSet> templates) : impl_(std::make_unique<Impl>()) {
    impl_->templates = std::move(templates);
    for (const auto& kind : impl_->templates->kinds()) {
        impl_->parsed.emplace(kind, mu::mustache(*impl_->templates->source(kind)));
    }
}

Merger::~Merger() = default;

std::string Merger::merge(const std::string& kind, const nlohmann::json& view, Diagnostics& diagnostics) {
    const auto it = impl_->parsed.find(kind);
    if (it == impl_->parsed.end()) {
        diagnostics.push_back(make_error({}, {}, "no template for the letter kind \"" + kind + "\""));
        return {};
    }
    const mu::data data = to_data(view);
    StrictContext ctx(&data);
    std::string out = it->second.render(ctx);
    for (const auto& name : ctx.missing) {
        Diagnostic d = make_error({}, {}, "the template uses {{" + name + "}}, which the view does not have");
        d.file = impl_->templates->locate(kind, name);
        diagnostics.push_back(std::move(d));
    }
    if (!it->second.is_valid()) {
        // A template that failed while rendering must not be reused: parse it afresh.
        diagnostics.push_back(make_error({}, {}, "template error: " + it->second.error_message()));
        it->second = mu::mustache(*impl_->templates->source(kind));
    }
    return out;
}

}  // namespace brevgen::letters
