#include "letters/templates.hpp"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <regex>
#include <set>

#include "common/io.hpp"
#include "common/messages.hpp"

namespace brevgen::letters {
namespace mu = kainjow::mustache;

namespace {

std::string read_text(const std::filesystem::path& file) {
    auto read = io::read_file(file);
    if (!read) throw TemplateError(file.string() + ": error: " + message::cannot_read("the template", read.error));
    return std::move(*read.bytes);
}

std::size_t line_of(const std::string& text, std::size_t offset) {
    return static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(std::min(offset, text.size())), '\n')) + 1;
}

/// Checks one file's mustache syntax on its own, so errors point into that file.
void check_syntax(const std::string& file, const std::string& text, std::string& errors) {
    mu::mustache parsed(text);
    if (parsed.is_valid()) return;
    const std::string& message = parsed.error_message();
    std::size_t line = 0;
    static const std::regex at(" at ([0-9]+)$");
    std::smatch m;
    if (std::regex_search(message, m, at)) line = line_of(text, std::stoul(m[1]));
    errors += file + ":" + std::to_string(line) + ": error: " + message + "\n";
}

/// The next partial tag `{{> name }}` at or after `from` (name: letters, digits, '_', '-'):
/// its start, its length and the name; start == npos when there is none. A plain scan:
/// std::regex made template loading the largest part of a cold start.
struct PartialTag {
    std::size_t start = std::string::npos, length = 0;
    std::string name;
};

PartialTag next_partial(const std::string& text, std::size_t from) {
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
    const auto is_name = [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    };
    for (std::size_t at = text.find("{{>", from); at != std::string::npos; at = text.find("{{>", at + 1)) {
        std::size_t i = at + 3;
        while (i < text.size() && is_space(text[i])) ++i;
        const std::size_t name_start = i;
        while (i < text.size() && is_name(text[i])) ++i;
        if (i == name_start) continue;
        const std::size_t name_end = i;
        while (i < text.size() && is_space(text[i])) ++i;
        if (text.compare(i, 2, "}}") != 0) continue;
        return {at, i + 2 - at, text.substr(name_start, name_end - name_start)};
    }
    return {};
}

