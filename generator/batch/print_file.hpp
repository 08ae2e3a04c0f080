#pragma once
/// The --print file: every paper-mail letter of a batch in one PDF for the print service,
/// each letter padded with a blank page to an even page count so that duplex printing
/// starts every letter on a new sheet.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "common/io.hpp"

namespace brevgen::batch {

/// Streams letters into one PDF as they come: each letter's pages and what they use are
/// copied (renumbered) and the letter is forgotten, so memory does not grow with the
/// number of letters beyond one number per page and per object. Tags, links and
/// metadata of the letters are left out: this file goes to a printer, not to a reader.
class PrintFile {
public:
    /// Starts the file (a temp file beside `target`); throws std::runtime_error.
    explicit PrintFile(const std::filesystem::path& target);
    ~PrintFile();

    /// Appends one letter (its PDF bytes); throws std::runtime_error when the letter cannot
    /// be read as PDF.
    void append(std::string_view pdf);
    /// Writes the page tree and the cross-reference table and publishes the file.
    void finish();

    std::uint64_t letters() const { return letters_; }
    std::uint64_t pages() const { return kids_.size(); }

private:
    int new_object();
    void begin_object(int id);

    io::AtomicFile file_;
    std::vector<std::uint64_t> offsets_;  ///< by object number; [0] unused
    std::vector<int> kids_;               ///< page objects in order
    std::uint64_t letters_ = 0;
};

}  // namespace brevgen::batch
