#include "data/schema.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "common/utf8.hpp"

namespace brevgen::data {

namespace {

/// White space and the invisible characters that print nothing: a text of only these is
/// empty to a reader (a salutation "Kære" with no name, a window showing only "8382").
bool is_blank_char(char32_t c) {
    switch (c) {
    case U' ': case U'\t': case U'\n': case U'\r': case U'\v': case U'\f':
    case 0x85: case 0xA0: case 0x1680: case 0x180E: case 0x2028: case 0x2029: case 0x202F: case 0x205F:
    case 0x3000: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
        return true;
    default:
        return c >= 0x2000 && c <= 0x200A;
    }
}

bool is_blank(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        if (!is_blank_char(utf8::decode(s, i))) return false;
    }
    return true;
}

bool is_absent(const Value& v) {
    const bool stringish = v.type == Value::Type::string || v.type == Value::Type::text;
    return v.type == Value::Type::null || (stringish && is_blank(v.scalar));
}

/// A C0 or C1 control (a tab, a line feed …), DEL, or a line or paragraph separator.
bool breaks_line(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029; }

/// The first character that breaks a one-line field.
std::optional<char32_t> line_breaker(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const char32_t c = utf8::decode(s, i);
        if (breaks_line(c)) return c;
    }
    return std::nullopt;
}

std::string code_point_name(char32_t c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
    return buf;
}

/// A value as a message shows it. Values of CPR fields are never shown.
std::string describe(const Value& v, bool sensitive) {
    switch (v.type) {
    case Value::Type::null: return "null";
    case Value::Type::boolean: return v.scalar;
    case Value::Type::number: return sensitive ? "a number" : shown(v.scalar);
    case Value::Type::string:
    case Value::Type::text: return sensitive ? "a string" : quote(v.scalar);
    case Value::Type::array: return "an array";
    case Value::Type::object: return "an object";
    }
    return "a value";
}

std::string_view type_phrase(FieldType type) {
    switch (type) {
    case FieldType::string: return "a string";
    case FieldType::number: return "a number";
    case FieldType::integer: return "an integer";
    case FieldType::object: return "an object";
    case FieldType::array: return "an array";
    }
    return "a value";
}

/// RFC 8259 §6: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
bool is_json_number(std::string_view s) {
    std::size_t i = 0;
    const auto digits = [&] {
        const auto start = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
        return i > start;
    };
    if (i < s.size() && s[i] == '-') ++i;
    if (i < s.size() && s[i] == '0') {
        ++i;
    } else if (!digits()) {
        return false;
    }
    if (i < s.size() && s[i] == '.' && (++i, !digits())) return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        if (!digits()) return false;
    }
    return i == s.size();
}

std::string_view trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

std::string number_text(double d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", d);
    return buf;
}

/// Values for a catalogue argument: one per line (values never hold a line break).
std::string joined(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : "\n") + v;
    return out;
}

std::string quoted_list(const std::vector<std::string>& values, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) out += i + 1 == values.size() ? std::string(separator) : ", ";
        out += quote(values[i]);
    }
    return out;
}

/// "U+0645 'م'": a character as messages name it.
std::string character_name(char32_t c) {
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
    std::string out = std::string(code) + " '";
    utf8::append(out, c);
    return out + "'";
}

/// The characters of `text` the fonts cannot draw, each once, in order of appearance.
std::vector<char32_t> undrawable(std::string_view text, const Drawable& drawable) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = utf8::decode(text, i);
        // A line breaker is never drawn: a one-line field refuses it, a free text prints a space.
        if (breaks_line(c)) continue;
        if (!drawable(c) && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    }
    return out;
}

/// "no font has the character U+1F600 '😀'", or the characters, up to ten of them.
std::string undrawable_message(const std::vector<char32_t>& chars) {
    constexpr std::size_t shown = 10;
    std::string out = chars.size() == 1 ? "no font has the character " : "no font has the characters ";
    for (std::size_t i = 0; i < chars.size() && i < shown; ++i) out += (i ? ", " : "") + character_name(chars[i]);
    if (chars.size() > shown) out += " and " + std::to_string(chars.size() - shown) + " more";
    return out;
}

