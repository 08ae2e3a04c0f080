#pragma once
// Compiled-in legal values for unit tests only, so the worked examples do not move when
// templates/legal.json changes with the law. Production code always loads the file;
// domain_legal_test.cpp checks the file itself.

#include "letters/legal.hpp"

namespace brevgen::test {

inline letters::LegalRefs test_legal() {
    letters::LegalRefs refs;
    refs.foerste_opfoelgning_uger = 8;
    refs.samtale_7a_uger = 4;
    refs.fast_track_uger = 5;
    refs.delvis_fravaer_min_timer = 4;
    refs.optrapningsplan_max_uger = 13;
    refs.texts = {{"paragraf_samtale", "§ 7 a"}};
    return refs;
}

}  // namespace brevgen::test
