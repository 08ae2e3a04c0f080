// JSON reader: the tree, the position of every value, exact syntax error positions, duplicate
// keys, UTF-8 and NUL checks, and every limit.
#include <catch2/catch.hpp>

#include "data_test_support.hpp"

using namespace data_test;
namespace data = brevgen::data;
using Type = data::Value::Type;

namespace {

/// The single error of reading `text`, as "LINE:COL path: message".
std::string json_error(std::string_view text, const data::ReadLimits& limits = {}) {
    const auto r = data::read_json(text, limits);
    if (r.diagnostics.size() != 1 || r.root) return "expected exactly one error and no tree";
    const auto& d = r.diagnostics.front();
    return at(d.pos) + (d.path.empty() ? "" : " " + d.path) + ": " + d.message;
}

}  // namespace

TEST_CASE("JSON values keep their type, text and position", "[data][json]") {
    const auto r = data::read_json("{\n  \"a\": [1, 2.50, -3e2],\n  \"b\": {\"c\": null, \"d\": true},\n  \"s\": \"x\\\"y\"\n}");
    REQUIRE(r.diagnostics.empty());
    REQUIRE(r.root);
    const auto& root = *r.root;
    CHECK(root.type == Type::object);
    CHECK(at(root.pos) == "1:1");
    CHECK(at(root.at("/a")->pos) == "2:8");
    CHECK(root.at("/a/1")->scalar == "2.50");  // the literal as written, for exact decimals
    CHECK(at(root.at("/a/1")->pos) == "2:12");
    CHECK(root.at("/a/2")->scalar == "-3e2");
    CHECK(at(root.at("/a/2")->pos) == "2:18");
    CHECK(at(root.at("/b")->pos) == "3:8");
    CHECK(root.at("/b/c")->type == Type::null);
    CHECK(at(root.at("/b/c")->pos) == "3:14");
    CHECK(root.at("/b/d")->scalar == "true");
    CHECK(at(root.at("/b/d")->pos) == "3:25");
    CHECK(root.at("/s")->scalar == "x\"y");
    CHECK(at(root.at("/s")->pos) == "4:8");
}

TEST_CASE("JSON columns count characters, not bytes; a BOM is not a column", "[data][json]") {
    const auto r = data::read_json("\xEF\xBB\xBF{\"æøå\": \"Ánh\", \"n\": 1}");
    REQUIRE(r.root);
    CHECK(at(r.root->pos) == "1:1");
    CHECK(at(r.root->at("/æøå")->pos) == "1:9");
    CHECK(at(r.root->at("/n")->pos) == "1:21");
}

TEST_CASE("JSON members keep source order; keys with / and ~ are addressable", "[data][json]") {
    const auto r = data::read_json(R"({"z": 1, "a/b": 2, "m~n": 3})");
    REQUIRE(r.root);
    CHECK(r.root->members[0].first == "z");
    CHECK(r.root->members[1].first == "a/b");
    CHECK(r.root->at("/a~1b")->scalar == "2");
    CHECK(r.root->at("/m~0n")->scalar == "3");
    CHECK(r.root->at("/missing") == nullptr);
    CHECK(data::pointer_token("a/b~c") == "a~1b~0c");
}

TEST_CASE("JSON syntax errors point at the problem", "[data][json]") {
    CHECK(json_error("{\"a\": 1") == "1:8: unexpected end of input; expected '}'");
    CHECK(json_error("{\n  \"a\": [1, 2\n") == "3:1: unexpected end of input; expected ']'");
    CHECK(json_error("{\"a\" 1}") == "1:6: unexpected number literal; expected ':'");
    CHECK(json_error("{\"a\": 1,}") == "1:9: unexpected '}'; expected string literal");
    CHECK(json_error("[1 234]") == "1:4: unexpected number literal; expected ']'");
    CHECK(json_error("{\"a\": tru}") == "1:10: invalid literal");
    CHECK(json_error("{\"a\": \"x\ny\"}") == "1:9: invalid string: control character U+000A (LF) must be escaped to \\u000A or \\n");
    CHECK(json_error("{\"a\": 1e400}") == "1:7: number overflow parsing '1e400'");
    CHECK(json_error("{\"a\": 3001901234e999999}") == "1:7: number overflow parsing '300190-xxxxe999999'");  // no CPR
    CHECK(json_error("{\"a\": 1" + std::string(100, '0') + "e999999}") ==
          "1:7: number overflow parsing '100000-" + std::string(33, 'x') + "…'");
    CHECK(json_error("{} {}") == "1:4: unexpected '{'; expected end of input");
    CHECK(json_error("") == "1:1: empty input; expected a JSON object");
    CHECK(json_error(" \n ") == "2:2: empty input; expected a JSON object");
    CHECK(json_error("{\"a\": 'x'}") == "1:7: invalid literal");
}

