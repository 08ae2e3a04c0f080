// libFuzzer: a whole letter from case text (JSON or XML) to PDF bytes, for every kind; and,
// for one kind picked by the input's length, the Digital Post message, which must then be
// well-formed XML addressed to a CPR (10 digits) or CVR (8 digits) number.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <pugixml.hpp>
#include <string_view>

#include "fuzz_engine.hpp"

namespace {

void check_message(brevgen::Renderer& renderer, std::string_view kind, std::string_view text) {
    brevgen::MessageOptions options;
    options.created = 0;  // no clock: a crash must replay
    const auto m = renderer.message(kind, text, {}, options);
    if (m.outcome != brevgen::Outcome::ok) return;
    pugi::xml_document doc;
    if (!doc.load_buffer(m.xml.data(), m.xml.size())) std::abort();
    const auto header = doc.child("memo:Message").child("memo:MessageHeader");
    const std::string_view id = header.child("memo:Recipient").child_value("memo:recipientID");
    if (id.size() != 8 && id.size() != 10) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto engine = fuzz_engine();
    static brevgen::Renderer renderer(engine);
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto& kinds = engine->kinds();
    for (const auto& kind : kinds) (void)renderer.render(kind.name, text);
    if (!kinds.empty()) check_message(renderer, kinds[size % kinds.size()].name, text);
    return 0;
}
