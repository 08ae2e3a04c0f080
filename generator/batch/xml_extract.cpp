// The XML extract: <ordrer><ordre id="…" kind="…"><sag>…</sag></ordre>…</ordrer>.
// A small streaming tokenizer finds record boundaries (tags, comments, CDATA, processing
// instructions, quoted attributes) without building a tree; each record's <sag> element
// is cut out as text and parsed later, one at a time, by the case reader.

#include <stdexcept>

#include "batch/extract.hpp"
#include "batch/xml_tokens.hpp"

namespace brevgen::batch {

namespace {

constexpr std::string_view root_name = "ordrer", record_name = "ordre", case_name = "sag";

/// The nesting depth after token `t`, inside a record at `depth`. The record's own end tag
/// closes it at any depth, so one malformed case does not swallow the records after it.
int next_depth(const Token& t, int depth) {
    if (t.kind == TokenKind::start) return depth + 1;
    if (t.kind == TokenKind::end) return t.name == record_name ? 0 : depth - 1;
    return depth;
}

class XmlReader final : public ExtractReader {
public:
    XmlReader(std::unique_ptr<Input> input, std::string buf, std::size_t max_record_bytes)
        : input_(std::move(input)), buf_(std::move(buf)), max_(max_record_bytes) {}

    std::optional<Order> next() override {
        try {
            return next_record();
        } catch (const XmlError& e) {
            fatal.push_back(make_error(position_at(e.offset), "", e.message));
        } catch (const std::runtime_error& e) {
            fatal.push_back(make_error(position_at(pos_), "", e.what()));
            unreadable = true;
        }
        state_ = State::done;
        return std::nullopt;
    }

private:
    enum class State { prolog, root, epilog, done };

    std::optional<Order> next_record();
    Order record(const Token& start);
    void record_attributes(const Token& start, Order& o) const;
    Order skip_record_rest(Order& o, int depth);
    std::optional<Token> token(std::size_t keep_from);
    void check_declaration(const Token& t) const;

    /// Line and column of a byte offset in buf_.
    SourcePos position_at(std::size_t offset) const {
        return advance(buf_pos_, std::string_view(buf_).substr(0, std::min(offset, buf_.size())));
    }
    /// Drops buf_[0, upto): read and no longer needed.
    void discard(std::size_t upto) {
        buf_pos_ = position_at(upto);
        buf_offset_ += upto;
        buf_.erase(0, upto);
        pos_ -= upto;
    }
    /// Stops reading with an error at the first non-space byte from `offset` (a text token
    /// starts with the line break before the stray text).
    [[noreturn]] void fail(std::size_t offset, std::string message) const {
        while (offset < buf_.size() && is_space(std::string_view(buf_).substr(offset, 1))) ++offset;
        throw XmlError{offset, std::move(message)};
    }

