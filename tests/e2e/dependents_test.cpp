// What depends on an enum type or hangs on a view, through the binary: an
// added label is ADD VALUE and touches no view, and a view dropped and
// created again keeps its grants, column comments and rules, and gets the
// triggers of its model back.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "db/connection.h"
#include "e2e/e2e_project.h"

namespace strata::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The newest up file's text.
std::string newest_up(const E2EProject& p) {
  auto files = p.revision_files();
  return files.empty() ? "" : read_file(files.back());
}

// A role of this test's own, dropped with what it holds at the end.
class Role {
 public:
  explicit Role(const E2EProject& p) : url_(p.url()) {
    name_ = "reader_" + p.query("SELECT current_database()");
    db::Connection(url_).execute("CREATE ROLE " + name_);
  }
  ~Role() {
    try {
      db::Connection conn(url_);
      conn.execute("DROP OWNED BY " + name_);
      conn.execute("DROP ROLE " + name_);
    } catch (...) {
    }
  }
  const std::string& name() const { return name_; }

 private:
  std::string url_;
  std::string name_;
};

std::string orders_model(const std::string& labels, const std::string& extra_views) {
  return "enums:\n  status: " + labels + R"(
tables:
  orders:
    columns:
      id: {type: bigint, primary_key: true}
      status: {type: status, nullable: false, default: "'new'"}
      note: {type: text}
    checks:
      orders_paid_check: "status <> 'paid' OR id > 0"
    indexes:
      orders_open_idx: {columns: [id], where: "status = 'new'"}
views:
  order_kinds: "SELECT id, 'refunded'::text AS kind FROM orders"
  open_orders: "SELECT id, status FROM orders WHERE status = 'new'"
)" + extra_views;
}

// Issue: a label that appears as an unrelated text literal forced the type
// to be recreated (and the big table rewritten), and views reading a column
// of the type were dropped and created again, losing their grants.
TEST(Dependents, AddedLabelBesideUnrelatedTextLiteralIsAddValue) {
  E2EProject p;
  p.write_model("app.yaml", orders_model("[new, paid]", ""));
  ASSERT_EQ(p.strata({"create", "Orders"}).exit_code, 0);
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  Role reader(p);
  db::Connection conn(p.url());
  conn.execute("INSERT INTO orders (id, status) SELECT g, 'paid' FROM generate_series(1, 1000) g");
  conn.execute("GRANT SELECT ON open_orders TO " + reader.name());
  std::string before = p.query("SELECT oid::text FROM pg_class WHERE relname = 'open_orders'");
  std::string table_file = p.query("SELECT relfilenode::text FROM pg_class WHERE relname = 'orders'");

  p.write_model("app.yaml", orders_model("[new, paid, refunded]",
                                         "  refund_notes: \"SELECT id FROM orders WHERE note = "
                                         "'refunded'::text\"\n"));
  RunResult c = p.strata({"create", "Refunds"});
  ASSERT_EQ(c.exit_code, 0) << describe(c);
  std::string up = newest_up(p);
  EXPECT_THAT(up, HasSubstr("ALTER TYPE public.status ADD VALUE 'refunded' AFTER 'paid';"));
  EXPECT_THAT(up, Not(HasSubstr("status__strata_old")));
  EXPECT_THAT(up, Not(HasSubstr("DROP VIEW")));
  EXPECT_THAT(up, Not(HasSubstr("DROP CONSTRAINT")));
  EXPECT_THAT(up, Not(HasSubstr("gets a new OID")));

  RunResult a = p.strata({"apply"});
  ASSERT_EQ(a.exit_code, 0) << describe(a);
  EXPECT_EQ(p.query("SELECT oid::text FROM pg_class WHERE relname = 'open_orders'"), before)
      << "ADD VALUE touches no view";
  EXPECT_EQ(p.query("SELECT relfilenode::text FROM pg_class WHERE relname = 'orders'"), table_file)
      << "the table is not rewritten";
  EXPECT_EQ(p.query("SELECT has_table_privilege('" + reader.name() + "', 'open_orders', 'SELECT')::text"),
            "true");
  expect_clean_check(p, "after adding the label");
  expect_no_difference(p, "after adding the label");

  // Down recreates the type around the check, the partial index and the
  // view, and gives the view its grant back.
  RunResult rb = p.strata({"rollback", "-1", "--yes"});
  ASSERT_EQ(rb.exit_code, 0) << describe(rb);
  EXPECT_EQ(p.query("SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum "
                    "WHERE enumtypid = 'status'::regtype"),
            "new,paid");
  EXPECT_EQ(p.query("SELECT has_table_privilege('" + reader.name() + "', 'open_orders', 'SELECT')::text"),
            "true");
  EXPECT_EQ(p.query("SELECT count(*)::text FROM orders WHERE status = 'paid'"), "1000");
  p.write_model("app.yaml", orders_model("[new, paid]", ""));
  expect_no_difference(p, "after the rollback");

  RunResult again = p.strata({"apply"});
  ASSERT_EQ(again.exit_code, 0) << describe(again);
  // The label can be used now that its transaction has committed.
  conn.execute("UPDATE orders SET status = 'refunded' WHERE id = 1");
  EXPECT_EQ(p.query("SELECT count(*)::text FROM open_orders"), "0");
}

