#include "http/request_head.hpp"

#include <algorithm>
#include <vector>

namespace brevgen::http {

namespace {

/// RFC 9110 tchar: the characters of a token (methods, field names).
bool is_tchar(unsigned char c) {
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return true;
    constexpr std::string_view others = "!#$%&'*+-.^_`|~";
    return others.find(static_cast<char>(c)) != std::string_view::npos;
}

bool is_token(std::string_view s) {
    if (s.empty()) return false;
    for (const char c : s) {
        if (!is_tchar(static_cast<unsigned char>(c))) return false;
    }
    return true;
}

/// A field value's bytes: visible ASCII, space, tab and obs-text; no other control character.
bool is_field_value(std::string_view s) {
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '\t') continue;
        if (c < 0x20 || c == 0x7F) return false;
    }
    return true;
}

std::string_view trim_ows(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

/// Offset of the request line: empty lines before it are skipped (RFC 9112 section 2.2).
std::size_t skip_empty_lines(std::string_view bytes) {
    std::size_t at = 0;
    for (;;) {
        if (bytes.substr(at, 2) == "\r\n") at += 2;
        else if (bytes.substr(at, 1) == "\n") at += 1;
        else return at;
    }
}

ParsedHead fail(int status, std::string detail) {
    ParsedHead h;
    h.state = ParsedHead::State::error;
    h.status = status;
    h.detail = std::move(detail);
    return h;
}

/// The head's lines without their line endings; false when a bare CR appears in one.
bool split_lines(std::string_view head, std::vector<std::string_view>& lines) {
    while (!head.empty()) {
        const std::size_t nl = head.find('\n');
        std::string_view line = head.substr(0, nl);
        head = nl == std::string_view::npos ? std::string_view() : head.substr(nl + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find('\r') != std::string_view::npos) return false;
        lines.push_back(line);
    }
    return true;
}

/// The path of an origin-form or absolute-form target, still percent-encoded, without the
/// query; empty when the target has neither form.
std::string_view target_path(std::string_view target) {
    if (target.front() != '/') {
        const std::size_t scheme_end = target.find("://");
        if (scheme_end == std::string_view::npos) return {};
        const std::string_view scheme = target.substr(0, scheme_end);
        if (!iequals(scheme, "http") && !iequals(scheme, "https")) return {};
        const std::string_view rest = target.substr(scheme_end + 3);
        const std::size_t path_start = rest.find_first_of("/?");
        const std::string_view authority = rest.substr(0, path_start);
        if (authority.empty() || authority.find('@') != std::string_view::npos) return {};
        if (path_start == std::string_view::npos || rest[path_start] == '?') return "/";
        target = rest.substr(path_start);
    }
    return target.substr(0, target.find('?'));
}

/// Parses "METHOD SP TARGET SP HTTP/x.y" into `h` (error state on failure).
void parse_request_line(std::string_view line, ParsedHead& h) {
    const std::size_t sp1 = line.find(' ');
    const std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
    if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos) {
        h = fail(400, "the request line must be METHOD SP TARGET SP HTTP-VERSION");
        return;
    }
    const std::string_view method = line.substr(0, sp1);
    const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
    const std::string_view version = line.substr(sp2 + 1);
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || !digit(version[5]) || version[6] != '.' ||
        !digit(version[7])) {
        h = fail(400, "the request line must end in an HTTP version such as HTTP/1.1");
        return;
    }
    if (version[5] != '1') {
        h = fail(505, "this server speaks HTTP/1.1 only");
        return;
    }
    if (!is_token(method)) {
        h = fail(400, "the request method is not a token");
        return;
    }
    for (const char c : target) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7F || c == '#') {
            h = fail(400, "the request target has a character that must be percent-encoded");
            return;
        }
    }
    const std::string_view raw_path = target.empty() ? std::string_view() : target_path(target);
    if (raw_path.empty()) {
        h = fail(400, "the request target must be a path (origin-form) or an absolute http URI");
        return;
    }
    bool ok = true;
    h.request.path = decode_path(raw_path, ok);
    if (!ok) {
        h = fail(400, "the request path has a malformed or control-character percent escape");
        return;
    }
    h.request.method = std::string(method);
    h.minor_version = version[7] - '0';
}

/// uri-host [":" port]: reg-name or IP-literal characters only (RFC 3986); may be empty.
bool valid_host(std::string_view host) {
    for (const char ch : host) {
        const auto c = static_cast<unsigned char>(ch);
        const bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        std::string_view("-._~%!$&'()*+,;=:[]").find(ch) != std::string_view::npos;
        if (!ok) return false;
    }
    return true;
}

bool has_token(std::string_view list, std::string_view token) {
    while (!list.empty()) {
        const std::size_t comma = list.find(',');
        if (iequals(trim_ows(list.substr(0, comma)), token)) return true;
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    }
    return false;
}

