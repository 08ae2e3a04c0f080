#pragma once
/// Order ids: which are safe as file names, and which were seen before.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace brevgen::batch {

/// Longest id accepted (a file name is `<id>.pdf`, with room for the temp file's suffix).
inline constexpr std::size_t max_id_length = 100;

/// nullopt when `id` is safe as a file name — 1 to 100 of A–Z a–z 0–9 . _ -, not starting
/// with '.' — else why not (lowercase, no final period).
std::optional<std::string> check_id(std::string_view id);

/// The ids seen so far, to find duplicates in an extract of any length. Each id is kept as
/// 128 bits of its SHA-256 (16 bytes, not the id), so a million orders cost about 32 MB at
/// most and a false "duplicate" is as likely as a SHA-256 collision.
class IdSet {
public:
    /// Adds `id`; false when it was already there.
    bool insert(std::string_view id);
    std::size_t size() const { return used_; }

private:
    using Key = std::array<std::uint64_t, 2>;
    void grow();
    bool place(const Key& key);

    std::vector<Key> slots_;  ///< open addressing; {0, 0} marks an empty slot
    std::size_t used_ = 0;
};

}  // namespace brevgen::batch
