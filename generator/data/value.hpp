#pragma once
/// The case tree: what JSON and XML case files are read into. Both formats give the same
/// tree; every value keeps where it came from.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/case_format.hpp"
#include "common/diagnostic.hpp"

namespace brevgen::data {

struct Member;

/// A node of the case tree.
struct Value {
    /// `text` is an XML scalar whose type is not yet known; validation turns it into a
    /// string or number as the letter kind's field description says.
    enum class Type : std::uint8_t { null, boolean, number, string, text, array, object };

    Type type = Type::null;
    std::string scalar;  ///< string content; a number's literal ("37.5"); "true"/"false"
    std::vector<Value> items;                          ///< array elements
    std::vector<Member> members;  ///< object members in source order
    SourcePos pos;  ///< where the value starts in its source file

    /// Member `key` of an object, or nullptr (also for non-objects).
    const Value* find(std::string_view key) const;
    Value* find(std::string_view key);
    /// The value at a JSON pointer ("/moede/start"), or nullptr.
    const Value* at(std::string_view pointer) const;
    bool is_scalar() const { return type != Type::array && type != Type::object && type != Type::null; }
};

/// An object member. A named pair (not std::pair), because clang cannot instantiate a
/// std::pair holding the still-incomplete Value inside Value itself.
struct Member {
    Member(std::string key, Value value) : first(std::move(key)), second(std::move(value)) {}
    std::string first;  ///< the key
    Value second;       ///< the value
};

/// The tree as compact JSON: members in order, number literals as read, XML text whose type
/// validation did not settle as strings. Recursion is bounded by the readers' depth limit.
std::string to_json_text(const Value& v);

/// Escapes an object key for use as one JSON pointer token ("a/b" → "a~1b", RFC 6901).
std::string pointer_token(std::string_view key);

/// A case file's format (common/case_format.hpp).
using Format = CaseFormat;

/// What a reader returns: the tree when the text was well-formed, and its diagnostics
/// (without file names: the caller knows the file).
struct ReadResult {
    std::optional<Value> root;
    Diagnostics diagnostics;
};

}  // namespace brevgen::data
