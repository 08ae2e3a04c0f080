// JSON case files → case tree.
//
// Why nlohmann-json and not RapidJSON: it is a Debian package we already depend on, it is
// strict RFC 8259 by default, and its parse errors carry the byte offset of the problem.
// Its SAX interface lets us build our own tree directly (no second DOM) and stop the
// parser the moment a limit is crossed. Its parser is iterative, so a 100 000-deep input
// cannot overflow the stack; the depth limit is checked before each level is opened.
//
// Positions: SAX events carry no offsets. They do arrive in document order, each right
// after the lexer accepted its token, so a cursor that skips separators and steps over one
// token per event always stands at the token the event is about (TokenCursor). That is
// exact and linear, where a custom input adapter would only know where a token *ends*
// (and, for numbers, one character later).

#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_set>

#include "data/formats.hpp"
#include "data/input.hpp"
#include "data/read.hpp"

namespace brevgen::data {

namespace {

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_structural(char c) {
    return c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':';
}

/// Walks the text token by token in step with the SAX events (see the file comment).
class TokenCursor {
public:
    explicit TokenCursor(std::string_view text) : text_(text) {}

    /// Start of the next key or value token; the cursor moves past it.
    std::size_t next() {
        while (at_ < text_.size() && (is_json_space(text_[at_]) || is_closing(text_[at_]))) ++at_;
        const auto start = at_;
        skip_token();
        return start;
    }

    /// Where the token last returned by next() ends.
    std::size_t offset() const { return at_; }

    /// Start of the last token that ends at or before `end`: the token a syntax error is
    /// about. Everything up to `end` was accepted by the lexer, so this walk is exact.
    std::size_t last_token_before(std::size_t end) {
        std::size_t last = end > 0 ? end - 1 : 0;
        while (true) {
            while (at_ < text_.size() && is_json_space(text_[at_])) ++at_;
            if (at_ >= end || at_ >= text_.size()) break;
            const auto start = at_;
            skip_token();
            if (at_ > end) break;
            last = start;
        }
        return last;
    }

private:
    static bool is_closing(char c) { return c == ',' || c == ':' || c == ']' || c == '}'; }

    void skip_token() {
        if (at_ >= text_.size()) return;
        const char c = text_[at_];
        if (is_structural(c)) {
            ++at_;
        } else if (c == '"') {
            ++at_;
            while (at_ < text_.size() && text_[at_] != '"') at_ += text_[at_] == '\\' ? 2 : 1;
            at_ = std::min(at_ + 1, text_.size());
        } else {
            while (at_ < text_.size() && !is_json_space(text_[at_]) && !is_structural(text_[at_]) &&
                   text_[at_] != '"') {
                ++at_;
            }
        }
    }

    std::string_view text_;
    std::size_t at_ = 0;
};

/// nlohmann's message without its prefix ("[json.exception.parse_error.101] parse error at
/// line 1, column 8: syntax error while parsing object - ") and without "last read: '…'",
/// which would echo case content (and up to a megabyte of it) into the error. The part after
/// it, "; expected <token>", is kept only when it is one of the parser's own token names at
/// the very end: the text read may itself contain "'; expected " (a fuzzer found that).
std::string clean_message(std::string m) {
    if (m.starts_with("[json.exception.")) {
        if (const auto p = m.find("] "); p != std::string::npos) m.erase(0, p + 2);
    }
    if (m.starts_with("parse error")) {
        if (const auto p = m.find(": "); p != std::string::npos) m.erase(0, p + 2);
    }
    if (m.starts_with("syntax error while parsing")) {
        if (const auto p = m.find(" - "); p != std::string::npos) m.erase(0, p + 3);
    }
    if (const auto p = m.find("; last read: '"); p != std::string::npos) {
        std::string expected;
        for (const std::string_view token :
             {"<uninitialized>", "true literal", "false literal", "null literal", "string literal", "number literal",
              "'['", "'{'", "']'", "'}'", "':'", "','", "<parse error>", "end of input", "'[', '{', or a literal",
              "unknown token"}) {
            const std::string tail = "'; expected " + std::string(token);
            if (m.size() >= p + tail.size() + 14 && m.ends_with(tail)) {
                expected = tail.substr(1);
                break;
            }
        }
        m = m.substr(0, p) + expected;
    }
    // "number overflow parsing '3001901234e999'" quotes the number: shorten and mask it.
    constexpr std::string_view overflow = "number overflow parsing '";
    if (m.starts_with(overflow) && m.ends_with('\'') && m.size() > overflow.size()) {
        m = std::string(overflow) + shown(std::string_view(m).substr(overflow.size(), m.size() - overflow.size() - 1)) + "'";
    }
    return m;
}

/// Builds the case tree from SAX events.
class TreeBuilder final : public nlohmann::json_sax<nlohmann::json> {
public:
    TreeBuilder(std::string_view text, const ReadLimits& limits, Diagnostics& out)
        : text_(text), limits_(limits), out_(out), cursor_(text), positions_(text) {}

