#pragma once
/// The letter document: what letter markup (templates/README.md) is parsed into, and what
/// layout consumes. Plain values; no positions on the page yet.

#include <string>
#include <vector>

#include "common/diagnostic.hpp"

namespace brevgen::markup {

/// A run of text with one style. A run with `line_break` set is a forced line break.
struct Inline {
    std::string text;
    bool bold = false;
    bool italic = false;
    bool line_break = false;
    bool no_hyphen = false;  ///< inside <nohyphen>: names, addresses — never hyphenated
    std::string href;  ///< non-empty inside <a href>
    SourcePos pos;     ///< where the run starts in the markup
};
using Inlines = std::vector<Inline>;

/// A table cell; header cells become TH (scope Column in a header row, Row otherwise).
struct Cell {
    Inlines content;
    bool header = false;
};

/// A table row; rows of <thead> repeat on every page the table runs over.
struct Row {
    std::vector<Cell> cells;
    bool header = false;
};

/// One bar of a chart.
struct Bar {
    std::string label;
    double value = 0;
};

/// A block of the letter body, in reading order.
struct Block {
    enum class Kind {
        paragraph, heading, subject, bullet_list, numbered_list, facts, table,
        signature, signatures, image, chart, page_break, keep, spacer
    };
    Kind kind = Kind::paragraph;
    SourcePos pos;
    Inlines inlines;                  ///< paragraph, heading, subject
    std::vector<Inlines> items;       ///< list items; signature lines; fact values
    std::vector<Inlines> labels;      ///< fact labels; signatures: one label per signer
    std::vector<double> widths;       ///< table: column widths as fractions summing to 1
    std::string align;                ///< table: one of l/r/c per column ("llr")
    std::vector<Row> rows;            ///< table
    std::string src, alt, title;      ///< image/chart
    double width = 0, height = 0;     ///< image/chart size in points (0 = automatic)
    std::vector<Bar> bars;            ///< chart
    double reference = 0;             ///< chart: a dashed reference line (e.g. normal hours)
    std::string unit;                 ///< chart: unit of values ("timer")
    std::string axis;                 ///< chart: what the bars are ("uge"), written under the axis
    std::vector<Block> children;      ///< keep: blocks kept on one page
};

/// A logo in the letterhead.
struct Logo {
    std::string src;
    std::string alt;
    double height = 0;  ///< points
};

/// One line of the recipient's address.
struct AddressLine {
    std::string text;
    std::string field;  ///< the case field it comes from (JSON pointer), for errors; may be empty
    SourcePos pos;      ///< the <line> element
};

/// The parsed letter.
struct Letter {
    std::string title, author, subject, keywords, lang = "da-DK", date;
    Logo logo;
    std::vector<std::string> letterhead;  ///< first line is the sender's name
    std::string return_address;           ///< one small line above the recipient
    std::vector<AddressLine> address;     ///< recipient lines
    std::vector<std::pair<std::string, std::string>> reference;  ///< label, value
    std::string running_header;           ///< on pages 2+
    std::string footer;                   ///< at the foot of every page, left of "Side X af Y"
    std::vector<Block> body;
};

/// What parsing returns: the letter, or errors with line:column in the markup.
struct ParseResult {
    Letter letter;
    Diagnostics diagnostics;
};

/// Parses letter markup (XML). `source_name` is used only for messages.
ParseResult parse(std::string_view markup);

}  // namespace brevgen::markup
