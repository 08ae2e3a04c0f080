#include "common/diagnostic.hpp"

#include <cstring>

namespace brevgen {

std::string format_diagnostic(const Diagnostic& d) {
    std::string out;
    if (!d.file.empty()) {
        out += d.file;
        if (d.pos.line != 0) {
            out += ':' + std::to_string(d.pos.line) + ':' + std::to_string(d.pos.column);
        }
        out += ": ";
    }
    out += d.severity == Severity::error ? "error: " : "warning: ";
    if (!d.path.empty()) {
        out += d.path;
        out += ": ";
    }
    out += d.message;
    return out;
}

SourcePos offset_by(SourcePos inner, SourcePos origin) {
    if (inner.line == 0) return origin;
    if (inner.line == 1) return {origin.line, origin.column + inner.column - 1};
    return {origin.line + inner.line - 1, inner.column};
}

bool has_errors(const Diagnostics& ds) {
    for (const auto& d : ds) {
        if (d.severity == Severity::error) return true;
    }
    return false;
}

std::string_view Diagnostic::arg(std::string_view name) const {
    for (const auto& [key, value] : args) {
        if (key == name) return value;
    }
    return {};
}

Diagnostic make_error(SourcePos pos, std::string path, std::string message) {
    return Diagnostic{Severity::error, {}, pos, std::move(path), std::move(message), {}, {}};
}

Diagnostic make_warning(SourcePos pos, std::string path, std::string message) {
    return Diagnostic{Severity::warning, {}, pos, std::move(path), std::move(message), {}, {}};
}

Diagnostic make_error(SourcePos pos, std::string path, std::string message, std::string code, DiagnosticArgs args) {
    return Diagnostic{Severity::error, {}, pos, std::move(path), std::move(message), std::move(code), std::move(args)};
}

SourcePos position_of_offset(std::string_view text, std::size_t offset) {
    if (offset > text.size()) offset = text.size();
    std::uint32_t line = 1;
    std::uint32_t column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((c & 0xC0) != 0x80) {  // count characters, not UTF-8 continuation bytes
            ++column;
        }
    }
    return {line, column};
}

SourcePos PositionTracker::at(std::size_t offset) {
    if (offset > text_.size()) offset = text_.size();
    if (offset < offset_) {
        offset_ = 0;
        pos_ = {1, 1};
    }
    // Line ends found with memchr; columns counted after the last of them only.
    const char* text = text_.data();
    while (offset_ < offset) {
        const void* nl = std::memchr(text + offset_, '\n', offset - offset_);
        if (nl == nullptr) break;
        ++pos_.line;
        pos_.column = 1;
        offset_ = static_cast<std::size_t>(static_cast<const char*>(nl) - text) + 1;
    }
    for (; offset_ < offset; ++offset_) {
        // Same rule as position_of_offset: characters, not continuation bytes.
        if ((static_cast<unsigned char>(text[offset_]) & 0xC0) != 0x80) ++pos_.column;
    }
    return pos_;
}

}  // namespace brevgen
