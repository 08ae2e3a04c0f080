// Greedy line breaking with hyphenation. A word that does not fit is measured once,
// character by character (Measured); every later decision about it — where a hyphen fits,
// where an over-long word must break — is a lookup in that measurement, so a word broken
// over many lines costs one pass over it, not one pass per line.
#include "layout/linebreak.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "common/utf8.hpp"
#include "danish/hyphenate.hpp"

namespace brevgen::layout {

namespace {

/// Hyphenate a word only when moving it to the next line would leave a gap wider than this
/// share of the line: a ragged right margin with few hyphens reads better than one hyphen
/// per line.
constexpr double gap_worth_hyphenating = 0.15;
/// Fewest letters in any piece of a hyphenated word, on either side of the break.
constexpr int min_piece_letters = 3;
/// Fewest letters of a word's tail that may stand alone on the last line of a text:
/// "ad gangen." moves whole, never "ad gan-" / "gen.".
constexpr int min_last_line_letters = 5;
/// Words longer than this are not looked up in the dictionary (no Danish word is).
constexpr std::size_t max_dictionary_chars = 200;

/// A word measured character by character.
class Measured {
public:
    Measured(const TextEngine& engine, const Word& w) : word_(w) {
        std::size_t offset = 0;
        double x = 0;
        int letters = 0;
        for (std::size_t a = 0; a < w.atoms.size(); ++a) {
            const std::string_view text = w.atoms[a].text;
            atom_start_.push_back(offset);
            for (std::size_t i = 0; i < text.size();) {
                const std::size_t start = i;
                const char32_t cp = utf8::decode(text, i);
                byte_.push_back(static_cast<std::uint32_t>(offset + start));
                x_.push_back(x);
                letters_.push_back(letters);
                atom_.push_back(static_cast<std::uint32_t>(a));
                last_cp_.push_back(cp);
                x += engine.width(text.substr(start, i - start), w.atoms[a].style);
                if (is_letter(cp)) ++letters;
            }
            offset += text.size();
        }
        byte_.push_back(static_cast<std::uint32_t>(offset));
        x_.push_back(x);
        letters_.push_back(letters);
    }

    std::size_t chars() const { return byte_.size() - 1; }
    std::size_t byte(std::size_t c) const { return byte_[c]; }
    /// Width of characters [from, to).
    double width(std::size_t from, std::size_t to) const { return x_[to] - x_[from]; }
    int letters(std::size_t from, std::size_t to) const { return letters_[to] - letters_[from]; }
    char32_t char_before(std::size_t c) const { return last_cp_[c - 1]; }
    const Atom& atom_before(std::size_t c) const { return word_.atoms[atom_[c - 1]]; }
    /// The character index at byte offset `b` (a character boundary).
    std::size_t char_at(std::size_t b) const {
        return static_cast<std::size_t>(std::lower_bound(byte_.begin(), byte_.end(), b) - byte_.begin());
    }
    /// The last boundary c >= from with width(from, c) <= room.
    std::size_t fit(std::size_t from, double room) const {
        const auto it = std::upper_bound(x_.begin() + static_cast<std::ptrdiff_t>(from), x_.end(), x_[from] + room);
        return static_cast<std::size_t>(it - x_.begin()) - 1;
    }
    /// The first atom that ends after byte `b`.
    std::size_t atom_at(std::size_t b) const {
        return static_cast<std::size_t>(std::upper_bound(atom_start_.begin(), atom_start_.end(), b) - atom_start_.begin()) - 1;
    }

private:
    const Word& word_;
    std::vector<std::uint32_t> byte_;   ///< byte offset where character i starts; then the end
    std::vector<double> x_;             ///< width before character i
    std::vector<int> letters_;          ///< letters before character i
    std::vector<std::uint32_t> atom_;   ///< atom of character i
    std::vector<char32_t> last_cp_;     ///< character i
    std::vector<std::size_t> atom_start_;
};

/// Where the dictionary may break a word, as character indices of a Measured.
struct CharBreak {
    std::size_t at = 0;
    bool joint = false;
};

/// Builds lines word by word; owns the greedy algorithm's state.
class LineBuilder {
public:
    LineBuilder(TextEngine& engine, double width) : engine_(engine), width_(width) {}

