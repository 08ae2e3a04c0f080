#pragma once
/// Inside the engine: what Engine and CaseTree hold. Only engine/*.cpp include this.

#include <cstdint>
#include <map>
#include <mutex>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "data/schema.hpp"
#include "data/value.hpp"
#include "engine/engine.hpp"
#include "letters/legal.hpp"
#include "letters/registry.hpp"
#include "letters/sender.hpp"
#include "letters/templates.hpp"

namespace brevgen {

namespace danish {
class Hyphenator;
}
namespace fonts {
class FontSet;
}

struct Engine::Impl {
    Settings settings;
    std::shared_ptr<const letters::KindRegistry> registry;
    std::vector<KindInfo> kinds;  ///< the registry's, with each kind's template files
    std::shared_ptr<const fonts::FontSet> fonts;
    const danish::Hyphenator* hyphenator = nullptr;
    std::shared_ptr<const letters::TemplateSet> templates;
    letters::SenderProfile sender;
    letters::LegalRefs legal;
    /// The profile's Digital Post fields, or why there are none.
    std::optional<letters::MessageSender> message_sender;
    Diagnostic message_sender_error;
    /// Whether the fonts draw a character: a case's printed fields are checked with it, so
    /// a character no font has is an error at its field, not somewhere in the letter.
    data::Drawable drawable;
    /// inputs_digest() per kind, computed on first use (a one-letter command never asks).
    mutable std::once_flag digests_once;
    mutable std::map<std::string, std::string, std::less<>> digests;
};

struct CaseTree::Impl {
    data::Value root;
};

}  // namespace brevgen
