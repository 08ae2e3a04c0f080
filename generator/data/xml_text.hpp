#pragma once
/// Internal to the XML reader: decoding character data as XML 1.0 defines it, for text
/// that pugixml left exactly as written.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace brevgen::data::detail {

/// Why character data could not be decoded, and where (offset into the raw text).
struct TextError {
    std::size_t offset = 0;
    std::string message;
};

/// Appends the decoded text to `out`: CR LF and lone CR become LF (XML 1.0 §2.11); in
/// ordinary text (not CDATA) the five predefined entities and character references are
/// replaced. Any other entity, a bare '&', or a character XML forbids is an error.
std::optional<TextError> decode_xml_text(std::string_view raw, bool cdata, std::string& out);

}  // namespace brevgen::data::detail
