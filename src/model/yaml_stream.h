#pragma once

// Every YAML document of a file, read with yaml-cpp, guarded against its
// LoadAll looping forever.

#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace strata::model {

// YAML::LoadAll(text), except that a stream yaml-cpp 0.7 cannot get past
// (a document starting with a token its parser does not consume, such as a
// lone ','; LoadAll would build null documents until memory runs out) throws
// YAML::ParserException at that token instead.
std::vector<YAML::Node> load_all_documents(const std::string& text);

}  // namespace strata::model
