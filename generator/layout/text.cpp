#include "layout/text.hpp"

#include <algorithm>
#include <cstdio>

#include "common/utf8.hpp"
#include "danish/hyphenate.hpp"

namespace brevgen::layout {

namespace {
bool is_letter(char32_t cp) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 && cp < 0x2000);
}

/// Controls and soft hyphens are not drawn.
bool is_not_drawn(char32_t cp) { return cp < 0x20 || cp == 0x7F || cp == 0xAD; }
}  // namespace

bool can_typeset(const fonts::FontSet& fonts, char32_t cp) {
    using fonts::Face;
    if (is_not_drawn(cp)) return true;
    for (const Face face : {Face::regular, Face::bold, Face::italic, Face::bold_italic}) {
        if (!fonts.face_for(face, cp)) return false;
    }
    return true;
}

fonts::Face styled_face(bool bold, bool italic) {
    using fonts::Face;
    if (bold) return italic ? Face::bold_italic : Face::bold;
    return italic ? Face::italic : Face::regular;
}

double TextEngine::width(std::string_view text, const TextStyle& style) const {
    double units = 0;
    const auto& fonts = *env_.fonts;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t cp = utf8::decode(text, i);
        const auto face = fonts.face_for(style.face, cp);
        if (face) units += fonts.metrics(*face).advance(cp);
    }
    return units * style.size / 1000.0;
}

std::vector<Piece> TextEngine::shape(std::string_view text, const TextStyle& style, SourcePos pos) {
    std::vector<Piece> out;
    const auto& fonts = *env_.fonts;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        const char32_t cp = utf8::decode(text, i);
        if (is_not_drawn(cp)) continue;
        auto face = fonts.face_for(style.face, cp);
        // Spaces and punctuation stay in the face of the text around them, so a Greek or
        // Cyrillic name is one run, not one run per word.
        if (face && !out.empty() && out.back().face != *face && !is_letter(cp) && fonts.metrics(out.back().face).has_glyph(cp)) {
            face = out.back().face;
        }
        if (!face) {
            if (std::find(reported_.begin(), reported_.end(), cp) == reported_.end()) {
                reported_.push_back(cp);
                char code[16];
                std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
                diags_.push_back(make_error(pos, {}, std::string("no font has the character ") + code + " '" +
                                                         std::string(text.substr(start, i - start)) + "'"));
            }
            continue;
        }
        const double w = fonts.metrics(*face).advance(cp) * style.size / 1000.0;
        if (out.empty() || out.back().face != *face) {
            Piece p;
            p.face = *face;
            p.size = style.size;
            p.gray = style.gray;
            p.x = out.empty() ? 0 : out.back().x + out.back().width;
            out.push_back(std::move(p));
        }
        if (cp == 0xA0) {
            out.back().text += ' ';  // no-break only matters to line breaking; the PDF's text says " "
        } else {
            out.back().text.append(text.substr(start, i - start));
        }
        out.back().width += w;
    }
    return out;
}

