#include "apply/precheck_runner.h"

#include <nlohmann/json.hpp>

#include "apply/soci_errors.h"
#include "apply/timeouts.h"
#include "sql/text.h"

namespace strata::apply {
namespace {

std::string without_terminator(std::string sql) {
  std::string_view t = sql::trim(sql);
  while (!t.empty() && (t.back() == ';' || t.back() == ' ' || t.back() == '\n' || t.back() == '\t'))
    t.remove_suffix(1);
  return std::string(t);
}

}  // namespace

std::vector<PrecheckOutcome> run_prechecks(db::Connection& conn,
                                           const std::vector<revision::Precheck>& checks,
                                           std::chrono::milliseconds lock_timeout,
                                           std::chrono::milliseconds statement_timeout,
                                           bool in_transaction) {
  std::vector<PrecheckOutcome> out;
  bool any = false;
  for (const auto& c : checks) any = any || c.checked();
  if (!any) {
    for (const auto& c : checks) out.push_back({c, false, 0, {}});
    return out;
  }
  conn.execute(in_transaction ? "SAVEPOINT strata_precheck; SET LOCAL transaction_read_only = on"
                              : "BEGIN READ ONLY");
  const char* undo = in_transaction ? "ROLLBACK TO SAVEPOINT strata_precheck; RELEASE SAVEPOINT strata_precheck"
                                    : "ROLLBACK";
  try {
    set_timeouts(conn, lock_timeout, statement_timeout, /*local=*/true);
    for (std::size_t i = 0; i < checks.size(); ++i) {
      const auto& c = checks[i];
      PrecheckOutcome o{c, false, 0, {}};
      if (c.checked()) {
        // The check's first column names a failing row; count them all and
        // keep the first few.
        std::string q = "WITH failing(key) AS (\n" + without_terminator(c.sql) +
                        "\n)\nSELECT json_build_object('failing', (SELECT count(*) FROM failing), "
                        "'samples', (SELECT coalesce(json_agg(s.key), '[]'::json) FROM (SELECT key::text AS key "
                        "FROM failing LIMIT " +
                        std::to_string(kPrecheckSamples) + ") AS s))::text";
        std::string text;
        try {
          text = conn.query_value(q);
        } catch (const DatabaseError& e) {
          throw DatabaseError(e.kind(),
                              "pre-check " + std::to_string(i + 1) + " (" + c.kind + ": " + c.description +
                                  ") could not run: " + e.what() + "; fix its query in the revision's header",
                              e.sqlstate());
        }
        auto j = nlohmann::json::parse(text);
        o.ran = true;
        o.failing = j.at("failing").get<long long>();
        for (const auto& s : j.at("samples")) o.samples.push_back(s.is_null() ? "NULL" : s.get<std::string>());
      }
      out.push_back(std::move(o));
    }
    conn.execute(undo);
  } catch (...) {
    try {
      conn.execute(undo);
    } catch (...) {
    }
    throw;
  }
  return out;
}

std::string describe_rows(const PrecheckOutcome& o) {
  if (o.failing == 0) return "no row";
  std::string out = std::to_string(o.failing) + " row(s)";
  if (!o.samples.empty()) out += ", e.g. " + sql::join(o.samples);
  return out;
}

PrecheckFailed::PrecheckFailed(std::string revision, std::string message, std::vector<PrecheckOutcome> failed)
    : Error(std::move(message)), revision_(std::move(revision)), failed_(std::move(failed)) {}

}  // namespace strata::apply
