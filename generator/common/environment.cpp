#include "common/environment.hpp"

#include <charconv>
#include <cstdlib>
#include <string_view>

namespace brevgen {

namespace {

/// The one getenv in brevgen; an empty variable counts as unset.
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
    const std::string epoch = variable("SOURCE_DATE_EPOCH");
    if (!epoch.empty()) {
        std::int64_t seconds = 0;
        const auto [end, ec] = std::from_chars(epoch.data(), epoch.data() + epoch.size(), seconds);
        if (ec == std::errc() && end == epoch.data() + epoch.size() && seconds >= 0) {
            env.source_date_epoch = seconds;
        } else {
            env.source_date_epoch_error = "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not " + epoch;
        }
    }
    return env;
}

}  // namespace brevgen
