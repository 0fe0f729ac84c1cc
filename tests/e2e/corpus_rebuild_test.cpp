// Every real schema of the corpus (../shared/corpus/real) rebuilt from its own
// inspected models: load it into a database, `strata inspect --out schema`,
// then on an empty database `strata create` and `strata apply`, and compare
// the two catalogs (relations, columns, constraints, indexes, views,
// sequences, enums, domains, functions by pg_get_functiondef, triggers by
// pg_get_triggerdef, policies, privileges by aclexplode, comments): no line
// may differ, and `strata diff` right after finds nothing.
//
// A schema holding kinds Strata does not manage yet cannot be rebuilt; it is
// listed in kExpectedToFail with what it lacks, and must still fail (so an
// entry is removed as soon as its kinds are managed).
#include <array>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "e2e/e2e_project.h"

namespace strata::e2e {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = fs::path(STRATA_SOURCE_DIR) / ".." / "shared" / "corpus" / "real";

// Schemas that need what is not managed yet, with what they lack.
const std::map<std::string, std::string> kExpectedToFail = {
};

// The catalog of the user schemas as lines of text, one per object or
// attribute, independent of oids and of the order of creation.
constexpr const char* kFingerprint = R"SQL(
SET search_path = '';
WITH ns AS (
  SELECT n.oid, n.nspname FROM pg_catalog.pg_namespace n
  WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname NOT IN ('information_schema', 'strata')
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.objid = n.oid AND e.deptype = 'e')),
ext AS (SELECT classid, objid FROM pg_catalog.pg_depend WHERE deptype = 'e'),
rel AS (
  SELECT c.* FROM pg_catalog.pg_class c JOIN ns ON ns.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c')
    AND (c.oid, 'pg_catalog.pg_class'::pg_catalog.regclass) NOT IN (SELECT objid, classid FROM ext)),
