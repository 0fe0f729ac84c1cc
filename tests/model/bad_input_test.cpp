// Every tests/model/bad/<name>.yaml must be refused with exactly the
// diagnostics listed in bad/<name>.expected, one "line:col: message" a line,
// in order. STRATA_UPDATE_GOLDEN=1 rewrites the .expected files (review the
// diff before committing).

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "model/yaml_loader.h"

namespace strata::model {
namespace {

namespace fs = std::filesystem;

fs::path bad_dir() { return fs::path(STRATA_MODEL_TEST_DIR) / "bad"; }

std::vector<std::string> bad_cases() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(bad_dir()))
    if (e.path().extension() == ".yaml") out.push_back(e.path().stem().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class BadInput : public ::testing::TestWithParam<std::string> {};

TEST_P(BadInput, ReportsEveryProblemWithItsPosition) {
  fs::path yaml = bad_dir() / (GetParam() + ".yaml");
  fs::path expected_path = bad_dir() / (GetParam() + ".expected");
  std::string got;
  try {
    load_files({yaml});
    FAIL() << yaml << " was accepted";
  } catch (const LoadError& e) {
    ASSERT_FALSE(e.diagnostics().empty());
    for (const auto& d : e.diagnostics()) {
      EXPECT_EQ(d.where.file, yaml.generic_string());
      EXPECT_GT(d.where.line, 0) << d.message;
      EXPECT_GT(d.where.column, 0) << d.message;
      got += std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + ": " +
             d.message + "\n";
    }
  }
  const char* update = std::getenv("STRATA_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream(expected_path) << got;
    return;
  }
  ASSERT_TRUE(fs::exists(expected_path)) << expected_path << " is missing; got:\n" << got;
  EXPECT_EQ(got, read(expected_path));
}

INSTANTIATE_TEST_SUITE_P(Files, BadInput, ::testing::ValuesIn(bad_cases()),
                         [](const ::testing::TestParamInfo<std::string>& i) { return i.param; });

TEST(BadInput, ThereAreAtLeastThirtyCases) { EXPECT_GE(bad_cases().size(), 30u); }

}  // namespace
}  // namespace strata::model
