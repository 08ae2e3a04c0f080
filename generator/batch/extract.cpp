#include "batch/extract.hpp"

#include "common/sha256.hpp"

namespace brevgen::batch {

std::unique_ptr<ExtractReader> open_extract(std::unique_ptr<Input> input, const ReadLimits& limits) {
    // Read until the first byte that tells the format (or the end), keeping what was read.
    std::string buf;
    std::size_t start = 0;
    for (;;) {
        if (buf.size() >= 3 && buf.compare(0, 3, "\xEF\xBB\xBF") == 0) start = 3;
        const auto first = buf.find_first_not_of(" \t\r\n", start);
        if (first != std::string::npos && buf.size() >= 3) {
            buf.erase(0, start);
            if (buf[first - start] == '<') return xml_reader(std::move(input), std::move(buf), limits);
            return ndjson_reader(std::move(input), std::move(buf), limits);
        }
        if (!input->read_more(buf)) break;
    }
    buf.erase(0, start);
    return ndjson_reader(std::move(input), std::move(buf), limits);
}

std::string record_inputs(const Order& order, const Engine& engine) {
    if (!order.kind || order.record_sha256.empty()) return {};
    const std::string kind = engine.inputs_digest(*order.kind);
    if (kind.empty()) return {};
    return to_hex(Sha256().update(order.record_sha256).update(kind).finish());
}

SourcePos advance(SourcePos from, std::string_view text) {
    for (const char c : text) {
        if (c == '\n') {
            ++from.line;
            from.column = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++from.column;  // UTF-8 continuation bytes belong to the character before them
        }
    }
    return from;
}

std::string record_limit_message(std::size_t max_record_bytes) {
    // --max-input-bytes may set a limit that is not a whole number of MiB.
    if (max_record_bytes % (std::size_t{1} << 20) != 0) return "record longer than the limit of " + std::to_string(max_record_bytes) + " bytes";
    return "record longer than the limit of " + std::to_string(max_record_bytes >> 20) + " MiB";
}

}  // namespace brevgen::batch
