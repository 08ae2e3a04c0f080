// Loading a templates directory: each template a kind names and the partials it uses, read
// on demand and expanded into one text per template.
//
// A municipality's copy of the directory is read as if someone hostile had written it: a
// file is refused before it is read when it resolves outside the directory (a partial
// linked to /etc/passwd must never reach a letter), is not a regular file, or is larger
// than a limit; a partial that includes itself stops the load with one error naming the
// chain; nesting, the number of inclusions and the expanded size are bounded, and so is
// the nesting of sections, because the mustache library copies a section's text once per
// enclosing section (quadratic memory) and recurses over them (a stack overflow at 20 000).

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <optional>

#include "common/io.hpp"
#include "common/messages.hpp"
#include "letters/template_parsed.hpp"
#include "letters/templates.hpp"

namespace brevgen::letters {

namespace mu = kainjow::mustache;
namespace fs = std::filesystem;

namespace {

/// One `{{> name}}` tag of a file.
struct PartialTag {
    std::size_t begin = 0, end = 0;  ///< the tag's bytes
    std::string name;                ///< trimmed
    std::size_t line = 0;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

/// Walks the mustache tags of a text in order, counting lines on the way (linear).
class TagWalker {
public:
    explicit TagWalker(std::string_view text) : text_(text) {}

    /// The next tag's contents (trimmed, braces of `{{{x}}}` kept out), or nullopt at the end.
    std::optional<std::string_view> next() {
        const auto open = text_.find("{{", at_);
        if (open == std::string_view::npos) return std::nullopt;
        line_ += static_cast<std::size_t>(std::count(text_.begin() + static_cast<std::ptrdiff_t>(at_),
                                                     text_.begin() + static_cast<std::ptrdiff_t>(open), '\n'));
        begin_ = open;
        const bool triple = text_.substr(open, 3) == "{{{";
        const auto close = text_.find(triple ? "}}}" : "}}", open + 2);
        if (close == std::string_view::npos) return std::nullopt;  // the syntax check reports it
        at_ = close + (triple ? 3 : 2);
        return triple ? std::string_view() : trim(text_.substr(open + 2, close - open - 2));
    }
    std::size_t begin() const { return begin_; }
    std::size_t end() const { return at_; }
    std::size_t line() const { return line_; }

private:
    std::string_view text_;
    std::size_t at_ = 0, begin_ = 0, line_ = 1;
};

/// The partial tags of `text`, or the line of the first tag a template may not have:
/// set-delimiter tags (they would hide tags from these checks) and sections nested deeper
/// than `max_depth`.
struct TagScan {
    std::vector<PartialTag> partials;
    std::string error;  ///< empty when the text is acceptable
    std::size_t error_line = 0;
};

TagScan scan_tags(std::string_view text, std::size_t max_depth) {
    TagScan scan;
    TagWalker tags(text);
    std::size_t depth = 0;
    while (const auto tag = tags.next()) {
        const char kind = tag->empty() ? '\0' : tag->front();
        if (kind == '=') {
            scan.error = "set-delimiter tags ({{=… …=}}) are not allowed in templates";
        } else if ((kind == '#' || kind == '^') && ++depth > max_depth) {
            scan.error = "sections nested more than " + std::to_string(max_depth) + " deep (the limit)";
        } else if (kind == '/' && depth > 0) {
            --depth;
        } else if (kind == '>') {
            scan.partials.push_back({tags.begin(), tags.end(), std::string(trim(tag->substr(1))), tags.line()});
        }
        if (!scan.error.empty()) {
            scan.error_line = tags.line();
            break;
        }
    }
    return scan;
}

bool valid_partial_name(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

/// Thrown to end a load at once (an include cycle, a crossed limit): the one error.
struct Stop {
    std::string message;
};

}  // namespace

/// Reads the files of one templates directory and expands each template.
class TemplateLoader {
public:
    TemplateLoader(const fs::path& dir, const TemplateLimits& limits) : dir_(dir), limits_(limits) {}

    /// The expanded template `name`, or "" after recording errors; the files it is made of
    /// go to `files` ("<name>.xml", then "partials/<p>.xml" in the order first used).
    std::string expand_template(const std::string& name, std::vector<std::string>& files, TemplateSet& set);

    /// The errors that do not stop the load, in the order they were found.
    const std::vector<std::string>& errors() const { return errors_; }

private:
    /// A file read and checked once.
    struct Source {
        std::string file;  ///< as messages name it
        std::string text;
        TagScan tags;
    };
    /// One link of the include chain: a `{{> name}}` tag being expanded, and where it is.
    struct Link {
        std::string name;  ///< the partial's name ("" for the kind's own template)
        std::string at;    ///< "FILE:LINE" of the tag
    };

