#pragma once
/// A letter as a Digital Post message: who receives it, what the header and ContentData
/// say, and the invitation's appointment, from a validated case and the sender profile.
/// The PDF and the creation time are added by the caller (engine/).

#include <string>
#include <string_view>

#include "common/diagnostic.hpp"
#include "data/value.hpp"
#include "letters/registry.hpp"
#include "letters/sender.hpp"
#include "memo/memo.hpp"

namespace brevgen::letters {

/// The message without its PDF and creation time, or the errors (with case paths and
/// positions) that stop it: a recipient without a CPR or CVR number, text too long for MeMo.
struct MessageDraft {
    memo::Input input;
    Diagnostics errors;
};

/// Builds the draft for a case already validated for `kind`: its label, notification and
/// appointment come from the kind's record. `sender` is the profile with the case's
/// overrides (its name is the letter's); `digital` holds the profile's own Digital Post fields.
MessageDraft draft_message(const KindRecord& kind, const data::Value& root, const SenderProfile& sender,
                           const MessageSender& digital);

/// "indkaldelse-2026-004711.pdf": the kind and the journal number, with every character
/// other than ASCII letters, digits, '.', '_' and '-' made a '-'.
std::string message_filename(std::string_view kind, std::string_view journal);

}  // namespace brevgen::letters
