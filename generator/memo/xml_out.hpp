#pragma once
/// The small XML writer behind memo::write: elements in order, escaped text, base64.

#include <string>
#include <string_view>

namespace brevgen::memo::detail {

/// Appends `text` with &, < and > escaped (text content only; attributes are fixed here).
void append_escaped(std::string& out, std::string_view text);

/// Appends the base64 (RFC 4648, with padding, no line breaks) of `bytes`.
void append_base64(std::string& out, std::string_view bytes);

/// Writes nested elements with two-space indentation, one element per line.
class XmlOut {
public:
    explicit XmlOut(std::string& out) : out_(out) {}

    /// `<name>` on its own line; the following elements are its children.
    void open(std::string_view name);
    /// The matching `</name>`.
    void close(std::string_view name);
    /// `<name>text</name>`, escaped.
    void leaf(std::string_view name, std::string_view text);
    /// `<name>text</name>` when `text` is not empty.
    void optional_leaf(std::string_view name, std::string_view text);
    /// `<name>base64</name>` of `bytes`.
    void base64_leaf(std::string_view name, std::string_view bytes);

private:
    void indent();
    std::string& out_;
    int depth_ = 1;  // inside memo:Message
};

}  // namespace brevgen::memo::detail
