#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "diff/plan.h"
#include "model/schema.h"

namespace strata::golden {

// One case folder: tests/golden/<name>/{current.yaml,desired.yaml,up.sql,down.sql}
// and, optionally, options.yaml.
struct GoldenCase {
  std::string name;
  std::filesystem::path dir;

  std::string read(const std::string& file) const;
  void write(const std::string& file, const std::string& text) const;
  // current.yaml / desired.yaml through the model loader.
  model::Schema current() const;
  model::Schema desired() const;
  // options.yaml in the case folder: `plan: online` renders the case's
  // up.sql and down.sql as an online plan; without the file (or with
  // `plan: offline`) the plan is offline. Throws on anything else.
  bool online() const;
  // The roles the models name: the lines of the case's `roles` file (none
  // without one). Names are unique to the case, so cases can run at once.
  std::vector<std::string> roles() const;
  // The differ's options: owners and/or privileges managed when the case's
  // `manage` file names them (as `manage:` in strata.yaml does).
  diff::Options options() const;
};

// gtest prints a case by its name.
inline void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.name; }

// Every case folder, sorted by name.
std::vector<GoldenCase> all_cases();

// For parameterized test names.
std::string case_name(const GoldenCase& c);

// The statements of `script`, each checked to parse on its own with
// libpg_query; failures are added to `problems`.
std::vector<std::string> parsed_statements(const std::string& script,
                                           std::vector<std::string>& problems);

}  // namespace strata::golden
