#include "sql/tree_walk.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace strata::sql {
namespace {

using nlohmann::json;

TEST(ForEachObject, ParentsFirstInDocumentOrder) {
  json tree = json::parse(R"({"a": {"id": 1, "b": [{"id": 2}, {"id": 3, "c": {"id": 4}}]}, "d": {"id": 5}})");
  std::vector<int> seen;
  for_each_object(tree, [&](const json& node) {
    if (node.contains("id")) seen.push_back(node["id"].get<int>());
    return true;
  });
  EXPECT_EQ(seen, (std::vector<int>{1, 2, 3, 4, 5}));
}

TEST(ForEachObject, FalseSkipsTheChildren) {
  json tree = json::parse(R"([{"id": 1, "x": {"id": 2}}, {"id": 3, "skip": true, "x": {"id": 4}}, {"id": 5}])");
  std::vector<int> seen;
  for_each_object(tree, [&](const json& node) {
    if (node.contains("id")) seen.push_back(node["id"].get<int>());
    return !node.contains("skip");
  });
  EXPECT_EQ(seen, (std::vector<int>{1, 2, 3, 5}));
}

TEST(ForEachObject, ATreeDeeperThanAnyCallStackIsWalked) {
  json tree = json::object();
  json* at = &tree;
  const int depth = 200000;
  for (int i = 0; i < depth; ++i) at = &((*at)["next"] = json::object());
  int objects = 0;
  for_each_object(tree, [&](const json&) { return ++objects, true; });
  EXPECT_EQ(objects, depth + 1);
  // nlohmann's destructor of such a tree is iterative too.
}

}  // namespace
}  // namespace strata::sql
