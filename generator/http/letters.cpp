#include "http/letters.hpp"

#include <array>
#include <utility>

#include "http/problem.hpp"

namespace brevgen::http {

namespace {

bool safe_file_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
}

/// A JSON pointer fit for a header: anything but pointer characters becomes '_'.
std::string header_safe_path(std::string_view path) {
    std::string out;
    for (const char c : path) out += safe_file_char(c) || c == '/' || c == '~' ? c : '_';
    return out;
}

/// A body that is not well-formed JSON or XML is the client's syntax: 400. A case the
/// kind's rules refuse is about its content: 422.
Response invalid_case(const Letter& letter, const Request& request, CaseFormat format) {
    if (letter.outcome == Outcome::malformed) {
        return case_problem(400, malformed_case_type, "Malformed case data",
                            "the body is not well-formed " + std::string(format_name(format)) + "; see errors",
                            letter.diagnostics, request.id);
    }
    return case_problem(422, invalid_case_type, "Invalid case data",
                        "the case does not satisfy the letter kind's schema; see errors", letter.diagnostics,
                        request.id);
}

}  // namespace

std::string_view warning_code(const Diagnostic& warning) {
    return warning.code.empty() ? std::string_view("warning") : std::string_view(warning.code);
}

std::string warnings_header(const Diagnostics& diagnostics) {
    std::string out;
    for (const auto& d : diagnostics) {
        if (d.severity != Severity::warning) continue;
        if (!out.empty()) out += "; ";
        out += warning_code(d);
        if (!d.path.empty()) {
            out += ' ';
            out += header_safe_path(d.path);
        }
    }
    return out;
}

std::string content_disposition(std::string_view kind, std::string_view journal, std::string_view extension) {
    bool safe = !journal.empty() && journal.size() <= 64;
    for (const char c : journal) safe = safe && safe_file_char(c);
    std::string name(kind);
    if (safe) name.append("-").append(journal);
    return "inline; filename=\"" + name + std::string(extension) + "\"";
}

namespace {

/// The answer for a letter that was not made: 400 or 422 for the case's faults, else 500
/// saying `failure` (never the diagnostics: an engine error may quote the case).
Response not_made(const Letter& letter, const Request& request, CaseFormat format, const char* failure) {
    if (letter.outcome == Outcome::malformed || letter.outcome == Outcome::invalid) {
        return invalid_case(letter, request, format);
    }
    return problem(500, failure, request.id);
}

/// A 200 with what every made letter says about itself; the caller adds the body.
/// What `make` returns, or an empty result that failed when it throws. Deliberately
/// without what(): an exception's message may quote the case.
template <class Result, class Make>
Result made_or_failed(Make make) {
    try {
        return make();
    } catch (...) {
        Result failed{};
        failed.outcome = Outcome::failed;
        return failed;
    }
}

Response made(std::string_view kind, const Letter& letter, const char* type, std::string_view extension) {
    Response r;
    r.content_type = type;
    r.add("Content-Disposition", content_disposition(kind, letter.journal, extension));
    r.add("Brevgen-Pages", std::to_string(letter.pages));
    if (std::string warnings = warnings_header(letter.diagnostics); !warnings.empty()) {
        r.add("Brevgen-Warnings", std::move(warnings));
    }
    r.pages = letter.pages;
    return r;
}

}  // namespace

Response render_letter(Renderer& renderer, std::string_view kind, CaseFormat format, const Request& request) {
    Letter letter = made_or_failed<Letter>([&] { return renderer.render(kind, request.body, format); });
    if (letter.outcome != Outcome::ok) {
        return not_made(letter, request, format, "the letter could not be rendered; the case data was accepted");
    }
    Response r = made(kind, letter, "application/pdf", ".pdf");
    r.body = std::move(letter.pdf);
    return r;
}

Response render_message(Renderer& renderer, std::string_view kind, CaseFormat format, const Request& request) {
    Message message = made_or_failed<Message>([&] { return renderer.message(kind, request.body, format); });
    if (message.outcome != Outcome::ok) {
        return not_made(message, request, format, "the message could not be made; the case data was accepted");
    }
    Response r = made(kind, message, "application/xml", ".xml");
    r.add("Brevgen-Message-Uuid", message.message_uuid);
    r.body = std::move(message.xml);
    return r;
}

}  // namespace brevgen::http
