#pragma once
/// Paints a laid-out document with libharu into tagged PDF bytes.

#include <memory>
#include <stdexcept>
#include <string>

#include "fonts/font_set.hpp"
#include "layout/page.hpp"

namespace brevgen::pdf {

/// Thrown when libharu fails or an image cannot be decoded; the message says which.
struct PdfError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// What to write besides the pages.
struct Options {
    bool tagged = true;  ///< structure tree, marked content, /Lang, MarkInfo (PDF/UA-1)
    bool pdfa = true;    ///< PDF/A output intent, XMP identification, CIDSet
};

/// One writer per thread: it keeps a libharu document whose loaded fonts are reused for
/// every letter it writes. Not thread-safe; cheap to keep, costly to create.
class Writer {
public:
    explicit Writer(std::shared_ptr<const fonts::FontSet> fonts, Options options = {});
    ~Writer();
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    /// Returns the PDF file's bytes; the same document always gives the same bytes.
    std::string write(const layout::Document& doc);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Reads the PDF/A output-intent profiles (the compact sRGB beside the executable, Debian's
/// gray); throws PdfError naming a file that is missing or unreadable and where it belongs.
/// For start-up, so that a missing file is an error before any letter, not in one.
void check_profiles();

}  // namespace brevgen::pdf
