#pragma once
/// POST /v1/letters/{kind} and /v1/messages/{kind} once their headers have passed: case
/// text → PDF, or → Digital Post message, or problem.

#include <string>
#include <string_view>

#include "common/case_format.hpp"
#include "common/diagnostic.hpp"
#include "engine/engine.hpp"
#include "http/message.hpp"

namespace brevgen::http {

/// Renders the request's body as a letter of `kind` in `format` with the calling thread's
/// renderer: 200 with the PDF, 400 when the body is not well-formed, 422 when the case is
/// invalid, 500 when rendering failed. Never throws.
Response render_letter(Renderer& renderer, std::string_view kind, CaseFormat format, const Request& request);

/// The same for a Digital Post message (docs/digital-post.md): 200 application/xml with the
/// bytes `brevgen render --memo` writes, Brevgen-Message-Uuid its memo:messageUUID; 422 also
/// when the case lacks its recipient's CPR or CVR number. The caller has checked that the
/// engine can make messages (Engine::message_setup_error). Never throws.
Response render_message(Renderer& renderer, std::string_view kind, CaseFormat format, const Request& request);

/// The stable code of a warning the engine gives ("meeting-after-deadline", "hours-fall"
/// …), or "warning" for one this front end does not know.
std::string_view warning_code(const Diagnostic& warning);

/// The Brevgen-Warnings header value: "CODE PATH" per warning, joined by "; ". Codes and
/// JSON pointer paths only, never a message (messages may quote the case).
std::string warnings_header(const Diagnostics& diagnostics);

/// `inline; filename="KIND-JOURNAL.pdf"`, or `inline; filename="KIND.pdf"` when the journal
/// number has characters other than [A-Za-z0-9._-] (or is empty or longer than 64);
/// `extension` replaces ".pdf" (".xml" for a message).
std::string content_disposition(std::string_view kind, std::string_view journal, std::string_view extension = ".pdf");

}  // namespace brevgen::http
