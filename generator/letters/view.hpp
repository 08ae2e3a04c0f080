#pragma once
/// Enrichment: a validated case → the view templates see (templates/README.md lists every
/// key). Every derived value is made here, in tested C++; templates only place them.

#include <nlohmann/json.hpp>
#include <string_view>

#include "common/diagnostic.hpp"
#include "data/value.hpp"
#include "letters/legal.hpp"
#include "letters/sender.hpp"

namespace brevgen::letters {

/// The view and the warnings for the sender (with positions in the case file).
struct Enriched {
    nlohmann::json view;
    Diagnostics warnings;
};

/// Builds the view of a case already validated for `kind`.
Enriched enrich(std::string_view kind, const data::Value& root, const SenderProfile& sender, const LegalRefs& legal);

/// True when `kind`'s letter for this case goes to the employer (no CPR, no health data).
bool addressed_to_employer(std::string_view kind, const data::Value& root);

}  // namespace brevgen::letters
