// XML reader: the tree (objects, repeated elements as arrays, text), positions, entities and
// character data, what is refused (DTDs, other encodings, content outside <sag>), syntax
// errors with line:column, and every limit.
#include <catch2/catch.hpp>

#include "data_test_support.hpp"

using namespace data_test;
namespace data = brevgen::data;
using Type = data::Value::Type;

namespace {

std::string xml_error(std::string_view text, const data::ReadLimits& limits = {}) {
    const auto r = data::read_xml(text, limits);
    if (r.diagnostics.size() != 1 || r.root) return "expected exactly one error and no tree";
    const auto& d = r.diagnostics.front();
    return at(d.pos) + (d.path.empty() ? "" : " " + d.path) + ": " + d.message;
}

data::Value xml_tree(std::string_view text) {
    auto r = data::read_xml(text);
    INFO(render(r.diagnostics, "x.xml"));
    REQUIRE(r.root);
    return std::move(*r.root);
}

}  // namespace

TEST_CASE("XML elements become objects, text and arrays with positions", "[data][xml]") {
    const auto root = xml_tree(
        "<?xml version=\"1.0\"?>\n<sag>\n  <medarbejder>\n    <navn>Łukasz Wójcik</navn>\n"
        "    <telefon/>\n  </medarbejder>\n  <medbring>A</medbring>\n  <x/>\n  <medbring>B</medbring>\n</sag>\n");
    CHECK(root.type == Type::object);
    CHECK(at(root.pos) == "2:1");
    CHECK(at(root.at("/medarbejder")->pos) == "3:3");
    CHECK(root.at("/medarbejder/navn")->type == Type::text);
    CHECK(root.at("/medarbejder/navn")->scalar == "Łukasz Wójcik");
    CHECK(at(root.at("/medarbejder/navn")->pos) == "4:11");  // the text itself
    CHECK(root.at("/medarbejder/telefon")->scalar.empty());
    CHECK(at(root.at("/medarbejder/telefon")->pos) == "5:5");  // no text: the element
    // Repeated siblings, even apart, are one array at the place of the first.
    REQUIRE(root.members.size() == 3);
    CHECK(root.members[1].first == "medbring");
    CHECK(root.at("/medbring")->type == Type::array);
    CHECK(at(root.at("/medbring")->pos) == "7:3");
    CHECK(root.at("/medbring/1")->scalar == "B");
    CHECK(at(root.at("/medbring/1")->pos) == "9:13");
}

TEST_CASE("<sag/> is an empty case; one element is not yet an array", "[data][xml]") {
    CHECK(xml_tree("<sag/>").type == Type::object);
    CHECK(xml_tree("<sag></sag>").members.empty());
    CHECK(xml_tree("<sag><uger><timer>1</timer></uger></sag>").at("/uger")->type == Type::object);
}

TEST_CASE("XML text: entities, character references, CDATA and line ends", "[data][xml]") {
    const auto root = xml_tree(
        "<sag><a>Tømrer &amp; Snedker &lt;Byg&gt; &quot;&apos;</a><b>Kj&#xE6;rgaard &#248;</b>"
        "<c><![CDATA[<Byg> & ]]>x<!-- ignored -->y</c><d>line 1\r\nline 2\rline 3</d><e><![CDATA[a\r\nb]]></e></sag>");
    CHECK(root.at("/a")->scalar == "Tømrer & Snedker <Byg> \"'");
    CHECK(root.at("/b")->scalar == "Kjærgaard ø");
    CHECK(root.at("/c")->scalar == "<Byg> & xy");
    CHECK(root.at("/d")->scalar == "line 1\nline 2\nline 3");
    CHECK(root.at("/e")->scalar == "a\nb");
}

TEST_CASE("XML white space: kept inside text, ignored between elements", "[data][xml]") {
    const auto root = xml_tree("<sag>\n  <a>  two spaces  </a>\n  <b> </b>\n  <c>\n    <d>1</d>\n  </c>\n</sag>");
    CHECK(root.at("/a")->scalar == "  two spaces  ");
    CHECK(root.at("/b")->scalar == " ");
    CHECK(root.at("/c")->type == Type::object);
}