    std::unique_ptr<Input> input_;
    std::string buf_;
    std::size_t max_;
    std::size_t pos_ = 0;             ///< scan position in buf_
    std::uint64_t buf_offset_ = 0;    ///< extract offset of buf_[0]
    SourcePos buf_pos_{1, 1};         ///< line and column of buf_[0]
    bool eof_ = false;
    State state_ = State::prolog;
    std::uint64_t index_ = 0;
};

/// The next complete token from pos_, reading more input as needed; nullopt at the end.
/// Bytes before `keep_from` may be dropped meanwhile.
std::optional<Token> XmlReader::token(std::size_t keep_from) {
    std::size_t hint = pos_;
    for (;;) {
        const auto t = scan_token(buf_, pos_, hint, eof_);
        if (t) {
            pos_ = t->end;
            return t;
        }
        if (eof_) {
            if (pos_ < buf_.size()) fail(pos_, "unexpected end of the extract inside markup");
            return std::nullopt;
        }
        if (buf_.size() - pos_ > max_) fail(pos_, "markup longer than the record limit");
        if (keep_from > (std::size_t{1} << 20)) {
            const auto drop = keep_from;
            discard(drop);
            hint -= std::min(hint, drop);
        }
        hint = buf_.size() > 16 ? std::max(hint, buf_.size() - 16) : hint;  // terminators are short
        if (!input_->read_more(buf_)) eof_ = true;
    }
}

void XmlReader::check_declaration(const Token& t) const {
    const std::string_view text = std::string_view(buf_).substr(t.begin, t.end - t.begin);
    if (!text.starts_with("<?xml ")) return;
    for (const auto& a : parse_attributes(text)) {
        if (a.name == "encoding" && a.value != "UTF-8" && a.value != "utf-8") {
            fail(t.begin + a.offset, "the extract must be UTF-8, not " + a.value);
        }
    }
}

std::optional<Order> XmlReader::next_record() {
    while (state_ != State::done) {
        if (pos_ > (std::size_t{64} << 10)) discard(pos_);
        const auto t = token(pos_);
        if (!t) {
            if (state_ == State::prolog) fail(pos_, "expected the root element <ordrer>");
            if (state_ == State::root) fail(pos_, "unexpected end of the extract; expected </ordrer>");
            state_ = State::done;
            break;
        }
        if (t->kind == TokenKind::comment || t->kind == TokenKind::pi) {
            if (state_ == State::prolog && t->kind == TokenKind::pi) check_declaration(*t);
            continue;
        }
        if (t->kind == TokenKind::doctype) fail(t->begin, "DTDs are not allowed");
        if (t->kind == TokenKind::text && is_space(std::string_view(buf_).substr(t->begin, t->end - t->begin))) continue;
        switch (state_) {
        case State::prolog:
            if ((t->kind != TokenKind::start && t->kind != TokenKind::empty) || t->name != root_name) {
                fail(t->begin, "expected the root element <ordrer>");
            }
            state_ = t->kind == TokenKind::empty ? State::epilog : State::root;
            break;
        case State::root:
            if (t->kind == TokenKind::start || t->kind == TokenKind::empty) return record(*t);
            if (t->kind == TokenKind::end && t->name == root_name) {
                state_ = State::epilog;
                break;
            }
            fail(t->begin, t->kind == TokenKind::end ? "unexpected </" + std::string(t->name) + ">; expected </ordrer>"
                                                     : "text between records; expected <ordre>");
        case State::epilog:
            fail(t->begin, "content after the root element </ordrer>");
        case State::done:
            break;
        }
    }
    return std::nullopt;
}

/// The record's id and kind attributes, with their positions.
void XmlReader::record_attributes(const Token& start, Order& o) const {
    const auto tag = std::string_view(buf_).substr(start.begin, start.end - start.begin);
    try {
        for (const auto& a : parse_attributes(tag)) {
            if (a.name != "id" && a.name != "kind") continue;
            const auto where = position_at(start.begin + a.offset);
            auto& field = a.name == "id" ? o.id : o.kind;
            if (field) o.errors.push_back(make_error(where, "/" + a.name, "duplicate attribute " + a.name));
            field = a.value;
            (a.name == "id" ? o.id_pos : o.kind_pos) = where;
        }
    } catch (const XmlError& e) {
        o.errors.push_back(make_error(position_at(start.begin + e.offset), "", e.message));
        return;
    }
    for (const char* name : {"id", "kind"}) {
        if (!(name[0] == 'i' ? o.id : o.kind)) {
            o.errors.push_back(make_error(o.pos, "", std::string("missing required field \"") + name + "\" (an attribute of <ordre>)"));
        }
    }
}

/// Reads one record from its start tag to its end tag.
Order XmlReader::record(const Token& start) {
    Order o;
    o.index = index_++;
    o.format = data::Format::xml;
    o.pos = position_at(start.begin);
    record_attributes(start, o);
    if (start.name != record_name) {
        o.errors.push_back(make_error(o.pos, "", "expected <ordre>, found <" + std::string(start.name) + ">"));
    }
    const bool empty = start.kind == TokenKind::empty;
    discard(start.begin);  // from here on the record starts at buf_[0]; offsets below stay valid
    std::size_t case_begin = std::string::npos, case_end = std::string::npos, body_end = pos_;
    int cases = 0;
    for (int depth = empty ? 0 : 1; depth > 0;) {
        const auto t = token(0);
        if (!t) {
            o.errors.push_back(make_error(position_at(pos_), "", "unexpected end of the extract inside this record"));
            state_ = State::done;
            break;
        }
        body_end = t->begin;
        if ((t->kind == TokenKind::start || t->kind == TokenKind::empty) && depth == 1 && t->name == case_name && cases++ == 0) {
            case_begin = t->begin;
            if (t->kind == TokenKind::empty) case_end = t->end;
        }
        depth = next_depth(*t, depth);
        if (t->kind == TokenKind::end && depth == 1 && t->name == case_name && case_begin != std::string::npos &&
            case_end == std::string::npos) {
            case_end = t->end;
        }
        if (pos_ > max_ && depth > 0) return skip_record_rest(o, depth);
    }
    if (pos_ > max_) {
        o.errors.push_back(make_error(o.pos, "", record_limit_message(max_)));
    } else if (case_begin == std::string::npos) {
        o.errors.push_back(make_error(o.pos, "", "missing required field \"case\" (a <sag> element)"));
    } else {
        if (case_end == std::string::npos) case_end = body_end;  // unclosed: the case reader says where
        o.case_text = buf_.substr(case_begin, case_end - case_begin);
        o.case_pos = position_at(case_begin);
        if (cases > 1) o.errors.push_back(make_error(o.case_pos, "/case", "more than one <sag> element"));
    }
    o.end_offset = buf_offset_ + pos_;
    discard(pos_);
    return o;
}

/// A record over the size limit: reported, and read to its end without being kept.
Order XmlReader::skip_record_rest(Order& o, int depth) {
    o.errors.push_back(make_error(o.pos, "", record_limit_message(max_)));
    o.case_text.clear();
    while (depth > 0) {
        discard(pos_);
        const auto t = token(pos_);
        if (!t) {
            state_ = State::done;
            break;
        }
        depth = next_depth(*t, depth);
    }
    o.end_offset = buf_offset_ + pos_;
    discard(pos_);
    return std::move(o);
}

}  // namespace

std::unique_ptr<ExtractReader> xml_reader(std::unique_ptr<Input> input, std::string buf, std::size_t max_record_bytes) {
    return std::make_unique<XmlReader>(std::move(input), std::move(buf), max_record_bytes);
}

}  // namespace brevgen::batch
