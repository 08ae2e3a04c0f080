#pragma once
/// The two formats a case (or a batch extract) comes in.

#include <cstdint>
#include <optional>
#include <string_view>

namespace brevgen {

/// A case file's format. The same case in either gives the same letter, byte for byte.
enum class CaseFormat : std::uint8_t { json, xml };

/// The format a file name's extension names (".json", ".xml", any case), or nullopt.
std::optional<CaseFormat> format_from_extension(std::string_view path);

/// The format of `text` by its first character: XML when the first non-space character
/// (after an optional UTF-8 byte order mark) is '<', JSON otherwise.
CaseFormat sniff_format(std::string_view text);

/// "JSON" or "XML", for messages.
std::string_view format_name(CaseFormat format);

}  // namespace brevgen