namespace {

/// A styled part of a word.
struct Atom {
    std::string text;
    TextStyle style;
    int link = -1;
    SourcePos pos;
};

/// A unit of line breaking: atoms with no break opportunity between them.
struct Word {
    std::vector<Atom> atoms;
    bool space_before = false;
    bool forced_break_before = false;
};

std::vector<Word> tokenize(const markup::Inlines& runs, const TextStyle& base, std::vector<std::string>* links) {
    std::vector<Word> words(1);
    bool pending_space = false;
    for (const auto& run : runs) {
        if (run.line_break) {
            words.emplace_back().forced_break_before = true;
            pending_space = false;
            continue;
        }
        TextStyle style = base;
        const bool base_bold = base.face == fonts::Face::bold || base.face == fonts::Face::bold_italic;
        const bool base_italic = base.face == fonts::Face::italic || base.face == fonts::Face::bold_italic;
        style.face = styled_face(run.bold || base_bold, run.italic || base_italic);
        int link = -1;
        if (!run.href.empty() && links) {
            if (links->empty() || links->back() != run.href) links->push_back(run.href);
            link = static_cast<int>(links->size()) - 1;
        }
        const std::string_view text = run.text;
        char32_t previous = 0;
        for (std::size_t i = 0; i < text.size();) {
            const std::size_t start = i;
            const char32_t cp = utf8::decode(text, i);
            if (cp == ' ') {
                if (!words.back().atoms.empty()) words.emplace_back();
                pending_space = true;
                previous = cp;
                continue;
            }
            Word& w = words.back();
            if (pending_space && w.atoms.empty()) w.space_before = true;
            pending_space = false;
            if (w.atoms.empty() || w.atoms.back().link != link || w.atoms.back().style.face != style.face) {
                w.atoms.push_back(Atom{{}, style, link, run.pos});
            }
            w.atoms.back().text.append(text.substr(start, i - start));
            // A hard hyphen or slash between letters, or an en dash inside a range
            // ("30.11.–fre. 4.12."), is a break opportunity.
            if (i < text.size()) {
                std::size_t j = i;
                const char32_t next = utf8::decode(text, j);
                const bool hyphen = (cp == '-' || cp == '/') && is_letter(previous) && is_letter(next);
                const bool dash = cp == 0x2013 && previous != 0 && previous != ' ' && previous != 0xA0 && next != ' ' && next != 0xA0;
                if (hyphen || dash) words.emplace_back();
            }
            previous = cp;
        }
    }
    std::erase_if(words, [](const Word& w) { return w.atoms.empty() && !w.forced_break_before; });
    return words;
}

std::string concatenated(const Word& w) {
    std::string s;
    for (const auto& a : w.atoms) s += a.text;
    return s;
}

/// Splits `w` at byte offset `at` of its concatenated text.
std::pair<Word, Word> split_word(const Word& w, std::size_t at) {
    Word head, tail;
    head.space_before = w.space_before;
    head.forced_break_before = w.forced_break_before;
    std::size_t offset = 0;
    for (const auto& a : w.atoms) {
        const std::size_t end = offset + a.text.size();
        if (end <= at) {
            head.atoms.push_back(a);
        } else if (offset >= at) {
            tail.atoms.push_back(a);
        } else {
            Atom left = a, right = a;
            left.text = a.text.substr(0, at - offset);
            right.text = a.text.substr(at - offset);
            head.atoms.push_back(std::move(left));
            tail.atoms.push_back(std::move(right));
        }
        offset = end;
    }
    return {std::move(head), std::move(tail)};
}

}  // namespace

namespace {

/// Builds lines word by word; owns the greedy algorithm's state.
class LineBuilder {
public:
    LineBuilder(TextEngine& engine, double width) : engine_(engine), width_(width) {}

    std::vector<LineBox> run(std::vector<Word> words) {
        for (auto& word : words) place(std::move(word));
        if (!line_.pieces.empty() || lines_.empty()) flush();
        return std::move(lines_);
    }

private:
    TextEngine& engine_;
    double width_;
    LineBox line_;
    std::vector<LineBox> lines_;

    double word_width(const Word& w) const {
        double sum = 0;
        for (const auto& a : w.atoms) sum += engine_.width(a.text, a.style);
        return sum;
    }
    double space_width(const Word& w) const {
        return w.atoms.empty() ? 0 : engine_.width(" ", w.atoms.front().style);
    }
    double hyphen_width(const Word& w) const {
        return w.atoms.empty() ? 0 : engine_.width("-", w.atoms.back().style);
    }

    void flush() {
        lines_.push_back(std::move(line_));
        line_ = LineBox{};
    }

    void append(const Word& w, bool with_space, bool hyphen) {
        double x = line_.width;
        if (with_space && !line_.pieces.empty()) {
            auto& last = line_.pieces.back();
            const double sp = engine_.width(" ", TextStyle{last.face, last.size, last.gray});
            last.text += ' ';
            last.width += sp;
            x += sp;
        }
        for (std::size_t k = 0; k < w.atoms.size(); ++k) {
            const Atom& a = w.atoms[k];
            std::string text = a.text;
            if (hyphen && k + 1 == w.atoms.size()) text += '-';
            for (auto& p : engine_.shape(text, a.style, a.pos)) {
                p.x += x;
                p.link = a.link;
                x = p.x + p.width;
                auto& pieces = line_.pieces;
                if (!pieces.empty() && pieces.back().face == p.face && pieces.back().link == p.link &&
                    pieces.back().size == p.size && pieces.back().gray == p.gray) {
                    pieces.back().text += p.text;
                    pieces.back().width = x - pieces.back().x;
                } else {
                    pieces.push_back(std::move(p));
                }
            }
        }
        line_.width = x;
    }

