#pragma once
/// The one wording of each message that several parts of brevgen print (the command line,
/// the batch, the server, the stages): lowercase, no final period, no case content beyond a
/// quoted, shortened value.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace brevgen {

/// A value as a message shows it: at most 40 characters, escapes for quotes and controls,
/// and every run of digits that looks like a CPR number (six digits, an optional '-' or
/// space, four digits; anywhere in the value) masked as the letters mask one:
/// "300190-xxxx". Every message that repeats a value from a case goes through here, so a
/// CPR number typed into the wrong field is never echoed.
std::string shown(std::string_view text);

/// `text` with every run that looks like a CPR number masked as shown() masks it, at any
/// length: for keys from a case that become part of a JSON pointer in a message.
std::string mask_cpr_numbers(std::string_view text);

/// shown() in quotation marks: how messages quote a string value.
std::string quote(std::string_view text);

namespace message {

/// `unknown letter kind "x"; known kinds: a, b, c`.
std::string unknown_kind(std::string_view kind, std::span<const std::string> known);

/// `cannot read the case file: No such file or directory` (`what`: "the case file").
std::string cannot_read(std::string_view what, std::string_view reason);

/// `cannot write the PDF: No space left on device` (`what`: "the PDF", "x.pdf").
std::string cannot_write(std::string_view what, std::string_view reason);

/// `the input is 17825792 bytes; the limit is 16777216`, or without a known size
/// `the input is larger than the limit of 16777216 bytes`.
std::string input_too_large(std::optional<std::uint64_t> size, std::uint64_t limit);

/// `the file is 1073741824 bytes; the limit is 262144`: a configuration file (a template,
/// a profile, a logo) refused before it is read.
std::string file_too_large(std::uint64_t size, std::uint64_t limit);

}  // namespace message
}  // namespace brevgen
