#pragma once
/// Reading case files: JSON or XML text → one case tree (data::Value) with source positions.
/// Readers only check well-formedness and limits; what the fields mean is validate()'s job.

#include <cstddef>
#include <optional>
#include <string_view>

#include "data/value.hpp"

namespace brevgen::data {

/// Bounds that keep a hostile or broken input from costing unbounded memory or stack.
/// Exceeding one is an error naming the limit, at the position where it was crossed.
struct ReadLimits {
    std::size_t max_input_bytes = std::size_t{16} << 20;   ///< whole input, BOM included
    std::size_t max_depth = 64;                             ///< nested objects/arrays/elements
    std::size_t max_array_items = 10'000;                   ///< items of one array
    std::size_t max_string_bytes = std::size_t{1} << 20;    ///< one string, key or text
    /// Values in the whole case (JSON: every object, array and scalar; XML: every element,
    /// attribute, comment, processing instruction and CDATA section). Bounds the tree's
    /// memory however small the values are: a real case has a few hundred.
    std::size_t max_nodes = 100'000;
};

/// Reads a JSON case (RFC 8259, UTF-8, optional BOM, no duplicate keys).
ReadResult read_json(std::string_view text, const ReadLimits& limits = {});

/// Reads an XML case: root element <sag>, no DTD, UTF-8; see docs/case-data.md.
ReadResult read_xml(std::string_view text, const ReadLimits& limits = {});

/// Reads a case in the given format.
ReadResult read(std::string_view text, Format format, const ReadLimits& limits = {});

/// Reads a case of either format: XML when the first non-space character (after an
/// optional BOM) is '<', JSON otherwise.
ReadResult read_case(std::string_view text, const ReadLimits& limits = {});

/// The format a file name's extension names (".json", ".xml", any case), or nullopt.
std::optional<Format> format_from_extension(std::string_view path);

/// The format read_case would pick for `text`.
Format sniff_format(std::string_view text);

}  // namespace brevgen::data
