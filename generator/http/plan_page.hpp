#pragma once
/// GET /plan: the page for making a ramp-up plan at the workplace meeting, and its style
/// sheet and script, all served from the binary (plan_assets.hpp). No token is needed to
/// load them; the page asks for one when the server wants it.

#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace brevgen::http {

/// The page's Content-Security-Policy: scripts, styles and requests from this server only,
/// no inline script or style, nothing framed but the PDF the page itself made (a blob: URL).
inline constexpr std::string_view plan_csp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "frame-src blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The page and its assets, ready to send.
class PlanPage {
public:
    PlanPage();

    /// The answer to GET /plan (`asset` empty) or /plan/ASSET: 200 with the file (gzipped
    /// when `accept_encoding`, the request's Accept-Encoding or nullptr, takes gzip), 304
    /// when `if_none_match` (the request's If-None-Match, or nullptr) names its ETag, else
    /// a 404 problem.
    Response answer(std::string_view asset, const std::string* if_none_match, const std::string* accept_encoding,
                    std::string_view request_id) const;

private:
    struct File {
        std::string name;          ///< "" for the page, else the asset's name
        std::string content_type;  ///< with charset
        std::string body;
        std::string gzip;           ///< body, compressed once at start
        std::string etag;           ///< quoted
        std::string cache_control;  ///< the page revalidates; assets are versioned, so kept
    };
    std::vector<File> files_;
};

}  // namespace brevgen::http
