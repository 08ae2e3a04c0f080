#pragma once
/// Internal to the XML reader: a light scan of XML markup for what pugixml does not tell us
/// (which elements are still open where it stopped; content outside the root element).
/// Only ever run over text pugixml has already accepted up to the point of interest.

#include <cstddef>
#include <string_view>
#include <vector>

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

/// Scans markup from the start of `text` up to `end` (exclusive).
MarkupScan scan_markup(std::string_view text, std::size_t end);

}  // namespace brevgen::data::detail
