#pragma once
/// Reading a list of weekdays as people write it in a plan ("man., ons., fre.",
/// "man.–tors.", "mandag og tirsdag"), so hours per day are shown only when the days are known.

#include <optional>
#include <string_view>

namespace brevgen::danish {

/// How many distinct weekdays `text` names, or nullopt when it is anything but a list of
/// weekdays and ranges of them ("formiddage", "efter aftale", "3 dage").
std::optional<int> count_weekdays(std::string_view text);

}  // namespace brevgen::danish
