#pragma once
/// Test helpers for Digital Post messages: schema validation with libxml2's xmllint, reading
/// elements back with pugixml, an independent base64 decoder, and a CPR-number scan.

#include <catch2/catch.hpp>

#include <pugixml.hpp>

#include <regex>
#include <string>
#include <string_view>

#include "pdf_tools.hpp"

namespace brevgen::test {

/// Validates `xml` against tests/memo/memo-1.2.xsd; "" when valid, else xmllint's complaint.
inline std::string memo_schema_errors(std::string_view xml) {
    const auto file = write_temp(xml, ".xml");
    const auto err = temp_path(".err");
    int code = -1;
    run("xmllint --noout --schema tests/memo/memo-1.2.xsd " + quote(file) + " 2>" + quote(err), &code);
    std::ifstream in(err);
    const std::string complaint{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::filesystem::remove(err);
    std::filesystem::remove(file);
    if (code == 0) return {};
    return complaint.empty() ? "xmllint exit " + std::to_string(code) : complaint;
}

/// A parsed message; `at("memo:MessageHeader/memo:label")` is the text there ("" if absent).
struct MemoDoc {
    pugi::xml_document doc;
    bool ok = false;

    explicit MemoDoc(std::string_view xml) {
        ok = static_cast<bool>(doc.load_buffer(xml.data(), xml.size()));
    }
    pugi::xml_node node(const std::string& path) const {
        return doc.child("memo:Message").first_element_by_path(path.c_str());
    }
    std::string at(const std::string& path) const { return node(path).child_value(); }
    bool has(const std::string& path) const { return static_cast<bool>(node(path)); }
};

/// Decodes standard base64 (padding required, no white space); throws on anything else.
inline std::string base64_decode(std::string_view text) {
    const auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+') return 62;
        if (c == '/') return 63;
        return -1;
    };
    if (text.size() % 4 != 0) throw std::runtime_error("base64 length is not a multiple of 4");
    std::string out;
    for (std::size_t i = 0; i < text.size(); i += 4) {
        int v[4];
        int pad = 0;
        for (int k = 0; k < 4; ++k) {
            const char c = text[i + static_cast<std::size_t>(k)];
            if (c == '=' && i + 4 == text.size() && k >= 2) {
                v[k] = 0;
                ++pad;
            } else if ((v[k] = value(c)) < 0 || pad > 0) {
                throw std::runtime_error("bad base64 character");
            }
        }
        const unsigned n = static_cast<unsigned>(v[0] << 18 | v[1] << 12 | v[2] << 6 | v[3]);
        out += static_cast<char>(n >> 16 & 255);
        if (pad < 2) out += static_cast<char>(n >> 8 & 255);
        if (pad < 1) out += static_cast<char>(n & 255);
    }
    return out;
}

/// Every run of digits in `text` that could be a CPR number: ten digits, or six, a dash
/// and four, not part of a longer run of letters and digits (so UUID groups and base64 do
/// not count by accident), plus the masked form "DDMMYY-xxxx" the employee's letters show.
inline std::vector<std::string> cpr_like(const std::string& text) {
    static const std::regex pattern(R"((^|[^0-9A-Za-z])([0-9]{6}-?[0-9]{4}|[0-9]{6}-xxxx)(?=$|[^0-9A-Za-z]))");
    std::vector<std::string> found;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern); it != std::sregex_iterator(); ++it) {
        found.push_back((*it)[2]);
    }
    return found;
}

/// The message with its base64 content cut out (for searches over the readable parts).
inline std::string without_content(std::string xml) {
    const auto from = xml.find("<memo:content>");
    const auto to = xml.find("</memo:content>");
    if (from != std::string::npos && to != std::string::npos) xml.erase(from, to - from);
    return xml;
}

/// True when `s` has the UUID version 4 form: 8-4-4-4-12 hex, version 4, variant 8/9/a/b.
inline bool is_uuid_v4_form(const std::string& s) {
    static const std::regex form("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    return std::regex_match(s, form);
}

}  // namespace brevgen::test
