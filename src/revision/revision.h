#pragma once

// One revision of the migrations/ directory: a pair of files
//   <stem>.up.sql    header + SQL that moves the database forward
//   <stem>.down.sql  SQL that moves it back
// The up file starts with a header of SQL comments that Strata reads back:
//
//   -- strata:revision 20261125134210
//   -- strata:parent   20261120091500        (`none` for the first revision)
//   -- strata:message  Add user avatar field
//   -- strata:no-transaction                 (optional)
//   -- strata:allow    data-loss             (optional, repeatable: hazard kinds acknowledged)
//   -- changes:
//   --   + column public.users.avatar_url text
//   -- hazards: none
//
// The `-- strata:` lines form the machine-read part; anything else in the
// leading comment block (the `-- changes:` / `-- hazards:` summary that codegen
// renders) is kept verbatim as `summary`.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "revision/precheck.h"

namespace strata::revision {

// Ids are 14 digits, the UTC time of creation: yyyymmddHHMMSS.
inline constexpr std::size_t kIdLength = 14;

struct Revision {
  std::string id;
  std::optional<std::string> parent;  // nullopt: the first revision
  std::string message;
  std::string summary;  // the non-strata comment lines of the header, verbatim
  bool no_transaction = false;
  // The words of the `strata:allow` lines, in order (hazard kinds the
  // revision acknowledges; lint::allowed_kinds checks the names).
  std::vector<std::string> allow;
  // The `strata:precheck` block (revision/precheck.h), in order; empty for
  // most hand-written revisions.
  std::vector<Precheck> prechecks;

  std::filesystem::path up_path, down_path;
  // Whole file contents, header included (comments are harmless to run).
  std::string up_sql, down_sql;
  // checksum_of(up_sql, down_sql): the SQL of both files, not the chain
  // link nor the acknowledged hazards. An edited applied file changes this;
  // a new parent or a new `strata:allow` line does not.
  std::string checksum;

  bool operator==(const Revision&) const = default;
};

// True for 14 ASCII digits.
bool is_valid_id(std::string_view id);

// Reads and parses one revision from its up file; the down file is the same
// stem with `.down.sql`. Throws LoadError carrying every problem found
// (file:line, what is wrong, how to fix it): unreadable or missing files, a
// missing or malformed `strata:` line, an unknown `strata:` key, duplicates.
Revision read_revision(const std::filesystem::path& up_path);

// Parses the header of an up file's text. `file` is used in diagnostics only.
// Fills id, parent, message, summary, no_transaction, allow. Throws LoadError.
Revision parse_header(std::string_view up_text, const std::string& file);

// The header block for a new revision (ends with a newline), in the exact
// format parse_header reads. `summary` is appended verbatim after the strata
// lines (each of its lines should start with "--"; a missing final newline is
// added).
std::string render_header(const Revision& r);

// Lowercase hex SHA-256 of `up` followed by `down`, leaving out the up
// file's `-- strata:parent` header line and its `-- strata:allow` header
// lines (each with its line break): re-parenting a revision (`strata
// rebase`) or acknowledging a hazard of a revision already applied does not
// change its checksum.
std::string checksum_of(std::string_view up, std::string_view down);

// The checksum Strata recorded before the parent line was left out: SHA-256
// of every byte of `up` followed by `down`.
std::string legacy_checksum_of(std::string_view up, std::string_view down);

// `up_text` with the value of its `-- strata:parent` header line replaced by
// `parent` (`none` for nullopt); every other byte is kept. Throws LoadError
// (naming `file`) when the header has no parent line.
std::string with_parent(std::string_view up_text, const std::optional<std::string>& parent,
                        const std::string& file);

// Whether `recorded` (a checksum in strata.revisions, whose row says the
// revision followed `recorded_parent`) still describes `r`'s files:
//   - it equals r.checksum (the files' SQL is unchanged, whatever the parent);
//   - or it is a legacy checksum (every byte) of the files as they are, or
//     of the files with their parent line set back to `recorded_parent`.
// False means the SQL of the files changed since they were recorded.
bool matches_recorded(const Revision& r, std::string_view recorded,
                      const std::optional<std::string>& recorded_parent);

}  // namespace strata::revision
