// The merge's own walk over the view (generator/letters/mustache_walk.hpp) against the
// kainjow mustache library it stands in for: the same markup, byte for byte, and the same
// names missing, for the cases where the two could part: standalone section lines, line
// ends, escaping, lookups through the context stack, dotted names, lists, null, numbers.

#include <catch2/catch.hpp>

#include <kainjow/mustache.hpp>

#include "letters/mustache_library.hpp"
#include "letters/mustache_walk.hpp"
#include "letters/templates.hpp"

namespace mu = kainjow::mustache;
namespace walk = brevgen::letters::mustache;

namespace {

/// The walk gives the library's markup and misses the same names, for `text` and `view`.
void same_as_library(const std::string& text, const nlohmann::json& view) {
    INFO("template: " << text << "\nview: " << view.dump());
    mu::mustache library(text);
    REQUIRE(library.is_valid());
    const mu::data data = walk::to_library_data(view);
    walk::StrictContext ctx(&data);
    const std::string expected = library.render(ctx);
    const auto program = walk::compile(text);
    REQUIRE(program.has_value());
    std::set<std::string> missing;
    CHECK(walk::render(*program, view, missing) == expected);
    CHECK(missing == ctx.missing);
}

}  // namespace

TEST_CASE("the merge's walk gives the library's markup: sections, standalone lines, line ends", "[letters][mustache]") {
    const auto view = nlohmann::json::parse(R"({
        "a": "A", "b": {"c": "C", "d": {"e": "E"}}, "t": true, "f": false, "n": null, "z": 0, "x": 1.5,
        "empty": [], "obj": {}, "s": "", "list": [{"v": "1", "w": "w1"}, {"v": "2"}, {"u": null}],
        "strings": ["x", "y & z"], "nested": [[1, 2], [3]], "esc": "<a href=\"x\">'&'</a>"
    })");
    for (const char* text : {
             "plain text, no tags",
             "{{a}} {{b.c}} {{b.d.e}} {{b.d}} {{missing}} {{b.missing}} {{a.b}}",
             "{{esc}}|{{{esc}}}|{{&esc}}|{{ esc }}|{{{ esc }}}",
             "{{z}} {{x}} {{t}} {{f}} {{n}} {{obj}} {{empty}} {{list}}",
             "<a>\n  {{#t}}\n  <b>{{a}}</b>\n  {{/t}}\n</a>\n",
             "  {{#list}}  \n<v>{{v}}</v>\n  {{/list}}\n",
             "{{#list}}<v n=\"{{v}}\">{{w}}{{a}}</v>{{/list}}",
             "{{#list}}{{#v}}[{{.}}]{{/v}}{{^w}}(no w){{/w}}\n{{/list}}",
             "{{#strings}}{{.}};{{/strings}}{{#nested}}<{{#.}}{{.}},{{/.}}>{{/nested}}",
             "{{^f}}f{{/f}}{{^n}}n{{/n}}{{^empty}}e{{/empty}}{{^missing}}m{{/missing}}{{^t}}t{{/t}}{{^obj}}o{{/obj}}",
             "{{#f}}F{{/f}}{{#n}}N{{/n}}{{#empty}}E{{/empty}}{{#missing}}M{{/missing}}{{#obj}}O{{a}}{{/obj}}",
             "{{#s}}S{{.}}S{{/s}}{{#z}}Z{{.}}{{/z}}{{#x}}X{{.}}{{a}}{{/x}}{{#b}}{{c}}{{#d}}{{e}}{{c}}{{/d}}{{/b}}",
             "{{#b.d}}{{e}}{{/b.d}}{{#b}}{{b.c}}{{/b}}{{#list}}{{list.v}}{{/list}}",
             "\r\n{{#t}}\r\n x \r\n{{/t}}\r\n\r{{#f}}\r{{/f}}\rend",
             "{{! a comment }}\n  {{! standalone comment }}\n{{#t}}  {{! inside }}  {{/t}}\n\t{{#t}}\t\n{{/t}}\n",
             "a{{#t}}\n{{/t}}b\n  {{#t}}x{{/t}}  \n{{#t}}{{/t}}\n{{#f}}{{/f}}  \nlast {{a}}",
             "{{}}{{ }}{{.}}{{#t}}{{.}}{{/t}}",
             "{{#list}}{{#u}}never{{/u}}{{^u}}none{{/u}}{{/list}}",
             "{{a..b}}{{.a}}{{a.}}{{#list}}{{.v}}{{/list}}{{b.}}{{b..}}{{..}}{{.b.c}}{{b.d.}}{{b.d.e.}}",
             "æøå {{a}} — “quoted” {{#t}}ÆØÅ{{/t}}",
         }) {
        same_as_library(text, view);
    }
    same_as_library("{{#.}}{{a}}{{/.}}", nlohmann::json::parse(R"({"a": "x"})"));
    same_as_library("{{a}}", nlohmann::json::parse(R"(["not", "an", "object"])"));
}

TEST_CASE("the walk leaves to the library what it does not take, and refuses what does not parse", "[letters][mustache]") {
    CHECK_FALSE(walk::compile("{{=<% %>=}}<% a %>").has_value());
    CHECK_FALSE(walk::compile("{{> partial}}").has_value());
    CHECK_FALSE(walk::compile("{{#a}}open").has_value());
    CHECK_FALSE(walk::compile("{{#a}}{{/b}}").has_value());
    CHECK_FALSE(walk::compile("{{/a}}").has_value());
    CHECK_FALSE(walk::compile("{{a").has_value());
    CHECK(walk::compile("{{#a}}{{#b}}{{/b}}{{/a}}").has_value());
}

TEST_CASE("the walk's bounds: lookups and markup bytes", "[letters][mustache][limits]") {
    // Six sections nested over a ten-item list: a million rounds, stopped at the lookup bound.
    nlohmann::json view{{"l", nlohmann::json::array()}};
    for (int i = 0; i < 10; ++i) view["l"].push_back(i);
    std::string text;
    for (int i = 0; i < 6; ++i) text += "{{#l}}";
    text += "{{a}}";
    for (int i = 0; i < 6; ++i) text += "{{/l}}";
    std::set<std::string> missing;
    const auto program = walk::compile(text);
    REQUIRE(program);
    CHECK_THROWS_WITH(walk::render(*program, view, missing), walk::lookup_bound_message());
}

TEST_CASE("the walk's bound on markup bytes", "[letters][mustache][limits]") {
    nlohmann::json view{{"s", std::string(std::size_t{1} << 20, 'x')}, {"l", nlohmann::json::array()}};
    for (int i = 0; i < 70; ++i) view["l"].push_back(i);
    std::set<std::string> missing;
    const auto program = walk::compile("{{#l}}{{{s}}}\n{{/l}}");
    REQUIRE(program);
    CHECK_THROWS_WITH(walk::render(*program, view, missing), walk::markup_bound_message());
}
