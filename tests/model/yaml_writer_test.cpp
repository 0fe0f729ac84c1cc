#include "model/yaml_writer.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "model/hints.h"
#include "model/yaml_loader.h"
#include "support/test_database.h"

namespace strata::model {
namespace {

std::vector<SourceFile> as_sources(const std::map<std::filesystem::path, std::string>& files) {
  std::vector<SourceFile> out;
  for (const auto& [p, text] : files) out.push_back({p.generic_string(), text});
  return out;
}

// Loads `yaml`, saves it, loads the result: the two models must be equal and
// a second save byte-identical. Returns the saved text.
std::string round_trip(const std::string& yaml) {
  Schema first = load_string(yaml, "input.yaml");
  auto files = save_files(first, false);
  Schema second = load_sources(as_sources(files));
  EXPECT_EQ(first, second) << files.begin()->second;
  EXPECT_EQ(save_files(second, false), files);
  return files.begin()->second;
}

TEST(YamlWriter, ExampleRoundTrips) {
  Schema s = load_directory(strata::testing::source_path("schema"));
  for (bool split : {false, true}) {
    auto files = save_files(s, split);
    Schema again = load_sources(as_sources(files));
    EXPECT_EQ(again, s) << "split=" << split;
    EXPECT_EQ(save_files(again, split), files) << "split=" << split;
  }
  auto split = save_files(s, true);
  EXPECT_EQ(split.count("public.yaml"), 1u);
  EXPECT_EQ(split.count(std::filesystem::path("public") / "users.yaml"), 1u);
  EXPECT_EQ(split.count(std::filesystem::path("billing") / "invoices.yaml"), 1u);
}

TEST(YamlWriter, CompactColumns) {
  std::string out = round_trip(R"yaml(
tables:
  orgs:
    columns:
      id: {type: bigint, identity: always, primary_key: true}
  users:
    columns:
      id: {type: int8, primary_key: true}
      email: {type: varchar(320), nullable: false, unique: true}
      org_id: {type: bigint, references: orgs.id, on_delete: cascade}
      bio: text
)yaml");
  EXPECT_EQ(out,
            "schema: public\n"
            "tables:\n"
            "  orgs:\n"
            "    columns:\n"
            "      id: {type: bigint, identity: always, primary_key: true}\n"
            "  users:\n"
            "    columns:\n"
            "      id: {type: bigint, primary_key: true}\n"
            "      email: {type: character varying(320), nullable: false, unique: true}\n"
            "      org_id: {type: bigint, references: orgs.id, on_delete: cascade}\n"
            "      bio: text\n");
}

TEST(YamlWriter, EveryConstructRoundTrips) {
  round_trip(R"yaml(
schema: app
comment: "Everything: at once"
extensions:
  citext: {version: "1.6", schema: public}
  pg_trgm: {}
enums:
  mood:
    labels: [happy, {name: sad, renamed_from: blue}, "with space"]
    comment: feelings
    renamed_from: feeling
  plain: [a, b]
sequences:
  s1: integer
  s2: {type: bigint, start: 5, increment: -1, min: -100, max: 100, cache: 3, cycle: true,
       owned_by: t.id, comment: counts down}
tables:
  t:
    comment: "a table"
    unlogged: true
    renamed_from: old_t
    columns:
      id: {type: bigint, identity: {kind: by default, start: 7, cache: 20}}
      "Mixed Case": {type: "\"char\"", collation: "C"}
      n: {type: "numeric(10, 2)[]", default: "'{}'", renamed_from: m, comment: "it's"}
      g: {type: bigint, generated: "length(x) * 2"}
      x: {type: text, nullable: false, check: "x <> ''"}
      r: {type: tstzrange}
      mood: {type: mood, default: "'happy'::app.mood"}
      s: serial
      q: "interval day to second(3)"
      multi: {type: text, default: "'line one\nline two'"}
    primary_key: {name: t_primary, columns: [id], deferrable: true, initially_deferred: true}
    unique:
      t_x_key: {columns: [x], deferrable: true}
      t_x_n_key: {columns: [x, n], nulls_not_distinct: true, renamed_from: t_old_key}
    checks:
      t_g_positive: {expression: "g > 0", no_inherit: true, renamed_from: t_g_check}
      t_x_multi: |
        x <> 'a'
        AND x <> 'b'
    foreign_keys:
      t_self_fkey: {columns: [g], references: {table: app.u, columns: [id]}, on_delete: set default,
                    on_update: restrict, match: full, deferrable: true, renamed_from: t_fk_old}
      t_id_fkey: {columns: [id], references: {table: u}, on_delete: set null}
    exclusions:
      t_r_excl: {using: gist, elements: [{column: r, with: "&&"}, {expression: "lower(r)", with: "=", opclass: range_ops}],
                 include: [x], where: "x <> 'z'", deferrable: true, renamed_from: t_old_excl}
    indexes:
      t_plain_idx: {columns: [x, "Mixed Case"]}
      t_expr_idx: {expressions: ["lower(x)", "(g + 1)"], unique: true, nulls_not_distinct: true}
      t_mixed_idx:
        keys: [x, {column: g, order: desc, nulls: last}, {expression: "upper(x)", opclass: text_pattern_ops, collation: "C"}, {column: n, nulls: first}]
        using: btree
        include: [q]
        where: "g IS NOT NULL"
        comment: mixed keys
        renamed_from: t_older_idx
      t_hash_idx: {columns: [x], using: hash}
  u:
    columns:
      id: {type: bigint, primary_key: true}
views:
  v: "SELECT 1 AS one"
  mv:
    query: |
      SELECT id
      FROM app.u
    materialized: true
    comment: materialized
    indexes:
      mv_id_idx: {columns: [id], unique: true}
)yaml");
}

TEST(YamlWriter, RowSecurityPoliciesOwnersAndGrantsRoundTrip) {
  std::string out = round_trip(R"yaml(
schema: app
owner: app_owner
grants: {app_reader: [usage], public: [usage]}
enums:
  state: {labels: [a, b], owner: app_owner, grants: {app_reader: [usage]}}
sequences:
  counter: {type: bigint, grants: {app_writer: [usage, "SELECT WITH GRANT OPTION"]}}
tables:
  docs:
    owner: app_owner
    columns:
      id: {type: bigint, primary_key: true}
      owner: {type: text, nullable: false}
    grants:
      app_reader: [select]
      app_writer: [select, insert, "update with grant option"]
    row_level_security: true
    force_row_level_security: true
    policies:
      docs_all: {}
      docs_read:
        command: SELECT
        restrictive: true
        roles: [app_writer, app_reader, app_reader]
        using: "owner = current_user"
      docs_write:
        command: update
        roles: [PUBLIC]
        using: "true"
        with_check: "owner = current_user"
views:
  v: {query: "SELECT 1 AS one", grants: {public: [select]}}
)yaml");
  Schema s = load_string(out, "saved.yaml");
  const Table& t = s.namespaces.at("app").tables.at("docs");
  EXPECT_TRUE(t.row_security.enabled);
  EXPECT_TRUE(t.row_security.forced);
  const Policy& read = t.policies.at("docs_read");
  EXPECT_EQ(read.command, PolicyCommand::kSelect);
  EXPECT_FALSE(read.permissive);
  EXPECT_EQ(read.roles, (std::vector<std::string>{"app_reader", "app_writer"}));
  EXPECT_EQ(t.policies.at("docs_write").roles, std::vector<std::string>{"public"});
  EXPECT_EQ(t.policies.at("docs_all"), (Policy{"docs_all"}));
  EXPECT_EQ(t.access.owner, "app_owner");
  EXPECT_EQ(t.access.grants.at("app_writer"),
            (PrivilegeSet{{"INSERT", false}, {"SELECT", false}, {"UPDATE", true}}));
  EXPECT_EQ(s.namespaces.at("app").sequences.at("counter").access.grants.at("app_writer").at("SELECT"), true);
  EXPECT_EQ(s.namespaces.at("app").access.grants.at("public"), (PrivilegeSet{{"USAGE", false}}));
  EXPECT_NE(out.find("      app_writer: [insert, select, update with grant option]\n"), std::string::npos) << out;
  EXPECT_NE(out.find("    row_level_security: true\n    force_row_level_security: true\n"), std::string::npos) << out;
}

TEST(YamlWriter, MultiLineTextReadsBackExactly) {
  Schema s;
  Namespace& ns = s.namespaces["public"];
  ns.name = "public";
  const std::vector<std::string> queries = {
      "SELECT users.id,\n    users.email\n   FROM users",  // as introspection gives it
      "SELECT 1 AS a,\n  2 AS b\n",                        // one final newline
      " SELECT 1 AS a,\n    2 AS b;",                      // leading blank
      "SELECT 1 AS a,\n\n  2 AS b",                        // an empty line inside
      "SELECT 1 AS a, \n 2 AS b\n\n",                      // trailing blanks
      "SELECT 'x|'\n AS \"a: |\"",                         // looks like an indicator
  };
  for (size_t i = 0; i < queries.size(); ++i) {
    View v;
    v.name = "v" + std::to_string(i);
    v.query = queries[i];
    ns.views[v.name] = v;
  }
  auto files = save_files(s, false);
  EXPECT_EQ(load_sources(as_sources(files)), s) << files.begin()->second;
  const std::string& text = files.begin()->second;
  EXPECT_NE(text.find("  v0:\n    query: |-\n      SELECT users.id,\n          users.email\n"
                      "         FROM users\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  v1:\n    query: |\n      SELECT 1 AS a,\n        2 AS b\n"),
            std::string::npos)
      << text;
}

TEST(YamlWriter, StripHintsRemovesEveryRename) {
  Schema s = load_string(R"yaml(
enums:
  e: {labels: [a, {name: b, renamed_from: c}], renamed_from: f}
tables:
  t:
    renamed_from: t0
    columns:
      a: {type: int, renamed_from: a0, primary_key: true}
      b: {type: int}
    unique: {t_b_key: {columns: [b], renamed_from: k0}}
    checks: {t_c: {expression: "b > 0", renamed_from: c0}}
    foreign_keys: {t_f: {columns: [b], references: {table: t, columns: [a]}, renamed_from: f0}}
    exclusions: {t_x: {elements: [{column: a, with: "="}], renamed_from: x0}}
    indexes: {t_i: {columns: [b], renamed_from: i0}}
)yaml");
  Schema stripped = strip_hints(s);
  std::string text = save_namespace(stripped.namespaces.at("public"));
  EXPECT_EQ(text.find("renamed_from"), std::string::npos) << text;
  EXPECT_NE(save_namespace(s.namespaces.at("public")).find("renamed_from"), std::string::npos);
  EXPECT_NE(stripped, s);
  EXPECT_EQ(strip_hints(stripped), stripped);
}

TEST(YamlWriter, EachRenameHintAloneIsFound) {
  // The planner reuses its schemas between passes only without these.
  const char* base = R"yaml(
enums:
  e: {labels: [a, b]%s}
tables:
  t:
    columns:
      a: {type: int, primary_key: true}
      b: {type: int}
    unique: {t_b_key: {columns: [b]}}
    checks: {t_c: {expression: "b > 0"}}
    foreign_keys: {t_f: {columns: [b], references: {table: t, columns: [a]}}}
    indexes: {t_i: {columns: [b]}}
)yaml";
  auto with = [&](const std::string& enum_part, const std::string& from, const std::string& to) {
    char text[2048];
    std::snprintf(text, sizeof text, base, enum_part.c_str());
    std::string yaml = text;
    if (!from.empty()) yaml.replace(yaml.find(from), from.size(), to);
    return load_string(yaml);
  };
  EXPECT_FALSE(has_rename_hints(with("", "", "")));
  EXPECT_TRUE(has_rename_hints(with(", renamed_from: f", "", "")));
  EXPECT_TRUE(has_rename_hints(with("", "labels: [a, b]", "labels: [a, {name: b, renamed_from: c}]")));
  EXPECT_TRUE(has_rename_hints(with("", "  t:\n", "  t:\n    renamed_from: t0\n")));
  EXPECT_TRUE(has_rename_hints(with("", "b: {type: int}", "b: {type: int, renamed_from: b0}")));
  EXPECT_TRUE(has_rename_hints(with("", "columns: [b]}}\n    checks", "columns: [b], renamed_from: k0}}\n    checks")));
  EXPECT_TRUE(has_rename_hints(with("", "\"b > 0\"}", "\"b > 0\", renamed_from: c0}")));
  EXPECT_TRUE(has_rename_hints(with("", "columns: [a]}}", "columns: [a]}, renamed_from: f0}")));
  EXPECT_TRUE(has_rename_hints(with("", "t_i: {columns: [b]}", "t_i: {columns: [b], renamed_from: i0}")));
  EXPECT_FALSE(has_rename_hints(strip_hints(with(", renamed_from: f", "b: {type: int}", "b: {type: int, renamed_from: b0}"))));
}

TEST(YamlWriter, UnmodelledUserTypesAreListedAsExternal) {
  // As introspection gives it: a domain type the model does not define.
  Schema s;
  for (const char* n : {"app", "other"}) s.namespaces[n].name = n;
  Table t;
  t.name = "film";
  Column c1, c2, c3, c4;
  c1.name = "released";
  c1.type = "public.year";
  c2.name = "mood";
  c2.type = "other.mood[]";
  c3.name = "email";
  c3.type = "public.citext";
  c4.name = "tag";
  c4.type = "app.\"Tag\"";
  t.columns = {c1, c2, c3, c4};
  s.namespaces["app"].tables["film"] = t;
  EnumType mood;
  mood.name = "mood";
  mood.labels = {"a"};
  s.namespaces["other"].enums["mood"] = mood;
  Extension citext;
  citext.name = "citext";
  s.extensions["citext"] = citext;
  for (bool split : {false, true}) {
    auto files = save_files(s, split);
    EXPECT_NE(files.at("app.yaml").find("external_types: [app.\"Tag\", public.year]\n"),
              std::string::npos)
        << files.at("app.yaml");
    Schema back = load_sources(as_sources(files));
    // The loader creates the namespace "public" for the extension's file.
    back.namespaces.erase("public");
    EXPECT_EQ(back, s);
  }
}

TEST(YamlWriter, TableWithoutColumns) {
  std::string out = round_trip("tables:\n  t:\n    columns: {}\n    unlogged: true\n");
  EXPECT_EQ(out, "schema: public\ntables:\n  t:\n    unlogged: true\n    columns: {}\n");
}

TEST(YamlWriter, SaveTableHoldsOneTable) {
  Schema s = load_string("schema: x\ntables:\n  a:\n    columns: {id: int}\n  b:\n    columns: {id: int}\n");
  std::string text = save_table("x", s.namespaces.at("x").tables.at("a"));
  EXPECT_EQ(text, "schema: x\ntables:\n  a:\n    columns:\n      id: integer\n");
}


// Partitions, storage parameters, replica identity, column storage, NOT
// VALID constraints and WITH NO DATA come back byte for byte.
TEST(YamlWriter, PartitionsAndTableProperties) {
  const std::string text =
      "schema: public\n"
      "tables:\n"
      "  jobs:\n"
      "    storage_parameters: {autovacuum_enabled: off, fillfactor: 70}\n"
      "    replica_identity: {index: jobs_pkey}\n"
      "    columns:\n"
      "      id: {type: bigint, statistics: 500, primary_key: true}\n"
      "      body: {type: text, storage: external, compression: lz4}\n"
      "      seq: {type: bigserial, sequence_logged: false}\n"
      "      parent_id: bigint\n"
      "    checks:\n"
      "      jobs_id_check: {expression: id > 0, not_valid: true}\n"
      "    foreign_keys:\n"
      "      jobs_parent_id_fkey: {columns: [parent_id], references: {table: jobs, columns: [id]}, "
      "not_valid: true}\n"
      "  log:\n"
      "    partition_by: RANGE (at)\n"
      "    replica_identity: full\n"
      "    columns:\n"
      "      at: {type: date, nullable: false}\n"
      "  log_2025:\n"
      "    partition_of: log\n"
      "    bound: FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')\n"
      "    partition_by: LIST (at)\n"
      "  log_rest:\n"
      "    partition_of: log\n"
      "    bound: DEFAULT\n"
      "    checks:\n"
      "      log_rest_at_check: at > '2000-01-01'::date\n"
      "views:\n"
      "  totals:\n"
      "    query: SELECT count(*) AS n FROM jobs\n"
      "    materialized: true\n"
      "    with_no_data: true\n";
  std::string out = round_trip(text);
  EXPECT_EQ(out, text);
  Schema s = load_string(text);
  const Table& part = s.namespaces.at("public").tables.at("log_2025");
  ASSERT_TRUE(part.partition_of);
  EXPECT_EQ(part.partition_of->parent, (QualifiedName{"public", "log"}));
  EXPECT_TRUE(part.columns.empty());
  EXPECT_EQ(s.namespaces.at("public").tables.at("jobs").storage_parameters.at("fillfactor"), "70");
  // The type's own storage is the same as none.
  Schema plain = load_string("tables:\n  t:\n    columns:\n      a: {type: text, storage: extended}\n"
                             "      b: {type: numeric, storage: main}\n");
  for (const auto& c : plain.namespaces.at("public").tables.at("t").columns)
    EXPECT_FALSE(c.storage) << c.name;
}

}  // namespace
}  // namespace strata::model