const char* kAccounts = R"(tables:
  accounts:
    columns:
      id: {type: integer, primary_key: true}
      email: {type: text, nullable: false}
views:
  account_emails:
    query: "SELECT id, email FROM accounts"
    triggers:
      account_emails_insert:
        timing: instead of
        events: [insert]
        for_each: row
        function: account_emails_insert
functions:
  account_emails_insert():
    returns: trigger
    language: plpgsql
    body: |
      BEGIN INSERT INTO accounts VALUES (NEW.id, NEW.email); RETURN NEW; END
)";

const char* kAccountsWider = R"(tables:
  accounts:
    columns:
      id: {type: bigint, primary_key: true}
      email: {type: text, nullable: false}
views:
  account_emails:
    query: "SELECT id, email FROM accounts"
    triggers:
      account_emails_insert:
        timing: instead of
        events: [insert]
        for_each: row
        function: account_emails_insert
functions:
  account_emails_insert():
    returns: trigger
    language: plpgsql
    body: |
      BEGIN INSERT INTO accounts VALUES (NEW.id, NEW.email); RETURN NEW; END
)";

// A view dropped and created again around a column's type change keeps its
// grants, column comments and rule, gets its INSTEAD OF trigger (in the
// models) back after it, and the header says so.
TEST(Dependents, RecreatedViewKeepsWhatHangsOnIt) {
  E2EProject p;
  p.write_model("app.yaml", kAccounts);
  RunResult first = p.strata({"create", "Accounts"});
  ASSERT_EQ(first.exit_code, 0) << describe(first);
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  Role reader(p);
  db::Connection conn(p.url());
  conn.execute("GRANT SELECT, UPDATE ON account_emails TO " + reader.name());
  conn.execute("GRANT SELECT ON account_emails TO PUBLIC");
  conn.execute("COMMENT ON COLUMN account_emails.email IS 'where we write'");
  conn.execute("CREATE RULE account_emails_delete AS ON DELETE TO account_emails "
               "DO INSTEAD DELETE FROM accounts WHERE id = OLD.id");
  auto hanging = [&] {
    return p.rows("SELECT coalesce(relacl::text, '') FROM pg_class WHERE relname = 'account_emails'") +
           "|" + p.query("SELECT col_description('account_emails'::regclass, 2)") + "|" +
           p.query("SELECT string_agg(tgname, ',') FROM pg_trigger WHERE tgrelid = 'account_emails'::regclass") +
           "|" + p.query("SELECT string_agg(rulename, ',') FROM pg_rules WHERE tablename = 'account_emails'");
  };
  std::string before = hanging();
  ASSERT_THAT(before, HasSubstr(reader.name()));

  p.write_model("app.yaml", kAccountsWider);
  RunResult c = p.strata({"create", "Wider ids"});
  ASSERT_EQ(c.exit_code, 0) << describe(c);
  std::string up = newest_up(p);
  EXPECT_THAT(up, HasSubstr("DROP VIEW public.account_emails;"));
  EXPECT_THAT(up, HasSubstr("breaks-running-code: privileges re-granted on view public.account_emails"));
  EXPECT_THAT(up, HasSubstr("GRANT SELECT, UPDATE ON public.account_emails TO " + reader.name() + ";"));
  EXPECT_THAT(up, HasSubstr("GRANT SELECT ON public.account_emails TO PUBLIC;"));
  EXPECT_THAT(c.out + c.err, HasSubstr("privileges re-granted")) << describe(c);

  RunResult a = p.strata({"apply"});
  ASSERT_EQ(a.exit_code, 0) << describe(a);
  EXPECT_EQ(hanging(), before);
  conn.execute("INSERT INTO account_emails VALUES (7, 'a@example.com')");
  conn.execute("DELETE FROM account_emails WHERE id = 7");
  EXPECT_EQ(p.query("SELECT count(*)::text FROM accounts"), "0");
  expect_clean_check(p, "after the type change");

  RunResult rb = p.strata({"rollback", "-1", "--yes"});
  ASSERT_EQ(rb.exit_code, 0) << describe(rb);
  EXPECT_EQ(hanging(), before);
  RunResult again = p.strata({"apply"});
  ASSERT_EQ(again.exit_code, 0) << describe(again);
  EXPECT_EQ(hanging(), before);
}

}  // namespace
}  // namespace strata::e2e
