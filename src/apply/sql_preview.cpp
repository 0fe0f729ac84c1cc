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

std::string revision_sql(const revision::Revision& r, const Options& options, bool down) {
  std::string out;
  std::string local = r.no_transaction ? "SET " : "SET LOCAL ";
  out += "-- " + std::string(down ? "rollback " : "apply ") + r.id + ": " + r.message + "\n";
  if (!r.no_transaction) out += "BEGIN;\n";
  out += local + "lock_timeout = " + ms(options.lock_timeout) + ";\n";
  out += local + "statement_timeout = " + ms(options.statement_timeout) + ";\n";
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

}  // namespace

std::string preview_apply(const std::vector<revision::Revision>& pending, const Options& options) {
  std::string out = "-- Strata's bookkeeping (created if missing)\n" + strata_schema_sql() + "\n";
  for (const auto& r : pending) out += revision_sql(r, options, false);
  return out;
}

std::string preview_rollback(const std::vector<revision::Revision>& to_undo,
                             const Options& options) {
  std::string out;
  for (auto it = to_undo.rbegin(); it != to_undo.rend(); ++it) out += revision_sql(*it, options, true);
  return out;
}

}  // namespace strata::apply
