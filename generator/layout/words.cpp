// Runs → words. Hard hyphens stay in the text ("e-mail", "hæve-sænkebord"); where a line
// may break after one is decided here, once, so line breaking never rescans a word.
#include "layout/words.hpp"

#include "common/utf8.hpp"

namespace brevgen::layout {

bool is_letter(char32_t cp) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 && cp < 0x2000);
}

namespace {

/// Letters a hard hyphen needs on each side to be a break: "hæve-/sænkebord" may break,
/// "e-mail" and "CVR-nr." may not.
constexpr int hyphen_side_letters = 3;

bool is_upper(char32_t cp) {
    return (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
           (cp >= 0x391 && cp <= 0x42F);  // Latin-1, Greek and Cyrillic capitals
}

/// At least `n` letters start at byte `i` of `text` (a look ahead of at most n characters).
bool letters_ahead(std::string_view text, std::size_t i, int n) {
    for (int k = 0; k < n; ++k) {
        if (i >= text.size() || !is_letter(utf8::decode(text, i))) return false;
    }
    return true;
}

/// The part of a run style that the run's inline markup sets.
TextStyle run_style(const markup::Inline& run, const TextStyle& base) {
    TextStyle style = base;
    const bool base_bold = base.face == fonts::Face::bold || base.face == fonts::Face::bold_italic;
    const bool base_italic = base.face == fonts::Face::italic || base.face == fonts::Face::bold_italic;
    style.face = styled_face(run.bold || base_bold, run.italic || base_italic);
    return style;
}

/// Words joined by a hard hyphen or slash form one token between spaces; an e-mail or web
/// address is kept as one word that no dictionary breaks ("anne-mette@…" must not read as
/// a hyphenated word), and a capitalised token is taken for a name.
void classify(std::vector<Word>& words, std::size_t first, std::size_t end) {
    if (first >= end) return;
    std::string token;
    for (std::size_t i = first; i < end; ++i) token += concatenated(words[i]);
    const bool address = token.find('@') != std::string::npos || token.find("://") != std::string::npos ||
                         token.rfind("www.", 0) == 0;
    if (address && end - first > 1) {
        for (std::size_t i = first + 1; i < end; ++i) {
            for (auto& a : words[i].atoms) words[first].atoms.push_back(std::move(a));
            words[i].atoms.clear();
        }
    }
    for (std::size_t i = first; i < end; ++i) {
        Word& w = words[i];
        if (address) {
            w.hyphenation = Hyphenation::never;
            continue;
        }
        // The first letter decides: "(Åboulevarden)," is a name, "uge-49" is not.
        for (std::size_t k = 0; k < token.size();) {
            const char32_t cp = utf8::decode(token, k);
            if (is_letter(cp)) {
                if (is_upper(cp) && w.hyphenation == Hyphenation::allowed) w.hyphenation = Hyphenation::last_resort;
                break;
            }
        }
    }
}

}  // namespace

std::string concatenated(const Word& w) {
    std::string s;
    for (const auto& a : w.atoms) s += a.text;
    return s;
}

std::vector<Word> collect_words(const markup::Inlines& runs, const TextStyle& base, std::vector<std::string>* links) {
    std::vector<Word> words(1);
    std::size_t token_start = 0;  // first word of the current space-delimited token
    bool pending_space = false;
    int letters = 0;  // letters of the current word so far
    auto new_word = [&](bool token_ends) {
        if (token_ends) {
            classify(words, token_start, words.size());
            token_start = words.size();
        }
        words.emplace_back();
        letters = 0;
    };
    for (const auto& run : runs) {
        if (run.line_break) {
            new_word(true);
            words.back().forced_break_before = true;
            pending_space = false;
            continue;
        }
        const TextStyle style = run_style(run, base);
        int link = -1;
        if (!run.href.empty() && links) {
            if (links->empty() || links->back() != run.href) links->push_back(run.href);
            link = static_cast<int>(links->size()) - 1;
        }
        const std::string_view text = run.text;
        // Bytes [from, to) of `text` still to be appended to the last atom: appended once
        // per stretch, not once per character.
        std::size_t from = 0, to = 0;
        const auto append_pending = [&] {
            if (to > from) words.back().atoms.back().text.append(text.substr(from, to - from));
            from = to = 0;
        };
        char32_t previous = 0;
        for (std::size_t i = 0; i < text.size();) {
            const std::size_t start = i;
            const char32_t cp = utf8::decode(text, i);
            if (cp == ' ') {
                append_pending();
                if (!words.back().atoms.empty()) new_word(true);
                pending_space = true;
                previous = cp;
                continue;
            }
            Word& w = words.back();
            if (pending_space && w.atoms.empty()) w.space_before = true;
            pending_space = false;
            if (run.no_hyphen) w.hyphenation = Hyphenation::never;
            if (w.atoms.empty() || w.atoms.back().link != link || w.atoms.back().style.face != style.face) {
                append_pending();
                w.atoms.push_back(Atom{{}, style, link, run.pos});
            }
            if (to != start) {
                append_pending();
                from = start;
            }
            to = i;
            if (is_letter(cp)) ++letters;
            // A hard hyphen or slash with letters on both sides, or an en dash inside a
            // range of words ("30.11.–fre. 4.12."), is a break opportunity.
            if (i < text.size() && (cp == '-' || cp == '/' || cp == 0x2013)) {
                std::size_t j = i;
                const char32_t next = utf8::decode(text, j);
                const bool hyphen = (cp == '-' || cp == '/') && is_letter(previous) &&
                                    letters >= hyphen_side_letters && letters_ahead(text, i, hyphen_side_letters);
                // Not inside a number range: "24.–25. december" stays whole.
                const bool dash = cp == 0x2013 && previous != 0 && previous != ' ' && previous != 0xA0 && next != ' ' &&
                                  next != 0xA0 && !(next >= '0' && next <= '9');
                if (hyphen || dash) {
                    append_pending();
                    new_word(false);
                }
            }
            previous = cp;
        }
        append_pending();
    }
    classify(words, token_start, words.size());
    std::erase_if(words, [](const Word& w) { return w.atoms.empty() && !w.forced_break_before; });
    for (std::size_t i = 0; i < words.size(); ++i) {
        words[i].last = i + 1 == words.size() || words[i + 1].forced_break_before;
    }
    return words;
}

}  // namespace brevgen::layout
