#pragma once
/// The letter fonts: read once per process, shared read-only by every thread and document.

#include <array>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace brevgen::fonts {

/// A face of the letter font family, plus a fuller fallback font for rare characters.
enum class Face : std::uint8_t { regular, bold, italic, bold_italic, fallback };
inline constexpr std::size_t face_count = 5;

/// File name of each face inside a font directory ("brevgen-regular.ttf", ...).
const char* file_name(Face face);

/// Thrown when a font file is missing or unreadable; the message names the file.
struct FontError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// What a PDF font descriptor says about a font, read from its head, hhea, post, OS/2
/// and name tables; lengths in thousandths of an em.
struct FontFacts {
    std::string postscript_name;          ///< name ID 6, or the file name when missing
    double bbox[4] = {0, 0, 1000, 1000};  ///< xMin yMin xMax yMax
    double italic_angle = 0;              ///< degrees, negative leaning right
    double hhea_ascent = 800, hhea_descent = -200;
    int weight = 400;                     ///< OS/2 usWeightClass
    bool fixed_pitch = false;
    bool italic = false;
    bool serif = false;
    std::uint16_t units_per_em = 1000;
};

/// Horizontal metrics of one TrueType font, in thousandths of an em (PDF glyph space).
class FontMetrics {
public:
    /// Reads cmap, hmtx, hhea, head and OS/2 from a .ttf file; throws FontError.
    static FontMetrics load(const std::filesystem::path& file);

    bool has_glyph(char32_t cp) const { return stored(cp) != 0; }
    /// Advance width of `cp` (0 when the font has no glyph for it).
    double advance(char32_t cp) const {
        const std::uint16_t s = stored(cp);
        return s == 0 ? 0.0 : (s - 1) * scale_;
    }
    double ascent() const { return ascent_; }
    double descent() const { return descent_; }  ///< negative, below the baseline
    double cap_height() const { return cap_height_; }
    const std::filesystem::path& file() const { return file_; }

    /// Glyph index of `cp` in the font file; 0 (.notdef) when it has none.
    std::uint16_t glyph_id(char32_t cp) const;
    /// Number of glyphs in the font file.
    std::uint16_t glyph_count() const { return glyph_count_; }
    /// The font file's bytes, kept for embedding subsets of it (shared between copies).
    std::string_view data() const { return data_ ? std::string_view(*data_) : std::string_view(); }
    const FontFacts& facts() const { return facts_; }

private:
    /// The advance of `cp` in font units plus one, 0 for no glyph. Inline: layout asks for
    /// every character of a letter several times.
    std::uint16_t stored(char32_t cp) const {
        if (cp < 0x10000) {
            const std::uint16_t page = bmp_page_[cp >> 8];
            return page == 0 ? 0 : bmp_advance_[(page - 1u) * 256u + (cp & 0xFF)];
        }
        return stored_astral(cp);
    }
    std::uint16_t stored_astral(char32_t cp) const;

    std::filesystem::path file_;
    /// Code points < 0x10000 in pages of 256: bmp_page_[cp >> 8] is 0 for a page the font
    /// has nothing in, else 1 + the page's index in bmp_advance_, which holds the advance
    /// in font units plus one, so 0 = no glyph while zero-width glyphs (combining marks)
    /// still count as present. A flat 64 K table cost every process 128 KB per face.
    std::array<std::uint16_t, 256> bmp_page_{};
    std::vector<std::uint16_t> bmp_advance_;
    std::vector<std::pair<char32_t, std::uint16_t>> astral_;  ///< sorted, for code points above U+FFFF
    std::vector<std::pair<char32_t, std::uint16_t>> glyphs_;  ///< code point → glyph, sorted
    std::shared_ptr<const std::string> data_;
    FontFacts facts_;
    std::uint16_t glyph_count_ = 0;
    double scale_ = 1.0;  ///< 1000 / unitsPerEm
    double ascent_ = 0, descent_ = 0, cap_height_ = 0;
};

/// All faces, loaded from one directory.
class FontSet {
public:
    /// Checks that every face's file in `dir` can be read (throws FontError naming the first
    /// that cannot) and reads the regular face; the others are read when first used.
    static std::shared_ptr<const FontSet> load(const std::filesystem::path& dir);

    /// A face is read when first asked for (most letters need two of the five), and throws
    /// FontError then if its file has become unreadable or broken since load().
    const FontMetrics& metrics(Face face) const {
        const auto i = static_cast<std::size_t>(face);
        if (!ready_[i].load(std::memory_order_acquire)) load_face(face);
        return faces_[i];
    }
    const std::filesystem::path& directory() const { return dir_; }

    /// The face that draws `cp` in the wanted style: the styled face when it has the glyph,
    /// else the fallback; nullopt when no face has it (the caller reports the character).
    std::optional<Face> face_for(Face wanted, char32_t cp) const {
        if (metrics(wanted).has_glyph(cp)) return wanted;
        return other_face_for(wanted, cp);
    }

private:
    /// face_for() when the wanted face has no glyph for `cp`.
    std::optional<Face> other_face_for(Face wanted, char32_t cp) const;
    void load_face(Face face) const;

    std::filesystem::path dir_;
    mutable std::array<FontMetrics, face_count> faces_;  ///< each filled in once by load_face()
    mutable std::array<std::once_flag, face_count> once_;
    mutable std::array<std::atomic<bool>, face_count> ready_{};
};

/// Invisible format characters (soft hyphen, zero-width space and joiners, variation
/// selectors, BOM): they need no glyph; face_for() accepts them and the PDF stage drops
/// those its face cannot draw.
bool is_default_ignorable(char32_t cp);

/// Where an installation keeps the fonts: `fonts/` next to the executable, else
/// `../share/brevgen/fonts` from it, else the build tree's font directory. (BREVGEN_FONTS,
/// read into the Environment, comes before this.)
std::filesystem::path default_font_dir();

}  // namespace brevgen::fonts
