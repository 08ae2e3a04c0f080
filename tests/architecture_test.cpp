// The shape of generator/, checked on every run: which folder may include which (the
// pipeline's one direction, front ends only through engine/), each letter kind named in one
// file, one function that renames files into place, one that reads the environment.
// (tests/CMakeLists.txt also proves that the build itself refuses a front end that includes
// a stage's header.)

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "letters/registry.hpp"

namespace fs = std::filesystem;

namespace {

struct Source {
    fs::path path;    ///< repo-relative: generator/batch/batch.cpp
    std::string folder;
    std::string text;
};

const std::vector<Source>& sources() {
    static const std::vector<Source> all = [] {
        std::vector<Source> out;
        const fs::path root = fs::exists("generator") ? fs::path("generator") : fs::path(BREVGEN_SOURCE_DIR) / "generator";
        for (const auto& entry : fs::recursive_directory_iterator(root)) {
            const auto ext = entry.path().extension();
            if (ext != ".cpp" && ext != ".hpp") continue;
            std::ifstream in(entry.path(), std::ios::binary);
            std::stringstream text;
            text << in.rdbuf();
            const auto relative = entry.path().lexically_relative(root.parent_path());
            out.push_back({relative, relative.begin()->empty() ? "" : std::next(relative.begin())->string(), text.str()});
        }
        return out;
    }();
    return all;
}

/// The folders each folder's files may include (besides its own): the dependency graph of
/// the libraries in generator/*/CMakeLists.txt.
const std::map<std::string, std::set<std::string>>& allowed() {
    static const std::map<std::string, std::set<std::string>> graph = {
        {"common", {}},
        {"danish", {"common"}},
        {"data", {"common"}},
        {"fonts", {"common"}},
        {"markup", {"common"}},
        {"layout", {"common", "fonts", "markup", "danish"}},
        {"memo", {"common", "danish"}},
        {"letters", {"common", "data", "danish", "memo"}},
        {"pdf", {"common", "fonts", "layout"}},
        {"engine", {"common", "danish", "data", "fonts", "markup", "layout", "letters", "memo", "pdf"}},
        {"batch", {"common", "engine"}},
        {"http", {"common", "engine"}},
        {"cli", {"common", "engine", "batch", "http"}},
    };
    return graph;
}

/// The folders a file includes headers of, by `#include "folder/…"`.
std::vector<std::string> included_folders(const std::string& text) {
    static const std::regex include(R"re(#\s*include\s*"([^"/]+)/[^"]*")re");
    std::vector<std::string> out;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), include); it != std::sregex_iterator(); ++it) {
        out.push_back((*it)[1]);
    }
    return out;
}

/// Files whose text holds `needle`.
std::set<std::string> files_with(const std::string& needle) {
    std::set<std::string> out;
    for (const auto& s : sources()) {
        if (s.text.find(needle) != std::string::npos) out.insert(s.path.string());
    }
    return out;
}

}  // namespace

TEST_CASE("architecture: every folder includes only the folders below it; front ends only engine/ and common/",
          "[architecture]") {
    REQUIRE(sources().size() > 50);
    for (const auto& s : sources()) {
        INFO(s.path);
        const auto rule = allowed().find(s.folder);
        REQUIRE(rule != allowed().end());  // a new folder needs its place in the graph (and a library)
        for (const auto& folder : included_folders(s.text)) {
            if (folder == s.folder) continue;
            INFO("includes " << folder << "/");
            CHECK(rule->second.count(folder) == 1);
        }
        CHECK(s.text.find("#include \"..") == std::string::npos);
    }
}

TEST_CASE("architecture: nothing outside cli/ includes cli/, and no front end includes a stage", "[architecture]") {
    for (const auto& s : sources()) {
        for (const auto& folder : included_folders(s.text)) {
            INFO(s.path << " includes " << folder << "/");
            if (s.folder != "cli") CHECK(folder != "cli");
            if (s.folder == "cli" || s.folder == "batch" || s.folder == "http") {
                CHECK(std::set<std::string>{"data", "letters", "layout", "pdf", "markup", "fonts", "danish", "memo"}
                          .count(folder) == 0);
            }
        }
    }
}

TEST_CASE("architecture: each letter kind's name is written in one file, its record's", "[architecture]") {
    for (const auto& slug : brevgen::letters::KindRegistry::built_in()->slugs()) {
        INFO(slug);
        CHECK(files_with("\"" + slug + "\"") == std::set<std::string>{"generator/letters/kinds.cpp"});
    }
}

TEST_CASE("architecture: one function renames files into place, one reads the environment", "[architecture]") {
    CHECK(files_with("rename(") == std::set<std::string>{"generator/common/io.cpp"});
    std::size_t renames = 0;
    for (const auto& s : sources()) {
        for (auto at = s.text.find("rename("); at != std::string::npos; at = s.text.find("rename(", at + 1)) ++renames;
    }
    CHECK(renames == 1);
    CHECK(files_with("getenv(") == std::set<std::string>{"generator/common/environment.cpp"});
}
