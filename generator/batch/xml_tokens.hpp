#pragma once
/// The XML extract's tokenizer: just enough XML to find record boundaries in a stream
/// (tags, comments, CDATA, processing instructions, quoted attribute values).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace brevgen::batch {

/// What a token is.
enum class TokenKind { text, start, empty, end, comment, pi, cdata, doctype };

/// A token: its byte range in the buffer and, for tags, the element name (a view into the
/// buffer, valid until the buffer changes).
struct Token {
    TokenKind kind = TokenKind::text;
    std::size_t begin = 0, end = 0;
    std::string_view name;
};

/// Malformed markup at a byte offset of the buffer.
struct XmlError {
    std::size_t offset;
    std::string message;
};

/// The token at `pos`, or nullopt when the buffer ends before the token does (read more
/// and call again; `hint` says where the search for a terminator such as "-->" may resume).
/// Text before the buffer's end is returned as it is, in pieces. Throws XmlError.
std::optional<Token> scan_token(std::string_view buf, std::size_t pos, std::size_t hint, bool eof);

/// An attribute of a start tag, its value with entities and character references resolved.
struct Attribute {
    std::string name;
    std::string value;
    std::size_t offset = 0;  ///< where the value starts, from the start of `tag`
};

/// The attributes of a start tag's text ("<ordre id='a' kind='b'>"); throws XmlError
/// (offsets from the start of `tag`) when they are malformed.
std::vector<Attribute> parse_attributes(std::string_view tag);

/// True when `text` is only XML white space.
bool is_space(std::string_view text);

}  // namespace brevgen::batch
