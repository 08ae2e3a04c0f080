// Batch orders: the record around a case, read by the case readers themselves, so that a
// record's syntax, limits and positions are exactly those of a case file.

#include "data/read.hpp"

namespace brevgen::data {

namespace {

/// The order's members from a JSON record's tree.
void take_json_members(Value& record, OrderRead& out) {
    if (record.type != Value::Type::object) {
        out.diagnostics.push_back(make_error(record.pos, "", "expected a JSON object with \"id\", \"kind\" and \"case\""));
        return;
    }
    for (const char* name : {"id", "kind"}) {
        Value* v = record.find(name);
        if (v == nullptr) continue;
        const std::string path = std::string("/") + name;
        if (v->type != Value::Type::string) {
            out.diagnostics.push_back(make_error(v->pos, path, "expected a string"));
            continue;
        }
        (name[0] == 'i' ? out.id : out.kind) = v->scalar;
        (name[0] == 'i' ? out.id_pos : out.kind_pos) = v->pos;
    }
    if (Value* c = record.find("case"); c != nullptr) {
        if (c->type == Value::Type::object) {
            out.case_pos = c->pos;
            out.case_root = std::move(*c);
        } else {
            out.diagnostics.push_back(make_error(c->pos, "/case", "expected an object"));
        }
    }
    for (const char* name : {"id", "kind", "case"}) {
        if (record.find(name) == nullptr) {
            out.diagnostics.push_back(make_error(record.pos, "", std::string("missing required field \"") + name + "\""));
        }
    }
}

OrderRead read_json_order(std::string_view text, const ReadLimits& limits) {
    OrderRead out;
    ReadLimits record_limits = limits;
    ++record_limits.max_depth;  // the record's own object
    auto read = read_json(text, record_limits);
    out.diagnostics = std::move(read.diagnostics);
    if (read.root) take_json_members(*read.root, out);
    return out;
}

SourcePos moved(SourcePos p, SourcePos origin) { return offset_by(p, origin); }

void move_tree(Value& v, SourcePos origin) {
    v.pos = moved(v.pos, origin);
    for (auto& item : v.items) move_tree(item, origin);
    for (auto& member : v.members) move_tree(member.second, origin);
}

}  // namespace

OrderRead read_order(std::string_view text, Format format, const ReadLimits& limits, SourcePos origin) {
    OrderRead out = format == Format::xml ? read_xml_order(text, limits) : read_json_order(text, limits);
    if (has_errors(out.diagnostics)) out.case_root.reset();
    if (origin == SourcePos{1, 1}) return out;
    for (auto& d : out.diagnostics) d.pos = moved(d.pos, origin);
    out.id_pos = moved(out.id_pos, origin);
    out.kind_pos = moved(out.kind_pos, origin);
    out.case_pos = moved(out.case_pos, origin);
    if (out.case_root) move_tree(*out.case_root, origin);
    return out;
}

}  // namespace brevgen::data