    std::vector<LineBox> run(std::vector<Word> words) {
        for (auto& word : words) place(word);
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
    double space_width(const Word& w) const { return w.atoms.empty() ? 0 : engine_.width(" ", w.atoms.front().style); }

    void flush() {
        lines_.push_back(std::move(line_));
        line_ = LineBox{};
    }

    /// Ends the line where a space was: the space is kept in the text (not the width), so
    /// text extraction and screen readers do not run the last and the next word together.
    void flush_at_space() {
        if (!line_.pieces.empty()) line_.pieces.back().text += ' ';
        flush();
    }

    void add_piece(Piece p, double& x) {
        p.x += x;
        x = p.x + p.width;
        auto& pieces = line_.pieces;
        if (!pieces.empty() && pieces.back().face == p.face && pieces.back().link == p.link &&
            pieces.back().size == p.size && pieces.back().gray == p.gray && !pieces.back().artifact && !p.artifact) {
            pieces.back().text += p.text;
            pieces.back().width = x - pieces.back().x;
        } else {
            line_.pieces.push_back(std::move(p));
        }
    }

    /// Appends bytes [from, to) of `w` to the line; `first_atom` is the atom holding `from`.
    void append(const Word& w, std::size_t from, std::size_t to, std::size_t first_atom, bool with_space) {
        double x = line_.width;
        if (with_space && !line_.pieces.empty()) {
            auto& last = line_.pieces.back();
            const double sp = engine_.width(" ", TextStyle{last.face, last.size, last.gray});
            last.text += ' ';
            last.width += sp;
            x += sp;
        }
        std::size_t start = atom_offsets_[first_atom];
        for (std::size_t k = first_atom; k < w.atoms.size() && start < to; ++k) {
            const Atom& a = w.atoms[k];
            const std::size_t end = start + a.text.size();
            const std::size_t b = std::max(from, start), e = std::min(to, end);
            if (b < e) {
                for (auto& p : engine_.shape(std::string_view(a.text).substr(b - start, e - b), a.style, a.pos)) {
                    p.link = a.link;
                    add_piece(std::move(p), x);
                }
            }
            start = end;
        }
        line_.width = x;
    }

    /// The drawn hyphen of a break: page furniture, not text (docs/accessibility.md).
    void append_hyphen(const Atom& a) {
        double x = line_.width;
        for (auto& p : engine_.shape("-", a.style, a.pos)) {
            p.artifact = true;
            add_piece(std::move(p), x);
        }
        line_.width = x;
    }

    /// Byte offset where each atom of the word being placed starts.
    std::vector<std::size_t> atom_offsets_;

    void prepare_offsets(const Word& w) {
        atom_offsets_.clear();
        std::size_t offset = 0;
        for (const auto& a : w.atoms) {
            atom_offsets_.push_back(offset);
            offset += a.text.size();
        }
    }

    /// The dictionary's breaks of `w`, or none when the word may not be hyphenated here.
    std::vector<CharBreak> dictionary_breaks(const Word& w, const Measured& m, bool wider_than_line) const {
        const auto* hyphenator = engine_.env().hyphenator;
        const bool allowed = w.hyphenation == Hyphenation::allowed ||
                             (w.hyphenation == Hyphenation::last_resort && wider_than_line);
        if (!hyphenator || !allowed || m.chars() > max_dictionary_chars) return {};
        const std::string text = concatenated(w);
        std::vector<CharBreak> out;
        for (const danish::Break& b : hyphenator->breaks(text)) out.push_back({m.char_at(b.at), b.joint});
        return out;
    }

    /// The best hyphenated end of a line holding characters from `from` in `room` points:
    /// the last compound joint that fits, else the last syllable break; nullopt when none.
    /// A compound that fits on a line of its own breaks only at a joint: "materiale-" or
    /// the whole word on the next line, never "materi-alebestilling".
    std::optional<std::size_t> hyphen_break(const Word& w, const Measured& m, const std::vector<CharBreak>& breaks,
                                            std::size_t from, double room) const {
        const bool compound = std::any_of(breaks.begin(), breaks.end(), [](const CharBreak& b) { return b.joint; });
        const bool joints_only = compound && m.width(from, m.chars()) <= width_;
        std::optional<std::size_t> best, best_joint;
        for (const CharBreak& b : breaks) {
            if (b.at <= from || (joints_only && !b.joint)) continue;
            const double hyphen = engine_.width("-", m.atom_before(b.at).style);
            if (m.width(from, b.at) + hyphen > room) break;
            if (m.letters(from, b.at) < min_piece_letters) continue;
            if (w.last && m.letters(b.at, m.chars()) < min_last_line_letters) continue;
            best = b.at;
            if (b.joint) best_joint = b.at;
        }
        return best_joint ? best_joint : best;
    }

    /// Where a word wider than the line must break without a hyphen: after a no-break
    /// space ("24.–25." / "december."), else after a '/', '.', '@' or similar in the second
    /// half of the line, else after the last character that fits — but never so that only
    /// punctuation goes on ("december" / "."). At least one character, so the loop always
    /// advances.
    static std::size_t forced_break(const Measured& m, std::size_t from, double room) {
        const std::size_t limit = std::max(m.fit(from, room), from + 1);
        for (std::size_t c = limit; c > from + 1; --c) {
            if (m.char_before(c) == 0xA0) return c;
        }
        for (std::size_t c = limit; c > from + (limit - from) / 2; --c) {
            const char32_t cp = m.char_before(c);
            // Not after a hyphen: in an address, a hyphen at a line end reads as one we added.
            if (cp == '/' || cp == '.' || cp == '@' || cp == '_' || cp == '?' || cp == '&' || cp == '=')
                return c;
        }
        // A short tail of punctuation alone ("." or ").") takes the character before it along.
        constexpr std::size_t short_tail = 4;
        std::size_t at = limit;
        if (m.chars() - at <= short_tail) {
            while (at > from + 1 && limit - at < short_tail && m.letters(at, m.chars()) == 0 && !has_digit(m, at)) --at;
        }
        return at;
    }

    static bool has_digit(const Measured& m, std::size_t from) {
        for (std::size_t c = from + 1; c <= m.chars(); ++c) {
            const char32_t cp = m.char_before(c);
            if (cp >= '0' && cp <= '9') return true;
        }
        return false;
    }

    void end_line(const Word& word) {
        if (word.space_before) flush_at_space();
        else flush();
    }

    void place(const Word& word) {
        if (word.forced_break_before) {
            if (!line_.pieces.empty()) {
                flush_at_space();
            } else if (word.atoms.empty()) {
                flush();
            }
            if (word.atoms.empty()) return;
        }
        prepare_offsets(word);
        const std::size_t size = atom_offsets_.back() + word.atoms.back().text.size();
        const bool has_content = !line_.pieces.empty();
        const double sp = has_content && word.space_before ? space_width(word) : 0;
        const double ww = word_width(word);
        if (line_.width + sp + ww <= width_) {
            append(word, 0, size, 0, word.space_before);
            return;
        }
        const bool wider_than_line = ww > width_;
        const double room = width_ - line_.width - sp;
        const bool try_here = has_content && (room > gap_worth_hyphenating * width_ || wider_than_line);
        if (!try_here && !wider_than_line) {  // the common case: the word starts the next line
            if (has_content) end_line(word);
            append(word, 0, size, 0, false);
            return;
        }
        // The word is measured once; `from` is its first character not yet placed.
        const Measured m(engine_, word);
        const auto breaks = dictionary_breaks(word, m, wider_than_line);
        std::size_t from = 0;
        if (has_content) {
            const auto at = try_here ? hyphen_break(word, m, breaks, 0, room) : std::nullopt;
            if (at) {
                append(word, 0, m.byte(*at), 0, word.space_before);
                append_hyphen(m.atom_before(*at));
                flush();
                from = *at;
            } else {
                end_line(word);
            }
        }
        while (m.width(from, m.chars()) > width_) {
            const auto hyphen = hyphen_break(word, m, breaks, from, width_);
            const std::size_t at = hyphen ? *hyphen : forced_break(m, from, width_);
            append(word, m.byte(from), m.byte(at), m.atom_at(m.byte(from)), false);
            if (hyphen) append_hyphen(m.atom_before(at));
            flush();
            from = at;
        }
        append(word, m.byte(from), size, m.atom_at(m.byte(from)), false);
    }
};

}  // namespace

std::vector<LineBox> break_words(TextEngine& engine, std::vector<Word> words, double width) {
    return LineBuilder(engine, width).run(std::move(words));
}

}  // namespace brevgen::layout