std::string expand(const std::string& text, const std::map<std::string, std::string>& partials, int depth,
                   const std::string& file, std::string& errors, std::vector<std::string>& used) {
    std::string out;
    std::size_t last = 0;
    for (PartialTag m = next_partial(text, 0); m.start != std::string::npos; m = next_partial(text, last)) {
        out.append(text, last, m.start - last);
        last = m.start + m.length;
        const auto p = partials.find(m.name);
        if (p == partials.end()) {
            errors += file + ":" + std::to_string(line_of(text, m.start)) + ": error: unknown partial \"" + m.name + "\"\n";
        } else if (depth > 8) {
            errors += file + ": error: partials nested more than 8 deep (a partial includes itself?)\n";
        } else {
            const std::string partial = "partials/" + p->first + ".xml";
            if (std::find(used.begin(), used.end(), partial) == used.end()) used.push_back(partial);
            out += expand(p->second, partials, depth + 1, partial, errors, used);
        }
    }
    out.append(text, last);
    return out;
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

struct TemplateSet::Parsed {
    mu::mustache mustache;
};

std::shared_ptr<const TemplateSet> TemplateSet::load(const std::filesystem::path& dir,
                                                     const std::vector<std::string>& names,
                                                     const std::vector<std::string>& present) {
    auto set = std::make_shared<TemplateSet>();
    set->dir_ = dir;
    set->names_ = names;
    std::string errors;
    std::map<std::string, std::string> partials;
    if (std::filesystem::is_directory(dir / "partials")) {
        for (const auto& entry : std::filesystem::directory_iterator(dir / "partials")) {
            if (entry.path().extension() != ".xml") continue;
            const std::string text = read_text(entry.path());
            check_syntax(entry.path().string(), text, errors);
            partials[entry.path().stem().string()] = text;
            set->raw_[entry.path().string()] = text;
        }
    }
    for (const auto& name : names) {
        if (set->expanded_.count(name)) continue;  // two kinds may share a template
        const auto file = dir / (name + ".xml");
        const std::string text = read_text(file);
        set->raw_[file.string()] = text;
        std::vector<std::string> used{name + ".xml"};
        const std::string& expanded = set->expanded_[name] = expand(text, partials, 0, file.string(), errors, used);
        mu::mustache parsed(expanded);
        // The partials were each checked above, and a file whose partials are balanced is
        // balanced when its expansion is; so the file is parsed on its own (a second parse,
        // a tenth of a cold start) only to point at the line of an error, or when a set-
        // delimiter tag makes the expansion read differently from its parts.
        if (!parsed.is_valid() || expanded.find("{{=") != std::string::npos) check_syntax(file.string(), text, errors);
        if (errors.empty()) set->parsed_[name] = std::make_shared<const Parsed>(Parsed{std::move(parsed)});
        set->files_[name] = std::move(used);
    }
    for (const auto& name : present) {
        if (set->expanded_.count(name)) continue;
        const auto file = dir / (name + ".xml");
        if (const auto read = io::read_file(file); !read)
            errors += file.string() + ": error: " + message::cannot_read("the template", read.error) + "\n";
    }
    if (!errors.empty()) throw TemplateError(errors.substr(0, errors.size() - 1));
    return set;
}

const std::string* TemplateSet::source(const std::string& name) const {
    const auto it = expanded_.find(name);
    return it == expanded_.end() ? nullptr : &it->second;
}

std::vector<std::string> TemplateSet::files(const std::string& name) const {
    const auto it = files_.find(name);
    return it == files_.end() ? std::vector<std::string>{} : it->second;
}

std::string TemplateSet::locate(const std::string& name, const std::string& tag_name) const {
    const std::regex tag("\\{\\{[#^/]?\\s*" + std::regex_replace(tag_name, std::regex(R"([.\\^$|()\[\]{}*+?])"), R"(\$&)") + "\\s*\\}\\}");
    const auto kind_file = (dir_ / (name + ".xml")).string();
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
    std::map<std::string, mu::mustache> parsed;  ///< parsed when first merged
};

Merger::Merger(std::shared_ptr<const TemplateSet> templates) : impl_(std::make_unique<Impl>()) {
    impl_->templates = std::move(templates);
}

Merger::~Merger() = default;

std::string Merger::merge(const std::string& name, const nlohmann::json& view, Diagnostics& diagnostics) {
    auto it = impl_->parsed.find(name);
    if (it == impl_->parsed.end()) {
        const auto& prototypes = impl_->templates->parsed_;
        const auto parsed = prototypes.find(name);
        if (parsed == prototypes.end()) {
            diagnostics.push_back(make_error({}, {}, "no template " + quote(name)));
            return {};
        }
        it = impl_->parsed.emplace(name, parsed->second->mustache).first;
    }
    const mu::data data = to_data(view);
    StrictContext ctx(&data);
    // Rendered into a string directly: the ostringstream kainjow would make costs a locale
    // set-up per letter.
    struct Sink {
        std::string text;
        Sink& operator<<(const std::string& s) {
            text += s;
            return *this;
        }
    } sink;
    std::string out = std::move(it->second.render(ctx, sink).text);
    for (const auto& tag : ctx.missing) {
        Diagnostic d = make_error({}, {}, "the template uses {{" + tag + "}}, which the view does not have");
        d.file = impl_->templates->locate(name, tag);
        diagnostics.push_back(std::move(d));
    }
    if (!it->second.is_valid()) {
        // A template that failed while rendering must not be reused: copy it afresh.
        diagnostics.push_back(make_error({}, {}, "template error: " + it->second.error_message()));
        it->second = impl_->templates->parsed_.at(name)->mustache;
    }
    return out;
}

}  // namespace brevgen::letters