    std::optional<Value> take_root() { return std::move(root_); }

    bool null() override { return scalar(Value::Type::null); }
    bool boolean(bool b) override { return scalar(Value::Type::boolean, b ? "true" : "false"); }
    bool number_integer(number_integer_t) override { return number(); }
    bool number_unsigned(number_unsigned_t) override { return number(); }
    bool number_float(number_float_t, const string_t&) override { return number(); }
    bool binary(binary_t&) override { return false; }  // the JSON lexer never produces one
    bool string(string_t& s) override;
    bool key(string_t& k) override;
    bool start_object(std::size_t) override { return open(Value::Type::object); }
    bool start_array(std::size_t) override { return open(Value::Type::array); }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t position, const std::string& last_token,
                     const nlohmann::detail::exception& ex) override;

private:
    struct Frame {
        Value value;
        std::string key;                       ///< key of the member being read
        std::unordered_set<std::string> keys;  ///< keys seen, to reject duplicates
    };

    bool scalar(Value::Type type, std::string text = {});
    bool number();
    bool open(Value::Type type);
    bool close();
    bool begin_value(SourcePos pos);
    void add(Value v);
    std::string child_path() const;
    void error(SourcePos pos, std::string path, std::string message, std::string code = {}, DiagnosticArgs args = {}) {
        out_.push_back(make_error(pos, std::move(path), std::move(message), std::move(code), std::move(args)));
    }

