#pragma once

// Runs a revision's pre-checks (revision/precheck.h) against a database, in
// one READ ONLY transaction that is rolled back: nothing is changed and no
// lock stronger than ACCESS SHARE is taken.

#include <chrono>
#include <string>
#include <vector>

#include "core/error.h"
#include "db/connection.h"
#include "revision/precheck.h"

namespace strata::apply {

// The most sample keys a check reports.
inline constexpr int kPrecheckSamples = 5;

struct PrecheckOutcome {
  revision::Precheck check;
  bool ran = false;              // false for an `unchecked` note
  long long failing = 0;         // rows the query returned
  std::vector<std::string> samples;  // the first kPrecheckSamples keys, in the query's order

  bool failed() const { return ran && failing > 0; }
};

// Runs every check of `checks` in order (notes are returned with ran =
// false). `lock_timeout` and `statement_timeout` (0 = none) bound each
// query. Throws DatabaseError naming the check when a query fails (what the
// checks did is rolled back). Without `in_transaction` they run in their own
// `BEGIN READ ONLY` ... `ROLLBACK` (no transaction may be open); with it, in
// a savepoint of the open transaction made read-only
// (`SET LOCAL transaction_read_only`) and rolled back to.
std::vector<PrecheckOutcome> run_prechecks(db::Connection& conn,
                                           const std::vector<revision::Precheck>& checks,
                                           std::chrono::milliseconds lock_timeout = std::chrono::milliseconds{0},
                                           std::chrono::milliseconds statement_timeout = std::chrono::milliseconds{0},
                                           bool in_transaction = false);

// "3 row(s), e.g. (id)=(1), (id)=(2), (id)=(5)" or "no row".
std::string describe_rows(const PrecheckOutcome& outcome);

// `apply` refuses a revision whose pre-checks find rows. Exit 1.
class PrecheckFailed : public Error {
 public:
  PrecheckFailed(std::string revision, std::string message, std::vector<PrecheckOutcome> failed);
  const std::string& revision() const { return revision_; }
  const std::vector<PrecheckOutcome>& failed() const { return failed_; }

 private:
  std::string revision_;
  std::vector<PrecheckOutcome> failed_;
};

}  // namespace strata::apply