class Validator {
public:
    Validator(const Value& root, const Drawable& drawable, Diagnostics& out)
        : root_(root), drawable_(drawable), out_(out) {}
    void check(const FieldSpec& spec, Value& v, const std::string& path);

private:
    void check_object(const FieldSpec& spec, Value& v, const std::string& path);
    void check_array(const FieldSpec& spec, Value& v, const std::string& path);
    void check_string(const FieldSpec& spec, Value& v, const std::string& path);
    void check_number(const FieldSpec& spec, Value& v, const std::string& path);
    void check_range(const FieldSpec& spec, const Value& v, const std::string& path);
    void report_absent(const FieldSpec& field, const Value* member, const Value& parent, const std::string& path);
    bool is_required(const Presence& p) const;
    void error(SourcePos pos, std::string path, std::string message, std::string code, DiagnosticArgs args = {}) {
        out_.push_back(make_error(pos, std::move(path), std::move(message), std::move(code), std::move(args)));
    }

    const Value& root_;  ///< read by required-when rules; the same tree that is normalised
    const Drawable& drawable_;
    Diagnostics& out_;
};

void Validator::check(const FieldSpec& spec, Value& v, const std::string& path) {
    switch (spec.type) {
    case FieldType::object:
        if (v.type != Value::Type::object) {
            error(v.pos, path, "expected an object, got " + describe(v, false), "type", {{"expected", "object"}});
            return;
        }
        check_object(spec, v, path);
        return;
    case FieldType::array:
        if (v.type != Value::Type::array) {  // one XML element, or one JSON value: an array of one
            Value single = std::move(v);
            v = Value{};
            v.type = Value::Type::array;
            v.pos = single.pos;
            v.items.push_back(std::move(single));
        }
        check_array(spec, v, path);
        return;
    case FieldType::string: check_string(spec, v, path); return;
    case FieldType::number:
    case FieldType::integer: check_number(spec, v, path); return;
    }
}

bool Validator::is_required(const Presence& p) const {
    if (p.kind != Presence::Kind::required_when) return p.kind == Presence::Kind::required;
    const Value* when = root_.at(p.when_path);
    if (when == nullptr || !when->is_scalar()) return false;
    return std::find(p.when_values.begin(), p.when_values.end(), when->scalar) != p.when_values.end();
}

void Validator::report_absent(const FieldSpec& field, const Value* member, const Value& parent,
                              const std::string& path) {
    if (member != nullptr) {
        const bool blank = member->type != Value::Type::null && !member->scalar.empty();
        error(member->pos, path,
              member->type == Value::Type::null ? "required field is null"
              : blank                          ? "required field holds only white space"
                                               : "required field is empty",
              "empty");
    } else if (field.presence.kind == Presence::Kind::required_when) {
        error(parent.pos, path,
              "missing, but required when " + field.presence.when_path + " is " +
                  quoted_list(field.presence.when_values, " or "),
              "missing-when", {{"when", field.presence.when_path}, {"values", joined(field.presence.when_values)}});
    } else {
        error(parent.pos, path, "required field is missing", "missing");
    }
}

void Validator::check_object(const FieldSpec& spec, Value& v, const std::string& path) {
    std::vector<std::string_view> dropped;  // absent optional fields, removed from the tree
    for (const auto& field : spec.fields) {
        Value* member = v.find(field.name);
        const std::string child_path = path + '/' + pointer_token(field.name);
        if (member != nullptr && !is_absent(*member)) {
            check(field, *member, child_path);
        } else if (is_required(field.presence)) {
            report_absent(field, member, v, child_path);
        } else if (member != nullptr) {
            dropped.push_back(field.name);
        }
    }
    std::erase_if(v.members, [&](const auto& m) {
        return std::find(dropped.begin(), dropped.end(), m.first) != dropped.end();
    });
}

void Validator::check_array(const FieldSpec& spec, Value& v, const std::string& path) {
    if (v.items.size() < spec.min_items) {
        error(v.pos, path,
              spec.min_items == 1 ? std::string("must have at least one item")
                                  : "must have at least " + std::to_string(spec.min_items) + " items",
              "min-items", {{"min", std::to_string(spec.min_items)}});
    }
    for (std::size_t i = 0; i < v.items.size(); ++i) {
        auto& item = v.items[i];
        const std::string item_path = path + '/' + std::to_string(i);
        if (is_absent(item)) {
            error(item.pos, item_path, "item is empty", "empty");
        } else {
            check(spec.item(), item, item_path);
        }
    }
}

