#pragma once

// Applied revisions whose files changed (or vanished) since they were applied.

#include <string>
#include <vector>

#include "apply/applied_revision.h"
#include "revision/store.h"

namespace strata::apply {

struct FileMismatch {
  enum class Kind {
    kEdited,       // the files' checksum differs from the one recorded
    kMissingFile,  // applied in the database, no such revision in the directory
  };
  Kind kind;
  std::string revision;
  std::string file;      // the up file's path (empty for kMissingFile)
  std::string recorded;  // checksum in strata.revisions
  std::string actual;    // checksum of the files now (empty for kMissingFile)
  std::string message;   // one line for the user, with a fix

  bool operator==(const FileMismatch&) const = default;
};

// Compares every applied revision with the store. Empty when all match.
std::vector<FileMismatch> find_file_mismatches(const revision::Store& store,
                                               const std::vector<AppliedRevision>& applied);

}  // namespace strata::apply
