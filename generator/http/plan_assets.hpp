#pragma once
/// The plan page's files (generator/http/plan/), embedded in the binary at build time by
/// generator/http/plan/plan.cmake, so the page needs nothing from disk or the network.

#include <span>
#include <string_view>

namespace brevgen::http {

/// One embedded file: its name, its bytes and the SHA-256 of those bytes in hex.
struct EmbeddedFile {
    std::string_view name;
    std::string_view content;
    std::string_view sha256;
};

/// page.html first, then its assets: plan.css, plan-case.js, plan.js, icon.svg.
std::span<const EmbeddedFile> plan_files();

}  // namespace brevgen::http
