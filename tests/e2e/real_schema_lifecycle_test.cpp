// A real schema's whole life through the binary, the way a user goes:
// adopt it with `inspect`, rebuild it from its models, change every managed
// kind it holds (a function body, a trigger's WHEN, a domain's check, a new
// range partition, row-level security and a policy, a grant), `create`,
// `apply`, `rollback`, `apply` again. After the rollback the database must
// be what it was before the change, and after each apply what the models
// say, down to what pg_dump prints (functions, triggers, policies, ACLs).
//
// The schema is pagila from ../shared/corpus/real, as it is: functions,
// triggers, domains, an aggregate and a partitioned table.
#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "e2e/e2e_project.h"
#include "support/test_roles.h"

namespace strata::e2e {
namespace {

namespace fs = std::filesystem;

const fs::path kPagila = fs::path(STRATA_SOURCE_DIR) / ".." / "shared" / "corpus" / "real" / "pagila";

// The schema as pg_dump prints it, without Strata's own schema and without
// the per-run \restrict keys.
std::string dump(const std::string& url) {
  std::string out = run_output("pg_dump --schema-only --no-comments -N strata " + shell_quote(url));
  std::string kept;
  size_t at = 0;
  while (at < out.size()) {
    size_t end = out.find('\n', at);
    if (end == std::string::npos) end = out.size();
    std::string line = out.substr(at, end - at);
    if (line.rfind("\\restrict", 0) != 0 && line.rfind("\\unrestrict", 0) != 0 && line.rfind("--", 0) != 0)
      kept += line + "\n";
    at = end + 1;
  }
  return kept;
}

// Replaces the first `from` in `text`; fails the test when it is not there.
void replace_once(std::string& text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  ASSERT_NE(at, std::string::npos) << "the inspected models no longer hold:\n" << from;
  text.replace(at, from.size(), to);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(RealSchemaLifecycle, PagilaAdoptedRebuiltChangedAppliedRolledBackAndAppliedAgain) {
  fs::path file = kPagila / "schema.loadable.sql";
  ASSERT_TRUE(fs::exists(file)) << file << " is missing: the corpus is required";
  std::string reader = testing::unique_role_name("strata_lifecycle_reader");
  testing::TestRoles roles({reader});

  testing::TestDatabase source;
  std::string load = "psql -X -q -v ON_ERROR_STOP=1 -d " + shell_quote(source.url()) + " -f " +
                     shell_quote(file.string()) + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(load.c_str()), 0) << "loading " << file;

  E2EProject p;
  write_file(p.dir() / "strata.yaml",
             "database:\n  url: ${DATABASE_URL:-local}\nschemas: [public]\nlock_timeout: 30s\n"
             "manage: [privileges]\n");
  RunOptions from_source = p.options();
  from_source.env["DATABASE_URL"] = source.url();
  RunResult r = run(from_source, {"inspect", "--out", "schema"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;

  // Rebuilt from the models alone.
  r = p.strata({"create", "Adopt pagila", "--allow", "data-loss", "--allow", "blocks-reads"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  r = p.strata({"apply"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  expect_no_difference(p, "after the rebuild");
  const std::string adopted = dump(p.url());
  ASSERT_TRUE(contains(adopted, "CREATE FUNCTION public.last_updated()")) << adopted;
  ASSERT_TRUE(contains(adopted, "PARTITION BY RANGE (payment_date)")) << adopted;

  // Every managed kind pagila holds, changed.
  fs::path models = p.dir() / "schema" / "public.yaml";
  std::string yaml = read_file(models);
  replace_once(yaml, "NEW.last_update = CURRENT_TIMESTAMP;", "NEW.last_update = clock_timestamp();");
  // The first table with a trigger, in name order, is actor.
  replace_once(yaml,
               "    triggers:\n      last_updated:\n        timing: before\n"
               "        events: [update]\n        for_each: row\n",
               "    triggers:\n      last_updated:\n        timing: before\n"
               "        events: [update]\n        for_each: row\n"
               "        when: OLD.* IS DISTINCT FROM NEW.*\n");
  replace_once(yaml, "year_check: VALUE >= 1901 AND VALUE <= 2155", "year_check: VALUE >= 1900 AND VALUE <= 2155");
  replace_once(yaml, "  customer:\n    columns:",
               "  customer:\n    row_level_security: true\n    policies:\n      customer_active: "
               "{command: select, roles: [" + reader + "], using: \"active = 1\"}\n"
               "    grants: {" + reader + ": [select]}\n    columns:");
  write_file(models, yaml);
  p.write_model("later.yaml",
                "schema: public\ntables:\n  payment_p2030_01:\n    partition_of: payment\n"
                "    bound: FOR VALUES FROM ('2030-01-01 00:00:00+00') TO ('2030-02-01 00:00:00+00')\n");

  r = p.strata({"create", "Change every kind"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  auto files = p.revision_files();
  ASSERT_EQ(files.size(), 2u);
  std::string up = read_file(files.back());
  for (const char* want : {"CREATE OR REPLACE FUNCTION public.last_updated()",
                           "CREATE TRIGGER last_updated BEFORE UPDATE ON public.actor",
                           "WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                           "ALTER DOMAIN public.year ADD CONSTRAINT year_check CHECK (VALUE >= 1900",
                           "CREATE TABLE public.payment_p2030_01 PARTITION OF public.payment",
                           "ALTER TABLE public.customer ENABLE ROW LEVEL SECURITY",
                           "CREATE POLICY customer_active ON public.customer",
                           "GRANT SELECT ON TABLE public.customer TO"})
    EXPECT_TRUE(contains(up, want)) << "up.sql lacks " << want << ":\n" << up;

  r = p.strata({"apply"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  expect_no_difference(p, "after applying the change");
  const std::string changed = dump(p.url());
  for (const std::string& want :
       {std::string("NEW.last_update = clock_timestamp();"), std::string("WHEN ((old.* IS DISTINCT FROM new.*))"),
        std::string("(VALUE >= 1900)"), std::string("ATTACH PARTITION public.payment_p2030_01"),
        std::string("CREATE POLICY customer_active ON public.customer FOR SELECT TO " + reader),
        std::string("GRANT SELECT ON TABLE public.customer TO " + reader)})
    EXPECT_TRUE(contains(changed, want)) << "the database lacks " << want;

  // Down returns the database to what it was, exactly; the partition it
  // drops is refused without --yes.
  r = p.strata({"rollback", "-1"});
  EXPECT_NE(r.exit_code, 0) << "a rollback that drops a table must ask first:\n" << r.out;
  r = p.strata({"rollback", "-1", "--yes"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(dump(p.url()), adopted) << "rollback did not return the adopted schema";

  // And up again gives the changed one.
  r = p.strata({"apply"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(dump(p.url()), changed);
  expect_no_difference(p, "after applying again");
  expect_clean_check(p, "at the end");
}

}  // namespace
}  // namespace strata::e2e
