#pragma once

// Who holds the appliers' advisory lock (kAdvisoryLockKey), read from
// pg_locks and pg_stat_activity: for messages that say who to wait for.

#include <optional>
#include <string>

#include "db/connection.h"

namespace strata::apply {

struct LockHolder {
  int pid = 0;
  std::string user;         // the database role
  std::string application;  // "strata (alice)" for a Strata applier
  std::string client;       // client address, or "local socket"
  std::string since;        // when its current transaction or query began (ISO 8601 UTC)

  // "pid 4242 (strata (alice), role app, from 10.0.0.5, since 2026-...)".
  std::string str() const;
};

// The session holding the lock, or nullopt when none does (or the server
// does not let this role see it). Never throws: a failed look-up is nullopt.
std::optional<LockHolder> find_lock_holder(db::Connection& conn);

// The sessions holding locks on the tables `statement` names (other than
// this session), for the message of a statement that timed out waiting for a
// lock: "RowExclusiveLock on public.orders held by pid 4242 (psql, idle in
// transaction since 2026-...)", several joined by "; ". Empty when none is
// found (or the statement does not parse). Never throws.
std::string describe_relation_lockers(db::Connection& conn, const std::string& statement);

// The application_name an applier sets while it holds the lock.
std::string applier_application_name(const std::string& who);

}  // namespace strata::apply