TEST_CASE("XML attributes, comments, processing instructions are ignored", "[data][xml]") {
    const auto root = xml_tree("<?xml version=\"1.0\" encoding=\"utf-8\"?><!-- c --><sag v=\"2\"><?pi x?><a id=\"1\">x</a></sag><!-- c -->");
    CHECK(root.members.size() == 1);
    CHECK(root.at("/a")->scalar == "x");
}

TEST_CASE("XML entities other than the predefined ones are errors", "[data][xml]") {
    CHECK(xml_error("<sag>\n  <a>x&nbsp;y</a></sag>") ==
          "2:7 /a: undefined entity &nbsp; (only &lt; &gt; &amp; &apos; &quot; and character references exist)");
    CHECK(xml_error("<sag><a>A & B</a></sag>") == "1:11 /a: '&' must be written as &amp;");
    CHECK(xml_error("<sag><a>&#0;</a></sag>") == "1:9 /a: character reference &#0; is U+0000, which XML does not allow");
    CHECK(xml_error("<sag><a>&#xD800;</a></sag>") == "1:9 /a: character reference &#xD800; is U+D800, which XML does not allow");
    CHECK(xml_error("<sag><a>&#xZZ;</a></sag>") == "1:9 /a: malformed character reference &#xZZ;");
    CHECK(xml_error("<sag><a>x\x01</a></sag>") == "1:10 /a: control character U+0001 is not allowed in XML");
}

TEST_CASE("DTDs are refused: no billion laughs, no external entities", "[data][xml]") {
    CHECK(xml_error("<?xml version=\"1.0\"?>\n<!DOCTYPE sag [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]>\n<sag>&b;</sag>") ==
          "2:1: DOCTYPE declarations are not allowed (no DTDs, no entity declarations)");
    CHECK(xml_error("<!DOCTYPE sag SYSTEM \"http://example.com/sag.dtd\"><sag/>") ==
          "1:1: DOCTYPE declarations are not allowed (no DTDs, no entity declarations)");
}

TEST_CASE("XML must be UTF-8 with a <sag> root and nothing outside it", "[data][xml]") {
    CHECK(xml_error("<?xml version=\"1.0\" encoding=\"windows-1252\"?><sag/>") ==
          "1:1: encoding \"windows-1252\" is not supported; case files must be UTF-8");
    CHECK(xml_error("<sag><a>K\xE6r</a></sag>") == "1:10: invalid UTF-8 byte sequence; case files must be UTF-8");
    CHECK(xml_error(std::string_view("<sag>\0</sag>", 12)) == "1:6: NUL byte in input; case files are UTF-8 text");
    CHECK(xml_error("<case/>") == "1:1: root element must be <sag>, not <case>");
    CHECK(xml_error("<sag/>\n<sag/>") == "2:1: content outside the root element <sag>");
    CHECK(xml_error("<sag/>x") == "1:7: content outside the root element <sag>");
    CHECK(xml_error("") == "1:1: no root element; expected <sag>");
    CHECK(xml_error("<sag>\n  <a>1<b/></a>\n</sag>") == "2:6 /a: element <a> mixes text and child elements");
    CHECK(xml_tree("\xEF\xBB\xBF<sag><a>1</a></sag>").at("/a")->pos == brevgen::SourcePos{1, 9});
}

TEST_CASE("XML syntax errors name the element and its line", "[data][xml]") {
    CHECK(xml_error("<sag>\n  <moede>\n    <start>x</start>\n</sag>") == "2:3: unclosed element <moede>");
    CHECK(xml_error("<sag>\n  <moede>\n    <start>x") == "3:5: unclosed element <start>");
    CHECK(xml_error("<sag><a>1</b></sag>") == "1:10: end tag </b> does not match <a>");
    CHECK(xml_error("<sag><a>x</") == "1:6: unclosed element <a>");
    CHECK(xml_error("<sag><a b=></a></sag>") == "1:11: malformed attribute");
    CHECK(xml_error("<sag><1a/></sag>") == "1:7: malformed tag");
    CHECK(xml_error("<sag><!-- x") == "1:11: malformed comment");
}

