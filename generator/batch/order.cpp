// The per-record steps: the checks the reader makes, and what a worker does with an order.

#include <exception>

#include "batch/pipeline.hpp"
#include "batch/sha256.hpp"
#include "cli/io.hpp"
#include "data/formats.hpp"

namespace brevgen::batch {

Row row_of(const Order& order) {
    Row row;
    row.record = order.index;
    row.line = order.pos.line;
    row.id = order.id;
    row.kind = order.kind;
    return row;
}

Diagnostics check_order(const Order& order, const Engine& engine, IdSet& seen) {
    Diagnostics errors = order.errors;
    if (order.id) {
        if (const auto why = check_id(*order.id)) {
            errors.push_back(make_error(order.id_pos, "/id", *why));
        } else if (!seen.insert(*order.id)) {
            errors.push_back(make_error(order.id_pos, "/id", "duplicate id " + data::quote(*order.id) + "; an earlier record has it"));
        }
    }
    if (order.kind && !engine.has_kind(*order.kind)) {
        std::string known;
        for (const auto& k : engine.kinds()) known += (known.empty() ? "" : ", ") + k.name;
        errors.push_back(make_error(order.kind_pos, "/kind", "unknown letter kind " + data::quote(*order.kind) + "; known kinds: " + known));
    }
    return errors;
}

namespace {

/// A diagnostic about the case text, moved to where the case sits in the extract.
Diagnostic in_extract(Diagnostic d, const Order& order) {
    d.pos = shift(d.pos, order.case_pos);
    d.path = "/case" + d.path;
    return d;
}

}  // namespace

Row render_order(Renderer& renderer, const Order& order, const std::filesystem::path& dir) {
    Row row = row_of(order);
    Letter letter;
    try {
        letter = renderer.render(*order.kind, order.case_text, order.format);
    } catch (const std::exception& e) {
        row.errors.push_back(make_error(order.case_pos, "/case", std::string("cannot render the letter: ") + e.what()));
        return row;
    }
    for (auto& d : letter.diagnostics) {
        (d.severity == Severity::error ? row.errors : row.warnings).push_back(in_extract(std::move(d), order));
    }
    if (letter.outcome != Outcome::ok) {
        if (row.errors.empty()) row.errors.push_back(make_error(order.case_pos, "/case", "the letter could not be rendered"));
        return row;
    }
    std::string error;
    if (!cli::write_atomically((dir / row.file()).string(), letter.pdf, error)) {
        row.errors.push_back(make_error(order.pos, "", "cannot write " + row.file() + ": " + error));
        return row;
    }
    row.ok = true;
    row.pages = letter.pages;
    row.bytes = letter.pdf.size();
    row.sha256 = sha256_hex(letter.pdf);
    row.paper = letter.paper;
    return row;
}

}  // namespace brevgen::batch
