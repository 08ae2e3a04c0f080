#pragma once
/// A letter as a Digital Post message: who receives it, what the header and ContentData
/// say, and the invitation's appointment, from a validated case and the sender profile.
/// The PDF and the creation time are added by the caller (engine/).

#include <string>
#include <string_view>

#include "common/diagnostic.hpp"
#include "data/value.hpp"
#include "letters/sender.hpp"
#include "memo/memo.hpp"

namespace brevgen::letters {

// --- Digital Post texts per kind: the one place that knows them (they belong in the kind
// --- registry's record, beside the title, once there is one).

/// What a kind's Digital Post message says besides the letter.
struct DigitalPostTexts {
    std::string_view to_employee;  ///< notification in a message to the employee
    std::string_view to_employer;  ///< notification in a message to the company
    bool appointment = false;      ///< the message puts the meeting (/moede) in the recipient's calendar
};

/// The kind's texts. Notifications travel by e-mail or SMS outside Digital Post: at most
/// 150 characters, no name, no CPR number, nothing about health (not even sick leave).
const DigitalPostTexts& digital_post_texts(std::string_view kind);

// --- end of the per-kind texts

/// The message without its PDF and creation time, or the errors (with case paths and
/// positions) that stop it: a recipient without a CPR or CVR number, text too long for MeMo.
struct MessageDraft {
    memo::Input input;
    Diagnostics errors;
};

/// Builds the draft for a case already validated for `kind`. `sender` is the profile with
/// the case's overrides (its name is the letter's); `digital` holds the profile's own
/// Digital Post fields; `title` is the letter's title.
MessageDraft draft_message(std::string_view kind, const data::Value& root, const SenderProfile& sender,
                           const MessageSender& digital, std::string title);

/// "indkaldelse-2026-004711.pdf": the kind and the journal number, with every character
/// other than ASCII letters, digits, '.', '_' and '-' made a '-'.
std::string message_filename(std::string_view kind, std::string_view journal);

}  // namespace brevgen::letters
