// The PDF stage's entry point. A Writer keeps one libharu document, the output intent
// profiles and decoded images for every letter it writes; libharu serves as the object
// model, while fonts, streams, tagging, metadata and the file's bytes are made here
// (see README.md for why).
#include "pdf/writer.hpp"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <memory>
#include <vector>

#include "common/io.hpp"
#include "common/messages.hpp"
#include "pdf/content.hpp"
#include "pdf/deflate.hpp"
#include "pdf/font_embed.hpp"
#include "pdf/haru.hpp"
#include "pdf/image.hpp"
#include "pdf/metadata.hpp"
#include "pdf/profile_files.hpp"
#include "pdf/serialise.hpp"
#include "pdf/structure.hpp"

namespace brevgen::pdf {

namespace {

/// A block of a document's arena: a one-page letter's objects fit in a few.
constexpr std::size_t arena_block_bytes = 64 * 1024;

/// Where libharu's objects for one document come from: one malloc per block instead of one
/// per object (malloc and free per object were the largest single cost of writing a
/// letter), all released at once when the next document starts. libharu's own pool would
/// do the same but hands out pieces aligned to sizeof(int) only (hpdf_conf.h), so its
/// structs of pointers sat misaligned (undefined behaviour, caught by UBSan); these pieces
/// are aligned for any type.
class Arena {
public:
    void* allocate(std::size_t size) {
        constexpr std::size_t align = alignof(std::max_align_t);
        size = (size + align - 1) / align * align;
        while (current_ < blocks_.size() && used_ + size > blocks_[current_].size) {
            ++current_;
            used_ = 0;
        }
        if (current_ == blocks_.size()) {
            const std::size_t bytes = std::max(arena_block_bytes, size);
            blocks_.push_back({std::make_unique<std::max_align_t[]>(bytes / sizeof(std::max_align_t)), bytes});
            used_ = 0;
        }
        void* piece = reinterpret_cast<char*>(blocks_[current_].data.get()) + used_;
        used_ += size;
        return piece;
    }

    /// Every piece is dead: the blocks are used again (a few kept, so one huge letter does
    /// not hold its memory for the rest of the run).
    void reset() {
        constexpr std::size_t kept = 8;
        if (blocks_.size() > kept) blocks_.resize(kept);
        current_ = 0;
        used_ = 0;
    }

private:
    struct Block {
        std::unique_ptr<std::max_align_t[]> data;
        std::size_t size;
    };
    std::vector<Block> blocks_;
    std::size_t current_ = 0, used_ = 0;
};

/// libharu's allocation callbacks take no context: they use the arena of the document the
/// calling thread is writing (set by ArenaScope for the whole of Writer::Impl::write).
thread_local Arena* current_arena = nullptr;

void* HPDF_STDCALL arena_allocate(HPDF_UINT size) {
    return current_arena != nullptr ? current_arena->allocate(size) : nullptr;
}

void HPDF_STDCALL arena_free(void*) {}  // released all at once by Arena::reset

/// Makes `arena` the calling thread's for its lifetime.
class ArenaScope {
public:
    explicit ArenaScope(Arena& arena) : previous_(current_arena) { current_arena = &arena; }
    ~ArenaScope() { current_arena = previous_; }
    ArenaScope(const ArenaScope&) = delete;
    ArenaScope& operator=(const ArenaScope&) = delete;

private:
    Arena* previous_;
};

/// Decoded PNGs are kept per Writer: a municipality's logo is on every letter.
constexpr std::size_t image_cache_size = 8;

std::string read_file(const std::filesystem::path& path, const char* hint) {
    auto read = io::read_file(path);
    if (!read) throw PdfError(message::cannot_read(path.string(), read.error) + hint);
    return std::move(*read.bytes);
}

std::string read_srgb_profile() {
    return read_file(srgb_profile_file(), " (install icc/brevgen-srgb.icc into bin/icc or share/brevgen/icc)");
}

std::string read_gray_profile() { return read_file(gray_profile_file(), " (install icc-profiles-free)"); }

}  // namespace

struct Writer::Impl {
    std::shared_ptr<const fonts::FontSet> fonts;
    Options options;
    /// Read and deflated when a letter first needs it (a one-letter process then reads
    /// and compresses only the profile it uses); one goes into every PDF/A letter. A
    /// profile gone since start-up (Engine::load checks them) fails that letter, inside
    /// write(), never the thread that made the Writer.
    OutputProfile srgb{{}, 3, "sRGB IEC61966-2.1"}, gray{{}, 1, "Gray"};

    const OutputProfile& profile(bool colour) {
        OutputProfile& p = colour ? srgb : gray;
        if (p.deflated.empty()) p.deflated = flate_encode(colour ? read_srgb_profile() : read_gray_profile());
        return p;
    }
    haru::ErrorState errors;
    Arena arena;  ///< the objects of `pdf`; HPDF_Free only walks them (arena_free does nothing)
    HPDF_Doc pdf = nullptr;
    std::vector<std::pair<std::string, Raster>> image_cache;  ///< PNG bytes → decoded, newest last

    ~Impl() { close(); }

    void close() {
        if (pdf != nullptr) HPDF_Free(pdf);
        pdf = nullptr;
        errors = {};
    }

