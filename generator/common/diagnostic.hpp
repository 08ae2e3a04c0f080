#pragma once
/// Diagnostics: plain values every stage returns; only the edges (CLI, batch, HTTP) render them.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace brevgen {

/// How bad a diagnostic is: errors stop a letter, warnings are told to the sender.
enum class Severity : std::uint8_t { error, warning };

/// A 1-based line and column in a source file; 0 means "not known".
struct SourcePos {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    friend bool operator==(const SourcePos&, const SourcePos&) = default;
};

/// Named values a message catalogue fills in ("timer" → "35", "dato" → "2026-11-30"): plain
/// ISO dates and numbers with a decimal point, never a CPR number or other case text.
using DiagnosticArgs = std::vector<std::pair<std::string, std::string>>;

/// One finding: where (file, position, JSON pointer path into the case) and what.
struct Diagnostic {
    Severity severity = Severity::error;
    std::string file;     ///< the file as the user named it ("-" for stdin); may be empty
    SourcePos pos;        ///< position in that file; {0,0} when there is none
    std::string path;     ///< JSON pointer ("/medarbejder/navn"); empty when not about a field
    std::string message;  ///< lowercase, no final period
    std::string code;     ///< a stable name for tools ("hours-fall"); empty when there is none
    DiagnosticArgs args;  ///< the values `code`'s catalogue text needs; may be empty

    /// The value of argument `name`, or "" when it is not there.
    std::string_view arg(std::string_view name) const;
};

using Diagnostics = std::vector<Diagnostic>;

/// Renders `FILE:LINE:COL: error: /path: message` (parts that are unknown are left out).
std::string format_diagnostic(const Diagnostic& d);

/// True when any diagnostic in the list is an error.
bool has_errors(const Diagnostics& ds);

/// Builds an error diagnostic without a file (stages fill in the file at the edge).
Diagnostic make_error(SourcePos pos, std::string path, std::string message);

/// Builds a warning diagnostic without a file.
Diagnostic make_warning(SourcePos pos, std::string path, std::string message);

/// Builds an error diagnostic with a stable code and the catalogue's arguments.
Diagnostic make_error(SourcePos pos, std::string path, std::string message, std::string code,
                      DiagnosticArgs args = {});

/// A position inside a text that starts at `origin` of a larger one (a case inside a batch
/// extract), as a position in the larger one. An unknown position becomes `origin`.
SourcePos offset_by(SourcePos inner, SourcePos origin);

/// Converts a byte offset in `text` to a 1-based line and column (column counts characters).
SourcePos position_of_offset(std::string_view text, std::size_t offset);

/// Converts byte offsets to line:column. Parsers ask in document order, so each call
/// continues from the previous one instead of rescanning the text (a 16 MiB input with a
/// million values would otherwise be quadratic).
class PositionTracker {
public:
    explicit PositionTracker(std::string_view text) : text_(text) {}
    /// The line:column of `offset`; cheap when offsets only grow, correct either way.
    SourcePos at(std::size_t offset);

private:
    std::string_view text_;
    std::size_t offset_ = 0;
    SourcePos pos_{1, 1};
};

}  // namespace brevgen
