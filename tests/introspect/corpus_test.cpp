// The real application schemas of the external corpus: each loads, inspects
// without error, and the model holds as many objects of each kind as the
// catalog itself counts (the corpus's own counts.sql, plus plain counting
// queries for what counts.sql lumps together).

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "db/connection.h"
#include "introspect/inspector.h"
#include "introspect/model_dump.h"
#include "introspect/round_trip.h"
#include "support/shell.h"
#include "support/test_database.h"

namespace strata::introspect {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = STRATA_CORPUS_DIR;

using strata::testing::run_output;
using strata::testing::shell_quote;

// Loads a file the way the corpus tools do: psql, going on after errors.
void load(const strata::testing::TestDatabase& db, const fs::path& file) {
  std::string cmd = "psql -X -q -v ON_ERROR_STOP=0 -d " + shell_quote(db.url()) + " -f " +
                    shell_quote(file.string()) + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

nlohmann::json corpus_counts(const strata::testing::TestDatabase& db) {
  std::string out = run_output("psql -X -At -d " + shell_quote(db.url()) + " -f " +
                               shell_quote((kCorpus / "tools" / "counts.sql").string()));
  return nlohmann::json::parse(out);
}

// Tables Strata reads: plain and partitioned tables, partitions and
// inheritance children (not those of a table outside the user schemas or of
// an extension's), in a user schema, not an extension's.
constexpr const char* kPlainTables = R"SQL(
  SELECT c.oid, c.relispartition FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p')
    AND n.nspname NOT LIKE 'pg\_%' AND n.nspname NOT IN ('information_schema', 'strata')
    AND (c.relispartition OR NOT EXISTS (
          SELECT 1 FROM pg_inherits i JOIN pg_class ip ON ip.oid = i.inhparent
          JOIN pg_namespace ipn ON ipn.oid = ip.relnamespace
          WHERE i.inhrelid = c.oid
            AND (ip.relkind <> 'r' OR ipn.nspname LIKE 'pg\_%'
                 OR ipn.nspname IN ('information_schema', 'strata')
                 OR EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_class'::regclass
                            AND x.objid = ip.oid AND x.deptype = 'e'))))
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                    AND d.objid = c.oid AND d.deptype = 'e'))SQL";

int catalog_count(db::Connection& conn, const std::string& sql) {
  return std::stoi(conn.query_value("WITH plain AS (" + std::string(kPlainTables) + ") " + sql));
}

struct ModelCounts {
  int tables = 0, columns = 0, indexes = 0, pk = 0, fk = 0, unique = 0, check = 0,
      exclusion = 0, enums = 0, views = 0, matviews = 0, sequences = 0, serial_or_identity = 0,
      unlogged = 0, domains = 0, partitioned = 0, partitions = 0, functions = 0, triggers = 0,
      composite_types = 0;
};

ModelCounts count(const model::Schema& s) {
  ModelCounts m;
  for (const auto& [name, ns] : s.namespaces) {
    m.enums += static_cast<int>(ns.enums.size());
    m.domains += static_cast<int>(ns.domains.size());
    m.composite_types += static_cast<int>(ns.composite_types.size());
    m.sequences += static_cast<int>(ns.sequences.size());
    for (const auto& [vn, v] : ns.views) {
      (v.materialized ? m.matviews : m.views)++;
      m.triggers += static_cast<int>(v.triggers.size());
    }
    m.functions += static_cast<int>(ns.functions.size() + ns.aggregates.size());
    for (const auto& [tn, t] : ns.tables) m.triggers += static_cast<int>(t.triggers.size());
    for (const auto& [tn, t] : ns.tables) {
      ++m.tables;
      m.unlogged += t.unlogged;
      m.partitioned += t.partition_by ? 1 : 0;
      m.partitions += t.partition_of ? 1 : 0;
      m.columns += static_cast<int>(t.columns.size());
      for (const auto& c : t.columns)
        if (c.identity || c.type.find("serial") != std::string::npos) ++m.serial_or_identity;
      m.indexes += static_cast<int>(t.indexes.size());
      m.pk += t.primary_key ? 1 : 0;
      m.fk += static_cast<int>(t.foreign_keys.size());
      m.unique += static_cast<int>(t.uniques.size());
      m.check += static_cast<int>(t.checks.size());
      m.exclusion += static_cast<int>(t.exclusions.size());
    }
  }
  return m;
}

