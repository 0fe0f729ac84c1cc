#include "apply/sql_preview.h"

#include "revision/steps.h"
#include "sql/quote.h"

namespace strata::apply {
namespace {

std::string ms(std::chrono::milliseconds v) {
  return "'" + std::to_string(v.count() > 0 ? v.count() : 0) + "ms'";
}

std::string with_newline(std::string s) {
  if (!s.empty() && s.back() != '\n') s += '\n';
  return s;
}

// The applier's own refusals, for a script run by hand: an apply needs the
// revision unrecorded and its parent the database's revision (nothing
// recorded for a first revision); a rollback needs it to be that revision.
std::string guard_sql(const revision::Revision& r, bool down) {
  std::string id = sql::quote_literal(r.id);
  std::string fail = "    RAISE EXCEPTION 'strata: ";
  std::string out = "DO $strata_guard$ BEGIN\n";
  if (down) {
    out += "  IF NOT EXISTS (SELECT 1 FROM strata.revisions WHERE revision = " + id +
           ")\n     OR EXISTS (SELECT 1 FROM strata.revisions WHERE parent = " + id + ") THEN\n" + fail +
           "cannot roll back " + r.id + ": it is not the database''s revision';\n  END IF;\n";
  } else {
    out += "  IF EXISTS (SELECT 1 FROM strata.revisions WHERE revision = " + id + ") THEN\n" + fail + r.id +
           " is already applied';\n  END IF;\n";
    if (r.parent) {
      std::string parent = sql::quote_literal(*r.parent);
      out += "  IF NOT EXISTS (SELECT 1 FROM strata.revisions WHERE revision = " + parent +
             ")\n     OR EXISTS (SELECT 1 FROM strata.revisions WHERE parent = " + parent + ") THEN\n" + fail +
             "cannot apply " + r.id + ": the database is not at " + *r.parent + "';\n  END IF;\n";
    } else {
      out += "  IF EXISTS (SELECT 1 FROM strata.revisions) THEN\n" + fail + "cannot apply " + r.id +
             ": it is a first revision and the database has revisions';\n  END IF;\n";
    }
  }
  return out + "END $strata_guard$;\n";
}

// What the applier writes with the last step: the revision's row (or its
// deletion) and the end of its progress record.
std::string bookkeeping_sql(const revision::Revision& r, const Options& options, bool down) {
  std::string id = sql::quote_literal(r.id);
  std::string out;
  if (down) {
    out += "DELETE FROM strata.revisions WHERE revision = " + id + ";\n";
  } else {
    out += "INSERT INTO strata.revisions (revision, parent, message, checksum, applied_by)\n"
           "  VALUES (" +
           id + ", " + (r.parent ? sql::quote_literal(*r.parent) : std::string("NULL")) + ", " +
           sql::quote_literal(r.message) + ", " + sql::quote_literal(r.checksum) + ", " +
           sql::quote_literal(options.applied_by) + ");\n";
  }
  return out + "DELETE FROM strata.revision_progress WHERE revision = " + id +
         " AND direction = '" + (down ? "down" : "up") + "';\n";
}

// The progress row the applier writes when a step that is not the last ends.
std::string progress_sql(const revision::Revision& r, bool down, std::size_t steps_done) {
  return "INSERT INTO strata.revision_progress (revision, direction, checksum, steps_done, "
         "statements_done)\n  VALUES (" +
         sql::quote_literal(r.id) + ", '" + (down ? "down" : "up") + "', " +
         sql::quote_literal(r.checksum) + ", " + std::to_string(steps_done) +
         ", 0)\n  ON CONFLICT (revision, direction) DO UPDATE SET steps_done = "
         "EXCLUDED.steps_done, statements_done = 0, checksum = EXCLUDED.checksum, updated_at = now();\n";
}

std::string timeouts_sql(const Options& options, bool local) {
  std::string set = local ? "SET LOCAL " : "SET ";
  return set + "lock_timeout = " + ms(options.lock_timeout) + ";\n" + set +
         "statement_timeout = " + ms(options.statement_timeout) + ";\n";
}

std::string revision_sql(const revision::Revision& r, const Options& options, bool down) {
  using revision::StepMode;
  const std::string& script = down ? r.down_sql : r.up_sql;
  const std::filesystem::path& file = down ? r.down_path : r.up_path;
  auto steps = revision::split_steps(
      script, r.no_transaction ? StepMode::kNoTransaction : StepMode::kTransaction, file.string());
  std::string out = "-- " + std::string(down ? "rollback " : "apply ") + r.id + ": " + r.message + "\n";
  if (steps.empty()) {
    return out + "BEGIN;\n" + timeouts_sql(options, true) + guard_sql(r, down) +
           bookkeeping_sql(r, options, down) + "COMMIT;\n\n";
  }
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const revision::Step& step = steps[i];
    bool transaction = step.mode == StepMode::kTransaction;
    bool last = i + 1 == steps.size();
    if (steps.size() > 1)
      out += "-- step " + std::to_string(i + 1) + " of " + std::to_string(steps.size()) + " (" +
             std::string(revision::to_string(step.mode)) + ")\n";
    if (transaction) out += "BEGIN;\n";
    out += timeouts_sql(options, transaction);
    if (i == 0) out += guard_sql(r, down);
    out += with_newline(step.sql);
    if (!transaction) {
      out += "RESET lock_timeout;\nRESET statement_timeout;\n";
      if (last) out += "BEGIN;\n" + bookkeeping_sql(r, options, down) + "COMMIT;\n";
      else out += progress_sql(r, down, i + 1);
    } else {
      out += last ? bookkeeping_sql(r, options, down) : progress_sql(r, down, i + 1);
      out += "COMMIT;\n";
    }
  }
  return out + "\n";
}

// The audit row Strata writes when a command ends.
std::string audit_sql(const std::string& operation, const std::string& target,
                      const std::vector<std::string>& ids, const Options& options) {
  std::string list;
  for (const auto& id : ids) list += (list.empty() ? "" : ",") + id;
  return "-- the audit row\n"
         "INSERT INTO strata.audit_log (who, operation, target, result, detail, source, revisions)\n"
         "  VALUES (" +
         sql::quote_literal(options.applied_by) + ", " + sql::quote_literal(operation) + ", " +
         sql::quote_literal(target) + ", 'ok', " +
         sql::quote_literal(std::to_string(ids.size()) + (operation == "apply" ? " applied" : " rolled back") +
                            " by a script from strata " + operation + " --sql") +
         ", 'script', " + sql::quote_literal(list) + ");\n";
}

}  // namespace

std::string preview_apply(const std::vector<revision::Revision>& pending, const Options& options) {
  std::string out = "-- Strata's bookkeeping (created if missing)\n" + strata_schema_sql() + "\n";
  std::vector<std::string> ids;
  for (const auto& r : pending) {
    out += revision_sql(r, options, false);
    ids.push_back(r.id);
  }
  return out + audit_sql("apply", ids.empty() ? "" : ids.back(), ids, options);
}

std::string preview_rollback(const std::vector<revision::Revision>& to_undo,
                             const Options& options) {
  std::string out;
  std::vector<std::string> ids;
  for (auto it = to_undo.rbegin(); it != to_undo.rend(); ++it) {
    out += revision_sql(*it, options, true);
    ids.push_back(it->id);
  }
  std::string target = to_undo.empty() ? "" : to_undo.front().parent.value_or("base");
  return out + audit_sql("rollback", target, ids, options);
}

}  // namespace strata::apply
