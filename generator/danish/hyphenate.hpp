#pragma once
/// Danish hyphenation (libhyphen with the hyphen-da patterns) behind a small interface.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

namespace brevgen::danish {

/// Finds the places where a Danish word may be broken. Immutable after loading, so one
/// instance is shared by every thread.
class Hyphenator {
public:
    /// The process-wide Danish hyphenator of `dictionary` (empty: the hyphen-da package's
    /// file), loaded on first use and shared. Throws std::runtime_error naming the
    /// dictionary file when it cannot be loaded (and tries again on the next call).
    static const Hyphenator& danish(const std::filesystem::path& dictionary = {});

    explicit Hyphenator(const std::filesystem::path& dictionary);
    ~Hyphenator();
    Hyphenator(const Hyphenator&) = delete;
    Hyphenator& operator=(const Hyphenator&) = delete;

    /// Byte offsets into the UTF-8 `word` after which a hyphen may be inserted, ascending.
    /// Keeps at least two characters on each side; words with digits or an existing
    /// hyphen get none (they break at the hyphen instead).
    std::vector<std::size_t> break_points(std::string_view word) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace brevgen::danish
