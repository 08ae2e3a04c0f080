#pragma once
/// Internal to the readers: checks every input needs before parsing, limit messages, and
/// cheap offset → line:column conversion.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "common/diagnostic.hpp"
#include "data/read.hpp"

namespace brevgen::data::detail {

/// Drops a UTF-8 byte order mark. Positions are counted in the text after it, so that
/// column 1 is the first character an editor shows.
std::string_view strip_bom(std::string_view text);

/// Checks size, NUL bytes and UTF-8 validity; returns the text to parse (BOM removed), or
/// nullopt after appending errors.
std::optional<std::string_view> check_input(std::string_view text, const ReadLimits& limits,
                                            Diagnostics& out);

/// The messages for crossed limits; both readers use them so both say the same.
std::string depth_limit_message(const ReadLimits& limits);
std::string items_limit_message(const ReadLimits& limits);
std::string string_limit_message(const ReadLimits& limits);
std::string nodes_limit_message(const ReadLimits& limits);

/// Byte offsets to line:column, scanning on from the last offset (common/diagnostic.hpp).
using PositionTracker = brevgen::PositionTracker;

}  // namespace brevgen::data::detail
