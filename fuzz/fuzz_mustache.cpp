// libFuzzer: the merge's walk over the view (letters/mustache_walk.hpp) against the kainjow
// mustache library it stands in for. The input is a template; the view is fixed and holds
// every kind of value. Whenever the library parses the template and the walk takes it, both
// must give the same markup and miss the same names; a difference aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <kainjow/mustache.hpp>
#include <set>
#include <string>

#include "letters/mustache_library.hpp"
#include "letters/mustache_walk.hpp"

namespace mu = kainjow::mustache;
namespace walk = brevgen::letters::mustache;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto view = nlohmann::json::parse(R"({
        "a": "A<&>\"'", "b": {"c": "C", "d": {"e": "E"}, "l": [1, 2]}, "t": true, "f": false, "n": null,
        "z": 0, "x": 1.5, "empty": [], "obj": {}, "s": "", "list": [{"v": "1", "w": "w"}, {"v": "2"}, {"u": null}],
        "strings": ["x", "y"], "nested": [[1, 2], [3]], "": "blank"
    })");
    static const mu::data library_view = walk::to_library_data(view);
    const std::string text(reinterpret_cast<const char*>(data), size);
    mu::mustache library(text);
    const auto program = walk::compile(text);
    // The loader parses with the library only what the walk does not compile.
    if (program && !library.is_valid()) std::abort();
    if (!program || !library.is_valid()) return 0;
    walk::StrictContext ctx(&library_view);
    std::string expected;
    bool library_bound = false;
    try {
        expected = library.render(ctx);
    } catch (const walk::RenderBound&) {
        library_bound = true;
    }
    std::set<std::string> missing;
    std::string got;
    bool walk_bound = false;
    try {
        got = walk::render(*program, view, missing);
    } catch (const walk::RenderBound&) {
        walk_bound = true;
    }
    if (library_bound || walk_bound) {
        if (library_bound != walk_bound && expected.size() < walk::max_markup_bytes) std::abort();
        return 0;
    }
    if (!library.is_valid()) return 0;  // failed while rendering (not in the walk's templates)
    if (got != expected || missing != ctx.missing) std::abort();
    return 0;
}
