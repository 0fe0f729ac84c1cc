#include "apply/step_runner.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <random>
#include <thread>

#include "apply/lock_holder.h"
#include "apply/soci_errors.h"
#include "apply/timeouts.h"
#include "sql/parse_result.h"
#include "sql/quote.h"

namespace strata::apply {
namespace {

using Clock = std::chrono::steady_clock;
using revision::StepMode;

constexpr const char* kLockTimeout = "55P03";

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
  DatabaseError out(e.kind(), message, e.sqlstate(), statement, e.position());
  out.set_detail(e.detail(), e.hint());
  return out;
}

std::string step_name(std::size_t index, std::size_t steps) {
  return "step " + std::to_string(index + 1) + " of " + std::to_string(steps);
}

// For `CREATE INDEX CONCURRENTLY name ON table ...`: the index's name and
// its table as SQL text; nullopt for any other statement.
std::optional<std::pair<std::string, std::string>> concurrent_index(const std::string& statement) {
  sql::ParseResult parsed = sql::parse(statement);
  if (!parsed.ok()) return std::nullopt;
  const auto& stmts = parsed.tree->value("stmts", nlohmann::json::array());
  if (stmts.size() != 1) return std::nullopt;
  const auto& stmt = stmts[0].value("stmt", nlohmann::json::object());
  auto it = stmt.find("IndexStmt");
  if (it == stmt.end() || !it->value("concurrent", false) || !it->contains("idxname")) return std::nullopt;
  const auto& rel = it->value("relation", nlohmann::json::object());
  std::string table = rel.value("relname", std::string());
  if (table.empty()) return std::nullopt;
  std::string schema = rel.value("schemaname", std::string());
  return std::pair{(*it)["idxname"].get<std::string>(),
                   schema.empty() ? sql::quote_ident(table) : sql::quote_qualified(schema, table)};
}

bool starts_with_copy(std::string_view statement) {
  if (statement.size() < 5) return false;
  for (std::size_t i = 0; i < 4; ++i)
    if (std::toupper(static_cast<unsigned char>(statement[i])) != "COPY"[i]) return false;
  return !std::isalnum(static_cast<unsigned char>(statement[4])) && statement[4] != '_';
}

}  // namespace

std::vector<RunStep> plan_steps(const std::string& script, StepMode default_mode,
                                const std::filesystem::path& file) {
  std::vector<RunStep> out;
  std::vector<Diagnostic> diags;
  for (const revision::Step& s : revision::split_steps(script, default_mode, file.string())) {
    RunStep run;
    run.mode = s.mode;
    run.line = s.line;
    run.sql = s.sql;
    run.offset = s.offset;
    // One parse: the statements, and how each stands towards a transaction.
    sql::SplitResult split = sql::analyze_script(s.sql);
    if (!split.ok()) {
      if (s.mode == StepMode::kNoTransaction)
        diags.push_back({Location{file.string(), s.first_line + split.error->line - 1, split.error->column},
                         "does not parse, so this no-transaction step cannot be run statement "
                         "by statement: " + split.error->message});
      run.whole = true;
      out.push_back(std::move(run));
      continue;
    }
    for (auto st : split.statements) {
      st.offset += s.offset;
      st.line += s.first_line - 1;
      // A step starts at a line's start, so the column is the file's.
      Location at{file.string(), st.line, st.column};
      if (st.transaction == sql::TransactionUse::kControl)
        diags.push_back({at, "`" + shorten(st.text) +
                                 "`: transaction control in a revision; remove it (Strata runs "
                                 "each transaction step in one transaction and each "
                                 "no-transaction statement on its own; nothing was run)"});
      else if (s.mode == StepMode::kTransaction && st.transaction == sql::TransactionUse::kOutsideOnly)
        diags.push_back({at, "`" + shorten(st.text) +
                                 "` cannot run inside a transaction; put it in a step of its "
                                 "own after a `-- strata:step no-transaction` line (nothing was "
                                 "run)"});
      run.statements.push_back(std::move(st));
    }
    out.push_back(std::move(run));
  }
  if (!diags.empty()) throw LoadError(std::move(diags));
  return out;
}