    /// The longest head of `w` that fits in `room` points with a hyphen (or, when
    /// `emergency`, without one at any character), as a byte offset; 0 when none.
    std::size_t fitting_break(const Word& w, double room, bool emergency) const {
        const std::string text = concatenated(w);
        std::vector<std::size_t> points;
        if (emergency) {
            for (std::size_t i = 0; i < text.size();) {
                utf8::decode(text, i);
                if (i < text.size()) points.push_back(i);
            }
        } else if (engine_.env().hyphenator) {
            std::size_t b = 0, e = text.size();
            while (b < e) {  // hyphenate the letters, not surrounding punctuation
                std::size_t j = b;
                if (is_letter(utf8::decode(text, j))) break;
                b = j;
            }
            while (e > b && !is_letter(static_cast<unsigned char>(text[e - 1])) &&
                   (static_cast<unsigned char>(text[e - 1]) < 0x80)) {
                --e;
            }
            for (const auto p : engine_.env().hyphenator->break_points(std::string_view(text).substr(b, e - b))) {
                points.push_back(b + p);
            }
        }
        const double extra = emergency ? 0 : hyphen_width(w);
        // Widths of every head in one pass over the word: a 5 000-character word must not
        // cost a measurement per candidate break.
        std::size_t best = 0;
        std::size_t next = 0;  // index into points, ascending
        std::size_t offset = 0;
        double width = 0;
        for (const auto& atom : w.atoms) {
            for (std::size_t i = 0; i < atom.text.size();) {
                const std::size_t start = i;
                utf8::decode(atom.text, i);
                width += engine_.width(std::string_view(atom.text).substr(start, i - start), atom.style);
                const std::size_t at = offset + i;
                while (next < points.size() && points[next] < at) ++next;
                if (next < points.size() && points[next] == at) {
                    if (width + extra > room) return best;
                    best = at;
                }
            }
            offset += atom.text.size();
        }
        return best;
    }

    /// Ends the line where a space was: the space is kept in the text (not the width), so
    /// text extraction and screen readers do not run the last and the next word together.
    void flush_at_space() {
        if (!line_.pieces.empty()) line_.pieces.back().text += ' ';
        flush();
    }

    void place(Word word) {
        if (word.forced_break_before) {
            if (!line_.pieces.empty()) {
                flush_at_space();
            } else if (word.atoms.empty()) {
                flush();
            }
            if (word.atoms.empty()) return;
        }
        const bool has_content = !line_.pieces.empty();
        const double sp = has_content && word.space_before ? space_width(word) : 0;
        const double ww = word_width(word);
        if (line_.width + sp + ww <= width_) {
            append(word, word.space_before, false);
            return;
        }
        if (has_content) {
            const double room = width_ - line_.width - sp;
            // Hyphenate only when the gap left would be conspicuous; a ragged right margin
            // with few hyphens reads better than one hyphen per line.
            if (room > 0.15 * width_ || ww > width_) {
                if (const auto at = fitting_break(word, room, false)) {
                    auto [head, tail] = split_word(word, at);
                    append(head, word.space_before, true);
                    flush();
                    word = std::move(tail);
                } else if (word.space_before) {
                    flush_at_space();
                } else {
                    flush();
                }
            } else if (word.space_before) {
                flush_at_space();
            } else {
                flush();
            }
        }
        while (word_width(word) > width_) {
            std::size_t at = fitting_break(word, width_, false);
            const bool hyphen = at != 0;
            if (!hyphen) at = fitting_break(word, width_, true);
            if (at == 0) break;  // a single character wider than the line: let it stand
            auto [head, tail] = split_word(word, at);
            append(head, false, hyphen);
            flush();
            word = std::move(tail);
        }
        append(word, false, false);
    }
};

}  // namespace

std::vector<LineBox> TextEngine::break_lines(const markup::Inlines& runs, const TextStyle& base, double width,
                                             std::vector<std::string>* links) {
    return LineBuilder(*this, width).run(tokenize(runs, base, links));
}

LineBox TextEngine::single_line(std::string_view text, const TextStyle& style, SourcePos pos) {
    LineBox line;
    line.pieces = shape(text, style, pos);
    for (const auto& p : line.pieces) line.width = p.x + p.width;
    return line;
}

}  // namespace brevgen::layout
