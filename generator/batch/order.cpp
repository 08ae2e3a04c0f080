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

Row render_order(Renderer& renderer, Order& order, bool memo, std::vector<Output>& outputs) {
    Row row = row_of(order);
    Message made;
    try {
        if (memo) {
            made = renderer.message(*order.kind, std::move(order.case_tree));
        } else {
            static_cast<Letter&>(made) = renderer.render(*order.kind, std::move(order.case_tree));
        }
    } catch (const std::exception& e) {
        row.errors.push_back(make_error(order.case_pos, "/case", std::string("cannot render the letter: ") + e.what()));
        return row;
    }
    for (auto& d : made.diagnostics) {
        (d.severity == Severity::error ? row.errors : row.warnings).push_back(in_record(std::move(d), order));
    }
    if (made.outcome != Outcome::ok) {
        if (row.errors.empty()) row.errors.push_back(make_error(order.case_pos, "/case", "the letter could not be rendered"));
        return row;
    }
    row.ok = true;
    row.pages = made.pages;
    row.bytes = made.pdf.size();
    row.paper = made.paper;
    // The checksums are taken where the files are staged (stage_outputs): with one worker
    // that is the collector's thread, beside the rendering of the next letter.
    if (memo) row.memo = MemoFile{made.xml.size(), {}, std::move(made.message_uuid)};
    // The PDF first, then its message: the row, written after both are in place, vouches for both.
    outputs.push_back({row.file(), std::move(made.pdf)});
    if (memo) outputs.push_back({row.memo_file(), std::move(made.xml)});
    return row;
}

bool stage_outputs(const std::filesystem::path& dir, std::vector<Output>& outputs, const SourcePos& pos,
                   io::TempFileLog* log, std::vector<std::unique_ptr<io::AtomicFile>>& staged, Row& row) {
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        auto& out = outputs[i];
        (i == 0 || !row.memo ? row.sha256 : row.memo->sha256) = sha256_hex(out.bytes);
        try {
            auto file = std::make_unique<io::AtomicFile>(dir / out.name, log);
            file->write(out.bytes);
            file->start_writeback();
            staged.push_back(std::move(file));
        } catch (const io::WriteError& e) {
            staged.clear();
            outputs.clear();
            row.ok = false;
            row.errors.push_back(make_error(pos, "", message::cannot_write(out.name, e.reason())));
            return false;
        }
    }
    outputs.clear();
    return true;
}

}  // namespace brevgen::batch
