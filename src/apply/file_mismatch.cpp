#include "apply/file_mismatch.h"

namespace strata::apply {

std::vector<FileMismatch> find_file_mismatches(const revision::Store& store,
                                               const std::vector<AppliedRevision>& applied) {
  std::vector<FileMismatch> out;
  for (const auto& a : applied) {
    const revision::Revision* r = store.find(a.revision);
    if (!r) {
      out.push_back({FileMismatch::Kind::kMissingFile, a.revision, "", a.checksum, "",
                     "revision " + a.revision + " (" + a.message +
                         ") is applied in the database but has no files in " +
                         store.dir().string() + "; restore them from version control"});
      continue;
    }
    if (revision::matches_recorded(*r, a.checksum, a.parent)) continue;
    out.push_back({FileMismatch::Kind::kEdited, a.revision, r->up_path.string(), a.checksum,
                   r->checksum,
                   r->up_path.string() + ": revision " + a.revision +
                       " was edited after it was applied (checksum " +
                       a.checksum.substr(0, 12) + "… recorded, " + r->checksum.substr(0, 12) +
                       "… now; a new `-- strata:parent` alone is not an edit); undo the edit of its SQL and put the "
                       "change in a new revision"});
  }
  return out;
}

}  // namespace strata::apply