    std::string_view text_;
    const ReadLimits& limits_;
    Diagnostics& out_;
    TokenCursor cursor_;
    detail::PositionTracker positions_;
    std::vector<Frame> stack_;
    std::optional<Value> root_;
    std::size_t nodes_ = 0;  ///< values begun so far
};

bool TreeBuilder::scalar(Value::Type type, std::string text) {
    Value v;
    v.type = type;
    v.scalar = std::move(text);
    v.pos = positions_.at(cursor_.next());
    if (!begin_value(v.pos)) return false;
    add(std::move(v));
    return true;
}

bool TreeBuilder::number() {
    Value v;
    v.type = Value::Type::number;
    const auto start = cursor_.next();
    v.scalar = std::string(text_.substr(start, cursor_.offset() - start));  // the literal as written
    v.pos = positions_.at(start);
    if (!begin_value(v.pos)) return false;
    add(std::move(v));
    return true;
}

bool TreeBuilder::string(string_t& s) {
    const auto pos = positions_.at(cursor_.next());
    if (!begin_value(pos)) return false;
    if (s.size() > limits_.max_string_bytes) {
        error(pos, child_path(), detail::string_limit_message(limits_), "limit", {{"limit", "string"}});
        return false;
    }
    // "\u0000" is valid JSON, but XML cannot carry it and the C libraries behind the PDF
    // would cut the text there: refuse it like a NUL byte.
    if (s.find('\0') != std::string::npos) error(pos, child_path(), "string contains the NUL character \\u0000", "encoding");
    Value v;
    v.type = Value::Type::string;
    v.scalar = std::move(s);
    v.pos = pos;
    add(std::move(v));
    return true;
}

bool TreeBuilder::key(string_t& k) {
    const auto pos = positions_.at(cursor_.next());
    auto& frame = stack_.back();
    frame.key = k;
    if (k.size() > limits_.max_string_bytes) {
        error(pos, child_path(), detail::string_limit_message(limits_), "limit", {{"limit", "string"}});
        return false;
    }
    // Keep reading after a duplicate: the other errors in the file are worth reporting too.
    if (!frame.keys.insert(k).second) error(pos, child_path(), "duplicate key " + quote(k), "duplicate-key");
    return true;
}

bool TreeBuilder::open(Value::Type type) {
    Value v;
    v.type = type;
    v.pos = positions_.at(cursor_.next());
    if (!begin_value(v.pos)) return false;
    if (stack_.size() >= limits_.max_depth) {
        error(v.pos, child_path(), detail::depth_limit_message(limits_), "limit", {{"limit", "depth"}});
        return false;
    }
    stack_.push_back(Frame{std::move(v), {}, {}});
    return true;
}

bool TreeBuilder::close() {
    Value v = std::move(stack_.back().value);
    stack_.pop_back();
    add(std::move(v));
    return true;
}

/// Checks that the case and the enclosing array have room for one more value.
bool TreeBuilder::begin_value(SourcePos pos) {
    if (++nodes_ > limits_.max_nodes) {
        error(pos, child_path(), detail::nodes_limit_message(limits_), "limit", {{"limit", "nodes"}});
        return false;
    }
    if (stack_.empty() || stack_.back().value.type != Value::Type::array) return true;
    if (stack_.back().value.items.size() < limits_.max_array_items) return true;
    error(pos, child_path(), detail::items_limit_message(limits_), "limit", {{"limit", "items"}});
    return false;
}

void TreeBuilder::add(Value v) {
    if (stack_.empty()) {
        root_ = std::move(v);
        return;
    }
    auto& parent = stack_.back();
    if (parent.value.type == Value::Type::array) {
        parent.value.items.push_back(std::move(v));
    } else {
        parent.value.members.emplace_back(parent.key, std::move(v));
    }
}

/// JSON pointer of the value being read next (the child of the innermost open container).
std::string TreeBuilder::child_path() const {
    std::string path;
    for (const auto& frame : stack_) {
        path += '/';
        path += frame.value.type == Value::Type::array ? std::to_string(frame.value.items.size())
                                                       : mask_cpr_numbers(pointer_token(frame.key));
    }
    return path;
}

bool TreeBuilder::parse_error(std::size_t position, const std::string&,
                              const nlohmann::detail::exception& ex) {
    std::string message = clean_message(ex.what());
    // nlohmann's position counts the bytes read, including the one that went wrong.
    const auto end = std::min(position, text_.size());
    std::size_t offset = end > 0 ? end - 1 : 0;
    if (message.starts_with("unexpected end of input")) {
        offset = text_.size();
    } else if (!message.starts_with("invalid ")) {
        // "unexpected '}'", "number overflow": a whole token is wrong, so point at its start;
        // "invalid …" comes from the lexer, whose last byte read is the one that went wrong.
        offset = cursor_.last_token_before(end);
    }
    error(position_of_offset(text_, offset), "", std::move(message));
    return false;
}

}  // namespace

ReadResult read_json(std::string_view text, const ReadLimits& limits) {
    ReadResult result;
    const auto body = detail::check_input(text, limits, result.diagnostics);
    if (!body) return result;
    if (body->find_first_not_of(" \t\r\n") == std::string_view::npos) {
        result.diagnostics.push_back(make_error(position_of_offset(*body, body->size()), "",
                                                "empty input; expected a JSON object"));
        return result;
    }
    TreeBuilder builder(*body, limits, result.diagnostics);
    const bool parsed = nlohmann::json::sax_parse(*body, &builder);
    if (parsed && !has_errors(result.diagnostics)) result.root = builder.take_root();
    return result;
}

}  // namespace brevgen::data
