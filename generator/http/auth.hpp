#pragma once
/// Bearer tokens: loaded from a file, checked in constant time.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace brevgen::http {

/// The shortest token the server accepts: shorter ones can be guessed.
inline constexpr std::size_t min_token_length = 16;

/// Reads a token file: one token per line; blank lines and lines starting with '#' are
/// ignored, surrounding spaces trimmed, a UTF-8 byte-order mark at the start dropped (an
/// editor's BOM would otherwise become part of the first token). nullopt with `error` set
/// when the file cannot be read, holds no token, or a token is shorter than
/// min_token_length or has spaces or control characters (the message names the line,
/// never the token). `warning` (when given) is set when other users than the owner may
/// read or write the file, and left empty otherwise.
std::optional<std::vector<std::string>> load_tokens(const std::string& file, std::string& error,
                                                    std::string* warning = nullptr);

/// The warning for a token file whose permission bits (st_mode) let the group or others
/// in, or "" when only its owner may use it.
std::string token_file_mode_warning(const std::string& file, unsigned mode);

/// Checks `Authorization: Bearer <token>` values against a set of tokens.
class TokenSet {
public:
    explicit TokenSet(std::vector<std::string> tokens) : tokens_(std::move(tokens)) {}

    /// True when no tokens are configured: every request is let through.
    bool open() const { return tokens_.empty(); }

    /// True when `authorization` (the header's value, or nullptr when absent) presents one
    /// of the tokens. Compares against every token without stopping at the first match or
    /// the first differing byte, so the time taken tells nothing about the tokens.
    bool accepts(const std::string* authorization) const;

private:
    std::vector<std::string> tokens_;
};

/// True when the two strings are equal; the time depends only on the length of `secret`.
bool constant_time_equal(std::string_view secret, std::string_view presented);

}  // namespace brevgen::http