TEST_CASE("JSON syntax messages never echo case content", "[data][json]") {
    const auto error = json_error("{\"cpr\": \"3001901234\n\"}");
    CHECK(error.find("3001901234") == std::string::npos);
}

TEST_CASE("duplicate JSON keys are errors at the second key, all of them", "[data][json]") {
    const auto r = data::read_json("{\"a\": 1,\n \"b\": [{\"c\": 1, \"c\": 2}],\n \"a\": 3}");
    CHECK_FALSE(r.root);
    REQUIRE(r.diagnostics.size() == 2);
    CHECK(at(r.diagnostics[0].pos) == "2:17");
    CHECK(r.diagnostics[0].path == "/b/0/c");
    CHECK(r.diagnostics[0].message == "duplicate key \"c\"");
    CHECK(at(r.diagnostics[1].pos) == "3:2");
    CHECK(r.diagnostics[1].path == "/a");
}

TEST_CASE("JSON input must be UTF-8 without NUL bytes", "[data][json]") {
    CHECK(json_error("{\"a\": \"K\xE6r\"}") == "1:9: invalid UTF-8 byte sequence; case files must be UTF-8");
    CHECK(json_error("{\"a\":\n \"\xC0\xAF\"}") == "2:3: invalid UTF-8 byte sequence; case files must be UTF-8");  // overlong
    CHECK(json_error("{\"a\":\n \"\xED\xA0\x80\"}") == "2:3: invalid UTF-8 byte sequence; case files must be UTF-8");  // surrogate
    CHECK(json_error(std::string_view("{\"a\": \"x\0\"}", 11)) == "1:9: NUL byte in input; case files are UTF-8 text");
    CHECK(json_error(R"({"a": "x\u0000y"})") == "1:7 /a: string contains the NUL character \\u0000");
}

TEST_CASE("JSON nesting up to the limit is read; one level more is an error", "[data][json][limits]") {
    const data::ReadLimits limits;
    const auto nested = [](std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); };
    CHECK(data::read_json(nested(64), limits).root);
    CHECK(json_error(nested(65)) ==
          "1:65 /0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0: "
          "nesting is deeper than the limit of 64 levels");
    data::ReadLimits three;
    three.max_depth = 3;
    CHECK(json_error(R"({"a": {"b": {"c": {}}}})", three) == "1:19 /a/b/c: nesting is deeper than the limit of 3 levels");
}

