#include "common/case_format.hpp"

#include <string>

namespace brevgen {

std::optional<CaseFormat> format_from_extension(std::string_view path) {
    const auto dot = path.rfind('.');
    if (dot == std::string_view::npos || path.find_first_of("/\\", dot) != std::string_view::npos) {
        return std::nullopt;
    }
    std::string ext(path.substr(dot + 1));
    for (auto& c : ext) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    if (ext == "json") return CaseFormat::json;
    if (ext == "xml") return CaseFormat::xml;
    return std::nullopt;
}

CaseFormat sniff_format(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    const auto first = text.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && text[first] == '<' ? CaseFormat::xml : CaseFormat::json;
}

std::string_view format_name(CaseFormat format) { return format == CaseFormat::xml ? "XML" : "JSON"; }

}  // namespace brevgen
