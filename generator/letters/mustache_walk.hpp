#pragma once
/// Internal to letters/: a template compiled once at load into a tree that a merge walks
/// straight over the view's JSON. The output is byte for byte what the kainjow mustache
/// library renders from the same text and the view converted to its data (standalone
/// section lines dropped by the same line-buffer rule, the same HTML escaping, the same
/// lookup through the context stack), without that copy of the view, a std::function call
/// per tag, or a string per piece. tests/mustache_walk_test.cpp compares the two.

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace brevgen::letters::mustache {

/// Bounds on one merge. Sections nested over the view's lists multiply (sixteen sections
/// over a four-line address are four billion rounds), so the lookups are counted, and the
/// markup a letter can become is bounded too. A real letter needs some thousands of each.
inline constexpr std::size_t max_lookups = 500'000;
inline constexpr std::size_t max_markup_bytes = std::size_t{64} << 20;

/// Thrown out of a merge that crossed a bound; what() is the error.
struct RenderBound : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// The error for more than max_lookups lookups.
std::string lookup_bound_message();
/// The error for more than max_markup_bytes of markup.
std::string markup_bound_message();

/// A piece of a compiled template.
struct Node {
    enum class Kind : std::uint8_t { text, newline, variable, raw_variable, section, inverted };
    Kind kind = Kind::text;
    bool dotted = false;             ///< a name like "a.b", looked up part by part
    std::string text;                ///< the text, the line end, or the tag's name
    std::vector<std::string> parts;  ///< a dotted name's parts
    std::vector<Node> children;      ///< a section's content
};

/// A compiled template.
struct Program {
    std::vector<Node> nodes;
};

/// Compiles template text; nullopt when it does not parse or uses what the walk leaves to
/// the library (set-delimiter and partial tags; the loader refuses or expands both).
std::optional<Program> compile(std::string_view text);

/// Renders `program` with `view`. Names the view does not have go to `missing`; throws
/// RenderBound past max_lookups or max_markup_bytes.
std::string render(const Program& program, const nlohmann::json& view, std::set<std::string>& missing);

}  // namespace brevgen::letters::mustache
