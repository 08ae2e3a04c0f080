#pragma once
/// Internal to letters/: what a merge through the kainjow mustache library needs (for a
/// template the walk of mustache_walk.hpp cannot take), shared with the test and the fuzz
/// harness that compare the walk against the library.

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "letters/mustache_walk.hpp"

namespace brevgen::letters::mustache {

/// The view as the library's data: null is false, numbers are their JSON text.
kainjow::mustache::data to_library_data(const nlohmann::json& j);

/// A library lookup context that remembers names the view does not have, and counts
/// lookups against max_lookups as the walk does.
class StrictContext : public kainjow::mustache::context<std::string> {
public:
    explicit StrictContext(const kainjow::mustache::data* d) : kainjow::mustache::context<std::string>(d) {}
    const kainjow::mustache::data* get(const std::string& name) const override {
        if (++lookups_ > max_lookups) throw RenderBound(lookup_bound_message());
        const kainjow::mustache::data* found = kainjow::mustache::context<std::string>::get(name);
        if (!found) missing.insert(name);
        return found;
    }
    mutable std::set<std::string> missing;

private:
    mutable std::size_t lookups_ = 0;
};

}  // namespace brevgen::letters::mustache
