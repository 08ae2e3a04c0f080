#pragma once
// Helpers for the case-data tests: fixture files, tree comparison, short-hand reading.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/diagnostic.hpp"
#include "data/read.hpp"
#include "data/value.hpp"
#include "letters/registry.hpp"

namespace data_test {

namespace fs = std::filesystem;
using brevgen::data::Value;

/// A repository path: tests run from the repository root (ctest sets it); a run from
/// elsewhere falls back to the source directory the build was configured from.
inline fs::path repo_path(const std::string& relative) {
    if (fs::exists(relative)) return relative;
    return fs::path(BREVGEN_SOURCE_DIR) / relative;
}

/// A built-in kind's record; the test fails when there is no such kind.
inline const brevgen::letters::KindRecord& kind_record(std::string_view slug) {
    const auto* kind = brevgen::letters::KindRegistry::built_in()->find(slug);
    if (kind == nullptr) throw std::runtime_error("no built-in kind " + std::string(slug));
    return *kind;
}

/// The built-in kinds' slugs, in registry order.
inline std::vector<std::string> kind_slugs() { return brevgen::letters::KindRegistry::built_in()->slugs(); }

/// Reads and validates a case for a built-in kind (an unknown kind gives the registry's error),
/// with `drawable` checking printed fields against fonts when given.
inline brevgen::letters::CaseResult load_case(std::string_view slug, std::string_view text,
                                              std::optional<brevgen::data::Format> format = std::nullopt,
                                              const brevgen::data::Drawable& drawable = {}) {
    const auto registry = brevgen::letters::KindRegistry::built_in();
    if (const auto* kind = registry->find(slug)) return brevgen::letters::load_case(*kind, text, format, {}, drawable);
    brevgen::letters::CaseResult unknown;
    unknown.diagnostics.push_back(registry->unknown(slug));
    return unknown;
}

inline std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

/// File names (not paths) in a fixture directory with one of the extensions, sorted.
inline std::vector<std::string> fixture_names(const std::string& dir, std::vector<std::string> extensions) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(repo_path(dir))) {
        const auto ext = entry.path().extension().string();
        if (std::find(extensions.begin(), extensions.end(), ext) != extensions.end()) {
            names.push_back(entry.path().filename().string());
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

/// The letter kind a valid fixture is for: the longest kind slug its name starts with.
inline std::string kind_of_valid_fixture(const std::string& name, const std::vector<std::string>& slugs) {
    std::string best;
    for (const auto& slug : slugs) {
        if (name.starts_with(slug + "-") && slug.size() > best.size()) best = slug;
    }
    return best;
}

/// Compares two trees by content, ignoring positions; an XML text scalar equals a string
/// with the same content. Returns an empty string when equal, else where they differ.
inline std::string tree_difference(const Value& a, const Value& b, const std::string& path = "") {
    const auto norm = [](Value::Type t) { return t == Value::Type::text ? Value::Type::string : t; };
    if (norm(a.type) != norm(b.type)) return path + ": types differ";
    if (a.scalar != b.scalar) return path + ": \"" + a.scalar + "\" != \"" + b.scalar + "\"";
    if (a.items.size() != b.items.size()) return path + ": array lengths differ";
    for (std::size_t i = 0; i < a.items.size(); ++i) {
        auto d = tree_difference(a.items[i], b.items[i], path + "/" + std::to_string(i));
        if (!d.empty()) return d;
    }
    if (a.members.size() != b.members.size()) return path + ": member counts differ";
    for (std::size_t i = 0; i < a.members.size(); ++i) {
        if (a.members[i].first != b.members[i].first) {
            return path + ": member " + a.members[i].first + " != " + b.members[i].first;
        }
        auto d = tree_difference(a.members[i].second, b.members[i].second, path + "/" + a.members[i].first);
        if (!d.empty()) return d;
    }
    return {};
}

/// Diagnostics as the CLI prints them, one per line, for file `file`.
inline std::string render(brevgen::Diagnostics ds, const std::string& file) {
    std::string out;
    for (auto& d : ds) {
        d.file = file;
        out += brevgen::format_diagnostic(d) + "\n";
    }
    return out;
}

/// "LINE:COL" of a position, for compact checks.
inline std::string at(brevgen::SourcePos p) { return std::to_string(p.line) + ":" + std::to_string(p.column); }

}  // namespace data_test
