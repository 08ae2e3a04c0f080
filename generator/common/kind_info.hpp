#pragma once
/// What every part of brevgen may know about a letter kind: its names, its reader and its
/// Digital Post texts. The kind's machinery (fields, enrichment, templates) stays in its
/// record in letters/; front ends see only this.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace brevgen {

/// Who reads a kind's letter. Decides the address, whether the masked CPR number may be
/// shown, and which Digital Post notification applies.
enum class Recipients : std::uint8_t {
    employee,  ///< the sick-listed employee
    employer,  ///< the employer: never a CPR number or health information
    either,    ///< one copy per recipient: the case's /modtager says which (default employee)
    together,  ///< one letter read by both (signed at the meeting): addressed to the employee, no CPR
};

/// A letter kind as front ends know it.
struct KindInfo {
    std::string name;         ///< the slug, e.g. indkaldelse
    std::string title;        ///< the letter's heading: "Indkaldelse til opfølgningsmøde"
    std::string description;  ///< one line for `brevgen kinds`
    Recipients recipients = Recipients::employee;
    /// Digital Post: the subject the mailbox shows (the title when not given), and the
    /// notification sent by e-mail or SMS to each recipient (at most 150 characters; no
    /// name, no CPR number, nothing about health; empty for a recipient the kind never has).
    std::string digital_post_label;
    std::string notification_employee;
    std::string notification_employer;
    /// The message puts the letter's meeting (/moede) in the recipient's calendar.
    bool digital_post_appointment = false;
    /// The template files the kind's letter is merged from (its own, then the partials it
    /// uses), relative to the templates directory; filled in when the engine loads them.
    std::vector<std::string> templates;

    /// True when the kind can go to the employee / to the employer.
    bool to_employee() const { return recipients != Recipients::employer; }
    bool to_employer() const { return recipients != Recipients::employee; }
};

/// The longest notification text Digital Post accepts (MeMo `notification`).
inline constexpr std::size_t max_notification_chars = 150;

}  // namespace brevgen
