#pragma once
/// Reading case files: JSON or XML text → one case tree (data::Value) with source positions.
/// Readers only check well-formedness and limits; what the fields mean is validate()'s job.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "common/limits.hpp"
#include "data/value.hpp"

namespace brevgen::data {

/// Bounds on reading a case (common/limits.hpp).
using ReadLimits = brevgen::ReadLimits;

/// Reads a JSON case (RFC 8259, UTF-8, optional BOM, no duplicate keys).
ReadResult read_json(std::string_view text, const ReadLimits& limits = {});

/// Reads an XML case: root element <sag>, no DTD, UTF-8; see docs/case-data.md.
ReadResult read_xml(std::string_view text, const ReadLimits& limits = {});

/// Reads a case in the given format.
ReadResult read(std::string_view text, Format format, const ReadLimits& limits = {});

/// Reads a case of either format: XML when the first non-space character (after an
/// optional BOM) is '<', JSON otherwise.
ReadResult read_case(std::string_view text, const ReadLimits& limits = {});

/// One letter order of a batch extract (docs/batch.md): `{"id": …, "kind": …, "case": {…}}`
/// or `<ordre id="…" kind="…"><sag>…</sag></ordre>`, read by the same readers as a case.
/// What it says is not checked here (a known kind, a safe id); its shape is.
struct OrderRead {
    std::optional<std::string> id;
    SourcePos id_pos;
    std::optional<std::string> kind;
    SourcePos kind_pos;
    std::optional<Value> case_root;  ///< the case, not yet validated; none after any error
    SourcePos case_pos;
    Diagnostics diagnostics;  ///< paths in the record ("/case/brevdato")
};

/// Reads one order. Positions are moved to where the record starts in its extract
/// (`origin`), tree included. The case gets the limits a case file gets (the record's one
/// extra level of nesting is not counted).
OrderRead read_order(std::string_view text, Format format, const ReadLimits& limits, SourcePos origin = {1, 1});

/// read_order for XML, positions in `text` (read_xml.cpp).
OrderRead read_xml_order(std::string_view text, const ReadLimits& limits);

using brevgen::format_from_extension;
using brevgen::sniff_format;

}  // namespace brevgen::data
