#include "data/input.hpp"

#include <algorithm>

#include "common/messages.hpp"
#include "common/utf8.hpp"

namespace brevgen::data::detail {

std::string_view strip_bom(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    return text;
}

std::optional<std::string_view> check_input(std::string_view text, const ReadLimits& limits,
                                            Diagnostics& out) {
    if (text.size() > limits.max_input_bytes) {
        const auto body = strip_bom(text);
        const auto crossed = limits.max_input_bytes - std::min(limits.max_input_bytes, text.size() - body.size());
        out.push_back(make_error(position_of_offset(body, crossed), "",
                                 message::input_too_large(std::nullopt, limits.max_input_bytes), "limit",
                                 {{"limit", "input"}}));
        return std::nullopt;
    }
    text = strip_bom(text);
    const auto errors_before = out.size();
    if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
        out.push_back(make_error(position_of_offset(text, nul), "",
                                 "NUL byte in input; case files are UTF-8 text", "encoding"));
    }
    if (const auto bad = utf8::find_invalid(text)) {
        out.push_back(make_error(position_of_offset(text, *bad), "",
                                 "invalid UTF-8 byte sequence; case files must be UTF-8", "encoding"));
    }
    if (out.size() != errors_before) return std::nullopt;
    return text;
}

std::string depth_limit_message(const ReadLimits& limits) {
    return "nesting is deeper than the limit of " + std::to_string(limits.max_depth) + " levels";
}

std::string items_limit_message(const ReadLimits& limits) {
    return "array has more items than the limit of " + std::to_string(limits.max_array_items);
}

std::string string_limit_message(const ReadLimits& limits) {
    return "string is longer than the limit of " + std::to_string(limits.max_string_bytes) +
           " bytes";
}

std::string nodes_limit_message(const ReadLimits& limits) {
    return "the case has more values than the limit of " + std::to_string(limits.max_nodes);
}

}  // namespace brevgen::data::detail
