#include "data/read.hpp"

namespace brevgen::data {

ReadResult read(std::string_view text, Format format, const ReadLimits& limits) {
    return format == Format::xml ? read_xml(text, limits) : read_json(text, limits);
}

ReadResult read_case(std::string_view text, const ReadLimits& limits) {
    return read(text, sniff_format(text), limits);
}

}  // namespace brevgen::data
