#pragma once
// The engine the whole-letter harnesses share: loaded once, fonts from the build tree,
// a low page limit so a fuzzed case cannot spend seconds on layout.
#include "engine/engine.hpp"

inline std::shared_ptr<const brevgen::Engine> fuzz_engine() {
    static const auto engine = [] {
        brevgen::Settings s;
        s.font_dir = BREVGEN_FUZZ_FONT_DIR;
        s.layout_limits.max_pages = 20;
        return brevgen::Engine::load(s);
    }();
    return engine;
}
