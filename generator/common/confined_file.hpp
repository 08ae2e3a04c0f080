#pragma once
/// Reading a configuration file (a template, a partial, legal.json, a sender profile, a
/// logo) that someone else may have put there: checked before a byte is read.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace brevgen {

/// Reads `path` whole. Refused before reading, with `error` saying why (lowercase, without
/// the file name): anything that is not a regular file (a FIFO, a device, a directory), a
/// file larger than `max_bytes`, and — when `root` is not empty — a file that resolves
/// (through symbolic links or "..") to a place outside `root`. The check is made on the
/// file actually opened, so a link swapped in between cannot slip past it. nullopt when
/// refused or unreadable.
std::optional<std::string> read_confined_file(const std::filesystem::path& path, const std::filesystem::path& root,
                                              std::size_t max_bytes, std::string& error);

/// True when `path` resolves (links and ".." followed) to `root` or a place inside it.
/// A path that does not exist is not inside anything.
bool resolves_inside(const std::filesystem::path& path, const std::filesystem::path& root);

}  // namespace brevgen
