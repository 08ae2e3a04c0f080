#include "data/read.hpp"

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

ReadResult read_case(std::string_view text, const ReadLimits& limits) {
    return read(text, sniff_format(text), limits);
}

}  // namespace brevgen::data
