// Field descriptions → JSON Schema draft 2020-12, the format integrators validate against.
//
// The schema describes the canonical JSON: arrays as arrays, no nulls, no empty strings
// for absent fields (brevgen itself also accepts those; see docs/case-data.md). What a
// regular expression cannot say — leap years, CVR modulus 11, CPR birth dates, the
// cross-field rules — brevgen checks and the descriptions mention.

#include <nlohmann/json.hpp>

#include <algorithm>

#include "data/schema.hpp"

namespace brevgen::data {

namespace {

using Json = nlohmann::ordered_json;  // keeps keys in the order written: stable output


Json field_schema(const FieldSpec& spec);

void add_object_parts(Json& out, const FieldSpec& spec) {
    Json properties = Json::object();
    Json required = Json::array();
    for (const auto& field : spec.fields) {
        properties[field.name] = field_schema(field);
        if (field.presence.kind == Presence::Kind::required) required.push_back(field.name);
    }
    out["properties"] = std::move(properties);
    if (!required.empty()) out["required"] = std::move(required);
}

void add_string_parts(Json& out, const FieldSpec& spec) {
    if (spec.presence.kind == Presence::Kind::required) out["minLength"] = 1;
    if (spec.format == TextFormat::date) out["format"] = "date";
    if (spec.format != TextFormat::none) out["pattern"] = std::string(format_pattern(spec.format));
    // One line: no control character, no line or paragraph separator (FieldSpec::one_line).
    if (spec.one_line && spec.format == TextFormat::none) {
        out["pattern"] = "^[^\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029]*$";
    }
    if (!spec.enum_values.empty()) out["enum"] = spec.enum_values;
}

/// Whole numbers as integers: "minimum": 0, not 0.0.
Json number(double d) {
    if (d == static_cast<double>(static_cast<long long>(d))) return static_cast<long long>(d);
    return d;
}

void add_number_parts(Json& out, const FieldSpec& spec) {
    if (spec.minimum) out[spec.exclusive_minimum ? "exclusiveMinimum" : "minimum"] = number(*spec.minimum);
    if (spec.maximum) out["maximum"] = number(*spec.maximum);
}

Json field_schema(const FieldSpec& spec) {
    Json out = Json::object();
    if (!spec.description.empty()) out["description"] = spec.description;
    out["type"] = std::string(field_type_name(spec.type));
    switch (spec.type) {
    case FieldType::object: add_object_parts(out, spec); break;
    case FieldType::array:
        out["items"] = field_schema(spec.item());
        if (spec.min_items > 0) out["minItems"] = spec.min_items;
        break;
    case FieldType::string: add_string_parts(out, spec); break;
    case FieldType::number:
    case FieldType::integer: add_number_parts(out, spec); break;
    }
    if (!spec.default_value.empty()) out["default"] = spec.default_value;
    return out;
}

/// Splits a JSON pointer into its member names (descriptions use no escapes or indexes).
std::vector<std::string> tokens(const std::string& pointer) {
    std::vector<std::string> out;
    std::size_t start = 1;
    while (start <= pointer.size()) {
        const auto slash = pointer.find('/', start);
        const auto end = slash == std::string::npos ? pointer.size() : slash;
        out.push_back(pointer.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

/// {"type": "object", "properties": {"a": {"type": "object", "properties": {"b": leaf}}}}
/// along `path`, each level required when `require_levels` is set (so an "if" only matches
/// when the field is there). Every level says it is an object and defines what it requires,
/// as strict validators (Ajv's strict mode) want.
Json nest(const std::vector<std::string>& path, Json leaf, bool require_levels) {
    for (auto it = path.rbegin(); it != path.rend(); ++it) {
        Json level = Json::object();
        level["type"] = "object";
        level["properties"][*it] = std::move(leaf);
        if (require_levels) level["required"] = Json::array({*it});
        leaf = std::move(level);
    }
    return leaf;
}

/// An object schema requiring `field`, which the schema's own "properties" describe fully.
Json requiring(const std::string& field) {
    Json out = Json::object();
    out["type"] = "object";
    out["properties"][field] = true;
    out["required"] = Json::array({field});
    return out;
}

/// Merges `from` into `into`: objects member by member, arrays ("required") appended, an
/// object schema kept over `true`.
void merge(Json& into, const Json& from) {
    for (const auto& [key, value] : from.items()) {
        if (into.contains(key) && into[key].is_object() && value.is_object()) {
            merge(into[key], value);
        } else if (into.contains(key) && into[key].is_object() && value.is_boolean()) {
            // keep the object: a property's schema says more than `true` (any value)
        } else if (into.contains(key) && into[key].is_array() && value.is_array()) {
            for (const auto& v : value) into[key].push_back(v);
        } else {
            into[key] = value;
        }
    }
}

/// One if/then per condition, its "then" requiring every field that depends on it.
void collect_conditions(const FieldSpec& spec, const std::string& path, Json& all_of) {
    if (spec.type != FieldType::object) return;  // rules inside arrays are not used, so not supported
    for (const auto& field : spec.fields) {
        if (field.presence.kind == Presence::Kind::required_when) {
            auto when = tokens(field.presence.when_path);
            const std::string last = when.back();
            when.pop_back();
            const Json condition = nest(when, nest({last}, Json{{"enum", field.presence.when_values}}, true), true);
            const Json then = nest(tokens(path), requiring(field.name), false);
            auto rule = std::find_if(all_of.begin(), all_of.end(), [&](const Json& r) { return r["if"] == condition; });
            if (rule == all_of.end()) {
                all_of.push_back(Json{{"if", condition}, {"then", then}});
            } else {
                merge((*rule)["then"], then);
            }
        }
        collect_conditions(field, path + '/' + field.name, all_of);
    }
}

}  // namespace

std::string json_schema(const DocumentSpec& spec, std::string_view name, std::string_view description) {
    Json out = Json::object();
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema";
    out["$id"] = "https://brevgen.dk/schemas/" + std::string(name) + ".json";
    out["title"] = name;
    out["description"] = description;
    Json body = field_schema(spec.root);
    for (auto& [key, value] : body.items()) {
        if (key != "description") out[key] = value;
    }
    Json all_of = Json::array();
    collect_conditions(spec.root, "", all_of);
    if (!all_of.empty()) out["allOf"] = std::move(all_of);
    return out.dump(2, ' ', false) + "\n";
}

std::string_view field_type_name(FieldType type) {
    switch (type) {
    case FieldType::string: return "string";
    case FieldType::number: return "number";
    case FieldType::integer: return "integer";
    case FieldType::object: return "object";
    case FieldType::array: return "array";
    }
    return "string";
}

}  // namespace brevgen::data
