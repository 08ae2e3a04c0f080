// The XML extract: <ordrer><ordre id="…" kind="…"><sag>…</sag></ordre>…</ordrer>.
// A small streaming tokenizer finds record boundaries (tags, comments, CDATA, processing
// instructions, quoted attributes) without building a tree; each record, from <ordre> to
// its end tag, is cut out as text and read by the case reader (read_order).

#include <stdexcept>

#include "batch/extract.hpp"
#include "batch/xml_tokens.hpp"
#include "common/messages.hpp"
#include "common/sha256.hpp"

namespace brevgen::batch {

namespace {

constexpr std::string_view root_name = "ordrer", record_name = "ordre";

/// The nesting depth after token `t`, inside a record at `depth`. The record's own end tag
/// closes it at any depth, so one malformed case does not swallow the records after it.
int next_depth(const Token& t, int depth) {
    if (t.kind == TokenKind::start) return depth + 1;
    if (t.kind == TokenKind::end) return t.name == record_name ? 0 : depth - 1;
    return depth;
}

class XmlReader final : public ExtractReader {
public:
    XmlReader(std::unique_ptr<Input> input, std::string buf, const ReadLimits& limits)
        : input_(std::move(input)), buf_(std::move(buf)), limits_(limits), max_(limits.max_input_bytes) {}

    std::optional<Order> next() override {
        try {
            return next_record();
        } catch (const XmlError& e) {
            fatal.push_back(make_error(position_at(e.offset), "", e.message));
        } catch (const std::runtime_error& e) {
            fatal.push_back(make_error(position_at(pos_), "", message::cannot_read("the extract", e.what())));
            unreadable = true;
        }
        state_ = State::done;
        return std::nullopt;
    }

private:
    enum class State { prolog, root, epilog, done };

    std::optional<Order> next_record();
    Order record(const Token& start);
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
    ReadLimits limits_;
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

/// Reads one record from its start tag to its end tag.
Order XmlReader::record(const Token& start) {
    Order o;
    o.index = index_++;
    o.pos = position_at(start.begin);
    discard(start.begin);  // from here on the record starts at buf_[0]
    bool complete = true;
    for (int depth = start.kind == TokenKind::empty ? 0 : 1; depth > 0;) {
        const auto t = token(0);
        if (!t) {
            o.errors.push_back(make_error(position_at(pos_), "", "unexpected end of the extract inside this record"));
            state_ = State::done;
            complete = false;
            break;
        }
        depth = next_depth(*t, depth);
        if (pos_ > max_ && depth > 0) return skip_record_rest(o, depth);
    }
    if (pos_ > max_) {
        o.errors.push_back(make_error(o.pos, "", record_limit_message(max_)));
    } else if (complete) {
        const std::string_view text = std::string_view(buf_).substr(0, pos_);
        static_cast<OrderRecord&>(o) = read_order(text, CaseFormat::xml, o.pos, limits_);
        o.record_sha256 = to_hex(sha256(text));
        o.bytes = pos_;
    }
    o.end_offset = buf_offset_ + pos_;
    discard(pos_);
    return o;
}

/// A record over the size limit: reported, and read to its end without being kept.
Order XmlReader::skip_record_rest(Order& o, int depth) {
    o.errors.push_back(make_error(o.pos, "", record_limit_message(max_)));
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

std::unique_ptr<ExtractReader> xml_reader(std::unique_ptr<Input> input, std::string buf, const ReadLimits& limits) {
    return std::make_unique<XmlReader>(std::move(input), std::move(buf), limits);
}

}  // namespace brevgen::batch
