#pragma once
/// Body blocks → fragments, each item tagged with its structure element. One class, its
/// members spread over blocks.cpp (text blocks), table.cpp (tables, fact boxes) and
/// figure.cpp (images, charts).

#include <vector>

#include "layout/fragment.hpp"
#include "layout/text.hpp"

namespace brevgen::layout {

class BlockLayout {
public:
    BlockLayout(TextEngine& text, Document& doc, std::vector<Fragment>& out, Diagnostics& diags)
        : text_(text), doc_(doc), out_(out), diags_(diags) {}

    /// Appends the fragments of `blocks` under structure element `parent`.
    void blocks(const std::vector<markup::Block>& blocks, ElemId parent);

    /// True once the content laid out so far cannot fit in the page limit: layout stops
    /// early, so a case built to make 10 000 pages costs milliseconds, not seconds.
    bool over_budget() const { return height_ > budget_; }
    /// Sets the total height the body may take (pages × page height).
    void set_budget(double points) { budget_ = points; }

    /// Adds a structure element and returns its id.
    ElemId element(Role role, ElemId parent, std::string alt = {}, std::string scope = {});

    /// Appends the items of one broken line at (x, baseline) to `items`/`links`.
    /// `link_elems` and `hrefs` are indexed by Piece::link.
    void emit_line(const LineBox& line, double x, double baseline, double leading, ElemId elem,
                   const std::vector<ElemId>& link_elems, const std::vector<std::string>& hrefs,
                   std::vector<Item>& items, std::vector<LinkArea>& links) const;
    /// The same for a line without links.
    void emit_line(const LineBox& line, double x, double baseline, double leading, ElemId elem,
                   std::vector<Item>& items) const;
    /// Ends the last line in `items` with a space in its text (not its width), as a wrapped
    /// paragraph's line ends: a block of lines that is one element (an address, a signature)
    /// then reads "ApS Att.:", never "ApSAtt.:", where the tree's text is joined directly.
    static void end_line_with_space(std::vector<Item>& items);

private:
    TextEngine& text_;
    Document& doc_;
    std::vector<Fragment>& out_;
    Diagnostics& diags_;
    double pending_space_ = 0;
    double height_ = 0;
    double budget_ = 1e300;
    bool pending_break_ = false;
    int tables_ = 0;

    void block(const markup::Block& b, ElemId parent);
    void push(Fragment f);
    /// Lines of text as fragments, one per line, with widow and orphan control.
    void text_lines(const markup::Inlines& runs, const TextStyle& style, double leading, double x, double width,
                    ElemId elem, double space_before, bool keep_all, const LineBox* label = nullptr,
                    double label_x = 0, ElemId label_elem = artifact);
    void list(const markup::Block& b, ElemId parent);
    void signature(const markup::Block& b, ElemId parent);
    void signatures(const markup::Block& b, ElemId parent);
    void table(const markup::Block& b, ElemId parent);
    void facts(const markup::Block& b, ElemId parent);
    void image(const markup::Block& b, ElemId parent);
    void chart(const markup::Block& b, ElemId parent);
    std::vector<ElemId> link_elements(const std::vector<std::string>& links, ElemId parent);
    /// The usable height of a page after the first.
    static double page_height();
    /// The small line at the top of a page that continues a row or box from the page before.
    std::shared_ptr<const Fragment> continuation_marker();
    std::shared_ptr<const Fragment> marker_;
};

/// Width and height in pixels of a PNG or JPEG file; {0,0} when it is neither.
std::pair<int, int> image_size(std::string_view bytes, bool& is_png);

}  // namespace brevgen::layout
