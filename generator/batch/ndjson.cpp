// The NDJSON extract: one order per line, {"id": …, "kind": …, "case": {…}}. The line's
// outer object is scanned here (strictly: the line must be JSON); the case object is only
// delimited, because the worker's JSON reader parses it with better messages and paths.

#include <cstring>
#include <stdexcept>

#include "batch/extract.hpp"
#include "common/utf8.hpp"
#include "data/formats.hpp"
#include "data/read.hpp"

namespace brevgen::batch {

namespace {

/// Nesting allowed in members other than the case (the case reader has its own limit).
constexpr int max_member_depth = 64;

/// A syntax error: where (byte offset in the line) and what.
struct SyntaxError {
    std::size_t offset;
    std::string message;
};

/// Scans one line; throws SyntaxError where the line stops being valid JSON.
class LineScanner {
public:
    explicit LineScanner(std::string_view line) : s_(line) {}

    void record(Order& o, std::uint32_t line_no);

private:
    [[noreturn]] void fail(std::string message) const { throw SyntaxError{i_, std::move(message)}; }
    char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
    void ws() {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r')) ++i_;
    }
    void expect(char c, const char* what) {
        if (peek() != c) fail(std::string("expected ") + what);
        ++i_;
    }
    void string(std::string* out);
    void escape(std::string* out);
    void value(int depth);
    void number();
    void literal();
    void case_object();
    SourcePos pos_at(std::size_t offset, std::uint32_t line_no) const {
        const auto p = position_of_offset(s_, offset);
        return {line_no, p.column};
    }

    std::string_view s_;
    std::size_t i_ = 0;
};

void LineScanner::string(std::string* out) {
    expect('"', "'\"'");
    for (;;) {
        if (i_ >= s_.size()) fail("unterminated string");
        const auto c = static_cast<unsigned char>(s_[i_]);
        if (c == '"') {
            ++i_;
            return;
        }
        if (c < 0x20) fail("control character in a string; use an escape such as \\n");
        if (c == '\\') {
            escape(out);
            continue;
        }
        if (out) *out += static_cast<char>(c);
        ++i_;
    }
}

void LineScanner::escape(std::string* out) {
    ++i_;
    const char e = peek();
    static constexpr std::string_view simple = "\"\\/bfnrt", meaning = "\"\\/\b\f\n\r\t";
    if (const auto k = simple.find(e); e != '\0' && k != std::string_view::npos) {
        if (out) *out += meaning[k];
        ++i_;
        return;
    }
    if (e != 'u') fail("invalid escape in a string");
    auto hex4 = [&] {
        if (i_ + 5 > s_.size()) fail("invalid \\u escape");
        unsigned v = 0;
        for (std::size_t k = i_ + 1; k < i_ + 5; ++k) {
            const char h = s_[k];
            const int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
            if (d < 0) fail("invalid \\u escape");
            v = v * 16 + static_cast<unsigned>(d);
        }
        i_ += 5;
        return v;
    };
    char32_t cp = hex4();
    if (cp >= 0xD800 && cp <= 0xDBFF && s_.substr(i_, 2) == "\\u") {
        ++i_;
        const unsigned low = hex4();
        if (low < 0xDC00 || low > 0xDFFF) fail("invalid surrogate pair in a \\u escape");
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
        fail("invalid surrogate in a \\u escape");
    }
    if (out) utf8::append(*out, cp);
}

void LineScanner::number() {
    auto digits = [&] {
        const auto from = i_;
        while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
        if (i_ == from) fail("invalid number");
    };
    if (peek() == '-') ++i_;
    if (peek() == '0') {
        ++i_;
    } else {
        digits();
    }
    if (peek() == '.') {
        ++i_;
        digits();
    }
    if (peek() == 'e' || peek() == 'E') {
        ++i_;
        if (peek() == '+' || peek() == '-') ++i_;
        digits();
    }
}

void LineScanner::literal() {
    for (const std::string_view word : {"true", "false", "null"}) {
        if (s_.substr(i_, word.size()) == word) {
            i_ += word.size();
            return;
        }
    }
    fail("expected a JSON value");
}

/// Checks any JSON value (the members other than id, kind and case).
void LineScanner::value(int depth) {
    if (depth > max_member_depth) fail("nesting deeper than " + std::to_string(max_member_depth));
    const char c = peek();
    if (c == '"') return string(nullptr);
    if (c == '-' || (c >= '0' && c <= '9')) return number();
    if (c != '{' && c != '[') return literal();
    const char close = c == '{' ? '}' : ']';
    ++i_;
    ws();
    if (peek() == close) {
        ++i_;
        return;
    }
    for (;;) {
        if (close == '}') {
            string(nullptr);
            ws();
            expect(':', "':'");
            ws();
        }
        value(depth + 1);
        ws();
        if (peek() == close) {
            ++i_;
            return;
        }
        expect(',', close == '}' ? "',' or '}'" : "',' or ']'");
        ws();
    }
}

/// Finds the end of the case object: strings and brackets only, the case reader does the rest.
void LineScanner::case_object() {
    std::string open;  // the closers still expected, innermost last
    do {
        if (i_ >= s_.size()) fail("unexpected end of the line inside the case object");
        const char c = s_[i_];
        if (c == '"') {
            string(nullptr);
            continue;
        }
        if (c == '{') open += '}';
        if (c == '[') open += ']';
        if (c == '}' || c == ']') {
            if (open.back() != c) fail(std::string("unexpected '") + c + "'");
            open.pop_back();
        }
        ++i_;
    } while (!open.empty());
}

void LineScanner::record(Order& o, std::uint32_t line_no) {
    ws();
    if (peek() != '{') fail("expected a JSON object with \"id\", \"kind\" and \"case\"");
    const auto object_pos = pos_at(i_, line_no);
    ++i_;
    ws();
    bool first = true, seen_id = false, seen_kind = false, seen_case = false;
    while (peek() != '}') {
        if (!first) {
            expect(',', "',' or '}'");
            ws();
        }
        first = false;
        const auto key_at = i_;
        std::string key;
        string(&key);
        ws();
        expect(':', "':'");
        ws();
        const auto at = i_;
        const bool known = key == "id" || key == "kind" || key == "case";
        bool& seen = key == "id" ? seen_id : key == "kind" ? seen_kind : seen_case;
        if (known && seen) {
            o.errors.push_back(make_error(pos_at(key_at, line_no), "/" + key, "duplicate key " + data::quote(key)));
        }
        if ((key == "id" || key == "kind") && peek() == '"') {
            std::string text;
            string(&text);
            (key == "id" ? o.id : o.kind) = std::move(text);
            (key == "id" ? o.id_pos : o.kind_pos) = pos_at(at, line_no);
        } else if (key == "case" && peek() == '{') {
            case_object();
            o.case_text = std::string(s_.substr(at, i_ - at));
            o.case_pos = pos_at(at, line_no);
        } else {
            value(0);
            if (known) {
                o.errors.push_back(make_error(pos_at(at, line_no), "/" + key,
                                              key == "case" ? "expected an object" : "expected a string"));
            }
        }
        if (known) seen = true;
        ws();
    }
    ++i_;
    ws();
    if (i_ != s_.size()) fail("unexpected text after the record's object");
    for (const auto& [name, present] : {std::pair{"id", seen_id}, {"kind", seen_kind}, {"case", seen_case}}) {
        if (!present) o.errors.push_back(make_error(object_pos, "", std::string("missing required field \"") + name + "\""));
    }
}

/// One line → one order. A line that is not JSON gets the JSON reader's own message
/// (the same the CLI gives for a broken case file), positioned in the extract.
Order scan_line(std::string_view line, std::uint32_t line_no) {
    Order o;
    o.pos = {line_no, 1};
    o.format = data::Format::json;
    try {
        LineScanner(line).record(o, line_no);
        return o;
    } catch (const SyntaxError& e) {
        o.errors.clear();
        o.case_text.clear();
        for (auto d : data::read_json(line).diagnostics) {
            d.pos.line = line_no;
            o.errors.push_back(std::move(d));
        }
        if (o.errors.empty()) o.errors.push_back(make_error({line_no, position_of_offset(line, e.offset).column}, "", e.message));
    }
    return o;
}

bool blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

class NdjsonReader final : public ExtractReader {
public:
    NdjsonReader(std::unique_ptr<Input> input, std::string buf, std::size_t max_record_bytes)
        : input_(std::move(input)), buf_(std::move(buf)), max_(max_record_bytes) {}