void Validator::check_string(const FieldSpec& spec, Value& v, const std::string& path) {
    const bool sensitive = spec.format == TextFormat::cpr;
    if (v.type == Value::Type::text) v.type = Value::Type::string;
    if (v.type != Value::Type::string) {
        error(v.pos, path, "expected " + std::string(type_phrase(spec.type)) + ", got " + describe(v, sensitive), "type",
              {{"expected", std::string(field_type_name(spec.type))}});
        return;
    }
    const auto& allowed = spec.enum_values;
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), v.scalar) == allowed.end()) {
        error(v.pos, path, "expected one of " + quoted_list(allowed, ", ") + ", got " + quote(v.scalar), "enum",
              {{"values", joined(allowed)}});
        return;
    }
    if (auto found = format_problem(spec.format, v.scalar)) {
        error(v.pos, path, std::move(found->message), std::move(found->code));
        return;
    }
    if (const auto c = spec.one_line ? line_breaker(v.scalar) : std::nullopt) {
        const std::string name = code_point_name(*c);
        error(v.pos, path, "must be one line: remove the line break or control character " + name, "not-one-line",
              {{"tegn", name}});
        return;
    }
    if (drawable_ && spec.printed) {
        if (const auto chars = undrawable(v.scalar, drawable_); !chars.empty()) {
            error(v.pos, path, undrawable_message(chars), "no-font");
        }
    }
}

void Validator::check_number(const FieldSpec& spec, Value& v, const std::string& path) {
    if (v.type == Value::Type::text) {
        const auto number = trim(v.scalar);  // XML layout white space is no part of a number
        if (!is_json_number(number)) {
            std::string comma(number);
            std::replace(comma.begin(), comma.end(), ',', '.');
            const bool decimal_comma = is_json_number(comma);
            error(v.pos, path,
                  std::string(decimal_comma ? "expected a number with a decimal point" : "expected a number") + ", got " +
                      quote(v.scalar),
                  decimal_comma ? "decimal-comma" : "type", {{"expected", std::string(field_type_name(spec.type))}});
            return;
        }
        v.type = Value::Type::number;
        v.scalar = std::string(number);
    } else if (v.type != Value::Type::number) {
        error(v.pos, path, "expected " + std::string(type_phrase(spec.type)) + ", got " + describe(v, false), "type",
              {{"expected", std::string(field_type_name(spec.type))}});
        return;
    }
    check_range(spec, v, path);
}

void Validator::check_range(const FieldSpec& spec, const Value& v, const std::string& path) {
    double d = 0;
    std::from_chars(v.scalar.data(), v.scalar.data() + v.scalar.size(), d);
    if (spec.type == FieldType::integer && d != std::floor(d)) {
        error(v.pos, path, "expected an integer, got " + shown(v.scalar), "type", {{"expected", "integer"}});
    } else if (spec.minimum && spec.exclusive_minimum && d <= *spec.minimum) {
        error(v.pos, path, "must be more than " + number_text(*spec.minimum) + ", got " + shown(v.scalar), "too-small",
              {{"more-than", number_text(*spec.minimum)}});
    } else if (spec.minimum && d < *spec.minimum) {
        error(v.pos, path, "must be at least " + number_text(*spec.minimum) + ", got " + shown(v.scalar), "too-small",
              {{"min", number_text(*spec.minimum)}});
    } else if (spec.maximum && d > *spec.maximum) {
        error(v.pos, path, "must be at most " + number_text(*spec.maximum) + ", got " + shown(v.scalar), "too-large",
              {{"max", number_text(*spec.maximum)}});
    }
}

}  // namespace

Diagnostics validate(const DocumentSpec& spec, Value& root, const Drawable& drawable) {
    Diagnostics out;
    if (root.type != Value::Type::object) {
        out.push_back(make_error(root.pos, "", "the case must be an object, got " + describe(root, false), "type",
                                 {{"expected", "object"}}));
        return out;
    }
    Validator(root, drawable, out).check(spec.root, root, "");
    if (spec.check != nullptr) spec.check(root, out);
    std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::pair(a.pos.line, a.pos.column) < std::pair(b.pos.line, b.pos.column);
    });
    return out;
}

}  // namespace brevgen::data
