// Paints a page by writing content-stream operators directly: libharu's drawing calls
// track a text/graphics mode that marked-content operators (BDC/EMC) would confuse, and
// one string handed over per page is also the fastest path.
#include "pdf/content.hpp"

#include <algorithm>
#include <cmath>

namespace brevgen::pdf {

namespace {

using haru::append_milli;
using haru::append_number;

/// Builds the content stream of one page, skipping state changes that would repeat.
class Painter {
public:
    Painter(HPDF_Page page, const layout::Page& layout_page, const PageResources& resources)
        : page_(page), height_(layout_page.height), resources_(resources) {}

    void text(const layout::TextRun& run);
    void line(const layout::Line& line);
    void box(const layout::Box& box);
    void image(const layout::ImagePlacement& placement);

    /// Ends the open text object: lines, boxes, images and marked-content boundaries
    /// must stand outside it (a marked-content sequence may not straddle BT/ET).
    void end_text() {
        if (!in_text_) return;
        out_ += "ET\n";
        in_text_ = false;
    }

    std::string& out() { return out_; }

private:
    void op(double v) {
        append_number(out_, v);
        out_ += ' ';
    }
    /// Codes go in literal strings as raw bytes (half the size of hex); only the
    /// delimiters and line ends need a backslash.
    void append_literal_byte(unsigned char b) {
        if (b == '(' || b == ')' || b == '\\') out_ += '\\';
        if (b == '\r' || b == '\n') {
            out_ += b == '\r' ? "\\r" : "\\n";
            return;
        }
        out_ += static_cast<char>(b);
    }
    /// A coordinate in thousandths of a point, as append_number would round it, so that
    /// relative moves add up to exactly the absolute positions.
    static long long milli(double v) { return std::llround(v * 1000.0); }
    void op_milli(long long v) {
        append_milli(out_, v);
        out_ += ' ';
    }
    void fill_gray(double gray);
    void stroke_gray(double gray);
    void line_width(double width);
    double y(double layout_y) const { return height_ - layout_y; }

