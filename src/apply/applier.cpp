#include "apply/applier.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "apply/lock_holder.h"
#include "apply/precheck_runner.h"
#include "apply/soci_errors.h"
#include "apply/timeouts.h"
#include "sql/script.h"

namespace strata::apply {
namespace {

using Clock = std::chrono::steady_clock;

long long ms_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

std::string shorten(const std::string& statement) {
  std::string s = statement;
  for (auto& c : s)
    if (c == '\n' || c == '\t') c = ' ';
  if (s.size() > 200) s = s.substr(0, 197) + "...";
  return s;
}

// Line and column (1-based) of a 0-based byte offset in `text`.
std::pair<int, int> line_col(std::string_view text, std::size_t offset) {
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  return {line, static_cast<int>(offset - line_start) + 1};
}

// Byte offset of the 1-based character position `pos` (PostgreSQL counts
// characters) in UTF-8 `text`.
std::size_t byte_offset(std::string_view text, int pos) {
  std::size_t i = 0;
  for (int chars = 1; chars < pos && i < text.size(); ++chars) {
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

// The error a failing statement of a revision file becomes.
DatabaseError located(const DatabaseError& e, const std::filesystem::path& file,
                      std::string_view script, std::size_t statement_offset,
                      const std::string& statement, const std::string& note = {}) {
  std::size_t at = statement_offset;
  if (e.position() > 0) at += byte_offset(statement, e.position());
  auto [line, col] = line_col(script, at);
  std::string message = file.string() + ":" + std::to_string(line) + ":" + std::to_string(col) +
                        ": " + e.what();
  if (!e.sqlstate().empty()) message += " (SQLSTATE " + e.sqlstate() + ")";
  message += "\n  in: " + shorten(statement);
  if (!note.empty()) message += "\n  " + note;
  return DatabaseError(e.kind(), message, e.sqlstate(), statement, e.position());
}

bool starts_with_copy(std::string_view statement) {
  if (statement.size() < 5) return false;
  for (std::size_t i = 0; i < 4; ++i)
    if (std::toupper(static_cast<unsigned char>(statement[i])) != "COPY"[i]) return false;
  return !std::isalnum(static_cast<unsigned char>(statement[4])) && statement[4] != '_';
}

void rollback_quietly(db::Connection& conn) {
  try {
    conn.execute("ROLLBACK");
  } catch (...) {
  }
}

std::vector<sql::ScriptStatement> statements_of(const std::string& script,
                                                const std::filesystem::path& file) {
  sql::SplitResult split = sql::split_script(script);
  if (!split.ok())
    throw LoadError(Location{file.string(), split.error->line, split.error->column},
                    "does not parse, so its statements cannot be run one by one: " +
                        split.error->message);
  return std::move(split.statements);
}

}  // namespace

Applier::Applier(db::Connection& conn, Options options)
    : conn_(conn), options_(std::move(options)) {
  if (!options_.logger) options_.logger = spdlog::default_logger();
  const std::string key = std::to_string(kAdvisoryLockKey);
  auto start = Clock::now();
  if (options_.lock_wait.count() < 0) {
    log().debug("waiting for the strata advisory lock");
    conn_.execute("SELECT pg_advisory_lock(" + key + ")");
  } else {
    auto delay = std::chrono::milliseconds(20);
    bool said = false;
    while (conn_.query_value("SELECT pg_try_advisory_lock(" + key + ")::text") != "true") {
      auto waited = Clock::now() - start;
      if (waited >= options_.lock_wait) {
        auto holder = find_lock_holder(conn_);
        throw DatabaseError(
            DatabaseError::Kind::kOther,
            "another strata process is applying revisions to " + conn_.endpoint().str() +
                " (advisory lock " + key + " is held" + (holder ? " by " + holder->str() : "") +
                "); gave up after " +
                std::to_string(ms_since(start)) +
                " ms; try again later or wait longer with --lock-wait",
            "55P03");
      }
      if (!said) log().info("waiting for another strata process to finish");
      said = true;
      std::this_thread::sleep_for(
          std::min<Clock::duration>(delay, options_.lock_wait - waited));
      delay = std::min(delay * 2, std::chrono::milliseconds(500));
    }
  }
  locked_ = true;
  // Others waiting for the lock can see who holds it (pg_stat_activity).
  try {
    std::string name = applier_application_name(options_.applied_by);
    conn_.session() << "SELECT set_config('application_name', :n, false)", soci::use(name);
  } catch (const std::exception&) {
  }
  if (ms_since(start) > 100) log().info("got the lock after {} ms", ms_since(start));
  try {
    ensure_strata_schema(conn_);
  } catch (...) {
    release();
    throw;
  }
}

void Applier::release() {
  if (!locked_) return;
  locked_ = false;
  try {
    conn_.query_value("SELECT pg_advisory_unlock(" + std::to_string(kAdvisoryLockKey) + ")::text");
  } catch (...) {
    // The lock goes with the session anyway.
  }
}

Applier::~Applier() { release(); }

spdlog::logger& Applier::log() { return *options_.logger; }

std::vector<AppliedRevision> Applier::state() { return read_applied(conn_); }

std::optional<std::string> Applier::current() { return current_revision(state()); }

void Applier::set_local_timeouts() {
  set_timeouts(conn_, options_.lock_timeout, options_.statement_timeout, /*local=*/true);
}

void Applier::report(int statement, int statements, const std::string& text) {
  if (!options_.on_progress || progress_.revisions == 0) return;
  progress_.statement = statement;
  progress_.statements = statements;
  progress_.text = text;
  options_.on_progress(progress_);
}

ApplyResult Applier::apply(const std::vector<revision::Revision>& pending,
                           const std::function<void(const ApplyResult::Step&)>& on_step,
                           bool out_of_order) {
  ApplyResult result;
  auto rows = state();
  std::map<std::string, const AppliedRevision*> applied;
  for (const auto& a : rows) applied.emplace(a.revision, &a);
  std::set<std::string> applied_ids;
  for (const auto& a : rows) applied_ids.insert(a.revision);
  std::optional<std::string> current = current_revision(rows);
  int index = 0;
  for (const auto& r : pending) {
    ++index;
    if (auto it = applied.find(r.id); it != applied.end()) {
      if (it->second && !revision::matches_recorded(r, it->second->checksum, it->second->parent))
        log().warn("{} is applied, but its files changed since (checksum differs)", r.id);
      log().info("{} already applied, skipping", r.id);
      result.skipped.push_back(r.id);
      continue;
    }
    bool follows = out_of_order ? (!r.parent || applied_ids.count(*r.parent) > 0) : r.parent == current;
    if (!follows)
      throw UsageError("cannot apply " + r.id + " (" + r.message + "): it follows " +
                       r.parent.value_or("no revision") +
                       (out_of_order ? ", which is not applied"
                                     : " but the database is at " + current.value_or("no revision")));
    ApplyResult::Step step{r.id, 0};
    run_prechecks_of(r);
    log().info("applying {} {}", r.id, r.message);
    progress_ = Progress{r.id, index, static_cast<int>(pending.size()), 0, 0, {}};
    try {
      run_revision(r, false, step);
    } catch (...) {
      progress_ = {};
      throw;
    }
    progress_ = {};
    log().info("applied {} in {} ms", r.id, step.duration_ms);
    applied.emplace(r.id, nullptr);
    applied_ids.insert(r.id);
    current = r.id;
    result.applied.push_back(step);
    if (on_step) on_step(step);
  }
  return result;
}

void Applier::run_prechecks_of(const revision::Revision& r) {
  if (r.prechecks.empty()) return;
  auto outcomes = run_prechecks(conn_, r.prechecks, options_.lock_timeout, options_.statement_timeout);
  std::vector<PrecheckOutcome> failed;
  for (const auto& o : outcomes) {
    if (!o.ran)
      log().warn("{}: not checked before applying: {}", r.id, o.check.description);
    else if (o.failed())
      failed.push_back(o);
    else
      log().debug("{}: pre-check passed: {}", r.id, o.check.description);
  }
  if (failed.empty()) return;
  std::string msg = "revision " + r.id + " (" + r.message + ") would fail on existing rows; its pre-checks found:";
  for (const auto& o : failed) msg += "\n  " + o.check.kind + ": " + o.check.description + ": " + describe_rows(o);
  msg += "\nnothing was run; fix those rows (or the revision) and apply again";
  throw PrecheckFailed(r.id, msg, failed);
}

void Applier::run_revision(const revision::Revision& r, bool down, ApplyResult::Step& step) {
  if (!r.no_transaction) return run_transactional(r, down, step);
  apply_no_transaction(r, down, step);
}

void Applier::run_transactional(const revision::Revision& r, bool down,
                                ApplyResult::Step& step) {
  const std::string& script = down ? r.down_sql : r.up_sql;
  const std::filesystem::path& file = down ? r.down_path : r.up_path;
  // One parse: the statements, and which would break the one transaction.
  sql::SplitResult split = sql::analyze_script(script);
  // Refuse, before anything runs, what would break the one transaction.
  for (const auto& st : split.statements) {
    Location at{file.string(), st.line, st.column};
    if (st.transaction == sql::TransactionUse::kControl)
      throw LoadError(at, "`" + shorten(st.text) +
                              "`: transaction control in a revision Strata runs in one "
                              "transaction; remove it (nothing was run)");
    if (st.transaction == sql::TransactionUse::kOutsideOnly)
      throw LoadError(at, "`" + shorten(st.text) +
                              "` cannot run inside a transaction; put it in a revision with "
                              "the header line `-- strata:no-transaction` (nothing was run)");
  }
  auto start = Clock::now();
  conn_.execute("BEGIN");
  try {
    set_local_timeouts();
    if (split.ok()) {
      // Each statement on its own, so an error names its statement, but
      // batched: one round trip per batch, not one per statement.
      // COPY has no place in a pipeline: such a file runs one by one.
      const int total = static_cast<int>(split.statements.size());
      const bool debug = log().should_log(spdlog::level::debug);
      // Results come back in order, so while the result of statement k is
      // awaited, k is the one the server runs: progress stays per statement.
      auto running = [&](std::size_t k) {
        const auto& st = split.statements[k];
        report(static_cast<int>(k) + 1, total, st.text);
        if (debug) log().debug("{}:{}: {}", file.string(), st.line, shorten(st.text));
      };
      bool copy = std::any_of(split.statements.begin(), split.statements.end(),
                              [](const sql::ScriptStatement& st) { return starts_with_copy(st.text); });
      std::vector<std::string_view> texts;
      texts.reserve(split.statements.size());
      for (const auto& st : split.statements) texts.emplace_back(st.text);
      for (std::size_t first = 0; first < texts.size();) {
        std::size_t count = copy ? 1 : texts.size();
        std::vector<std::string_view> part(texts.begin() + static_cast<std::ptrdiff_t>(first),
                                           texts.begin() + static_cast<std::ptrdiff_t>(first + count));
        std::optional<db::Connection::StatementFailure> failed;
        if (copy) {
          running(first);
          try {
            conn_.execute(part.front());
          } catch (const DatabaseError& e) {
            if (e.kind() == DatabaseError::Kind::kUnreachable) throw;
            failed = db::Connection::StatementFailure{0, e};
          }
        } else {
          failed = conn_.execute_each(part, [&](std::size_t k) { running(first + k); });
        }
        if (failed) {
          const auto& st = split.statements[first + failed->index];
          throw located(failed->error, file, script, static_cast<std::size_t>(st.offset), st.text);
        }
        first += count;
      }
    } else {
      // libpg_query may lag behind the server's grammar: let the server
      // judge the whole file at once, and map its error position back.
      report(0, 0, {});
      try {
        conn_.execute(script);
      } catch (const DatabaseError& e) {
        throw located(e, file, script, 0, script);
      }
    }
    step.duration_ms = ms_since(start);
    soci_call("recording " + r.id + " in strata.revisions", [&] {
      conn_.count_statement();
      if (down) {
        conn_.session() << "DELETE FROM strata.revisions WHERE revision = :r", soci::use(r.id);
        return;
      }
      std::string applied_by = options_.applied_by;
      std::string parent = r.parent.value_or("");
      soci::indicator parent_ind = r.parent ? soci::i_ok : soci::i_null;
      long long duration = step.duration_ms;
      conn_.session() << "INSERT INTO strata.revisions "
                         "(revision, parent, message, checksum, applied_by, duration_ms) "
                         "VALUES (:r, :p, :m, :c, :b, :d)",
          soci::use(r.id), soci::use(parent, parent_ind), soci::use(r.message),
          soci::use(r.checksum), soci::use(applied_by), soci::use(duration);
    });
    try {
      conn_.execute("COMMIT");
    } catch (const DatabaseError& e) {
      throw DatabaseError(e.kind(),
                          file.string() + ": COMMIT failed: " + e.what() +
                              (e.sqlstate().empty() ? "" : " (SQLSTATE " + e.sqlstate() + ")"),
                          e.sqlstate(), "COMMIT");
    }
  } catch (...) {
    rollback_quietly(conn_);
    log().error("{} of {} failed and was rolled back", down ? "rollback" : "apply", r.id);
    throw;
  }
}

void Applier::apply_no_transaction(const revision::Revision& r, bool down,
                                   ApplyResult::Step& step) {
  auto start = Clock::now();
  const std::string& script = down ? r.down_sql : r.up_sql;
  const std::filesystem::path& file = down ? r.down_path : r.up_path;
  std::string direction = down ? "down" : "up";
  auto statements = statements_of(script, file);

  int done = 0;
  std::string recorded_checksum;
  soci::indicator ind = soci::i_null;
  soci_call("reading strata.revision_progress", [&] {
    conn_.count_statement();
    conn_.session() << "SELECT statements_done, checksum FROM strata.revision_progress "
                       "WHERE revision = :r AND direction = :d",
        soci::use(r.id), soci::use(direction), soci::into(done, ind),
        soci::into(recorded_checksum);
  });
  if (ind == soci::i_null) {
    done = 0;
  } else if (!revision::matches_recorded(r, recorded_checksum, r.parent)) {
    throw LoadError(Location{file.string(), 0, 0},
                    "revision " + r.id + " was partly run (" + std::to_string(done) +
                        " statements) from a different version of its files; restore that "
                        "version, or finish the work by hand and run `strata stamp`");
  } else if (done > 0) {
    log().info("{}: resuming after statement {} of {}", r.id, done, statements.size());
  }

  // Session-level timeouts for the autocommitted statements, reset after.
  set_timeouts(conn_, options_.lock_timeout, options_.statement_timeout, /*local=*/false);
  auto reset = [&] {
    try {
      conn_.execute("RESET lock_timeout; RESET statement_timeout");
    } catch (...) {
    }
  };
  try {
    for (int i = done; i < static_cast<int>(statements.size()); ++i) {
      const auto& st = statements[static_cast<std::size_t>(i)];
      report(i + 1, static_cast<int>(statements.size()), st.text);
      log().debug("{}:{}: {}", file.string(), st.line, shorten(st.text));
      try {
        conn_.execute(st.text);
      } catch (const DatabaseError& e) {
        throw located(e, file, script, static_cast<std::size_t>(st.offset), st.text,
                      std::to_string(i) + " of " + std::to_string(statements.size()) +
                          " statements of this no-transaction revision completed; fix the "
                          "cause and run again to resume at statement " +
                          std::to_string(i + 1));
      }
      int now_done = i + 1;
      soci_call("recording progress of " + r.id, [&] {
        conn_.count_statement();
        conn_.session() << "INSERT INTO strata.revision_progress "
                           "(revision, direction, checksum, statements_done) "
                           "VALUES (:r, :d, :c, :n) ON CONFLICT (revision, direction) DO "
                           "UPDATE SET statements_done = EXCLUDED.statements_done, "
                           "checksum = EXCLUDED.checksum, updated_at = now()",
            soci::use(r.id), soci::use(direction), soci::use(r.checksum), soci::use(now_done);
      });
    }
  } catch (...) {
    reset();
    throw;
  }
  reset();
  step.duration_ms = ms_since(start);

  // The bookkeeping row and the end of the progress record, atomically.
  conn_.execute("BEGIN");
  try {
    std::string applied_by = options_.applied_by;
    long long duration = step.duration_ms;
    soci_call("recording " + r.id + " in strata.revisions", [&] {
      conn_.count_statement();
      if (down) {
        conn_.session() << "DELETE FROM strata.revisions WHERE revision = :r", soci::use(r.id);
      } else {
        std::string parent = r.parent.value_or("");
        soci::indicator parent_ind = r.parent ? soci::i_ok : soci::i_null;
        conn_.session() << "INSERT INTO strata.revisions "
                           "(revision, parent, message, checksum, applied_by, duration_ms) "
                           "VALUES (:r, :p, :m, :c, :b, :t)",
            soci::use(r.id), soci::use(parent, parent_ind), soci::use(r.message),
            soci::use(r.checksum), soci::use(applied_by), soci::use(duration);
      }
      conn_.count_statement();
      conn_.session() << "DELETE FROM strata.revision_progress "
                         "WHERE revision = :r AND direction = :d",
          soci::use(r.id), soci::use(direction);
    });
    conn_.execute("COMMIT");
  } catch (...) {
    rollback_quietly(conn_);
    throw;
  }
}

std::vector<ApplyResult::Step> Applier::rollback(const std::vector<revision::Revision>& to_undo) {
  std::vector<ApplyResult::Step> out;
  std::optional<std::string> current = current_revision(state());
  for (auto it = to_undo.rbegin(); it != to_undo.rend(); ++it) {
    const auto& r = *it;
    if (current != r.id)
      throw UsageError("cannot roll back " + r.id + " (" + r.message +
                       "): the database is at " + current.value_or("no revision"));
    ApplyResult::Step step{r.id, 0};
    log().info("rolling back {} {}", r.id, r.message);
    run_revision(r, true, step);
    log().info("rolled back {} in {} ms", r.id, step.duration_ms);
    current = r.parent;
    out.push_back(step);
  }
  return out;
}

void Applier::stamp(const std::vector<revision::Revision>& chain) {
  for (std::size_t i = 0; i < chain.size(); ++i) {
    std::optional<std::string> want = i == 0 ? std::nullopt : std::optional(chain[i - 1].id);
    if (chain[i].parent != want)
      throw UsageError("cannot stamp: " + chain[i].id + " follows " +
                       chain[i].parent.value_or("no revision") + ", not " +
                       want.value_or("no revision") + " (give the chain from the first revision)");
  }
  std::set<std::string> have;
  for (const auto& a : state()) have.insert(a.revision);
  std::string ids = "{";
  for (const auto& r : chain) ids += (ids.size() > 1 ? "," : "") + r.id;
  ids += "}";
  std::string applied_by = options_.applied_by;
  conn_.execute("BEGIN");
  try {
    soci_call("stamping strata.revisions", [&] {
      conn_.count_statement();
      conn_.session() << "DELETE FROM strata.revisions "
                         "WHERE NOT (revision = ANY (CAST(:ids AS text[])))",
          soci::use(ids);
      conn_.count_statement();
      conn_.session() << "DELETE FROM strata.revision_progress";
      for (const auto& r : chain) {
        if (have.count(r.id)) continue;
        std::string parent = r.parent.value_or("");
        soci::indicator parent_ind = r.parent ? soci::i_ok : soci::i_null;
        conn_.count_statement();
        conn_.session() << "INSERT INTO strata.revisions "
                           "(revision, parent, message, checksum, applied_by, duration_ms) "
                           "VALUES (:r, :p, :m, :c, :b, 0)",
            soci::use(r.id), soci::use(parent, parent_ind), soci::use(r.message),
            soci::use(r.checksum), soci::use(applied_by);
      }
    });
    conn_.execute("COMMIT");
  } catch (...) {
    rollback_quietly(conn_);
    throw;
  }
  log().info("stamped the database at {}", chain.empty() ? "no revision" : chain.back().id);
}

std::vector<std::string> Applier::record_chain(const std::vector<revision::Revision>& revisions) {
  std::map<std::string, const revision::Revision*> files;
  for (const auto& r : revisions) files.emplace(r.id, &r);
  struct Update {
    std::string id, parent, checksum;
    bool has_parent;
  };
  std::vector<Update> updates;
  for (const auto& a : state()) {
    auto it = files.find(a.revision);
    if (it == files.end()) continue;
    const auto& r = *it->second;
    if (a.parent == r.parent && a.checksum == r.checksum) continue;
    if (!revision::matches_recorded(r, a.checksum, a.parent)) continue;  // edited: reported, not hidden
    updates.push_back({r.id, r.parent.value_or(""), r.checksum, r.parent.has_value()});
  }
  if (updates.empty()) return {};
  std::vector<std::string> out;
  conn_.execute("BEGIN");
  try {
    soci_call("recording new parents in strata.revisions", [&] {
      for (auto& u : updates) {
        soci::indicator ind = u.has_parent ? soci::i_ok : soci::i_null;
        conn_.count_statement();
        conn_.session() << "UPDATE strata.revisions SET parent = :p, checksum = :c WHERE revision = :r",
            soci::use(u.parent, ind), soci::use(u.checksum), soci::use(u.id);
        out.push_back(u.id);
      }
    });
    conn_.execute("COMMIT");
  } catch (...) {
    rollback_quietly(conn_);
    throw;
  }
  for (const auto& u : updates)
    log().info("{}: recorded its parent {} (from its file)", u.id, u.has_parent ? u.parent : "none");
  return out;
}

void Applier::audit(const AuditEntry& entry) { write_audit(conn_, entry); }

}  // namespace strata::apply
