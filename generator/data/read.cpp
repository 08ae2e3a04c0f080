#include "data/read.hpp"

#include "data/input.hpp"

namespace brevgen::data {

ReadResult read(std::string_view text, Format format, const ReadLimits& limits) {
    ReadResult result = format == Format::xml ? read_xml(text, limits) : read_json(text, limits);
    // Whatever the readers did not name otherwise is about the file's syntax.
    for (auto& d : result.diagnostics) {
        if (!d.code.empty()) continue;
        d.code = "syntax";
        d.args = {{"format", format == Format::xml ? "XML" : "JSON"}};
    }
    return result;
}

Format sniff_format(std::string_view text) {
    text = detail::strip_bom(text);
    const auto first = text.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && text[first] == '<' ? Format::xml : Format::json;
}

ReadResult read_case(std::string_view text, const ReadLimits& limits) {
    return read(text, sniff_format(text), limits);
}

std::optional<Format> format_from_extension(std::string_view path) {
    const auto dot = path.rfind('.');
    if (dot == std::string_view::npos || path.find_first_of("/\\", dot) != std::string_view::npos) {
        return std::nullopt;
    }
    std::string ext(path.substr(dot + 1));
    for (auto& c : ext) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    if (ext == "json") return Format::json;
    if (ext == "xml") return Format::xml;
    return std::nullopt;
}

}  // namespace brevgen::data
