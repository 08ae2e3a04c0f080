#pragma once
/// The --print file: every paper-mail letter of a batch in one PDF for the print service,
/// each letter padded with a blank page to an even page count so that duplex printing
/// starts every letter on a new sheet.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "batch/print_copy.hpp"
#include "common/io.hpp"

namespace brevgen::batch {

/// How every print file brevgen writes begins: the PDF header and a comment line that marks
/// it as brevgen's. An existing file is replaced only when it begins so.
inline constexpr std::string_view print_file_mark = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n%brevgen-print-file\n";

/// True when `path` is a regular file that begins with print_file_mark.
bool is_brevgen_print_file(const std::filesystem::path& path);

/// Why `print` cannot be the print file of a batch that reads `extract` ("-": stdin) and
/// writes into `output_dir` (which exists): inside the output directory (resolved, so
/// symlinks and ".." do not hide it), the extract itself, a directory, or a file that is not
/// a print file brevgen wrote. nullopt when it can be used.
std::optional<std::string> refuse_print_target(const std::filesystem::path& print, const std::filesystem::path& output_dir,
                                               const std::string& extract);

/// Streams letters into one PDF as they come: each letter's pages and what they use are
/// copied (renumbered) and the letter is forgotten, so memory does not grow with the
/// number of letters beyond one number per page and per object. Tags, links and
/// metadata of the letters are left out: this file goes to a printer, not to a reader.
class PrintFile {
public:
    /// Starts the file (a temp file beside `target`); throws std::runtime_error.
    /// `log` is told of the temp file.
    PrintFile(const std::filesystem::path& target, io::TempFileLog* log);
    ~PrintFile();

    /// Appends one letter (its PDF bytes); throws std::runtime_error when the letter cannot
    /// be read as PDF.
    void append(std::string_view pdf);
    /// Writes the page tree and the cross-reference table and publishes the file; throws
    /// std::runtime_error when a file brevgen did not write took the target's name meanwhile.
    void finish();

    std::uint64_t letters() const { return letters_; }
    std::uint64_t pages() const { return kids_.size(); }

private:
    int new_object();
    void begin_object(int id);

    decltype(&brevgen_print_copy_letter) copy_letter_ = nullptr;  ///< from libbrevgen-print.so
    std::filesystem::path target_;
    io::AtomicFile file_;
    std::vector<std::uint64_t> offsets_;  ///< by object number; [0] unused
    std::vector<int> kids_;               ///< page objects in order
    std::uint64_t letters_ = 0;
};

}  // namespace brevgen::batch