    std::optional<Order> next() override {
        try {
            while (auto line = next_line()) {
                if (line->too_long) return oversize(line->number);
                if (blank(line->text)) continue;
                Order o = scan_line(line->text, line->number);
                o.index = index_++;
                o.end_offset = consumed_;
                return o;
            }
        } catch (const std::runtime_error& e) {
            fatal.push_back(make_error({line_, 0}, "", e.what()));
            unreadable = true;
        }
        return std::nullopt;
    }

private:
    struct Line {
        std::string_view text;
        std::uint32_t number = 0;
        bool too_long = false;
    };

    /// The next line (without its newline), or nullopt at the end. A line over the limit is
    /// read past without being kept.
    std::optional<Line> next_line() {
        if (start_ > (std::size_t{1} << 20) && start_ * 2 > buf_.size()) {
            buf_.erase(0, start_);  // keep the buffer from growing with what was already read
            scan_ = scan_ - start_;
            start_ = 0;
        }
        bool too_long = false;
        for (;;) {
            const auto nl = buf_.find('\n', scan_);
            if (nl != std::string::npos) return take(nl, nl + 1, too_long);
            scan_ = buf_.size();
            if (buf_.size() - start_ > max_) {
                too_long = true;
                skipped_ += buf_.size() - start_;
                buf_.erase(start_);
                scan_ = start_;
            }
            if (!eof_ && !input_->read_more(buf_)) eof_ = true;
            if (eof_ && scan_ == buf_.size()) {
                if (start_ == buf_.size() && !too_long) return std::nullopt;
                return take(buf_.size(), buf_.size(), too_long);
            }
        }
    }

    Line take(std::size_t end, std::size_t next, bool too_long) {
        Line line{std::string_view(buf_).substr(start_, end - start_), ++line_, too_long || end - start_ > max_};
        consumed_ += next - start_ + skipped_;
        skipped_ = 0;
        start_ = scan_ = next;
        return line;
    }

    Order oversize(std::uint32_t line_no) {
        Order o;
        o.pos = {line_no, 1};
        o.index = index_++;
        o.end_offset = consumed_;
        o.errors.push_back(make_error(o.pos, "", record_limit_message(max_)));
        return o;
    }

    std::unique_ptr<Input> input_;
    std::string buf_;
    std::size_t max_;
    std::size_t start_ = 0;  ///< where the current line starts in buf_
    std::size_t scan_ = 0;   ///< how far buf_ was searched for a newline
    bool eof_ = false;
    std::uint32_t line_ = 0;
    std::uint64_t index_ = 0;
    std::uint64_t consumed_ = 0;
    std::uint64_t skipped_ = 0;
};

}  // namespace

std::unique_ptr<ExtractReader> ndjson_reader(std::unique_ptr<Input> input, std::string buf, std::size_t max_record_bytes) {
    return std::make_unique<NdjsonReader>(std::move(input), std::move(buf), max_record_bytes);
}

}  // namespace brevgen::batch