StepPosition resume_position(const std::vector<RunStep>& steps, StepPosition recorded,
                             const std::filesystem::path& file) {
  auto changed = [&](const std::string& what) {
    return LoadError(Location{file.string(), 0, 0},
                     "the recorded progress (" + what + ") does not fit this file's " +
                         std::to_string(steps.size()) +
                         " steps: it changed since the interrupted run; restore that version, "
                         "or finish the work by hand and run `strata stamp`");
  };
  const int n = static_cast<int>(steps.size());
  if (recorded.steps_done < 0 || recorded.statements_done < 0)
    throw changed("negative counts");
  if (recorded.steps_done > n || (recorded.steps_done == n && recorded.statements_done > 0))
    throw changed(std::to_string(recorded.steps_done) + " steps done");
  if (recorded.statements_done == 0) return recorded;
  const RunStep& step = steps[static_cast<std::size_t>(recorded.steps_done)];
  const int m = static_cast<int>(step.statements.size());
  if (step.mode == StepMode::kTransaction)
    throw changed("statements done inside " +
                  step_name(static_cast<std::size_t>(recorded.steps_done), steps.size()) +
                  ", a transaction step");
  if (recorded.statements_done > m)
    throw changed(std::to_string(recorded.statements_done) + " statements of a step of " +
                  std::to_string(m));
  if (recorded.statements_done == m) return {recorded.steps_done + 1, 0};
  return recorded;
}

std::chrono::milliseconds retry_delay(std::chrono::milliseconds base, int retry, double jitter) {
  double ms = static_cast<double>(base.count()) * static_cast<double>(1LL << std::min(retry - 1, 20)) *
              jitter;
  return std::chrono::milliseconds(static_cast<long long>(ms));
}

struct StepRunner::Target {
  const revision::Revision& r;
  bool down;
  const std::string& script;
  const std::filesystem::path& file;
  std::string direction;
  std::vector<RunStep> steps;
};

StepRunner::StepRunner(db::Connection& conn, const Options& options, spdlog::logger& log,
                       std::function<void(int, int, const std::string&)> report)
    : conn_(conn), options_(options), log_(log), report_(std::move(report)) {}

long long StepRunner::run(const revision::Revision& r, bool down) {
  start_ = Clock::now();
  duration_ms_ = 0;
  const std::string& script = down ? r.down_sql : r.up_sql;
  const std::filesystem::path& file = down ? r.down_path : r.up_path;
  StepMode mode = r.no_transaction ? StepMode::kNoTransaction : StepMode::kTransaction;
  Target t{r, down, script, file, down ? "down" : "up", plan_steps(script, mode, file)};

  StepPosition recorded;
  std::string recorded_checksum;
  soci::indicator ind = soci::i_null;
  soci_call("reading strata.revision_progress", [&] {
    conn_.count_statement();
    conn_.session() << "SELECT steps_done, statements_done, checksum FROM strata.revision_progress "
                       "WHERE revision = :r AND direction = :d",
        soci::use(r.id), soci::use(t.direction), soci::into(recorded.steps_done, ind),
        soci::into(recorded.statements_done), soci::into(recorded_checksum);
  });
  StepPosition at;
  if (ind != soci::i_null) {
    if (!revision::matches_recorded(r, recorded_checksum, r.parent))
      throw LoadError(Location{file.string(), 0, 0},
                      "revision " + r.id + " was partly run (" + std::to_string(recorded.steps_done) +
                          " steps and " + std::to_string(recorded.statements_done) +
                          " statements) from a different version of its files; restore that "
                          "version, or finish the work by hand and run `strata stamp`");
    at = resume_position(t.steps, recorded, file);
    if (at.steps_done == static_cast<int>(t.steps.size()) && at.steps_done > 0)
      log_.info("{}: every step ran before; recording it", r.id);
    else if (at.steps_done > 0 || at.statements_done > 0)
      log_.info("{}: resuming at {}{}", r.id,
                step_name(static_cast<std::size_t>(at.steps_done), t.steps.size()),
                at.statements_done > 0 ? ", after statement " + std::to_string(at.statements_done)
                                       : std::string());
  }

  const std::size_t n = t.steps.size();
  for (auto i = static_cast<std::size_t>(at.steps_done); i < n; ++i) {
    if (n > 1) log_.info("{}: {} ({})", r.id, step_name(i, n), revision::to_string(t.steps[i].mode));
    if (t.steps[i].mode == StepMode::kTransaction) {
      run_transaction_step(t, i, i + 1 == n);
    } else {
      run_no_transaction_step(t, i, static_cast<int>(i) == at.steps_done ? at.statements_done : 0);
      if (i + 1 == n) finish(t, false);
    }
  }
  if (n == 0 || static_cast<std::size_t>(at.steps_done) == n) finish(t, false);
  return duration_ms_;
}

