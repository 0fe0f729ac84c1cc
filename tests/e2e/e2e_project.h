#pragma once

// A temporary Strata project (strata.yaml, schema/, migrations/) bound to a
// fresh test database through DATABASE_URL.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "e2e/strata_runner.h"
#include "support/shell.h"
#include "support/test_database.h"

namespace strata::e2e {

class E2EProject {
 public:
  E2EProject();
  ~E2EProject();
  E2EProject(const E2EProject&) = delete;
  E2EProject& operator=(const E2EProject&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  const std::string& url() const { return db_.url(); }
  const testing::TestDatabase& db() const { return db_; }

  // Writes (or replaces) schema/<name>.
  void write_model(const std::string& name, const std::string& yaml) const;
  // Writes a hand-made revision pair; returns the up file's path.
  std::filesystem::path write_revision(const std::string& id, const std::string& parent,
                                       const std::string& message, const std::string& up,
                                       const std::string& down) const;
  std::vector<std::filesystem::path> revision_files() const;  // *.up.sql, sorted

  // Runs strata in the project folder against the test database.
  RunResult strata(const std::vector<std::string>& args) const;
  RunOptions options() const;

  // First column of the first row, as text ("" for none or NULL).
  std::string query(const std::string& sql) const;
  // Every row, columns joined by '|', rows by '\n'.
  std::string rows(const std::string& sql) const;
  // The database's current revision per strata.revisions ("" for none).
  std::string current_revision() const;

 private:
  std::filesystem::path dir_;
  testing::TestDatabase db_;
};

std::string read_file(const std::filesystem::path& p);
using testing::run_output;
using testing::shell_quote;
void write_file(const std::filesystem::path& p, const std::string& text);

// `strata check` exits 0 (`when` says at which step, on failure).
void expect_clean_check(const E2EProject& p, const std::string& when);
// The database matches the models: `strata diff --json` lists no change.
void expect_no_difference(const E2EProject& p, const std::string& when);

}  // namespace strata::e2e