namespace strata::model {
namespace {

TEST(YamlWriter, DomainsRoundTripAndColumnsUseThem) {
  std::string out = round_trip(R"yaml(
schema: app
domains:
  quantity:
    type: int
    nullable: false
    default: "1"
    checks:
      quantity_positive: "VALUE > 0"
      "Quantity Bounded": "VALUE < 1000"
    comment: "How many: of an item"
  code: {type: "varchar(12)", collation: C}
  plain: text
tables:
  items:
    columns:
      id: {type: integer, primary_key: true}
      qty: quantity
      codes: "code[]"
      other: app.plain
)yaml");
  EXPECT_EQ(out.find("external_types"), std::string::npos) << out;
  EXPECT_NE(out.find("  plain: text\n"), std::string::npos) << out;
  Schema s = load_string(out, "app.yaml");
  const Domain& q = s.namespaces.at("app").domains.at("quantity");
  EXPECT_EQ(q.type, "integer");
  EXPECT_FALSE(q.nullable);
  EXPECT_EQ(q.default_expr, "1");
  EXPECT_EQ(q.checks.size(), 2u);
  EXPECT_EQ(s.namespaces.at("app").domains.at("code").collation, "C");
  const Table& t = s.namespaces.at("app").tables.at("items");
  EXPECT_EQ(t.columns[1].type, "app.quantity");
  EXPECT_EQ(t.columns[2].type, "app.code[]");
  EXPECT_EQ(t.columns[3].type, "app.plain");
}

}  // namespace
}  // namespace strata::model