    HPDF_Page page_;
    double height_;
    const PageResources& resources_;
    std::string out_;
    double fill_ = 0, stroke_ = 0, width_ = 1;  // the PDF initial graphics state
    int font_ = -1;
    double size_ = -1;
    // Consecutive runs share one text object and move by Td from the previous line's
    // start (the text line matrix): far fewer bytes than BT, Tm and ET per line.
    bool in_text_ = false;
    long long line_x_ = 0, line_y_ = 0;
};

double clamp_gray(double g) { return std::clamp(g, 0.0, 1.0); }

void Painter::fill_gray(double gray) {
    gray = clamp_gray(gray);
    if (gray == fill_) return;
    op(gray);
    out_ += "g\n";
    fill_ = gray;
}

void Painter::stroke_gray(double gray) {
    gray = clamp_gray(gray);
    if (gray == stroke_) return;
    op(gray);
    out_ += "G\n";
    stroke_ = gray;
}

void Painter::line_width(double width) {
    if (width == width_) return;
    op(width);
    out_ += "w\n";
    width_ = width;
}

void Painter::text(const layout::TextRun& run) {
    const auto face = static_cast<std::size_t>(run.face);
    if (face >= fonts::face_count || resources_.faces[face] == nullptr)
        throw PdfError("text run uses a face the document did not prepare");
    fill_gray(run.gray);
    if (!in_text_) {
        out_ += "BT\n";
        in_text_ = true;
        line_x_ = line_y_ = 0;
    }
    if (static_cast<int>(face) != font_ || run.size != size_) {
        out_ += '/';
        out_ += HPDF_Page_GetLocalFontName(page_, resources_.faces[face]->font);
        out_ += ' ';
        op(run.size);
        out_ += "Tf\n";
        font_ = static_cast<int>(face);
        size_ = run.size;
    }
    const long long x = milli(run.pos.x), yy = milli(y(run.pos.y));
    op_milli(x - line_x_);
    op_milli(yy - line_y_);
    out_ += "Td\n";
    line_x_ = x;
    line_y_ = yy;
    // Tw does not apply to two-byte codes, so justified text spaces its words through TJ.
    const bool spaced = run.word_spacing != 0 && run.size > 0;
    out_ += spaced ? "[(" : "(";
    const EmbeddedFace& embedded = *resources_.faces[face];
    for_each_drawn(run.text, resources_.fonts->metrics(run.face), [&](char32_t cp) {
        const unsigned cid = embedded.cid(cp);
        append_literal_byte(static_cast<unsigned char>(cid >> 8));
        append_literal_byte(static_cast<unsigned char>(cid & 0xFF));
        if (spaced && cp == U' ') {
            out_ += ")";
            op(-run.word_spacing * 1000.0 / run.size);
            out_ += '(';
        }
    });
    out_ += spaced ? ")] TJ\n" : ") Tj\n";
}

void Painter::line(const layout::Line& line) {
    end_text();
    stroke_gray(line.gray);
    line_width(line.width);
    op(line.from.x);
    op(y(line.from.y));
    out_ += "m ";
    op(line.to.x);
    op(y(line.to.y));
    out_ += "l S\n";
}

void Painter::box(const layout::Box& box) {
    const bool fill = box.fill_gray >= 0, stroke = box.stroke_gray >= 0;
    if (!fill && !stroke) return;
    end_text();
    if (fill) fill_gray(box.fill_gray);
    if (stroke) {
        stroke_gray(box.stroke_gray);
        line_width(box.stroke_width);
    }
    op(box.rect.x);
    op(y(box.rect.y + box.rect.h));
    op(box.rect.w);
    op(box.rect.h);
    out_ += fill && stroke ? "re B\n" : fill ? "re f\n" : "re S\n";
}

void Painter::image(const layout::ImagePlacement& placement) {
    if (placement.image >= resources_.images.size()) throw PdfError("image placement refers to a missing image");
    const auto& r = placement.rect;
    end_text();
    out_ += "q ";
    op(r.w);
    out_ += "0 0 ";
    op(r.h);
    op(r.x);
    op(y(r.y + r.h));
    out_ += "cm /";
    out_ += HPDF_Page_GetXObjectName(page_, resources_.images[placement.image]);
    out_ += " Do Q\n";
}

/// URIs in PDF are 7-bit ASCII: percent-encode anything else.
std::string ascii_uri(std::string_view uri) {
    std::string out;
    for (unsigned char c : uri) {
        if (c > 0x20 && c < 0x7F) {
            out += static_cast<char>(c);
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

std::vector<PlacedLink> add_links(HPDF_Page page, const layout::Document& doc, const layout::Page& lp) {
    std::vector<PlacedLink> links;
    for (const auto& link : lp.links) {
        if (link.elem != layout::artifact && static_cast<std::size_t>(link.elem) >= doc.elements.size())
            throw PdfError("link refers to a missing structure element");
        const HPDF_Rect rect{static_cast<HPDF_REAL>(link.rect.x), static_cast<HPDF_REAL>(lp.height - link.rect.y - link.rect.h),
                             static_cast<HPDF_REAL>(link.rect.x + link.rect.w), static_cast<HPDF_REAL>(lp.height - link.rect.y)};
        const std::string uri = ascii_uri(link.uri);
        HPDF_Annotation annot = HPDF_Page_CreateURILinkAnnot(page, rect, uri.c_str());
        if (annot == nullptr) throw PdfError("cannot create the link to " + uri);
        HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0);
        HPDF_Dict_AddNumber(annot, "F", 4);  // Print: PDF/A wants every annotation printable
        HPDF_Dict_Add(annot, "Contents", HPDF_String_New(annot->mmgr, uri.c_str(), nullptr));
        links.push_back({annot, link.elem});
    }
    return links;
}

}  // namespace

PaintedPage paint_page(HPDF_Doc pdf, const layout::Document& doc, const layout::Page& lp,
                       const PageResources& resources, bool tagged) {
    PaintedPage result;
    result.page = HPDF_AddPage(pdf);
    if (result.page == nullptr) throw PdfError("cannot add a page");
    // libharu lists every procedure set "for compatibility"; PDF 1.4 readers ignore /ProcSet
    // (ISO 32000-1 14.2: obsolete) and PDF/A-1 does not ask for it: 40 bytes a page.
    if (auto* res = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(result.page, "Resources", HPDF_OCLASS_DICT)))
        HPDF_Dict_RemoveElement(res, "ProcSet");
    HPDF_Page_SetWidth(result.page, static_cast<HPDF_REAL>(lp.width));
    HPDF_Page_SetHeight(result.page, static_cast<HPDF_REAL>(lp.height));

    Painter painter(result.page, lp, resources);
    std::string& out = painter.out();
    out.reserve(64 * lp.items.size() + 64);
    bool open = false;
    layout::ElemId current = layout::artifact;
    for (const auto& item : lp.items) {
        if (item.elem != layout::artifact && (item.elem < 0 || static_cast<std::size_t>(item.elem) >= doc.elements.size()))
            throw PdfError("page item refers to a missing structure element");
        if (tagged && (!open || item.elem != current)) {
            painter.end_text();
            if (open) out += "EMC\n";
            if (item.elem == layout::artifact) {
                out += "/Artifact BMC\n";
            } else {
                out += '/';
                out += layout::role_name(doc.elements[static_cast<std::size_t>(item.elem)].role);
                out += " <</MCID " + std::to_string(result.mcid_elems.size()) + ">> BDC\n";
                result.mcid_elems.push_back(item.elem);
            }
            open = true;
            current = item.elem;
        }
        std::visit([&](const auto& shape) {
            using T = std::decay_t<decltype(shape)>;
            if constexpr (std::is_same_v<T, layout::TextRun>) painter.text(shape);
            else if constexpr (std::is_same_v<T, layout::Line>) painter.line(shape);
            else if constexpr (std::is_same_v<T, layout::Box>) painter.box(shape);
            else painter.image(shape);
        }, item.shape);
    }
    painter.end_text();
    if (open) out += "EMC\n";
    haru::set_page_content(result.page, out);
    if (tagged) HPDF_Dict_AddName(result.page, "Tabs", "S");
    result.links = add_links(result.page, doc, lp);
    return result;
}

}  // namespace brevgen::pdf
