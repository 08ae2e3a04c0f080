#pragma once
/// File input and atomic output for the front ends.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace brevgen::cli {

/// Reads a file, or stdin for "-". On failure returns nullopt and sets `error` to the reason.
std::optional<std::string> read_input(const std::string& name, std::string& error);

/// The same, refusing inputs larger than `max_bytes` before reading them (a file's size
/// is checked first; stdin is read no further than the limit): `too_large` is then set.
std::optional<std::string> read_input(const std::string& name, std::string& error, std::size_t max_bytes,
                                      bool& too_large);

/// Writes `bytes` to `path` atomically: a temporary file in the same directory, flushed
/// and fsync'ed, then renamed over `path`. "-" writes to stdout. On failure nothing is
/// left behind and `error` says why.
bool write_atomically(const std::string& path, std::string_view bytes, std::string& error);

}  // namespace brevgen::cli
