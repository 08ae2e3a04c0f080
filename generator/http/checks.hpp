#pragma once
/// POST /v1/checks/{kind}: what `brevgen check` finds in a case, as JSON for a page that
/// shows each finding next to its field, in Danish.

#include <optional>
#include <string_view>

#include "engine/engine.hpp"
#include "http/message.hpp"

namespace brevgen::http {

/// Checks the request's body as a case of `kind` with the calling thread's renderer.
/// 200 application/json whatever the case holds — errors are the answer, not a failure:
/// `{kind, valid, errors: [...], warnings: [...], case}`, each finding with path, line,
/// column, code, message (English, as the command line prints it) and message_da (Danish,
/// from engine/messages.hpp); `case` is the case as the kind's schema shapes it (null when
/// the body could not be read), so a page can edit an XML case as JSON. 500 when checking
/// failed. Never throws.
Response check_case(Renderer& renderer, std::string_view kind, std::optional<CaseFormat> format,
                    const Request& request);

}  // namespace brevgen::http