    /// The file at `path`, read and checked once; nullptr (with an error) when unusable.
    /// `check_syntax` false leaves the file's own parse to the caller (see expand_template).
    const Source* source(const fs::path& path, const std::string& included_at, TemplateSet& set,
                         bool check_syntax = true);
    /// Records the file's mustache syntax error, if it has one, at its line.
    void check_syntax(const Source& src);
    void expand(const Source& src, std::vector<Link>& chain, std::string& out, TemplateSet& set);
    std::string chain_text(const std::vector<Link>& chain) const;
    std::string too_large() const {
        const auto limit = std::to_string(limits_.max_expanded_bytes);
        return "with its partials the template of " + name_ + " would be larger than " + limit + " bytes; the limit is " + limit;
    }
    void error(std::string line) {
        if (std::find(errors_.begin(), errors_.end(), line) == errors_.end()) errors_.push_back(std::move(line));
        if (errors_.size() >= 20) throw Stop{dir_.string() + ": error: too many errors in the templates; stopped after 20"};
    }

    fs::path dir_;
    const TemplateLimits& limits_;
    std::map<std::string, std::optional<Source>> sources_;  ///< by path, read once
    std::vector<std::string> errors_;
    std::size_t inclusions_ = 0;  ///< partial tags expanded for the current template
    std::string name_;            ///< the current template
    std::vector<std::string>* files_ = nullptr;  ///< the current template's files
};

const TemplateLoader::Source* TemplateLoader::source(const fs::path& path, const std::string& included_at,
                                                     TemplateSet& set, bool check_syntax_now) {
    const std::string file = path.string();
    if (const auto it = sources_.find(file); it != sources_.end()) return it->second ? &*it->second : nullptr;
    auto& slot = sources_[file];
    auto read = io::read_confined(path, dir_, limits_.max_file_bytes);
    if (!read) {
        error(included_at.empty() ? file + ": error: " + message::cannot_read("the template", read.error)
                                  : included_at + ": error: " + message::cannot_read("the partial " + file, read.error));
        return nullptr;
    }
    Source src{file, std::move(*read.bytes), {}};
    src.tags = scan_tags(src.text, limits_.max_section_depth);
    if (!src.tags.error.empty()) {
        error(file + ":" + std::to_string(src.tags.error_line) + ": error: " + src.tags.error);
        return nullptr;
    }
    if (check_syntax_now) check_syntax(src);
    set.raw_[file] = src.text;
    slot = std::move(src);
    return &*slot;
}

void TemplateLoader::check_syntax(const Source& src) {
    // Each file's syntax on its own, so errors point into that file.
    const std::string& file = src.file;
    const mu::mustache parsed(src.text);
    if (!parsed.is_valid()) {
        const std::string& message = parsed.error_message();
        // The library says where as "… at OFFSET".
        std::size_t line = 0;
        const auto at = message.rfind(" at ");
        const std::string_view offset = at == std::string::npos ? std::string_view() : std::string_view(message).substr(at + 4);
        if (!offset.empty() && offset.size() < 10 && std::all_of(offset.begin(), offset.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            const auto end = std::min<std::size_t>(std::stoul(std::string(offset)), src.text.size());
            line = static_cast<std::size_t>(std::count(src.text.begin(), src.text.begin() + static_cast<std::ptrdiff_t>(end), '\n')) + 1;
        }
        error(file + ":" + std::to_string(line) + ": error: " + message);
    }
}

std::string TemplateLoader::chain_text(const std::vector<Link>& chain) const {
    std::string out;
    for (std::size_t i = 1; i < chain.size(); ++i) {
        out += (i > 1 ? ", " : "") + chain[i].at + " {{> " + chain[i].name + "}}";
    }
    return out;
}

void TemplateLoader::expand(const Source& src, std::vector<Link>& chain, std::string& out, TemplateSet& set) {
    std::size_t last = 0;
    for (const auto& tag : src.tags.partials) {
        out.append(src.text, last, tag.begin - last);
        last = tag.end;
        const std::string at = src.file + ":" + std::to_string(tag.line);
        if (!valid_partial_name(tag.name)) {
            error(at + ": error: partial names are letters, digits, '-' and '_', not " + quote(tag.name));
            continue;
        }
        chain.push_back({tag.name, at});
        const bool cycle = std::any_of(chain.begin(), chain.end() - 1, [&](const Link& l) { return l.name == tag.name; });
        if (cycle) throw Stop{at + ": error: partial \"" + tag.name + "\" includes itself: " + chain_text(chain)};
        if (chain.size() - 1 > limits_.max_partial_depth) {
            throw Stop{at + ": error: partials nested more than " + std::to_string(limits_.max_partial_depth) +
                       " deep (the limit): " + chain_text(chain)};
        }
        if (++inclusions_ > limits_.max_inclusions) {
            throw Stop{at + ": error: the template of " + name_ + " would include partials more than " +
                       std::to_string(limits_.max_inclusions) + " times; the limit is " +
                       std::to_string(limits_.max_inclusions)};
        }
        const auto path = dir_ / "partials" / (tag.name + ".xml");
        std::error_code ec;
        if (!fs::exists(fs::symlink_status(path, ec))) {
            error(at + ": error: unknown partial \"" + tag.name + "\"");
        } else if (const Source* partial = source(path, at, set)) {
            const std::string used = "partials/" + tag.name + ".xml";
            if (std::find(files_->begin(), files_->end(), used) == files_->end()) files_->push_back(used);
            expand(*partial, chain, out, set);
        }
        chain.pop_back();
        if (out.size() > limits_.max_expanded_bytes) {
            throw Stop{at + ": error: " + too_large()};
        }
    }
    out.append(src.text, last);
}

std::string TemplateLoader::expand_template(const std::string& name, std::vector<std::string>& files,
                                            TemplateSet& set) {
    name_ = name;
    inclusions_ = 0;
    files_ = &files;
    files = {name + ".xml"};
    const Source* src = source(dir_ / (name + ".xml"), "", set, false);
    if (src == nullptr) return {};
    std::vector<Link> chain{{"", src->file}};
    std::string out;
    expand(*src, chain, out, set);
    if (out.size() > limits_.max_expanded_bytes) {
        throw Stop{src->file + ": error: " + too_large()};
    }
    // Sections may nest across files; the expanded text is what the mustache library parses.
    const auto nested = scan_tags(out, limits_.max_section_depth);
    if (!nested.error.empty()) throw Stop{src->file + ": error: with its partials, " + nested.error};
    // Parsed once here for every Merger. The partials were each checked on their own, and
    // with no set-delimiter tags (refused above) a file whose partials are balanced is
    // balanced when its expansion is: so the kind's own file is parsed on its own (a
    // tenth of a cold start) only to point at the line of an error.
    // The walk compiles every template the library parses (and no other: fuzz_mustache),
    // so the library parses only one the walk leaves to it, or to locate an error.
    auto program = mustache::compile(out);
    std::optional<mu::mustache> parsed;
    if (!program) {
        parsed.emplace(out);
        if (!parsed->is_valid()) check_syntax(*src);
    }
    set.parsed_[name] = std::make_shared<const TemplateSet::Parsed>(TemplateSet::Parsed{std::move(parsed), std::move(program)});
    return out;
}

std::shared_ptr<const TemplateSet> TemplateSet::load(const fs::path& dir, const std::vector<std::string>& names,
                                                     const TemplateLimits& limits,
                                                     const std::vector<std::string>& present) {
    auto set = std::make_shared<TemplateSet>();
    set->dir_ = dir;
    set->names_ = names;
    TemplateLoader loader(dir, limits);
    try {
        for (const auto& name : names) {
            if (set->expanded_.count(name)) continue;  // two kinds may share a template
            set->expanded_[name] = loader.expand_template(name, set->files_[name], *set);
        }
    } catch (const Stop& stop) {
        // Only what was wrong before the stop, and the stop itself: one cycle is one line.
        std::string message;
        for (const auto& line : loader.errors()) message += line + "\n";
        throw TemplateError(message + stop.message);
    }
    std::vector<std::string> missing;
    for (const auto& name : present) {
        if (set->expanded_.count(name)) continue;
        const auto file = dir / (name + ".xml");
        if (auto read = io::read_confined(file, dir, limits.max_file_bytes); !read)
            missing.push_back(file.string() + ": error: " + message::cannot_read("the template", read.error));
    }
    if (!loader.errors().empty() || !missing.empty()) {
        std::string message;
        for (const auto& line : loader.errors()) message += (message.empty() ? "" : "\n") + line;
        for (const auto& line : missing) message += (message.empty() ? "" : "\n") + line;
        throw TemplateError(message);
    }
    return set;
}

}  // namespace brevgen::letters
