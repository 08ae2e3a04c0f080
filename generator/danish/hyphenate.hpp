#pragma once
/// Danish hyphenation behind a small interface: breaks at the joints of compound words
/// (the word list in generator/danish/compounds.hpp) and at syllables (libhyphen with the
/// hyphen-da patterns), at least three letters from either end and from a joint.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

namespace brevgen::danish {

/// A place where a word may be broken: the hyphen goes after byte `at`.
struct Break {
    std::size_t at = 0;
    bool joint = false;  ///< between the parts of a compound ("materiale-bestilling"): the best kind

    friend bool operator==(const Break&, const Break&) = default;
};

/// Finds the places where a Danish word may be broken. The patterns are read on the first
/// word that needs them (a letter that hyphenates nothing never pays for it); after that
/// the object is immutable, so one instance is shared by every thread.
class Hyphenator {
public:
    /// The process-wide Danish hyphenator of `dictionary` (empty: the hyphen-da package's
    /// file), loaded on first use and shared. Throws std::runtime_error naming the
    /// dictionary file when it cannot be loaded (and tries again on the next call).
    static const Hyphenator& danish(const std::filesystem::path& dictionary = {});

    /// Checks that `dictionary` is a readable pattern file in a supported encoding (its
    /// first line); the patterns themselves are loaded on first use.
    explicit Hyphenator(const std::filesystem::path& dictionary);
    ~Hyphenator();
    Hyphenator(const Hyphenator&) = delete;
    Hyphenator& operator=(const Hyphenator&) = delete;

    /// The places in the UTF-8 `word` where a hyphen may be inserted, ascending: compound
    /// joints, and syllable breaks at least three letters from either end of the word and
    /// from every joint (never "materia-lebestilling"). Words with digits or an existing
    /// hyphen get none (they break at the hyphen instead); so does a word whose patterns
    /// cannot be loaded.
    std::vector<Break> breaks(std::string_view word) const;

    /// The byte offsets of breaks(), for callers that do not rank them.
    std::vector<std::size_t> break_points(std::string_view word) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace brevgen::danish