void StepRunner::with_lock_retries(const Target& t, std::size_t index, const std::string& statement,
                                   const std::function<void()>& attempt) {
  static thread_local std::mt19937 random{std::random_device{}()};
  std::uniform_real_distribution<double> jitter(0.75, 1.25);
  const int retries = std::max(0, options_.lock_retries);
  for (int retry = 0;; ++retry) {
    try {
      attempt();
      return;
    } catch (const DatabaseError& e) {
      if (e.sqlstate() != kLockTimeout) throw;
      std::string what = t.r.id + ": " + step_name(index, t.steps.size()) + ": lock timeout (" +
                         std::to_string(options_.lock_timeout.count()) + " ms) on attempt " +
                         std::to_string(retry + 1) + " of " + std::to_string(retries + 1) + ": " +
                         shorten(statement);
      lock_timeouts_.push_back(what);
      if (retry >= retries) {
        std::string holders = describe_relation_lockers(conn_, statement);
        log_.error("{}; giving up", what);
        DatabaseError out(e.kind(),
                          std::string(e.what()) + "\n  gave up after " + std::to_string(retries + 1) +
                              " attempts under lock_timeout " +
                              std::to_string(options_.lock_timeout.count()) + " ms: " +
                              (holders.empty() ? "the lock it waited for was released since"
                                               : "waiting for " + holders) +
                              "\n  retry when that session is done, or raise lock_retries / "
                              "lock_timeout in strata.yaml",
                          e.sqlstate(), e.statement(), e.position());
        out.set_detail(e.detail(), e.hint());
        throw out;
      }
      auto delay = retry_delay(options_.lock_retry_delay, retry + 1, jitter(random));
      log_.warn("{}; retrying in {} ms", what, delay.count());
      std::this_thread::sleep_for(delay);
    }
  }
}

void StepRunner::run_transaction_step(const Target& t, std::size_t index, bool last) {
  const RunStep& step = t.steps[index];
  std::string first = step.whole ? step.sql
                                 : (step.statements.empty() ? std::string() : step.statements.front().text);
  with_lock_retries(t, index, first, [&] {
    conn_.execute("BEGIN");
    try {
      set_timeouts(conn_, options_.lock_timeout, options_.statement_timeout, /*local=*/true);
      if (step.whole) {
        report_(0, 0, {});
        try {
          conn_.execute(step.sql);
        } catch (const DatabaseError& e) {
          throw located(e, t.file, t.script, static_cast<std::size_t>(step.offset), step.sql);
        }
      } else {
        // Each statement on its own, so an error names its statement, but
        // pipelined: one round trip for the step, not one per statement.
        // COPY has no place in a pipeline: such a step runs one by one.
        const int total = static_cast<int>(step.statements.size());
        // Results come back in order, so while the result of statement k is
        // awaited, k is the one the server runs: progress stays per statement.
        auto running = [&](std::size_t k) {
          const auto& st = step.statements[k];
          report_(static_cast<int>(k) + 1, total, st.text);
          log_.debug("{}:{}: {}", t.file.string(), st.line, shorten(st.text));
        };
        bool copy = std::any_of(step.statements.begin(), step.statements.end(),
                                [](const sql::ScriptStatement& st) { return starts_with_copy(st.text); });
        std::vector<std::string_view> texts;
        texts.reserve(step.statements.size());
        for (const auto& st : step.statements) texts.emplace_back(st.text);
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
            const auto& st = step.statements[first + failed->index];
            throw located(failed->error, t.file, t.script, static_cast<std::size_t>(st.offset), st.text,
                          t.steps.size() > 1 ? step_name(index, t.steps.size()) +
                                                   " was rolled back; the steps before it stay "
                                                   "done and the next run resumes at this step"
                                             : std::string());
          }
          first += count;
        }
      }
      if (last)
        finish(t, true);
      else
        record(t, {static_cast<int>(index) + 1, 0});
      try {
        conn_.execute("COMMIT");
      } catch (const DatabaseError& e) {
        throw DatabaseError(e.kind(),
                            t.file.string() + ": COMMIT failed: " + e.what() +
                                (e.sqlstate().empty() ? "" : " (SQLSTATE " + e.sqlstate() + ")"),
                            e.sqlstate(), "COMMIT");
      }
    } catch (...) {
      rollback_quietly(conn_);
      throw;
    }
  });
}