int unmanaged(const Inspection& i, const std::string& kind) {
  auto it = i.unmanaged.find(kind);
  return it == i.unmanaged.end() ? 0 : static_cast<int>(it->second.size());
}

// Schemas whose YAML the model loader refuses, with (a part of) its reason.
// Empty since the loader accepts domain-typed columns and foreign keys
// between integer and bigint columns.
const std::map<std::string, std::string> kLoaderRefuses = {};

class RealSchema : public ::testing::TestWithParam<std::string> {};

TEST_P(RealSchema, InspectsAndAgreesWithTheCatalogsCounts) {
  fs::path dir = kCorpus / "real" / GetParam();
  fs::path file = dir / "schema.loadable.sql";
  if (!fs::exists(file)) file = dir / "schema.sql";
  ASSERT_TRUE(fs::exists(file)) << file << " is missing: the corpus is required";

  strata::testing::TestDatabase db;
  load(db, file);
  db::Connection conn(db.url());
  Inspection got = inspect(conn, {});
  ModelCounts m = count(got.schema);
  nlohmann::json want = corpus_counts(db);

  // What counts.sql counts directly.
  EXPECT_EQ(m.tables + unmanaged(got, "inheritance children of unmanaged tables"),
            want["tables"].get<int>());
  EXPECT_GT(m.tables, 0);
  EXPECT_EQ(m.enums, want["enums"].get<int>());
  EXPECT_EQ(m.views, want["views"].get<int>());
  EXPECT_EQ(m.matviews, want["matviews"].get<int>());
  EXPECT_EQ(m.unlogged, want["unlogged_tables"].get<int>());
  EXPECT_EQ(m.functions + unmanaged(got, "window functions") +
                unmanaged(got, "C and internal functions") +
                unmanaged(got, "ordered-set and hypothetical-set aggregates") +
                unmanaged(got, "functions whose signature Strata cannot read"),
            want["functions"].get<int>());
  EXPECT_EQ(m.triggers + unmanaged(got, "triggers of foreign tables"),
            want["triggers"].get<int>());
  // Policies of plain tables are in the model; the others are named.
  int model_policies = 0;
  for (const auto& [_, ns] : got.schema.namespaces)
    for (const auto& [_, t] : ns.tables) model_policies += static_cast<int>(t.policies.size());
  EXPECT_EQ(unmanaged(got, "policies of partitioned tables and partitions") + model_policies,
            want["policies"].get<int>());
  EXPECT_EQ(m.domains, want["domains"].get<int>());
  EXPECT_EQ(m.composite_types, want["composite_types"].get<int>());
  EXPECT_EQ(m.partitioned, want["partitioned_tables"].get<int>());
  EXPECT_EQ(m.partitions, want["partitions"].get<int>());
  std::string extensions = want["extensions"].get<std::string>();
  int extension_count =
      extensions.empty() ? 0 : 1 + static_cast<int>(std::count(extensions.begin(), extensions.end(), ','));
  EXPECT_EQ(static_cast<int>(got.schema.extensions.size()), extension_count);

  // Restricted to the tables Strata reads.
  EXPECT_EQ(m.tables, catalog_count(conn, "SELECT count(*) FROM plain"));
  // A partition's columns are its parent's, and so are the columns an
  // inheritance child only inherits; inherited checks, and the copies of a
  // parent's keys and indexes, are the parent's.
  EXPECT_EQ(m.columns, catalog_count(conn, "SELECT count(*) FROM pg_attribute a JOIN plain p"
                                           " ON p.oid = a.attrelid"
                                           " WHERE a.attnum > 0 AND NOT a.attisdropped"
                                           " AND NOT p.relispartition AND a.attislocal"));
  auto constraints = [&](const char* type) {
    return catalog_count(conn, std::string("SELECT count(*) FROM pg_constraint k JOIN plain p"
                                           " ON p.oid = k.conrelid WHERE k.conparentid = 0"
                                           " AND k.conislocal AND k.contype = '") + type + "'");
  };
  EXPECT_EQ(m.pk, constraints("p"));
  EXPECT_EQ(m.fk, constraints("f"));
  EXPECT_EQ(m.unique, constraints("u"));
  EXPECT_EQ(m.check, constraints("c"));
  EXPECT_EQ(m.exclusion, constraints("x"));
  EXPECT_EQ(m.indexes,
            catalog_count(conn, "SELECT count(*) FROM pg_index i JOIN plain p"
                                " ON p.oid = i.indrelid"
                                " JOIN pg_class ic ON ic.oid = i.indexrelid AND NOT ic.relispartition"
                                " WHERE NOT EXISTS (SELECT 1"
                                " FROM pg_constraint k WHERE k.conindid = i.indexrelid"
                                " AND k.conrelid = i.indrelid AND k.contype IN ('p','u','x'))"));
  // Every sequence is a free one, a serial or identity column's, or belongs
  // to a table Strata does not read.
  EXPECT_EQ(m.sequences + m.serial_or_identity + unmanaged(got, "sequences of unmanaged tables"),
            want["sequences"].get<int>());
  for (const auto& [kind, names] : got.unmanaged) {
    EXPECT_FALSE(names.empty()) << kind;
    EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), names.size())
        << kind << ": an object named twice";
    for (const auto& n : names) EXPECT_FALSE(n.empty()) << kind;
  }

  // inspect -> YAML -> load gives the same model; where the loader refuses
  // what PostgreSQL allows, that refusal is asserted (see kLoaderRefuses).
  auto refusal = kLoaderRefuses.find(GetParam());
  if (refusal != kLoaderRefuses.end()) {
    try {
      testing::yaml_round_trip(got.schema, nullptr);
      ADD_FAILURE() << "the loader now accepts " << GetParam() << ": drop it from kLoaderRefuses";
    } catch (const LoadError& e) {
      EXPECT_NE(std::string(e.what()).find(refusal->second), std::string::npos) << e.what();
    }
    return;
  }
  model::Schema split;
  model::Schema loaded = testing::yaml_round_trip(got.schema, &split);
  EXPECT_EQ(testing::dump(loaded), testing::dump(got.schema));
  EXPECT_EQ(testing::dump(split), testing::dump(got.schema));
  EXPECT_TRUE(loaded == got.schema);
}

