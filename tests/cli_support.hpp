#pragma once
/// Runs the brevgen binary as a user would and captures what it says.

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "pdf_tools.hpp"

namespace brevgen::test {

/// What a brevgen run gave.
struct Run {
    int exit_code = -1;
    std::string out;  ///< stdout
    std::string err;  ///< stderr
};

/// Runs `brevgen ARGS` (arguments already shell-quoted where needed) from the repository
/// root, optionally with `stdin_file` on standard input.
inline Run run_brevgen(const std::string& args, const std::string& stdin_file = "") {
    const auto err_file = temp_path(".err");
    std::string cmd = std::string(BREVGEN_TEST_BINARY) + " " + args + " 2>" + quote(err_file);
    if (!stdin_file.empty()) cmd += " <" + quote(stdin_file);
    Run r;
    r.out = run(cmd, &r.exit_code);
    std::ifstream in(err_file);
    std::stringstream s;
    s << in.rdbuf();
    r.err = s.str();
    return r;
}

inline std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// The letter kinds, longest first, so a fixture's name prefix picks its kind.
inline const std::vector<std::string>& kind_names() {
    static const std::vector<std::string> kinds{"information-medarbejder", "information-arbejdsgiver", "optrapningsplan",
                                                "indkaldelse", "referat"};
    return kinds;
}

/// The kind a fixture or example is for, from its file name ("indkaldelse-telefon.json").
inline std::string kind_of(const std::filesystem::path& file) {
    const std::string name = file.filename().string();
    for (const auto& k : kind_names()) {
        if (name.rfind(k, 0) == 0) return k;
    }
    return {};
}

/// Every case file in fixtures/valid and examples (JSON and XML), repo-relative.
inline std::vector<std::filesystem::path> case_files(const std::string& extension = "") {
    std::vector<std::filesystem::path> out;
    for (const char* dir : {"fixtures/valid", "examples"}) {
        for (const auto& e : std::filesystem::directory_iterator(dir)) {
            const auto ext = e.path().extension();
            if ((ext != ".json" && ext != ".xml") || kind_of(e.path()).empty()) continue;
            if (!extension.empty() && ext != extension) continue;
            out.push_back(e.path());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

/// Renders a case file with the kind its name says and returns the PDF's path; fails the
/// test when brevgen fails.
inline std::filesystem::path render_case(const std::filesystem::path& case_file) {
    const auto out = temp_path(".pdf");
    const auto r = run_brevgen("render " + kind_of(case_file) + " " + quote(case_file) + " -o " + quote(out));
    INFO(case_file << ": " << r.err);
    REQUIRE(r.exit_code == 0);
    return out;
}

}  // namespace brevgen::test
