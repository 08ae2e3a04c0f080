#pragma once
/// Internal to letters/: a template as the mustache library parsed it, kept in the
/// TemplateSet so that each Merger copies it instead of parsing the text again.

#include <kainjow/mustache.hpp>

#include <optional>

#include "letters/mustache_walk.hpp"
#include "letters/templates.hpp"

namespace brevgen::letters {

struct TemplateSet::Parsed {
    /// The library's parse, only of a template the walk cannot take.
    std::optional<kainjow::mustache::mustache> mustache;
    /// The template compiled for the walk over the view's JSON (a tenth of the library's
    /// instructions per letter).
    std::optional<mustache::Program> program;
};

}  // namespace brevgen::letters