    /// Creates the libharu document for one letter, its objects from `arena` (the last
    /// document is freed by then, so its pieces are used again). Call inside an ArenaScope.
    void open() {
        arena.reset();
        pdf = HPDF_NewEx(haru::on_error, arena_allocate, arena_free, 0, &errors);
        if (pdf == nullptr) throw PdfError("libharu cannot create a document (out of memory)");
    }

    const Raster& decoded_png(const layout::ImageData& image) {
        for (auto& entry : image_cache)
            if (entry.first == image.bytes) return entry.second;
        Raster raster = decode_png(image.bytes, image.source);
        if (image_cache.size() == image_cache_size) image_cache.erase(image_cache.begin());
        image_cache.emplace_back(image.bytes, std::move(raster));
        return image_cache.back().second;
    }

    std::string write(const layout::Document& doc);
    bool add_images(const layout::Document& doc, PageResources& resources);
    void embed_fonts(const layout::Document& doc, std::array<EmbeddedFace, fonts::face_count>& faces,
                     PageResources& resources);
};

void Writer::Impl::embed_fonts(const layout::Document& doc, std::array<EmbeddedFace, fonts::face_count>& faces,
                               PageResources& resources) {
    // One bit per BMP code point and face: cheaper than sets for the ~2 000 characters a
    // letter has, and scanning it yields the code points in order.
    std::array<std::vector<std::uint64_t>, fonts::face_count> used;
    for (const auto& page : doc.pages) {
        for (const auto& item : page.items) {
            const auto* run = std::get_if<layout::TextRun>(&item.shape);
            const auto face = run == nullptr ? fonts::face_count : static_cast<std::size_t>(run->face);
            if (face >= fonts::face_count) continue;
            auto& bits = used[face];
            if (bits.empty()) bits.resize(0x10000 / 64);
            for_each_drawn(run->text, fonts->metrics(run->face), [&](char32_t cp) { bits[cp / 64] |= 1ull << (cp % 64); });
        }
    }
    for (std::size_t f = 0; f < fonts::face_count; ++f) {
        if (used[f].empty()) continue;  // a face (the fallback, often) the letter never uses stays out
        EmbeddedFace& face = faces[f];
        for (std::size_t w = 0; w < used[f].size(); ++w)
            for (std::uint64_t bits = used[f][w]; bits != 0; bits &= bits - 1)
                face.code_points.push_back(static_cast<char32_t>(64 * w + static_cast<std::size_t>(std::countr_zero(bits))));
        if (face.code_points.empty()) face.code_points.push_back(U' ');
        embed(pdf, fonts->metrics(static_cast<fonts::Face>(f)), face, options.pdfa);
        resources.faces[f] = &face;
    }
}

/// Returns whether any image is in colour.
bool Writer::Impl::add_images(const layout::Document& doc, PageResources& resources) {
    bool colour = false;
    for (const auto& image : doc.images) {
        if (image.is_png) {
            const Raster& raster = decoded_png(image);
            colour = colour || raster.components == 3;
            resources.images.push_back(add_raster(pdf, raster));
        } else {
            bool rgb = false;
            resources.images.push_back(add_jpeg(pdf, errors, image, options.pdfa, rgb));
            colour = colour || rgb;
        }
    }
    return colour;
}

std::string Writer::Impl::write(const layout::Document& doc) {
    if (doc.pages.empty()) throw PdfError("a document needs at least one page");
    const ArenaScope scope(arena);
    close();
    open();
    // 1.4: the output intent and marked-content features PDF/A-1 builds on.
    pdf->pdf_version = HPDF_VER_14;
    // brevgen compresses its streams itself (one reusable zlib state per thread).
    HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);

    std::array<EmbeddedFace, fonts::face_count> faces;
    PageResources resources;
    resources.fonts = fonts.get();
    embed_fonts(doc, faces, resources);
    const bool colour = add_images(doc, resources);

    std::vector<PaintedPage> pages;
    pages.reserve(doc.pages.size());
    for (const auto& page : doc.pages) pages.push_back(paint_page(pdf, doc, page, resources, options.tagged));
    haru::check(errors, true, "painting pages");

    if (options.tagged) {
        write_structure(pdf, doc, pages);
        write_accessibility(pdf, doc.meta);
    }
    write_metadata(pdf, doc.meta, options.tagged, options.pdfa);
    if (options.pdfa) write_output_intent(pdf, profile(colour));
    haru::check(errors, true, "building the document structure");

    std::string bytes = serialise(pdf);
    haru::check(errors, true, "writing the document");
    close();
    finish_id(bytes);
    return bytes;
}

Writer::Writer(std::shared_ptr<const fonts::FontSet> fonts, Options options) : impl_(std::make_unique<Impl>()) {
    if (!fonts) throw PdfError("pdf::Writer needs a font set");
    impl_->fonts = std::move(fonts);
    impl_->options = options;
    // Letters draw only in gray, so a letter without colour images gets the gray profile;
    // a letter with a colour image gets sRGB (profile_files.hpp). Both are read lazily.
}

void check_profiles() {
    read_srgb_profile();
    read_gray_profile();
}

Writer::~Writer() = default;

std::string Writer::write(const layout::Document& doc) {
    try {
        return impl_->write(doc);
    } catch (...) {
        // libharu's state after an error is not worth trusting: start afresh next time.
        impl_->close();
        throw;
    }
}

}  // namespace brevgen::pdf
