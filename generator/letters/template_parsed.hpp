#pragma once
/// Internal to letters/: a template as the mustache library parsed it, kept in the
/// TemplateSet so that each Merger copies it instead of parsing the text again.

#include <kainjow/mustache.hpp>

#include "letters/templates.hpp"

namespace brevgen::letters {

struct TemplateSet::Parsed {
    kainjow::mustache::mustache mustache;
};

}  // namespace brevgen::letters
