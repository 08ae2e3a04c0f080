// The NDJSON extract: one order per line, {"id": …, "kind": …, "case": {…}}. This file only
// cuts the extract into lines (without holding a line over the size limit); each line is
// read by the case reader (read_order), so a broken line gets the message, line and column
// a broken case file gets.

#include <stdexcept>

#include "batch/extract.hpp"
#include "common/messages.hpp"
#include "common/sha256.hpp"

namespace brevgen::batch {

namespace {

bool blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

constexpr const char* pretty_printed_message =
    "the first record does not end on its line: an NDJSON extract holds one JSON object per line; the file looks "
    "pretty-printed (one object over many lines); write it compact, e.g. jq -c . FILE (jq -c '.[]' for an array)";

/// True when `line` opens more objects and arrays than it closes (outside strings): the
/// record goes on on the next line, as in pretty-printed JSON.
bool opens_more_than_closes(std::string_view line) {
    long depth = 0;
    bool in_string = false, escaped = false;
    for (const char c : line) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return depth > 0;
}

class NdjsonReader final : public ExtractReader {
public:
    NdjsonReader(std::unique_ptr<Input> input, std::string buf, const ReadLimits& limits)
        : input_(std::move(input)), buf_(std::move(buf)), limits_(limits), max_(limits.max_input_bytes) {}

    std::optional<Order> next() override {
        try {
            while (auto line = next_line()) {
                if (line->too_long) return oversize(line->number);
                if (blank(line->text)) continue;
                Order o;
                static_cast<OrderRecord&>(o) = read_order(line->text, CaseFormat::json, {line->number, 1}, limits_);
                if (index_ == 0 && !o.errors.empty() && opens_more_than_closes(line->text)) {
                    // One object spread over many lines would give an error for every line.
                    fatal.push_back(make_error({line->number, 1}, "", pretty_printed_message));
                    return std::nullopt;
                }
                o.pos = {line->number, 1};
                o.record_sha256 = to_hex(sha256(line->text));
                o.index = index_++;
                o.end_offset = consumed_;
                o.bytes = line->text.size();
                return o;
            }
        } catch (const std::runtime_error& e) {
            fatal.push_back(make_error({line_, 0}, "", message::cannot_read("the extract", e.what())));
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
    ReadLimits limits_;
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

std::unique_ptr<ExtractReader> ndjson_reader(std::unique_ptr<Input> input, std::string buf, const ReadLimits& limits) {
    return std::make_unique<NdjsonReader>(std::move(input), std::move(buf), limits);
}

}  // namespace brevgen::batch
