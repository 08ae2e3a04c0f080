#pragma once
/// Internal to the XML reader: a light scan of XML markup for what pugixml does not tell us
/// (which elements are still open where it stopped; content outside the root element), and
/// the structure check that runs before pugixml builds its DOM.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data/read.hpp"

namespace brevgen::data::detail {

/// A start tag without its end tag yet.
struct OpenTag {
    std::string_view name;
    std::size_t offset = 0;  ///< of its '<'
};

/// What a scan from the start of the text found.
struct MarkupScan {
    std::vector<OpenTag> open;                        ///< still open where the scan stopped
    std::size_t outside_root = std::string_view::npos;  ///< first text or element outside the root
};

/// Scans markup from the start of `text` up to `end` (exclusive). Only for text pugixml
/// has already accepted up to `end`.
MarkupScan scan_markup(std::string_view text, std::size_t end);

/// Where the markup first crosses a structural limit, and the error to give there.
struct LimitCrossing {
    std::size_t offset = 0;
    std::string path;
    std::string message;
    std::string limit;  ///< which one, as the diagnostic's "limit" argument: depth, items, nodes
};

/// Checks nesting depth, repeated elements and the node count (elements, attributes,
/// comments, processing instructions and CDATA sections) in one pass over the text,
/// before pugixml is given it: pugixml builds its whole DOM before we see any of it, at
/// about 64 bytes a node, so a 16 MiB input of `<a/>` would cost a quarter of a gigabyte.
/// Positions and paths are those the tree builder would give. Runs on any text, well-formed
/// or not; linear, and its memory is bounded by the limits. A batch record (<ordre>) holds
/// its case one level down: `outer` such levels are neither counted as depth nor named in
/// paths, which start with `case_path` instead ("/case").
std::optional<LimitCrossing> check_structure(std::string_view text, const ReadLimits& limits, std::size_t outer = 0,
                                             std::string_view case_path = {});

}  // namespace brevgen::data::detail
