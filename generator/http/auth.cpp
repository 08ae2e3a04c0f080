#include "http/auth.hpp"

#include <sys/stat.h>

#include <cstdio>

#include "common/io.hpp"
#include "common/messages.hpp"
#include "http/message.hpp"

namespace brevgen::http {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

bool printable_without_spaces(std::string_view s) {
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7F) return false;
    }
    return true;
}

}  // namespace

std::string token_file_mode_warning(const std::string& file, unsigned mode) {
    if ((mode & 077u) == 0) return {};
    char octal[8];
    std::snprintf(octal, sizeof octal, "%04o", mode & 07777u);
    return file + ": warning: other users may read the token file (mode " + octal +
           "); make it readable by the service's user only (chmod 600)";
}

std::optional<std::vector<std::string>> load_tokens(const std::string& file, std::string& error,
                                                    std::string* warning) {
    const auto text = io::read_file(file, std::uint64_t{1} << 20);
    if (!text) {
        error = file + ": error: " + message::cannot_read("the token file", text.error);
        return std::nullopt;
    }
    if (warning != nullptr) {
        struct stat st {};
        *warning = ::stat(file.c_str(), &st) == 0 ? token_file_mode_warning(file, st.st_mode) : std::string();
    }
    std::vector<std::string> tokens;
    std::string_view rest = *text.bytes;
    if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);  // UTF-8 BOM
    for (std::size_t number = 1; !rest.empty(); ++number) {
        const std::size_t end = rest.find('\n');
        const std::string_view line = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        const std::string_view t = trim(line);
        if (t.empty() || t.front() == '#') continue;
        const std::string where = file + ":" + std::to_string(number) + ": error: ";
        if (!printable_without_spaces(t)) {
            error = where + "a token may not contain spaces or control characters";
            return std::nullopt;
        }
        if (t.size() < min_token_length) {
            error = where + "a token needs at least " + std::to_string(min_token_length) + " characters";
            return std::nullopt;
        }
        tokens.emplace_back(t);
    }
    if (tokens.empty()) {
        error = file + ": error: the token file holds no token (one per line; # starts a comment)";
        return std::nullopt;
    }
    return tokens;
}

bool constant_time_equal(std::string_view secret, std::string_view presented) {
    // A volatile accumulator keeps the compiler from turning the loop into an early exit.
    volatile unsigned char diff = secret.size() != presented.size() ? 1 : 0;
    for (std::size_t i = 0; i < secret.size(); ++i) {
        const char p = i < presented.size() ? presented[i] : '\0';
        diff = static_cast<unsigned char>(diff | static_cast<unsigned char>(secret[i] ^ p));
    }
    return diff == 0;
}

bool TokenSet::accepts(const std::string* authorization) const {
    if (open()) return true;
    if (authorization == nullptr) return false;
    std::string_view value = trim(*authorization);
    constexpr std::string_view scheme = "bearer";
    if (value.size() <= scheme.size() || !iequals(value.substr(0, scheme.size()), scheme) ||
        value[scheme.size()] != ' ') {
        return false;
    }
    const std::string_view presented = trim(value.substr(scheme.size() + 1));
    bool ok = false;
    for (const auto& token : tokens_) ok = constant_time_equal(token, presented) || ok;  // no short circuit
    return ok;
}

}  // namespace brevgen::http