INSTANTIATE_TEST_SUITE_P(Corpus, RealSchema,
                         ::testing::Values("synapse", "adventureworks", "pagila", "danbooru",
                                           "mattermost-6.0.0", "mattermost-5.0.0",
                                           "pagila-2024"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (auto& c : name)
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

}  // namespace
}  // namespace strata::introspect

namespace strata::introspect {
namespace {

std::vector<std::string> migra_cases() {
  std::vector<std::string> out;
  for (const char* set : {"migra", "pgkit-migra"}) {
    if (!fs::exists(kCorpus / set)) continue;
    for (const auto& entry : fs::directory_iterator(kCorpus / set))
      if (entry.is_directory()) out.push_back(std::string(set) + "/" + entry.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class MigraFixture : public ::testing::TestWithParam<std::string> {};

// Both sides of every migra fixture load, introspect without error, and
// their YAML loads back to the same model.
TEST_P(MigraFixture, BothSidesInspectAndRoundTrip) {
  for (const char* side : {"a.sql", "b.sql"}) {
    fs::path file = kCorpus / GetParam() / side;
    ASSERT_TRUE(fs::exists(file)) << file;
    SCOPED_TRACE(file.string());
    strata::testing::TestDatabase db;
    // The rls cases grant to this role; it is cluster-wide, so it may exist.
    db.execute("DO $$ BEGIN CREATE ROLE schemainspect_test_role; "
               "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    load(db, file);
    db::Connection conn(db.url());
    Inspection got = inspect(conn, {});
    model::Schema loaded = testing::yaml_round_trip(got.schema, nullptr);
    EXPECT_EQ(testing::dump(loaded), testing::dump(got.schema));
  }
}

TEST(MigraFixtures, AreThere) { EXPECT_GE(migra_cases().size(), 26u); }

INSTANTIATE_TEST_SUITE_P(Corpus, MigraFixture, ::testing::ValuesIn(migra_cases()),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (auto& c : name)
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

}  // namespace
}  // namespace strata::introspect