lines(line) AS (
  SELECT 'schema ' || pg_catalog.quote_ident(nspname::text) FROM ns
  UNION ALL SELECT 'extension ' || extname::text || ' ' || extversion FROM pg_catalog.pg_extension
  UNION ALL
  SELECT 'relation ' || c.oid::pg_catalog.regclass::text || ' ' || c.relkind::text || c.relpersistence::text
         || ' rls ' || c.relrowsecurity::text || c.relforcerowsecurity::text || ' options ' || COALESCE(c.reloptions::text, '-')
         || ' bound ' || COALESCE(pg_catalog.pg_get_expr(c.relpartbound, c.oid), '-')
         || ' replica ' || c.relreplident::text
  FROM rel c
  UNION ALL
  SELECT 'column ' || c.oid::pg_catalog.regclass::text || '.' || pg_catalog.quote_ident(a.attname) || ' '
         || pg_catalog.format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
         || ' default ' || COALESCE(pg_catalog.pg_get_expr(d.adbin, d.adrelid), '-')
         || ' collation ' || COALESCE((SELECT co.collname FROM pg_catalog.pg_collation co WHERE co.oid = a.attcollation)::text, '-')
         || ' identity ' || a.attidentity::text || ' generated ' || a.attgenerated::text
         || ' stats ' || a.attstattarget::text || ' storage ' || a.attstorage::text
  FROM rel c JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
  UNION ALL
  SELECT 'constraint ' || CASE WHEN k.conrelid <> 0 THEN k.conrelid::pg_catalog.regclass::text ELSE k.contypid::pg_catalog.regtype::text END || '.'
         || pg_catalog.quote_ident(k.conname) || ' ' || pg_catalog.pg_get_constraintdef(k.oid)
  FROM pg_catalog.pg_constraint k JOIN ns ON ns.oid = k.connamespace
  UNION ALL
  SELECT 'index ' || pg_catalog.pg_get_indexdef(i.indexrelid)
  FROM pg_catalog.pg_index i JOIN rel c ON c.oid = i.indrelid
  UNION ALL
  SELECT 'view ' || c.oid::pg_catalog.regclass::text || ' ' || pg_catalog.pg_get_viewdef(c.oid) FROM rel c WHERE c.relkind IN ('v', 'm')
  UNION ALL
  SELECT 'sequence ' || s.seqrelid::pg_catalog.regclass::text || ' ' || pg_catalog.format_type(s.seqtypid, NULL) || ' '
         || s.seqstart::text || ' ' || s.seqincrement::text || ' ' || s.seqmin::text || ' ' || s.seqmax::text || ' ' || s.seqcache::text || ' ' || s.seqcycle::text
  FROM pg_catalog.pg_sequence s JOIN rel c ON c.oid = s.seqrelid
  UNION ALL
  SELECT 'type ' || t.oid::pg_catalog.regtype::text || ' ' || t.typtype::text
         || ' base ' || COALESCE(pg_catalog.format_type(NULLIF(t.typbasetype, 0), t.typtypmod), '-')
         || ' not null ' || t.typnotnull::text || ' default ' || COALESCE(pg_catalog.pg_get_expr(t.typdefaultbin, 0), '-')
         || ' labels ' || COALESCE((SELECT pg_catalog.string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
                                   FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid), '-')
  FROM pg_catalog.pg_type t JOIN ns ON ns.oid = t.typnamespace
  WHERE t.typtype IN ('e', 'd', 'r', 'm') OR (t.typtype = 'c' AND EXISTS (
          SELECT 1 FROM pg_catalog.pg_class tc WHERE tc.oid = t.typrelid AND tc.relkind = 'c'))
  UNION ALL
  SELECT 'collation ' || pg_catalog.quote_ident(ns.nspname) || '.' || pg_catalog.quote_ident(co.collname) || ' '
         || co.collprovider::text || ' ' || co.collisdeterministic::text || ' ' || COALESCE(co.collcollate, '-')
  FROM pg_catalog.pg_collation co JOIN ns ON ns.oid = co.collnamespace
  UNION ALL
  SELECT 'text search configuration ' || cf.oid::pg_catalog.regconfig::text || ' ' || cf.cfgparser::pg_catalog.regproc::text
         || ' ' || COALESCE((SELECT pg_catalog.string_agg(m.maptokentype::text || ':' || m.mapdict::pg_catalog.regdictionary::text,
                                                            ',' ORDER BY m.maptokentype, m.mapseqno)
                             FROM pg_catalog.pg_ts_config_map m WHERE m.mapcfg = cf.oid), '-')
  FROM pg_catalog.pg_ts_config cf JOIN ns ON ns.oid = cf.cfgnamespace
  UNION ALL
  SELECT CASE WHEN p.prokind = 'a' THEN 'aggregate ' || p.oid::pg_catalog.regprocedure::text
              ELSE 'function ' || pg_catalog.pg_get_functiondef(p.oid) END
  FROM pg_catalog.pg_proc p JOIN ns ON ns.oid = p.pronamespace
  WHERE (p.oid, 'pg_catalog.pg_proc'::pg_catalog.regclass) NOT IN (SELECT objid, classid FROM ext)
  UNION ALL
  SELECT 'trigger ' || pg_catalog.pg_get_triggerdef(tg.oid) || ' enabled ' || tg.tgenabled::text
  FROM pg_catalog.pg_trigger tg JOIN rel c ON c.oid = tg.tgrelid WHERE NOT tg.tgisinternal
  UNION ALL
  SELECT 'policy ' || po.polrelid::pg_catalog.regclass::text || '.' || pg_catalog.quote_ident(po.polname) || ' '
         || po.polcmd::text || ' ' || po.polpermissive::text || ' ' || po.polroles::text
         || ' using ' || COALESCE(pg_catalog.pg_get_expr(po.polqual, po.polrelid), '-')
         || ' check ' || COALESCE(pg_catalog.pg_get_expr(po.polwithcheck, po.polrelid), '-')
  FROM pg_catalog.pg_policy po JOIN rel c ON c.oid = po.polrelid
  UNION ALL
  SELECT 'privilege ' || c.oid::pg_catalog.regclass::text || ' '
         || CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(g.grantee)::text END
         || ' ' || g.privilege_type || ' ' || g.is_grantable::text
  FROM rel c CROSS JOIN LATERAL pg_catalog.aclexplode(c.relacl) g
  UNION ALL
  SELECT 'privilege function ' || p.oid::pg_catalog.regprocedure::text || ' '
         || CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(g.grantee)::text END
         || ' ' || g.privilege_type || ' ' || g.is_grantable::text
  FROM pg_catalog.pg_proc p JOIN ns ON ns.oid = p.pronamespace CROSS JOIN LATERAL pg_catalog.aclexplode(p.proacl) g
  UNION ALL
  SELECT 'privilege schema ' || pg_catalog.quote_ident(n.nspname) || ' '
         || CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(g.grantee)::text END
         || ' ' || g.privilege_type || ' ' || g.is_grantable::text
  FROM pg_catalog.pg_namespace n JOIN ns ON ns.oid = n.oid CROSS JOIN LATERAL pg_catalog.aclexplode(n.nspacl) g
  UNION ALL
  SELECT 'comment ' || pg_catalog.pg_describe_object(d.classoid, d.objoid, d.objsubid) || ' ' || d.description
  FROM pg_catalog.pg_description d
  WHERE (d.objoid, d.classoid) NOT IN (SELECT objid, classid FROM ext)
    AND (d.classoid <> 'pg_catalog.pg_namespace'::pg_catalog.regclass OR d.objoid IN (SELECT oid FROM ns))
    AND pg_catalog.pg_describe_object(d.classoid, d.objoid, d.objsubid) NOT LIKE '% pg\_catalog.%'
    AND d.objoid >= 16384
    AND d.objoid NOT IN (SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n
                         ON n.oid = c.relnamespace WHERE n.nspname = 'strata')
    AND d.objoid NOT IN (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname = 'strata'))
SELECT pg_catalog.replace(line, E'\n', '\n') AS line FROM lines ORDER BY line COLLATE "C";
)SQL";

