#pragma once
/// Diagnostics in Danish for people who are not developers (the plan page): one catalogue,
/// keyed by the diagnostics' stable codes. The English messages stay what the command line,
/// the batch manifest and the problem reports print.

#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.hpp"

namespace brevgen {

/// The Danish sentence for `d` (a capital letter, a final period), made from its code and
/// arguments: "Skal udfyldes.", "Med 35 timer i planens uge 1 (uge 49) er der kun 2 timers
/// fravær. …". A diagnostic whose code the catalogue does not know gets a general sentence
/// that says whether it is an error or a warning. Never quotes case text.
std::string danish_message(const Diagnostic& d);

/// True when the catalogue has its own sentence for `code`.
bool has_danish_message(std::string_view code);

/// Every code the catalogue knows, in catalogue order.
std::vector<std::string_view> danish_message_codes();

}  // namespace brevgen
