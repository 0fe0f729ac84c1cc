// Inputs the fuzz targets of fuzz/ found, kept so the normal build checks
// them: each must end in a schema or a LoadError, never another exception.

#include <string>

#include <gtest/gtest.h>

#include "core/error.h"
#include "model/yaml_loader.h"

namespace strata::model {
namespace {

std::string load_error_of(const std::string& yaml) {
  try {
    load_string(yaml, "m.yaml");
  } catch (const LoadError& e) {
    return e.what();
  }
  return "(loaded)";
}

// A view query with a byte that is not UTF-8 (found as "GROUP BY t\xcf.id")
// threw nlohmann::json::parse_error out of the loader. The whole file is now
// checked first, and the byte named at its line and column.
TEST(FuzzRegression, NonUtf8ViewQueryIsALoadError) {
  std::string e = load_error_of(
      "tables:\n  t: {columns: {id: integer}}\n"
      "views:\n  v:\n    query: |\n      SELECT t.id FROM t GROUP BY t\xcf.id\n");
  EXPECT_NE(e.find("m.yaml:6:36: "), std::string::npos) << e;
  EXPECT_NE(e.find("(0xCF) is not valid UTF-8"), std::string::npos) << e;
}

TEST(FuzzRegression, NonUtf8ExpressionsAreLoadErrors) {
  std::string e = load_error_of(
      "tables:\n  t:\n    columns:\n"
      "      a: {type: text, default: \"'caf\xe9'\"}\n"
      "      b: {type: integer, check: \"b > \x91\"}\n");
  EXPECT_NE(e.find("m.yaml:4:37: "), std::string::npos) << e;
  EXPECT_NE(e.find("(0xE9) is not valid UTF-8"), std::string::npos) << e;
}

// A file holding a lone ',' (found as exactly that, one byte) made yaml-cpp's
// LoadAll build null documents forever: validate hung until memory ran out.
TEST(FuzzRegression, StrayCommaIsMalformedYamlNotAHang) {
  for (std::string text : {",", ",,", "---\ntables: {}\n---\n,\n", "\n\n  ,\n"}) {
    std::string e = load_error_of(text);
    EXPECT_NE(e.find("m.yaml:"), std::string::npos) << e;
    EXPECT_NE(e.find("malformed YAML"), std::string::npos) << e;
  }
  EXPECT_EQ(load_error_of("---\ntables: {}\n---\nschema: app\n"), "(loaded)");
}

}  // namespace
}  // namespace strata::model
