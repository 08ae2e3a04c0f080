// The per-record steps: the checks the reader makes, and what a worker does with an order.

#include <exception>

#include "batch/pipeline.hpp"
#include "batch/sha256.hpp"
#include "common/io.hpp"
#include "common/messages.hpp"

namespace brevgen::batch {

Row row_of(const Order& order) {
    Row row;
    row.record = order.index;
    row.line = order.pos.line;
    row.id = order.id;
    row.kind = order.kind;
    row.inputs = order.inputs;
    return row;
}

Diagnostics check_order(const Order& order, const Engine& engine, IdSet& seen) {
    Diagnostics errors = order.errors;
    if (order.id) {
        if (const auto why = check_id(*order.id)) {
            errors.push_back(make_error(order.id_pos, "/id", *why));
        } else if (!seen.insert(*order.id)) {
            errors.push_back(make_error(order.id_pos, "/id", "duplicate id " + quote(*order.id) + "; an earlier record has it"));
        }
    }
    if (order.kind && !engine.has_kind(*order.kind)) {
        Diagnostic unknown = engine.unknown_kind(*order.kind);
        unknown.pos = order.kind_pos;
        unknown.path = "/kind";
        errors.push_back(std::move(unknown));
    }
    return errors;
}

namespace {

/// A diagnostic about the case, as a diagnostic about the record: one without a position
/// (a page limit, say) is put at the case.
Diagnostic in_record(Diagnostic d, const Order& order) {
    if (d.pos.line == 0) d.pos = order.case_pos;
    d.path = "/case" + d.path;
    return d;
}

}  // namespace

Row render_order(Renderer& renderer, Order& order, const std::filesystem::path& dir, io::TempFileLog* log,
                 std::unique_ptr<io::AtomicFile>& staged) {
    Row row = row_of(order);
    Letter letter;
    try {
        letter = renderer.render(*order.kind, std::move(order.case_tree));
    } catch (const std::exception& e) {
        row.errors.push_back(make_error(order.case_pos, "/case", std::string("cannot render the letter: ") + e.what()));
        return row;
    }
    for (auto& d : letter.diagnostics) {
        (d.severity == Severity::error ? row.errors : row.warnings).push_back(in_record(std::move(d), order));
    }
    if (letter.outcome != Outcome::ok) {
        if (row.errors.empty()) row.errors.push_back(make_error(order.case_pos, "/case", "the letter could not be rendered"));
        return row;
    }
    try {
        staged = std::make_unique<io::AtomicFile>(dir / row.file(), log);
        staged->write(letter.pdf);
        staged->start_writeback();
    } catch (const io::WriteError& e) {
        staged.reset();
        row.errors.push_back(make_error(order.pos, "", message::cannot_write(row.file(), e.reason())));
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