namespace strata::model {
namespace {

TEST(YamlWriter, CompositeTypesCollationsAndTextSearchConfigsRoundTrip) {
  std::string out = round_trip(R"yaml(
schema: app
collations:
  numeric: {provider: icu, locale: en-u-kn-true, comment: "Digits: by value"}
  split: {lc_collate: C, lc_ctype: POSIX}
  same_parts: {lc_collate: C, lc_ctype: C}
  loose: {provider: icu, locale: und-u-ks-level2, deterministic: false}
composite_types:
  address:
    attributes:
      street: text
      code: {type: text, collation: numeric}
      zip: "varchar(10)"
      "Where": point
    comment: A postal address
  parcel:
    attributes:
      to: address
      weights: "numeric[]"
text_search_configurations:
  search:
    parser: pg_catalog.default
    mappings:
      asciiword: [simple, pg_catalog.english_stem]
      word: english_stem
    comment: Plain English
tables:
  shipments:
    columns:
      id: {type: integer, primary_key: true}
      parcel: parcel
      label: {type: text, collation: numeric}
    indexes:
      shipments_label_idx: {columns: [{column: label, collation: split}]}
)yaml");
  EXPECT_EQ(out.find("external_types"), std::string::npos) << out;
  Schema s = load_string(out, "app.yaml");
  const Namespace& ns = s.namespaces.at("app");
  const CompositeType& address = ns.composite_types.at("address");
  ASSERT_EQ(address.attributes.size(), 4u);
  EXPECT_EQ(address.attributes[1].collation, "app.numeric");  // a model collation, qualified
  EXPECT_EQ(address.attributes[2].type, "character varying(10)");
  EXPECT_EQ(address.attributes[3].name, "Where");
  EXPECT_EQ(ns.composite_types.at("parcel").attributes[0].type, "app.address");
  EXPECT_EQ(ns.collations.at("split").lc_collate, "C");
  EXPECT_EQ(ns.collations.at("same_parts").locale, "C");  // equal parts read as one locale
  EXPECT_FALSE(ns.collations.at("same_parts").lc_collate);
  EXPECT_FALSE(ns.collations.at("loose").deterministic);
  const TextSearchConfig& search = ns.text_search_configs.at("search");
  EXPECT_EQ(search.parser, "default");
  EXPECT_EQ(search.mappings.at("asciiword"), (std::vector<std::string>{"simple", "english_stem"}));
  EXPECT_EQ(search.mappings.at("word"), (std::vector<std::string>{"english_stem"}));
  const Table& t = ns.tables.at("shipments");
  EXPECT_EQ(t.columns[1].type, "app.parcel");
  EXPECT_EQ(t.columns[2].collation, "app.numeric");
  EXPECT_EQ(t.indexes.at("shipments_label_idx").keys[0].collation, "app.split");
}

TEST(YamlWriter, TriggersOfAViewRoundTrip) {
  std::string out = round_trip(R"yaml(
tables:
  accounts:
    columns:
      id: {type: integer}
views:
  account_ids:
    query: SELECT id FROM accounts
    triggers:
      write_through:
        timing: instead of
        events: [update, insert]
        for_each: row
        function: write_through
        comment: Writes to accounts
      noted:
        timing: after
        events: [delete]
        function: public.write_through
        arguments: [deleted]
functions:
  write_through():
    returns: trigger
    language: plpgsql
    body: BEGIN RETURN NEW; END
)yaml");
  Schema s = load_string(out, "saved.yaml");
  const View& v = s.namespaces.at("public").views.at("account_ids");
  ASSERT_EQ(v.triggers.size(), 2u);
  const Trigger& tg = v.triggers.at("write_through");
  EXPECT_EQ(tg.timing, "instead of");
  EXPECT_EQ(tg.events, (std::vector<std::string>{"insert", "update"}));
  EXPECT_TRUE(tg.for_each_row);
  EXPECT_EQ(tg.function, "public.write_through");  // resolved in the view's schema
  EXPECT_EQ(v.triggers.at("noted").arguments, std::vector<std::string>{"deleted"});
  EXPECT_NE(out.find("instead of"), std::string::npos) << out;
}

}  // namespace
}  // namespace strata::model
