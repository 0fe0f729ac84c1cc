#pragma once

// validate()'s and the hazard lint's findings for revision files,
// remembered between runs.
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
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "lint/linter.h"
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
  // When the up file was parsed (not found in the cache) as one step, its
  // analysis is kept until the next lint_text call, which uses it if it is
  // asked about the same bytes and finds no entry: a file validated and
  // then linted is parsed once.
  std::vector<Diagnostic> validate(const Revision& revision);

  // lint::lint_text on `text` (an up file), from the cache when it holds the
  // file's hazards. The entry keeps what was found, never whether it is an
  // error: that is worked out on every call from `acknowledge` and the
  // file's `-- strata:allow` lines, as lint_text does. Throws as lint_text
  // does (nothing is kept for a file that throws).
  std::vector<lint::Finding> lint_text(std::string_view text, const std::string& file,
                                       const std::vector<lint::HazardKind>& acknowledge);

  // The entry file for `script` (whether or not it exists); for tests.
  std::filesystem::path entry_path(std::string_view script, bool in_transaction) const;
  std::filesystem::path lint_entry_path(std::string_view text) const;

  // How many answers came from the cache, and how many were computed.
  int hits() const { return hits_; }
  int misses() const { return misses_; }

 private:
  // sql::analyze_script of the up file validate() parsed last, by the lint
  // entry's digest of its text (so it is used only for the same bytes).
  struct KeptAnalysis {
    std::string lint_digest;
    sql::SplitResult analysis;
  };

  std::vector<Diagnostic> validate_script(std::string_view script, const std::string& file,
                                          bool in_transaction, bool keep);

  std::filesystem::path dir_;
  int hits_ = 0, misses_ = 0;
  std::optional<KeptAnalysis> kept_;
};

}  // namespace strata::revision
