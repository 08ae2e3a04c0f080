#include "layout/text.hpp"

#include <algorithm>
#include <cstdio>

#include "common/utf8.hpp"
#include "layout/linebreak.hpp"
#include "layout/words.hpp"

namespace brevgen::layout {

namespace {
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
    if (text.empty()) return 0;  // asks no face: a face is read when first asked for
    double units = 0;
    const auto& fonts = *env_.fonts;
    const auto& wanted = fonts.metrics(style.face);  // what face_for() asks first, once
    for (std::size_t i = 0; i < text.size();) {
        const char32_t cp = utf8::decode(text, i);
        if (wanted.has_glyph(cp)) {
            units += wanted.advance(cp);
            continue;
        }
        const auto face = fonts.face_for(style.face, cp);
        if (face) units += fonts.metrics(*face).advance(cp);
    }
    return units * style.size / 1000.0;
}

std::vector<Piece> TextEngine::shape(std::string_view text, const TextStyle& style, SourcePos pos) {
    std::vector<Piece> out;
    const auto& fonts = *env_.fonts;
    const fonts::FontMetrics* wanted = nullptr;  // the styled face, asked for at the first drawn character
    // Bytes [from, to) of `text` still to be appended to the last piece: appended once per
    // stretch, not once per character.
    std::size_t from = 0, to = 0;
    const auto append_pending = [&] {
        if (to > from) out.back().text.append(text.substr(from, to - from));
        from = to = 0;
    };
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        const char32_t cp = utf8::decode(text, i);
        if (is_not_drawn(cp)) continue;
        if (wanted == nullptr) wanted = &fonts.metrics(style.face);
        auto face = wanted->has_glyph(cp) ? std::optional<fonts::Face>(style.face) : fonts.face_for(style.face, cp);
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
        const auto& face_metrics = *face == style.face ? *wanted : fonts.metrics(*face);
        const double w = face_metrics.advance(cp) * style.size / 1000.0;
        if (out.empty() || out.back().face != *face) {
            if (!out.empty()) append_pending();
            Piece p;
            p.face = *face;
            p.size = style.size;
            p.gray = style.gray;
            p.x = out.empty() ? 0 : out.back().x + out.back().width;
            out.push_back(std::move(p));
        }
        if (cp == 0xA0) {
            append_pending();
            out.back().text += ' ';  // no-break only matters to line breaking; the PDF's text says " "
        } else {
            if (to != start) {
                append_pending();
                from = start;
            }
            to = i;
        }
        out.back().width += w;
    }
    if (!out.empty()) append_pending();
    return out;
}

std::vector<LineBox> TextEngine::break_lines(const markup::Inlines& runs, const TextStyle& base, double width,
                                             std::vector<std::string>* links) {
    return break_words(*this, collect_words(runs, base, links), width);
}

LineBox TextEngine::single_line(std::string_view text, const TextStyle& style, SourcePos pos) {
    LineBox line;
    line.pieces = shape(text, style, pos);
    for (const auto& p : line.pieces) line.width = p.x + p.width;
    return line;
}

}  // namespace brevgen::layout
