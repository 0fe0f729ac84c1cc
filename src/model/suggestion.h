#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::model {

// Edit distance between two strings (optimal string alignment: insertions,
// deletions, substitutions and swaps of neighbours each cost 1), compared
// case-insensitively.
int edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if one is close enough to be what the user
// meant (distance at most 2, and less than a third of the word's length
// rounded up). Ties go to the earliest candidate.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

// " (did you mean 'x'?)" when closest_match finds x, else "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace strata::model
