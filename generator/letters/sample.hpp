#pragma once
/// Built-in sample cases, used when templates are loaded to find every tag that names a
/// value the view does not have — before any letter is made, not as a gap in one.

#include <string_view>

namespace brevgen::letters {

/// A case with every optional field present and one element in every array.
std::string_view full_sample_case();

/// A case with only the fields every kind requires, so inverted sections are rendered too.
std::string_view minimal_sample_case();

}  // namespace brevgen::letters