/// The framing and singleton rules of RFC 9110/9112 that a whole head must satisfy.
void check_fields(ParsedHead& h) {
    const Request& r = h.request;
    // Two of these make the request ambiguous: which length, which token, which type?
    for (const std::string_view name : {"Host", "Content-Length", "Content-Type", "Authorization"}) {
        if (r.header_count(name) > 1) {
            h = fail(400, "the " + std::string(name) + " header appears more than once");
            return;
        }
    }
    const std::string* host = r.header("Host");
    if (host == nullptr && h.minor_version >= 1) {
        h = fail(400, "an HTTP/1.1 request needs a Host header");
        return;
    }
    if (host != nullptr && !valid_host(*host)) {
        h = fail(400, "the Host header is not a host name or address");
        return;
    }
    if (const std::string* length = r.header("Content-Length")) {
        if (length->empty() || length->find_first_not_of("0123456789") != std::string::npos) {
            h = fail(400, "the Content-Length header must be a decimal number");
            return;
        }
        if (r.header("Transfer-Encoding") != nullptr) {
            h = fail(400, "a request may not have both Content-Length and Transfer-Encoding");
            return;
        }
    }
    const std::string* connection = r.header("Connection");
    h.keep_alive = h.minor_version >= 1 && !(connection && has_token(*connection, "close"));
    const std::string* expect = r.header("Expect");
    h.expect_continue = expect != nullptr && iequals(trim_ows(*expect), "100-continue");
}

/// 414 when the request line's method looks right (the target is what is too long), else 400.
ParsedHead line_too_long(std::string_view line) {
    const std::size_t sp = line.find(' ');
    if (sp != std::string_view::npos && sp <= 32 && is_token(line.substr(0, sp))) {
        return fail(414, "the request line is longer than this server accepts");
    }
    return fail(400, "the request does not start with a request line");
}

}  // namespace

std::size_t find_head_end(std::string_view bytes, std::size_t from) {
    const std::size_t start = skip_empty_lines(bytes);
    for (std::size_t i = std::max(start, from >= 2 ? from - 2 : 0); i < bytes.size(); ++i) {
        if (bytes[i] != '\n') continue;
        if (i + 1 < bytes.size() && bytes[i + 1] == '\n') return i + 2;
        if (i + 2 < bytes.size() && bytes[i + 1] == '\r' && bytes[i + 2] == '\n') return i + 3;
    }
    return std::string_view::npos;
}

ParsedHead parse_head(std::string_view bytes, const HeadLimits& limits) {
    const std::size_t start = skip_empty_lines(bytes);
    const std::size_t end = find_head_end(bytes);
    const std::string_view first = bytes.substr(start, bytes.find('\n', start) - start);
    const bool line_ended = bytes.find('\n', start) != std::string_view::npos;
    if (first.size() > limits.max_request_line) return line_too_long(first);
    if (end == std::string_view::npos) {
        if (bytes.size() > limits.max_head) {
            return line_ended ? fail(431, "the request's header fields are larger than this server accepts")
                              : line_too_long(first);
        }
        return {};
    }
    if (end > limits.max_head) return fail(431, "the request's header fields are larger than this server accepts");

    std::vector<std::string_view> lines;
    if (!split_lines(bytes.substr(start, end - start), lines)) return fail(400, "a line ends in a bare CR");
    lines.pop_back();  // the empty line that ends the head
    ParsedHead h;
    parse_request_line(lines.front(), h);
    if (h.state == ParsedHead::State::error) return h;
    if (lines.size() - 1 > limits.max_fields) return fail(431, "the request has more header lines than this server accepts");
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const std::string_view line = lines[i];
        if (line.front() == ' ' || line.front() == '\t') return fail(400, "a header line is folded (obs-fold)");
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) return fail(400, "a header line has no colon");
        const std::string_view name = line.substr(0, colon);
        if (!is_token(name)) {
            return fail(400, "a header name is not a token (no space may come before the colon)");
        }
        const std::string_view value = trim_ows(line.substr(colon + 1));
        if (!is_field_value(value)) return fail(400, "a header value has a control character");
        h.request.headers.emplace_back(std::string(name), std::string(value));
    }
    check_fields(h);
    if (h.state == ParsedHead::State::error) return h;
    h.state = ParsedHead::State::complete;
    h.size = end;
    return h;
}

bool is_head_request(std::string_view bytes) { return bytes.substr(skip_empty_lines(bytes), 5) == "HEAD "; }

std::string decode_path(std::string_view raw, bool& ok) {
    const auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    out.reserve(raw.size());
    ok = true;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '%') {
            out += raw[i];
            continue;
        }
        const int hi = i + 2 < raw.size() ? hex(raw[i + 1]) : -1;
        const int lo = i + 2 < raw.size() ? hex(raw[i + 2]) : -1;
        const bool control = hi < 2 || (hi == 7 && lo == 15);  // 0x00-0x1F, 0x7F
        if (hi < 0 || lo < 0 || control) {
            ok = false;
            return {};
        }
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

}  // namespace brevgen::http