TEST_CASE("100 000 levels of JSON nesting neither crash nor recurse", "[data][json][limits]") {
    const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
    const auto r = data::read_json(deep);
    CHECK_FALSE(r.root);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(at(r.diagnostics[0].pos) == "1:65");
    const std::string objects = [] {
        std::string s;
        for (int i = 0; i < 100'000; ++i) s += "{\"a\":";
        return s + "1" + std::string(100'000, '}');
    }();
    CHECK(data::read_json(objects).diagnostics.size() == 1);
}

TEST_CASE("JSON arrays up to the item limit are read; one more is an error", "[data][json][limits]") {
    const auto array = [](std::size_t n) {
        std::string s = "{\"a\": [";
        for (std::size_t i = 0; i < n; ++i) s += i ? ",0" : "0";
        return s + "]}";
    };
    CHECK(data::read_json(array(10'000)).root);
    CHECK(json_error(array(10'001)) == "1:20008 /a/10000: array has more items than the limit of 10000");
}

TEST_CASE("JSON strings and keys over the string limit are errors", "[data][json][limits]") {
    data::ReadLimits limits;
    limits.max_string_bytes = 8;
    CHECK(data::read_json(R"({"navn": "12345678"})", limits).root);
    CHECK(json_error(R"({"navn": "123456789"})", limits) == "1:10 /navn: string is longer than the limit of 8 bytes");
    CHECK(json_error(R"({"123456789": 1})", limits) == "1:2 /123456789: string is longer than the limit of 8 bytes");
    // The default: 1 MiB.
    CHECK(data::read_json("[\"" + std::string(1 << 20, 'x') + "\"]").root);
    CHECK(json_error("[\"" + std::string((1 << 20) + 1, 'x') + "\"]") == "1:2 /0: string is longer than the limit of 1048576 bytes");
}

TEST_CASE("JSON input over the size limit is refused before parsing", "[data][json][limits]") {
    data::ReadLimits limits;
    limits.max_input_bytes = 10;
    CHECK(data::read_json("{\"a\":\"12\"}", limits).root);
    CHECK(json_error("{\n\"a\":\"123\"}", limits) == "2:9: the input is larger than the limit of 10 bytes");
    CHECK(data::ReadLimits{}.max_input_bytes == 16u << 20);
}

TEST_CASE("format_from_extension and sniffing choose the reader", "[data]") {
    CHECK(data::format_from_extension("sag.json") == data::Format::json);
    CHECK(data::format_from_extension("dir.x/SAG.XML") == data::Format::xml);
    CHECK_FALSE(data::format_from_extension("sag.txt"));
    CHECK_FALSE(data::format_from_extension("dir.json/sag"));
    CHECK_FALSE(data::format_from_extension("-"));
    CHECK(data::sniff_format("\xEF\xBB\xBF \n <sag/>") == data::Format::xml);
    CHECK(data::sniff_format("{}") == data::Format::json);
    CHECK(data::sniff_format("") == data::Format::json);
    CHECK(data::read_case("  <sag><a>1</a></sag>").root->at("/a")->type == Type::text);
    CHECK(data::read_case(" {\"a\": 1}").root->at("/a")->type == Type::number);
}

TEST_CASE("JSON values up to the node limit are read; one more is an error where it starts", "[data][json][limits]") {
    data::ReadLimits limits;
    limits.max_nodes = 5;  // the object, its array and three items (keys are no values)
    CHECK(data::read_json(R"({"a": [1, "x", {}]})", limits).root);
    CHECK(json_error(R"({"a": [1, "x", {}], "b": null})", limits) == "1:26 /b: the case has more values than the limit of 5");
    CHECK(json_error("{\"a\": [1, 2,\n 3, 4, 5, 6]}", limits) == "2:5 /a/3: the case has more values than the limit of 5");
    // The default bounds a 16 MiB case of tiny values long before its tree grows.
    const auto zeros = [](std::size_t n) {
        std::string s = "[0";
        for (std::size_t i = 1; i < n; ++i) s += ",0";
        return s + "]";
    };
    std::string many = "{\"a\": [";
    for (int i = 0; i < 11; ++i) many += (i ? "," : "") + zeros(9'999);
    many += "]}";
    CHECK(json_error(many) == "1:200003 /a/9/9997: the case has more values than the limit of 100000");
}

TEST_CASE("regression (fuzz_json): a syntax error never echoes what it read, even text shaped like its own message",
          "[data][json][privacy]") {
    // The string holds "'; expected " and a CPR number before the raw line break that ends it.
    const std::string text = "{\"a\": \"x'; expected 3001901234 y\n\"}";
    CHECK(json_error(text) == "1:33: invalid string: control character U+000A (LF) must be escaped to \\u000A or \\n");
    CHECK(json_error("{\"a\": \"x'; expected end of input\n\"}") ==
          "1:33: invalid string: control character U+000A (LF) must be escaped to \\u000A or \\n");
    CHECK(json_error("{} x") == "1:4: invalid literal; expected end of input");  // the parser's own part stays
}

TEST_CASE("regression (fuzz_json): a path never shows ten digits, even where escaping a '/' makes them",
          "[data][json][privacy]") {
    // "~1" (the escaped '/') and nine digits read as a CPR number: masked like one.
    data::ReadLimits limits;
    limits.max_string_bytes = 4;
    CHECK(json_error(R"({"a/300190123": "12345"})", limits) == "1:2 /a~130019-xxxx: string is longer than the limit of 4 bytes");
}
