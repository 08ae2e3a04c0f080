#include "http/plan_page.hpp"

#include <zlib.h>

#include "http/plan_assets.hpp"
#include "http/problem.hpp"

namespace brevgen::http {

namespace {

std::string_view content_type_of(std::string_view name) {
    if (name.ends_with(".css")) return "text/css; charset=utf-8";
    if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
    if (name.ends_with(".svg")) return "image/svg+xml";
    return "text/html; charset=utf-8";
}

// Strings are built with append: operator+ chains trip GCC 12's -Wrestrict false positive.
std::string quoted(std::string_view tag) {
    std::string out("\"");
    out.append(tag).append("\"");
    return out;
}

/// True when an If-None-Match value lists `etag` (or is "*"). Weak tags compare equal too,
/// as RFC 9110 asks for If-None-Match.
bool matches(const std::string& header, const std::string& etag) {
    std::string_view rest = header;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        std::string_view tag = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
        while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
        if (tag.starts_with("W/")) tag.remove_prefix(2);
        if (tag == "*" || tag == etag) return true;
    }
    return false;
}

/// `text` as a gzip member (RFC 1952) at the best compression. The files are small and
/// compressed once: httplib would otherwise compress every response again, with Brotli at
/// its slowest setting (70 ms for the script on a busy machine).
std::string gzipped(std::string_view text) {
    z_stream z{};
    if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
    std::string out(deflateBound(&z, static_cast<uLong>(text.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const bool done = deflate(&z, Z_FINISH) == Z_STREAM_END;
    out.resize(z.total_out);
    deflateEnd(&z);
    return done ? out : std::string();
}

/// True when an Accept-Encoding value takes gzip (listed, and not with q=0).
bool takes_gzip(const std::string* accept_encoding) {
    if (accept_encoding == nullptr) return false;
    std::string_view rest = *accept_encoding;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        std::string_view coding = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        const auto semicolon = coding.find(';');
        std::string_view name = coding.substr(0, semicolon);
        while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
        while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
        if (!iequals(name, "gzip")) continue;
        if (semicolon == std::string_view::npos) return true;
        std::string_view q = coding.substr(semicolon + 1);
        while (!q.empty() && q.front() == ' ') q.remove_prefix(1);
        return !(q == "q=0" || q == "q=0.0" || q == "q=0.00" || q == "q=0.000");
    }
    return false;
}

}  // namespace

PlanPage::PlanPage() {
    std::string page;
    std::string page_tag;
    for (const auto& f : plan_files()) {
        const std::string version(f.sha256.substr(0, 16));
        if (f.name == "page.html") {
            page = std::string(f.content);
            page_tag = version;
            continue;
        }
        // The page names each asset with its content's hash, so an asset may be kept for a
        // year: a changed file gets a new URL. The query is ignored when serving it.
        std::string path("/plan/");
        path.append(f.name);
        std::string query("?v=");
        query.append(version);
        for (auto at = page.find(path + '"'); at != std::string::npos; at = page.find(path + '"', at + 1)) {
            page.insert(at + path.size(), query);
        }
        page_tag.append("-").append(version, 0, 8);
        files_.push_back({std::string(f.name), std::string(content_type_of(f.name)), std::string(f.content),
                          gzipped(f.content), quoted(version), "public, max-age=31536000, immutable"});
    }
    // The page's tag covers the assets' versions too: its text names them.
    std::string page_gzip = gzipped(page);
    files_.push_back({"", std::string(content_type_of("page.html")), std::move(page), std::move(page_gzip),
                      quoted(page_tag), "no-cache"});
}

Response PlanPage::answer(std::string_view asset, const std::string* if_none_match, const std::string* accept_encoding,
                          std::string_view request_id) const {
    for (const auto& f : files_) {
        if (f.name != asset) continue;
        // Each encoding is its own representation with its own strong ETag.
        const bool gzip = !f.gzip.empty() && takes_gzip(accept_encoding);
        const std::string etag = gzip ? f.etag.substr(0, f.etag.size() - 1) + "-gzip\"" : f.etag;
        Response r;
        r.add("ETag", etag);
        r.add("Cache-Control", f.cache_control);
        r.add("Vary", "Accept-Encoding");
        r.content_type = f.content_type;
        if (if_none_match != nullptr && matches(*if_none_match, etag)) {
            r.status = 304;
            return r;
        }
        r.body = gzip ? f.gzip : f.body;
        if (gzip) r.add("Content-Encoding", "gzip");
        r.add("Content-Security-Policy", std::string(plan_csp));
        r.add("Referrer-Policy", "no-referrer");
        r.add("X-Frame-Options", "DENY");
        r.add("Cross-Origin-Opener-Policy", "same-origin");
        r.add("Cross-Origin-Resource-Policy", "same-origin");
        return r;
    }
    return problem(404, "no such file of the plan page", request_id);
}

}  // namespace brevgen::http
