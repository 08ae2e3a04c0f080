#pragma once
/// Field descriptions and the generic engine that checks a case tree against them, and
/// publishes them as JSON Schema. The descriptions of the letter kinds live in their
/// records (letters/kinds.cpp); this engine knows nothing about letters.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.hpp"
#include "data/formats.hpp"
#include "data/value.hpp"

namespace brevgen::data {

/// The JSON type a field must have. XML text becomes a string or number accordingly.
enum class FieldType : std::uint8_t { string, number, integer, object, array };

/// Whether a field must be there. An empty string (XML: an empty element), a string of
/// white space only (also no-break and zero-width spaces) and JSON null count as absent.
struct Presence {
    enum class Kind : std::uint8_t { optional, required, required_when };
    Kind kind = Kind::optional;
    std::string when_path;                 ///< absolute JSON pointer of the field the rule reads
    std::vector<std::string> when_values;  ///< required while that field has one of these values
};

/// Presence shorthands for writing descriptions.
namespace presence {
inline Presence optional() { return {}; }
inline Presence required() { return {Presence::Kind::required, {}, {}}; }
inline Presence required_when(std::string path, std::vector<std::string> values) {
    return {Presence::Kind::required_when, std::move(path), std::move(values)};
}
}  // namespace presence

/// Describes one field: its type, rules and meaning; objects and arrays hold their parts.
struct FieldSpec {
    std::string name;  ///< member name; empty for the root and for array items
    FieldType type = FieldType::string;
    Presence presence;
    TextFormat format = TextFormat::none;
    std::vector<std::string> enum_values;  ///< allowed values of a string, when not empty
    std::string default_value;             ///< what an absent optional field means (documentation)
    std::optional<double> minimum;
    std::optional<double> maximum;
    bool exclusive_minimum = false;
    std::size_t min_items = 0;
    /// A name or an address line: one line, so a line break, a line or paragraph separator
    /// (U+2028, U+2029) or another control character in it is an error, never a joined word.
    bool one_line = false;
    bool printed = true;  ///< false: never printed in a letter (no check that fonts can draw it)
    std::string description;       ///< for integrators (JSON Schema "description")
    std::vector<FieldSpec> fields;  ///< object: its members; array: one element, the item

    /// An array's item description.
    const FieldSpec& item() const { return fields.front(); }
};

/// Checks across fields that a description cannot express (an end after its start …).
/// Runs after the field checks, on the normalised tree; only looks at values that passed.
using CrossCheck = void (*)(const Value& root, Diagnostics& out);

/// Everything validation needs to know about one kind of document.
struct DocumentSpec {
    FieldSpec root;  ///< an object
    CrossCheck check = nullptr;
};

/// Says whether the letters' fonts can draw a character (the engine asks its font set).
using Drawable = std::function<bool(char32_t)>;

/// Checks `root` against the description and reports every problem at once, each at the
/// offending value (a missing field: at its parent object) with its JSON pointer path,
/// sorted by position. Normalises the tree in place: XML text becomes a string or a
/// number, a single value where an array is expected becomes an array of one, and absent
/// optional fields (null, "") are removed. Unknown fields are left alone. With `drawable`,
/// a printed string holding characters no font has is one error at that field, listing
/// them (without, layout finds them later, without knowing the field).
Diagnostics validate(const DocumentSpec& spec, Value& root, const Drawable& drawable = {});

/// The description as a JSON Schema (draft 2020-12), pretty-printed with a stable key
/// order; `$id` is https://brevgen.dk/schemas/<name>.json and the title is `name`.
std::string json_schema(const DocumentSpec& spec, std::string_view name, std::string_view description);

/// A field type's name as JSON Schema and the message catalogue write it: "string",
/// "number", "integer", "object", "array".
std::string_view field_type_name(FieldType type);

}  // namespace brevgen::data
