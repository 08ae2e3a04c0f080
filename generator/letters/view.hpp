#pragma once
/// Enrichment: a validated case → the view templates see (templates/README.md lists every
/// key). Every derived value is made here, in tested C++; templates only place them.

#include <nlohmann/json.hpp>
#include <string_view>

#include "common/diagnostic.hpp"
#include "data/value.hpp"
#include "letters/legal.hpp"
#include "letters/registry.hpp"
#include "letters/sender.hpp"

namespace brevgen::letters {

/// The view and the warnings for the sender (with positions in the case file).
struct Enriched {
    nlohmann::json view;
    Diagnostics warnings;
};

/// Builds the view of a case already validated for `kind`: the parts every letter has
/// (sender, letter, law, parties, sick leave, meeting), then the kind's own (its hook).
Enriched enrich(const KindRecord& kind, const data::Value& root, const SenderProfile& sender, const LegalRefs& legal);

// The parts of the view only some kinds have, for their records' hooks (letters/kinds.cpp).

/// A ramp-up plan's rows, chart and follow-ups; the plan's warnings go to `warnings`.
nlohmann::json plan_view(const data::Value& root, const LegalRefs& legal, Diagnostics& warnings);

/// Minutes: who wrote them, the situation, what was agreed, the next follow-up, who gets them;
/// the free texts in the version for the employer's copy when `to_employer`.
nlohmann::json minutes_view(const data::Value& root, bool to_employer);

/// A warning when the letter is dated after the meeting it invites to (/moede/start).
void dated_after_meeting_warning(const data::Value& root, Diagnostics& warnings);

/// A warning when a letter made at a meeting (a plan, minutes) is dated before that meeting,
/// whose date or datetime is at `meeting_pointer`.
void dated_before_meeting_warning(const data::Value& root, std::string_view meeting_pointer, Diagnostics& warnings);

/// An invitation's warning when the meeting lies after the first follow-up deadline.
void meeting_deadline_warning(const data::Value& root, const LegalRefs& legal, Diagnostics& warnings);

}  // namespace brevgen::letters
