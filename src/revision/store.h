#pragma once

// The migrations/ directory: every revision in it, the parent chain, heads,
// forks, lookups by id or prefix, and writing new revisions atomically.

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "revision/revision.h"

namespace strata::revision {

// Something wrong with the shape of the chain. These are values (a fork is a
// finding `check` reports, not an exception).
struct ChainProblem {
  enum class Kind {
    kFork,           // two or more revisions name the same parent (or none)
    kMissingParent,  // a parent id that no file in the directory has
    kCycle,          // parents that loop back
  };
  Kind kind;
  std::vector<std::string> revisions;  // the revisions involved, by id
  std::string message;                 // one line, names files and a fix

  bool operator==(const ChainProblem&) const = default;
};

struct StoreOptions {
  // File stem template. Placeholders: {date} yyyymmdd, {time} HHMMSS,
  // {id} the 14-digit id, {slug} the message slug. All UTC.
  std::string name_template = "{date}_{time}_{slug}";
};

// What a new revision is made of. `summary` is codegen's comment block
// (`-- changes:` … `-- hazards:` …), taken verbatim; up_body/down_body are
// the SQL without any header.
struct RevisionDraft {
  std::string message;
  std::string summary;
  std::string up_body;
  std::string down_body;
  bool no_transaction = false;
  std::vector<std::string> allow;  // hazard kinds for `-- strata:allow` lines
  std::vector<Precheck> prechecks{};  // written after the summary
};

class Store {
 public:
  // Reads every `*.up.sql` in `dir` (a missing directory is an empty store).
  // Throws LoadError listing every bad file at once (bad or missing header
  // lines, missing down file, a down file without an up file unless it is
  // one Strata wrote (see write()), two files with one id).
  explicit Store(std::filesystem::path dir, StoreOptions options = {});

  const std::filesystem::path& dir() const { return dir_; }

  // All revisions, ordered by id.
  const std::vector<Revision>& revisions() const { return revisions_; }
  bool empty() const { return revisions_.empty(); }

  // Exact id, or nullptr.
  const Revision* find(std::string_view id) const;

  // An id or a unique prefix of one (at least 1 digit). Throws UsageError
  // naming the candidates when the prefix is ambiguous, and the known ids
  // when nothing matches.
  const Revision& resolve(std::string_view id_or_prefix) const;

  // Revisions no other revision names as parent, ordered by id. One head in a
  // healthy directory; none when empty.
  std::vector<const Revision*> heads() const;

  // The single head; nullopt for an empty directory. Throws UsageError when
  // there are several heads (a fork), listing them.
  std::optional<std::string> head() const;

  // Forks, missing parents, cycles. Empty for a healthy linear chain.
  std::vector<ChainProblem> problems() const;

  // The revisions after `base` up to and including `tip`, oldest first,
  // following parent links back from `tip`. `base` nullopt means "from the
  // start" (the empty database). Returns an empty list when base == tip.
  // This is both the pending list (base = database, tip = head or target)
  // and the rollback list (base = target, tip = database; run it in reverse).
  // Throws UsageError when `tip` is unknown, or when `base` is not an
  // ancestor of `tip` (then the answer names both), or the chain is broken.
  std::vector<Revision> between(const std::optional<std::string>& base,
                                const std::string& tip) const;

  // The ancestor `steps` (>= 0) parents back from `from`; nullopt means
  // "before the first revision" (everything undone). Throws UsageError when
  // `steps` goes past that (e.g. -3 with two revisions applied).
  std::optional<std::string> step_back(const std::string& from, int steps) const;

  // The revision a new draft would become, with id, parent (the current
  // head), paths, full file texts and checksum filled in; nothing is written.
  // The id is `now` in UTC, bumped by one second while taken. Throws
  // UsageError if the directory has several heads or the message is empty.
  Revision prepare(const RevisionDraft& draft,
                   std::chrono::system_clock::time_point now) const;

  // Writes a prepared revision: both files to temporary files in the same
  // directory, fsync, then rename into place (down first, up last, since the
  // up file is what makes a revision exist); on any error nothing is left
  // behind and strata::Error is thrown. Creates the directory if missing.
  // Refuses (UsageError) to overwrite an existing file. Adds the revision to
  // this store. A kill between the two renames leaves a down file without
  // its up file (and the up temp file): Store ignores such a down file and
  // sweep_interrupted_writes removes both.
  // Requires: the caller holds the folder's WriteLock (write_lock.h) since
  // before it read the chain, when other processes may write revisions.
  void write(const Revision& revision);

  // Makes revision `id` follow `parent` (nullopt: none) by rewriting the
  // value of its up file's `-- strata:parent` line; every other byte of both
  // files stays as it was, and so does the checksum. Atomic: a temporary
  // file in the folder, fsync, rename over the up file. Updates this store.
  // Throws UsageError for an unknown id, a parent that is not in the store
  // or one that would make a cycle; Error when the file cannot be written.
  // Requires: the caller holds the folder's WriteLock (write_lock.h).
  void reparent(const std::string& id, const std::optional<std::string>& parent);

 private:
  std::filesystem::path dir_;
  StoreOptions options_;
  std::vector<Revision> revisions_;
};

// "Add user avatar field!" -> "add_user_avatar_field": lowercase ASCII
// letters and digits, runs of anything else become one '_', no leading or
// trailing '_', at most 50 characters (cut at a '_' when possible).
// "revision" when nothing is left.
std::string slugify(std::string_view message);

// Why `name_template` cannot name revision files, or nullopt: a `{field}`
// other than {date}, {time}, {id} and {slug}, an unclosed '{', a path
// separator, or none of {date}, {time}, {id}, {slug} at all.
std::optional<std::string> template_problem(std::string_view name_template);

// Expands a name template (see StoreOptions) for `id` and `message`.
std::string format_stem(std::string_view name_template, std::string_view id,
                        std::string_view message);

// The 14-digit UTC id of a time point.
std::string id_for_time(std::chrono::system_clock::time_point t);

// One branch of a fork: the revisions from the fork's child to the
// branch's head, oldest first.
struct Branch {
  std::vector<std::string> revisions;
  // False when the branch forks again further down (then `revisions` stops
  // at that second fork).
  bool linear = true;
  const std::string& first() const { return revisions.front(); }
  const std::string& head() const { return revisions.back(); }
};

// Two or more revisions naming one parent.
struct Fork {
  std::optional<std::string> parent;  // nullopt: several first revisions
  std::vector<Branch> branches;       // by their first revision's id
};

// Every fork of the store, by parent id (`none` first).
std::vector<Fork> forks(const Store& store);

}  // namespace strata::revision
