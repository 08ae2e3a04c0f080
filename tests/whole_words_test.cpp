// Whole words for screen readers and search: every word of the case that a letter prints
// is whole — not cut by a line-break hyphen — in the structure tree and in the text PDF.js
// extracts (both read by tests/js/pdf-text.mjs; poppler's pdfinfo -struct-text takes
// seconds per letter, see tests/layout_hyphenation_test.cpp for it), for every example and
// fixture. pdftotext alone would not show the fault: it rejoins "materia-" "lebestilling".

#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "cli_support.hpp"

using namespace brevgen::test;
namespace fs = std::filesystem;

namespace {

/// Splits text into words at white space (incl. U+00A0), without the punctuation around them.
std::vector<std::string> words(const std::string& text) {
    static const std::regex space("[\\s]+|\xC2\xA0");
    static const std::regex edges("^[.,;:!?()\\[\\]\"'/]+|[.,;:!?()\\[\\]\"'/]+$|^(\xE2\x80[\x93\x94\x9C\x9D\x98\x99])+|(\xE2\x80[\x93\x94\x9C\x9D\x98\x99])+$");
    std::vector<std::string> out;
    for (std::sregex_token_iterator it(text.begin(), text.end(), space, -1), end; it != end; ++it) {
        std::string w = std::regex_replace(it->str(), edges, "");
        w = std::regex_replace(w, edges, "");
        if (w.size() >= 3) out.push_back(w);
    }
    return out;
}

/// The words of every string value of a JSON case, or of every text node of an XML case.
std::set<std::string> case_words(const fs::path& file) {
    std::set<std::string> out;
    const std::string content = slurp(file);
    auto add = [&](const std::string& s) {
        for (auto& w : words(s)) out.insert(w);
    };
    if (file.extension() == ".json") {
        std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& v) {
            if (v.is_string()) add(v.get<std::string>());
            for (const auto& child : v) {
                if (v.is_structured()) walk(child);
            }
        };
        walk(nlohmann::json::parse(content));
    } else {
        static const std::regex node(">([^<]+)<");
        for (std::sregex_iterator it(content.begin(), content.end(), node), end; it != end; ++it) {
            std::string s = (*it)[1].str();
            for (const auto& [entity, ch] : std::vector<std::pair<std::string, std::string>>{
                     {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}}) {
                for (std::size_t at = s.find(entity); at != std::string::npos; at = s.find(entity, at + ch.size()))
                    s.replace(at, entity.size(), ch);
            }
            add(s);
        }
    }
    return out;
}

std::set<std::string> word_set(const std::string& text) {
    const auto w = words(text);
    return {w.begin(), w.end()};
}

}  // namespace

TEST_CASE("every word of the case a letter prints is whole in the structure tree and in PDF.js's text", "[accessibility][words]") {
    std::vector<fs::path> files;
    std::map<std::string, fs::path> pdfs;
    for (const auto& file : case_files()) {
        files.push_back(file);
        pdfs[file.string()] = render_case(file);
    }
    std::string args;
    for (const auto& [file, pdf] : pdfs) args += " " + quote(pdf);
    int code = 0;
    const std::string json = run("node tests/js/pdf-text.mjs" + args + " 2>&1", &code);
    if (code != 0) FAIL("PDF.js failed (tests/js needs npm ci --prefix tests/js, as scripts/install-deps.sh does):\n" << json.substr(0, 2000));
    const auto pdfjs = nlohmann::json::parse(json);
    std::size_t checked = 0;
    for (const auto& file : files) {
        const fs::path& pdf = pdfs[file.string()];
        const auto printed = word_set(run("pdftotext " + quote(pdf) + " -"));
        const auto& extracted = pdfjs.at(pdf.string());
        const auto in_tree = word_set(extracted.at("tree").get<std::string>());
        const auto in_pdfjs = word_set(extracted.at("text").get<std::string>());
        std::vector<std::string> not_in_tree, not_in_pdfjs;
        for (const auto& w : case_words(file)) {
            if (!printed.count(w)) continue;  // not printed as such (masked, reformatted, absent)
            ++checked;
            if (!in_tree.count(w)) not_in_tree.push_back(w);
            if (!in_pdfjs.count(w)) not_in_pdfjs.push_back(w);
        }
        INFO(file);
        CHECK(not_in_tree == std::vector<std::string>{});
        CHECK(not_in_pdfjs == std::vector<std::string>{});
    }
    CHECK(checked > 1000);
}
