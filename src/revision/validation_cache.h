#pragma once

// validate()'s findings for revision files, remembered between runs.
//
// `check` and `validate` parse every revision file on every run, and a
// project's files rarely change. An entry is kept per SHA-256 of exactly
// what was checked (the validator's version, whether the file runs in a
// transaction, the file's bytes), one small file per entry in the cache
// folder (`.strata/cache/revisions` of a project). An entry is used only when
// the digest recorded inside it is the one just computed from the file, so
// an edited file is always checked again; an entry that cannot be read or is
// malformed is ignored (and rewritten). The cache never changes an answer:
// it only skips recomputing one, and failing to write it is not an error.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "revision/revision.h"

namespace strata::revision {

class ValidationCache {
 public:
  // `dir` is created when the first entry is written.
  explicit ValidationCache(std::filesystem::path dir) : dir_(std::move(dir)) {}

  // validate_script (validate.h), from the cache when it holds the answer.
  std::vector<Diagnostic> validate_script(std::string_view script, const std::string& file,
                                          bool in_transaction);
  // validate (validate.h) on both files of `revision`, through the cache.
  std::vector<Diagnostic> validate(const Revision& revision);

  // The entry file for `script` (whether or not it exists); for tests.
  std::filesystem::path entry_path(std::string_view script, bool in_transaction) const;

  // How many answers came from the cache, and how many were computed.
  int hits() const { return hits_; }
  int misses() const { return misses_; }

 private:
  std::filesystem::path dir_;
  int hits_ = 0, misses_ = 0;
};

}  // namespace strata::revision
