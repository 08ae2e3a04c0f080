#include "common/environment.hpp"

#include <cstdlib>
#include <string_view>

namespace brevgen {

namespace {

/// A variable's value; an empty one counts as unset.
std::string variable(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? std::string(value) : std::string();
}

}  // namespace

Environment Environment::from_process() {
    Environment env;
    env.templates_dir = variable("BREVGEN_TEMPLATES");
    env.fonts_dir = variable("BREVGEN_FONTS");
    env.hyphen_dict = variable("BREVGEN_HYPHEN_DICT");
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
        // As reproducible builds define it: decimal seconds since 1970-01-01T00:00Z. Set but
        // malformed (or empty) is an error, not a silent fallback to the clock.
        const std::string_view text(epoch);
        std::int64_t value = 0;
        bool ok = !text.empty() && text.size() <= 12;  // up to year 9999 (253402300799)
        for (const char c : text) {
            ok = ok && c >= '0' && c <= '9';
            if (ok) value = value * 10 + (c - '0');
        }
        if (ok && value <= 253402300799) {
            env.source_date_epoch = value;
        } else {
            env.source_date_epoch_error = "SOURCE_DATE_EPOCH: expected seconds since 1970-01-01 (digits only)";
        }
    }
    return env;
}

}  // namespace brevgen
