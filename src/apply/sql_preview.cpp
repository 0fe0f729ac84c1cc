#include "apply/sql_preview.h"

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

std::string revision_sql(const revision::Revision& r, const Options& options, bool down) {
  std::string out;
  std::string local = r.no_transaction ? "SET " : "SET LOCAL ";
  out += "-- " + std::string(down ? "rollback " : "apply ") + r.id + ": " + r.message + "\n";
  if (!r.no_transaction) out += "BEGIN;\n";
  out += local + "lock_timeout = " + ms(options.lock_timeout) + ";\n";
  out += local + "statement_timeout = " + ms(options.statement_timeout) + ";\n";
  out += guard_sql(r, down);
  out += with_newline(down ? r.down_sql : r.up_sql);
  if (down) {
    out += "DELETE FROM strata.revisions WHERE revision = " + sql::quote_literal(r.id) + ";\n";
  } else {
    out += "INSERT INTO strata.revisions (revision, parent, message, checksum, applied_by)\n"
           "  VALUES (" +
           sql::quote_literal(r.id) + ", " +
           (r.parent ? sql::quote_literal(*r.parent) : std::string("NULL")) + ", " +
           sql::quote_literal(r.message) + ", " + sql::quote_literal(r.checksum) + ", " +
           sql::quote_literal(options.applied_by) + ");\n";
  }
  if (r.no_transaction) out += "RESET lock_timeout;\nRESET statement_timeout;\n";
  else out += "COMMIT;\n";
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