TEST_CASE("XML nesting: containers count as levels, text elements as values", "[data][xml][limits]") {
    const auto nested = [](std::size_t containers) {
        std::string s = "<sag>";
        for (std::size_t i = 1; i < containers; ++i) s += "<a>";
        s += "<v>leaf</v>";
        for (std::size_t i = 1; i < containers; ++i) s += "</a>";
        return s + "</sag>";
    };
    CHECK(data::read_xml(nested(64)).root);  // like JSON: 64 objects, the leaf is a value
    const auto r = data::read_xml(nested(65));
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(at(r.diagnostics[0].pos) == "1:195");  // the 65th container: <sag> and 63 <a>
    CHECK(r.diagnostics[0].message == "nesting is deeper than the limit of 64 levels");
}

TEST_CASE("100 000 levels of XML nesting neither crash nor recurse", "[data][xml][limits]") {
    std::string deep = "<sag>";
    for (int i = 0; i < 100'000; ++i) deep += "<a>";
    for (int i = 0; i < 100'000; ++i) deep += "</a>";
    deep += "</sag>";
    const auto r = data::read_xml(deep);
    CHECK_FALSE(r.root);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(at(r.diagnostics[0].pos) == "1:195");
}

TEST_CASE("repeated XML elements up to the item limit; one more is an error", "[data][xml][limits]") {
    const auto repeated = [](std::size_t n) {
        std::string s = "<sag>";
        for (std::size_t i = 0; i < n; ++i) s += "<u>0</u>";
        return s + "</sag>";
    };
    CHECK(data::read_xml(repeated(10'000)).root->at("/u")->items.size() == 10'000);
    CHECK(xml_error(repeated(10'001)) == "1:80006 /u/10000: array has more items than the limit of 10000");
}

TEST_CASE("XML text over the string limit, input over the size limit", "[data][xml][limits]") {
    data::ReadLimits limits;
    limits.max_string_bytes = 4;
    CHECK(data::read_xml("<sag><a>&amp;&amp;&amp;&amp;</a></sag>", limits).root);  // 4 bytes once decoded
    CHECK(xml_error("<sag><a>12345</a></sag>", limits) == "1:9 /a: string is longer than the limit of 4 bytes");
    limits = {};
    limits.max_input_bytes = 8;
    CHECK(xml_error("<sag>\n<a/></sag>", limits) == "2:3: the input is larger than the limit of 8 bytes");
}

TEST_CASE("XML nodes up to the node limit are read; one more is refused before pugixml builds a DOM", "[data][xml][limits]") {
    data::ReadLimits limits;
    limits.max_nodes = 6;  // elements, attributes, comments, processing instructions, CDATA
    CHECK(data::read_xml("<sag><a x=\"1\">1</a><!-- c --><b><![CDATA[2]]></b></sag>", limits).root);
    CHECK(xml_error("<sag><a x=\"1\">1</a><!-- c --><b><![CDATA[2]]></b><c/></sag>", limits) ==
          "1:50 /c: the case has more values than the limit of 6");
    limits.max_nodes = 5;
    CHECK(xml_error("<sag>\n<a/><a/><a/><a/>\n<a/></sag>", limits) == "3:1 /a/4: the case has more values than the limit of 5");
    CHECK(xml_error("<sag><a p='=' q=\"'\" r='' s='' t=''/></sag>", limits) ==
          "1:6 /a: the case has more values than the limit of 5");
    // The default bounds a 16 MiB case of empty elements long before pugixml's DOM grows.
    std::string many = "<sag>";
    for (int g = 0; g < 11; ++g) {
        many += "<g" + std::to_string(g) + ">";
        for (int i = 0; i < 9'999; ++i) many += "<a/>";
        many += "</g" + std::to_string(g) + ">";
    }
    many += "</sag>";
    CHECK(xml_error(many) == "1:400047 /g9/a/9998: the case has more values than the limit of 100000");
}

TEST_CASE("the XML structure check agrees with the tree builder on depth and repeats", "[data][xml][limits]") {
    // Both limits are found by the check before pugixml runs, with the builder's paths.
    data::ReadLimits limits;
    limits.max_depth = 2;
    limits.max_array_items = 2;
    CHECK(xml_error("<sag><a><b><c>1</c></b></a></sag>", limits) == "1:9 /a/b: nesting is deeper than the limit of 2 levels");
    CHECK(xml_error("<sag><a><b>1</b><b>2</b><b>3</b></a></sag>", limits) ==
          "1:25 /a/b/2: array has more items than the limit of 2");
    CHECK(xml_error("<sag><a/><a><b/><b><c><d/></c></b></a></sag>", limits) ==
          "1:17 /a/1/b/1: nesting is deeper than the limit of 2 levels");
    CHECK(data::read_xml("<sag><a><b>1</b></a><a><b>1</b><b>2</b></a></sag>", limits).root);
    // Broken markup is pugixml's to report; the check only counts.
    CHECK(xml_error("<sag><a x=></a></sag>", limits) == "1:11: malformed attribute");
    CHECK(xml_error("<sag><<<<>", limits) == "1:7: malformed tag");
}

TEST_CASE("XML errors that name elements never echo a CPR number", "[data][xml][privacy]") {
    CHECK(xml_error("<sag><n3001901234>x</m3001901234></sag>") == "1:20: end tag </m300190-xxxx> does not match <n300190-xxxx>");
    CHECK(xml_error("<sag><n300190-1234>") == "1:6: unclosed element <n300190-xxxx>");
    CHECK(xml_error("<c3001901234/>") == "1:1: root element must be <sag>, not <c300190-xxxx>");
    CHECK(xml_error("<?xml version=\"1.0\" encoding=\"3001901234\"?><sag/>") ==
          "1:1: encoding \"300190-xxxx\" is not supported; case files must be UTF-8");
}

TEST_CASE("regression (fuzz_xml): an escaped control character and the digits after it never read as a CPR number",
          "[data][xml][privacy]") {
    // "\u0014" then "026-11123": shown as "\u001402-xxxxxx", not as "…014026-1112…".
    CHECK(xml_error("<sag><brevdato>x</brevdat\x14" "026-11123></sag>") ==
          "1:17: end tag </brevdat\\u001402-xxxxxx> does not match <brevdato>");
    // Also where the value is cut at 40 characters inside a long run of digits.
    CHECK(xml_error("<sag><brevdato>x</brevdat\x14" "026-" + std::string(100, '6') + "></sag>") ==
          "1:17: end tag </brevdat\\u001402-xxxxxxx-xxxxxxxxxxxxxxxxxxxxx…> does not match <brevdato>");
}

TEST_CASE("a batch record's case meets the structure limits as a case file does, at paths under /case", "[data][xml][limits]") {
    // <ordre> is one more level than a case file has: it must not count as depth, and a limit's
    // path names the case's fields under /case, as the tree's own paths do. The record's own
    // three values (<ordre>, id, kind) count as values, as a JSON record's do.
    const std::string sag = "<sag><a><b><c>1</c></b></a><r>1</r><r>2</r><r>3</r><!--x--></sag>";
    for (const auto& [depth, items, nodes] : {std::tuple{1, 99, 99}, {2, 99, 99}, {3, 99, 99}, {9, 2, 99}, {9, 99, 5}, {9, 99, 9}}) {
        data::ReadLimits limits;
        limits.max_depth = static_cast<std::size_t>(depth);
        limits.max_array_items = static_cast<std::size_t>(items);
        limits.max_nodes = static_cast<std::size_t>(nodes);
        INFO("depth " << depth << ", items " << items << ", nodes " << nodes);
        const auto file = data::read_xml(sag, limits);
        data::ReadLimits record_limits = limits;
        record_limits.max_nodes += 3;
        const auto order = data::read_xml_order("<ordre id=\"a\" kind=\"referat\">" + sag + "</ordre>", record_limits);
        REQUIRE(file.diagnostics.size() == order.diagnostics.size());
        for (std::size_t i = 0; i < file.diagnostics.size(); ++i) {
            const auto& message = file.diagnostics[i].message;  // the node limit names its own number
            CHECK(order.diagnostics[i].message.substr(0, 30) == message.substr(0, 30));
            CHECK(order.diagnostics[i].code == file.diagnostics[i].code);
            CHECK(order.diagnostics[i].path == "/case" + file.diagnostics[i].path);
        }
        CHECK(order.case_root.has_value() == file.root.has_value());
    }
}
