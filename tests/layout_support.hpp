#pragma once
/// Shared set-up for layout tests: fonts and hyphenation loaded once, a helper that lays
/// out markup, and accessors for what landed on the pages.

#include <string>
#include <vector>

#include "danish/hyphenate.hpp"
#include "fonts/font_set.hpp"
#include "layout/layout.hpp"
#include "markup/document.hpp"

namespace brevgen::test {

inline const fonts::FontSet& test_fonts() {
    static const auto fonts = fonts::FontSet::load(BREVGEN_TEST_FONT_DIR);
    return *fonts;
}

inline layout::Environment test_env() {
    layout::Environment env;
    env.fonts = &test_fonts();
    env.hyphenator = &danish::Hyphenator::danish();
    env.creator = "brevgen test";
    return env;
}

/// Parses and lays out markup; fails the test on parse errors.
inline layout::LayoutResult lay_out(const std::string& markup_text, const layout::Environment& env = test_env()) {
    const auto parsed = markup::parse(markup_text);
    if (!parsed.diagnostics.empty()) throw std::runtime_error(format_diagnostic(parsed.diagnostics.front()));
    return layout::layout_letter(parsed.letter, env);
}

/// The text runs of a page, in painting order.
inline std::vector<layout::TextRun> runs(const layout::Page& page) {
    std::vector<layout::TextRun> out;
    for (const auto& item : page.items) {
        if (const auto* t = std::get_if<layout::TextRun>(&item.shape)) out.push_back(*t);
    }
    return out;
}

/// Text runs grouped into lines by baseline, top to bottom, words joined by spaces.
inline std::vector<std::string> page_lines(const layout::Page& page, bool artifacts = true) {
    std::vector<std::pair<double, std::string>> lines;
    for (const auto& item : page.items) {
        const auto* t = std::get_if<layout::TextRun>(&item.shape);
        if (!t || (!artifacts && item.elem == layout::artifact)) continue;
        bool placed = false;
        for (auto& [y, text] : lines) {
            if (std::abs(y - t->pos.y) < 0.5) {
                text += t->text;
                placed = true;
            }
        }
        if (!placed) lines.emplace_back(t->pos.y, t->text);
    }
    std::stable_sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> out;
    for (auto& l : lines) out.push_back(l.second);
    return out;
}

/// A letter with `body` and the usual head.
inline std::string letter(const std::string& body) {
    return R"(<letter title="Test" author="Jobcenter Test" date="2026-11-23">
  <letterhead><name>Jobcenter Test</name><line>Testvej 1, 8000 Aarhus C</line></letterhead>
  <address return="Jobcenter Test · Testvej 1 · 8000 Aarhus C"><line>Søren Østergård</line><line>Åboulevarden 17</line><line>8000 Aarhus C</line></address>
  <reference><item label="Dato">23. november 2026</item></reference>
  <running-header>Journalnr. 2026-1</running-header>
  <footer>Jobcenter Test</footer>
)" + body + "</letter>";
}

}  // namespace brevgen::test