// The fingerprint's lines; a psql failure fails the test (two failures
// must never compare equal).
std::vector<std::string> fingerprint(const std::string& url) {
  std::string out = run_output("psql -X -At -v ON_ERROR_STOP=1 -d " + shell_quote(url) + " -c " +
                               shell_quote(kFingerprint) + " 2>&1 || echo FINGERPRINT-FAILED");
  EXPECT_EQ(out.find("FINGERPRINT-FAILED"), std::string::npos) << out.substr(0, 2000);
  std::vector<std::string> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line))
    if (line != "SET") lines.push_back(line);
  return lines;
}

// The lines only in `a`, at most 20 of them, for a failure message.
std::string only_in(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::set<std::string> other(b.begin(), b.end());
  std::string out;
  int n = 0;
  for (const auto& l : a)
    if (!other.count(l) && n++ < 20) out += "  " + l + "\n";
  if (n > 20) out += "  ... and " + std::to_string(n - 20) + " more\n";
  return out;
}

struct Outcome {
  bool rebuilt = false;   // every step passed and the catalogs are equal
  std::string failure;    // the first step that failed, with what it said
};

Outcome rebuild(const std::string& name) {
  fs::path dir = kCorpus / name;
  fs::path file = dir / "schema.loadable.sql";
  if (!fs::exists(file)) file = dir / "schema.sql";
  testing::TestDatabase source;
  std::string load = "psql -X -q -v ON_ERROR_STOP=0 -d " + shell_quote(source.url()) + " -f " +
                     shell_quote(file.string()) + " >/dev/null 2>&1";
  if (std::system(load.c_str()) != 0) return {false, "loading " + file.string() + " failed"};
  std::string schemas = run_output(
      "psql -X -At -d " + shell_quote(source.url()) + " -c " +
      shell_quote("SELECT pg_catalog.string_agg(pg_catalog.quote_ident(nspname), ', ' ORDER BY nspname) "
                  "FROM pg_catalog.pg_namespace n WHERE nspname NOT LIKE 'pg\\_%' "
                  "AND nspname NOT IN ('information_schema', 'strata') AND NOT EXISTS "
                  "(SELECT 1 FROM pg_catalog.pg_depend e WHERE e.objid = n.oid AND e.deptype = 'e')"));
  while (!schemas.empty() && schemas.back() == '\n') schemas.pop_back();

  E2EProject p;
  // Owners and privileges are managed: the fingerprint compares privileges
  // (aclexplode, grantees by name), so a rebuild must bring them back too.
  write_file(p.dir() / "strata.yaml", "database:\n  url: ${DATABASE_URL:-local}\nschemas: [" + schemas +
                                           "]\nmanage: [owners, privileges]\nlock_timeout: 30s\n");
  RunOptions from_source = p.options();
  from_source.env["DATABASE_URL"] = source.url();
  RunResult r = run(from_source, {"inspect", "--out", "schema"});
  if (r.exit_code != 0) return {false, "inspect: " + describe(r)};
  r = p.strata({"create", "Rebuild from the inspected models", "--allow", "data-loss", "--allow",
                "blocks-reads"});
  if (r.exit_code != 0) return {false, "create: " + describe(r)};
  r = p.strata({"apply"});
  if (r.exit_code != 0) return {false, "apply: " + describe(r)};
  auto want = fingerprint(source.url());
  auto got = fingerprint(p.url());
  if (want != got)
    return {false, "the catalogs differ\nonly in the loaded schema:\n" + only_in(want, got) +
                       "only in the rebuilt one:\n" + only_in(got, want)};
  r = p.strata({"diff", "--json"});
  if (r.exit_code != 0) return {false, "diff: " + describe(r)};
  auto diff = nlohmann::json::parse(r.out, nullptr, false);
  if (diff.is_discarded() || !diff.value("empty", false)) return {false, "diff after apply is not empty: " + r.out};
  return {true, ""};
}

std::vector<std::string> corpus_schemas() {
  std::vector<std::string> out;
  if (!fs::exists(kCorpus)) return out;
  for (const auto& e : fs::directory_iterator(kCorpus))
    if (e.is_directory()) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

class CorpusRebuild : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusRebuild, RebuildsFromItsInspectedModelsWithNoDifference) {
  const std::string& name = GetParam();
  Outcome o = rebuild(name);
  auto expected = kExpectedToFail.find(name);
  if (expected == kExpectedToFail.end()) {
    EXPECT_TRUE(o.rebuilt) << name << ": " << o.failure;
  } else {
    EXPECT_FALSE(o.rebuilt) << name << " rebuilds now: remove it from kExpectedToFail (it was listed for: "
                            << expected->second << ")";
    if (!o.rebuilt) std::cout << name << " fails as expected (" << expected->second << "): "
                              << o.failure.substr(0, 400) << "\n";
  }
}

TEST(CorpusRebuild, TheCorpusIsThere) {
  EXPECT_FALSE(corpus_schemas().empty()) << kCorpus << " holds no schema: the corpus is required";
  for (const auto& [name, why] : kExpectedToFail)
    EXPECT_TRUE(fs::exists(kCorpus / name)) << name << " is listed in kExpectedToFail but not in the corpus";
}

INSTANTIATE_TEST_SUITE_P(Real, CorpusRebuild, ::testing::ValuesIn(corpus_schemas()),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& c : n)
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

}  // namespace
}  // namespace strata::e2e