void StepRunner::run_no_transaction_step(const Target& t, std::size_t index, int from) {
  const RunStep& step = t.steps[index];
  const int m = static_cast<int>(step.statements.size());
  // Session-level timeouts for the autocommitted statements, reset after.
  set_timeouts(conn_, options_.lock_timeout, options_.statement_timeout, /*local=*/false);
  auto reset = [&] {
    try {
      conn_.execute("RESET lock_timeout; RESET statement_timeout");
    } catch (...) {
    }
  };
  try {
    for (int i = from; i < m; ++i) {
      const auto& st = step.statements[static_cast<std::size_t>(i)];
      report_(i + 1, m, st.text);
      log_.debug("{}:{}: {}", t.file.string(), st.line, shorten(st.text));
      with_lock_retries(t, index, st.text, [&] {
        drop_invalid_leftover(st.text);
        try {
          conn_.execute(st.text);
        } catch (const DatabaseError& e) {
          std::string where = t.steps.size() > 1 ? " of " + step_name(index, t.steps.size()) : "";
          throw located(e, t.file, t.script, static_cast<std::size_t>(st.offset), st.text,
                        std::to_string(i) + " of " + std::to_string(m) + " statements" + where +
                            " (no-transaction) completed; fix the cause and run again to "
                            "resume at statement " +
                            std::to_string(i + 1));
        }
      });
      record(t, i + 1 == m ? StepPosition{static_cast<int>(index) + 1, 0}
                           : StepPosition{static_cast<int>(index), i + 1});
    }
  } catch (...) {
    reset();
    throw;
  }
  reset();
}

void StepRunner::drop_invalid_leftover(const std::string& statement) {
  auto index = concurrent_index(statement);
  if (!index) return;
  std::string name;
  soci::indicator ind = soci::i_null;
  soci_call("looking for an invalid index left by a failed CREATE INDEX CONCURRENTLY", [&] {
    conn_.count_statement();
    conn_.session() << "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_index i "
                       "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                       "WHERE NOT i.indisvalid AND c.relname = :i AND c.relnamespace = "
                       "(SELECT relnamespace FROM pg_class WHERE oid = to_regclass(:t))",
        soci::use(index->first), soci::use(index->second), soci::into(name, ind);
  });
  if (ind == soci::i_null) return;
  log_.warn("dropping {}, an invalid index a failed or interrupted CREATE INDEX CONCURRENTLY left, "
            "before building it again",
            name);
  conn_.execute("DROP INDEX CONCURRENTLY " + name);
}

void StepRunner::record(const Target& t, StepPosition at) {
  soci_call("recording progress of " + t.r.id, [&] {
    conn_.count_statement();
    conn_.session() << "INSERT INTO strata.revision_progress "
                       "(revision, direction, checksum, steps_done, statements_done) "
                       "VALUES (:r, :d, :c, :s, :n) ON CONFLICT (revision, direction) DO "
                       "UPDATE SET steps_done = EXCLUDED.steps_done, "
                       "statements_done = EXCLUDED.statements_done, "
                       "checksum = EXCLUDED.checksum, updated_at = now()",
        soci::use(t.r.id), soci::use(t.direction), soci::use(t.r.checksum),
        soci::use(at.steps_done), soci::use(at.statements_done);
  });
}

void StepRunner::finish(const Target& t, bool in_transaction) {
  // Inside the last transaction step, or in a transaction of its own.
  bool own = !in_transaction;
  if (own) conn_.execute("BEGIN");
  try {
    long long duration = duration_ms_ = ms_since(start_);
    std::string applied_by = options_.applied_by;
    soci_call("recording " + t.r.id + " in strata.revisions", [&] {
      conn_.count_statement();
      if (t.down) {
        conn_.session() << "DELETE FROM strata.revisions WHERE revision = :r", soci::use(t.r.id);
      } else {
        std::string parent = t.r.parent.value_or("");
        soci::indicator parent_ind = t.r.parent ? soci::i_ok : soci::i_null;
        conn_.session() << "INSERT INTO strata.revisions "
                           "(revision, parent, message, checksum, applied_by, duration_ms) "
                           "VALUES (:r, :p, :m, :c, :b, :t)",
            soci::use(t.r.id), soci::use(parent, parent_ind), soci::use(t.r.message),
            soci::use(t.r.checksum), soci::use(applied_by), soci::use(duration);
      }
      conn_.count_statement();
      conn_.session() << "DELETE FROM strata.revision_progress WHERE revision = :r AND direction = :d",
          soci::use(t.r.id), soci::use(t.direction);
    });
    if (own) conn_.execute("COMMIT");
  } catch (...) {
    if (own) rollback_quietly(conn_);
    throw;
  }
}

}  // namespace strata::apply
