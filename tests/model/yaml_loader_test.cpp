#include "model/yaml_loader.h"

#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>

#include "core/error.h"
#include "support/test_database.h"

namespace strata::model {
namespace {

std::vector<std::string> messages(const std::vector<SourceFile>& files) {
  try {
    load_sources(files);
  } catch (const LoadError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.str());
    return out;
  }
  return {};
}

TEST(YamlLoader, ShorthandAndColumnOrder) {
  Schema s = load_string(R"yaml(
tables:
  users:
    columns:
      zeta: text
      alpha: "varchar(20)[]"
      mid: {type: int, nullable: false, default: "0", comment: "a number"}
)yaml");
  const Table* t = s.find_table({"public", "users"});
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->columns.size(), 3u);
  EXPECT_EQ(t->columns[0].name, "zeta");
  EXPECT_EQ(t->columns[0].type, "text");
  EXPECT_TRUE(t->columns[0].nullable);
  EXPECT_EQ(t->columns[1].type, "character varying(20)[]");
  Column mid;
  mid.name = "mid";
  mid.type = "integer";
  mid.nullable = false;
  mid.default_expr = "0";
  mid.comment = "a number";
  EXPECT_EQ(t->columns[2], mid);
}

TEST(YamlLoader, InlineConstraintsBecomeTableLevelWithDefaultNames) {
  Schema s = load_string(R"yaml(
tables:
  orgs:
    columns:
      id: {type: bigint, primary_key: true}
  users:
    columns:
      id: {type: bigint, primary_key: true}
      email: {type: text, unique: true}
      org_id: {type: bigint, references: orgs.id, on_delete: cascade, on_update: set_null}
      age: {type: int, check: "age >= 0"}
      boss: {type: bigint, references: users}
)yaml");
  const Table& t = *s.find_table({"public", "users"});
  ASSERT_TRUE(t.primary_key);
  PrimaryKey pk;
  pk.name = "users_pkey";
  pk.columns = {"id"};
  EXPECT_EQ(*t.primary_key, pk);
  EXPECT_FALSE(t.find_column("id")->nullable);
  ASSERT_EQ(t.uniques.count("users_email_key"), 1u);
  EXPECT_EQ(t.uniques.at("users_email_key").columns, std::vector<std::string>{"email"});
  ForeignKey fk;
  fk.name = "users_org_id_fkey";
  fk.columns = {"org_id"};
  fk.ref_table = {"public", "orgs"};
  fk.ref_columns = {"id"};
  fk.on_delete = ReferentialAction::kCascade;
  fk.on_update = ReferentialAction::kSetNull;
  EXPECT_EQ(t.foreign_keys.at("users_org_id_fkey"), fk);
  // references: table -> its primary key.
  EXPECT_EQ(t.foreign_keys.at("users_boss_fkey").ref_columns, std::vector<std::string>{"id"});
  EXPECT_EQ(t.checks.at("users_age_check").expression, "age >= 0");
}

TEST(YamlLoader, TableLevelForms) {
  Schema s = load_string(R"yaml(
schema: shop
tables:
  items:
    columns:
      a: int
      b: int
      c: text
      d: tstzrange
      e: text
    primary_key: {name: items_pk, columns: [a, b], deferrable: true}
    unique:
      - [c]
      - {columns: [b, c], nulls_not_distinct: true}
    checks:
      items_a_positive: {expression: "a > 0", no_inherit: true}
    foreign_keys:
      - {columns: [e], references: {table: items, columns: [c]}, match: full}
    exclusions:
      - {elements: [{column: a, with: "="}, {expression: "d", with: "&&"}]}
    indexes:
      - {keys: [{column: c, order: desc, nulls: first, collation: "C", opclass: text_pattern_ops}],
         include: [a], where: "a > 1", using: BTREE}
      - expressions: ["lower(c)", "upper(c)"]
)yaml");
  const Table& t = *s.find_table({"shop", "items"});
  EXPECT_EQ(t.primary_key->name, "items_pk");
  EXPECT_TRUE(t.primary_key->deferral.deferrable);
  EXPECT_FALSE(t.find_column("a")->nullable);
  EXPECT_TRUE(t.find_column("c")->nullable);
  EXPECT_EQ(t.uniques.count("items_c_key"), 1u);
  EXPECT_TRUE(t.uniques.at("items_b_c_key").nulls_not_distinct);
  EXPECT_TRUE(t.checks.at("items_a_positive").no_inherit);
  const ForeignKey& fk = t.foreign_keys.at("items_e_fkey");
  EXPECT_EQ(fk.match, MatchType::kFull);
  EXPECT_EQ(fk.ref_table, (QualifiedName{"shop", "items"}));
  // Exclusion names come from the element names (an expression by FigureColname).
  ASSERT_EQ(t.exclusions.count("items_a_d_excl"), 1u);
  const auto& x = t.exclusions.at("items_a_d_excl");
  EXPECT_EQ(x.elements[1].expression, "(d)");
  EXPECT_EQ(x.method, "gist");
  // INCLUDE columns are part of the default name, as PostgreSQL does it.
  ASSERT_EQ(t.indexes.count("items_c_a_idx"), 1u);
  const Index& ix = t.indexes.at("items_c_a_idx");
  EXPECT_EQ(ix.method, "btree");
  ASSERT_EQ(ix.keys.size(), 1u);
  IndexKey want;
  want.column = "c";
  want.descending = true;
  want.opclass = "text_pattern_ops";
  want.collation = "C";
  EXPECT_EQ(ix.keys[0], want);
  EXPECT_EQ(ix.where, "a > 1");
  ASSERT_EQ(t.indexes.count("items_lower_upper_idx"), 1u);
}

TEST(YamlLoader, NullsOrderDefaultsAreNormalized) {
  Schema s = load_string(R"yaml(
tables:
  t:
    columns: {a: int}
    indexes:
      t_i1: {keys: [{column: a, nulls: last}]}
      t_i2: {keys: [{column: a, order: desc, nulls: last}]}
)yaml");
  const Table& t = *s.find_table({"public", "t"});
  EXPECT_EQ(t.indexes.at("t_i1").keys[0].nulls, NullsOrder::kDefault);
  EXPECT_EQ(t.indexes.at("t_i2").keys[0].nulls, NullsOrder::kLast);
}

// Options PostgreSQL would pick anyway are dropped, as the catalog does not
// report them; the others are kept as written.
TEST(YamlLoader, IndexKeyDefaultOpclassAndCollationAreDropped) {
  Schema s = load_string(R"yaml(
enums: {mood: [a]}
tables:
  t:
    columns:
      a: text
      b: "varchar(10)"
      c: {type: text, collation: "C"}
      d: int
      e: mood
      f: "int[]"
      g: {type: text, collation: default}
      h: jsonb
      n: name
    indexes:
      t_i1: {keys: [{column: a, opclass: text_ops, collation: default}]}
      t_i2: {keys: [{column: b, opclass: pg_catalog.text_ops}]}
      t_i3: {keys: [{column: c, collation: "C"}]}
      t_i4: {keys: [{column: d, opclass: int4_ops}, {column: e, opclass: enum_ops}]}
      t_i5: {using: gin, keys: [{column: f, opclass: array_ops}, {column: h, opclass: jsonb_ops}]}
      t_i6: {keys: [{column: a, opclass: text_pattern_ops, collation: "C"}, {column: b, opclass: varchar_ops}]}
      t_i7: {keys: [{expression: "lower(a)", collation: default}, {expression: "upper(a)", collation: "C"}]}
      t_i8: {using: gin, keys: [{column: h, opclass: jsonb_path_ops}]}
      t_i9: {keys: [{column: c, collation: default}, {column: n, collation: "C"}, {column: d, opclass: int8_ops}]}
)yaml");
  const Table& t = *s.find_table({"public", "t"});
  auto key = [&](const char* index, std::size_t i) { return t.indexes.at(index).keys.at(i); };
  using Opt = std::optional<std::string>;
  struct Case {
    const char* index;
    std::size_t key;
    Opt opclass, collation;
  } cases[] = {
      {"t_i1", 0, {}, {}},
      {"t_i2", 0, {}, {}},
      {"t_i3", 0, {}, {}},
      {"t_i4", 0, {}, {}},
      {"t_i4", 1, {}, {}},
      {"t_i5", 0, {}, {}},
      {"t_i5", 1, {}, {}},
      {"t_i6", 0, "text_pattern_ops", "C"},
      {"t_i6", 1, "varchar_ops", {}},
      {"t_i7", 0, {}, {}},
      {"t_i7", 1, {}, "C"},
      {"t_i8", 0, "jsonb_path_ops", {}},
      {"t_i9", 0, {}, "default"},
      {"t_i9", 1, {}, {}},
      {"t_i9", 2, "int8_ops", {}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(key(c.index, c.key).opclass, c.opclass) << c.index << " key " << c.key;
    EXPECT_EQ(key(c.index, c.key).collation, c.collation) << c.index << " key " << c.key;
  }
  EXPECT_EQ(t.columns[2].collation, Opt("C"));
  EXPECT_EQ(t.columns[6].collation, std::nullopt);  // "default" is the type's own
}

TEST(YamlLoader, NormalizesSerialIdentityAndUserTypes) {
  Schema s = load_sources({{"public.yaml", "enums: {shared: [x]}\n"},
                           {"app.yaml", R"yaml(
schema: app
extensions: [citext]
enums:
  mood: [happy, sad]
tables:
  t:
    columns:
      id: serial8
      n: {type: int, identity: {kind: always, start: 10, increment: 5, cycle: true}}
      m: mood
      ms: "mood[]"
      e: citext
      sh: shared

)yaml"}});
  const Table& t = *s.find_table({"app", "t"});
  EXPECT_EQ(t.columns[0].type, "bigserial");
  EXPECT_FALSE(t.columns[0].nullable);
  EXPECT_FALSE(t.columns[0].default_expr);
  ASSERT_TRUE(t.columns[1].identity);
  EXPECT_FALSE(t.columns[1].nullable);
  EXPECT_EQ(t.columns[1].identity->kind, IdentityKind::kAlways);
  SequenceOptions options;
  options.start = 10;
  options.increment = 5;
  options.cycle = true;
  EXPECT_EQ(t.columns[1].identity->options, options);
  EXPECT_EQ(t.columns[2].type, "app.mood");
  EXPECT_EQ(t.columns[3].type, "app.mood[]");
  EXPECT_EQ(t.columns[4].type, "public.citext");  // the extension's schema
  EXPECT_EQ(t.columns[5].type, "public.shared");  // found through public
  EXPECT_EQ(s.namespaces.count("public"), 1u);
  Extension citext;
  citext.name = "citext";
  EXPECT_EQ(s.extensions.at("citext"), citext);
}

TEST(YamlLoader, MergesFilesAndNamespaces) {
  Schema s = load_sources({
      {"a.yaml", "tables:\n  a:\n    columns: {id: {type: int, primary_key: true}}\n"},
      {"b.yaml", "tables:\n  b:\n    columns: {a_id: {type: int, references: a.id}}\n"},
      {"c.yaml", "schema: other\ncomment: hello\ntables:\n  a:\n    columns: {x: text}\n"},
      {"d.yaml", "schema: empty\n"},
  });
  EXPECT_EQ(s.namespaces.size(), 3u);
  EXPECT_EQ(s.namespaces.at("public").tables.size(), 2u);
  EXPECT_EQ(s.namespaces.at("other").comment, "hello");
  EXPECT_TRUE(s.namespaces.at("empty").tables.empty());
  EXPECT_NE(s.find_table({"other", "a"}), nullptr);
}

TEST(YamlLoader, DuplicatesAcrossFilesNameBothPlaces) {
  auto m = messages({
      {"a.yaml", "enums: {e: [x]}\ntables:\n  users:\n    columns: {id: int}\n"},
      {"b.yaml", "enums:\n  e: [y]\ntables:\n  users:\n    columns: {id: int}\n"},
      {"c.yaml", "comment: one\n"},
      {"d.yaml", "comment: two\n"},
  });
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0], "b.yaml:2:3: duplicate enum 'public.e' (first defined at a.yaml:1:9); remove or "
                  "rename one");
  EXPECT_EQ(m[1], "b.yaml:4:3: duplicate table 'public.users' (first defined at a.yaml:3:3); remove or "
                  "rename one");
  EXPECT_EQ(m[2], "d.yaml:1:10: schema 'public' has a comment already (at c.yaml:1:10); keep the "
                  "comment in one file");
}

// A mapping of many keys (a file's tables) finds a repeated key by hashing,
// a small one by scanning: both name the first place.
TEST(YamlLoader, DuplicateKeyInALargeAndASmallMapping) {
  std::string text = "tables:\n";
  for (int i = 0; i < 40; ++i) text += "  t" + std::to_string(i) + ": {columns: {id: int}}\n";
  text += "  t7: {columns: {id: int, x: text, id: int}}\n";
  auto m = messages({{"a.yaml", text}});
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0], "a.yaml:42:3: duplicate table 't7' (first at 9:3); remove or rename one");
  m = messages({{"b.yaml", "tables:\n  t:\n    columns: {id: int, x: text, id: int}\n"}});
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0], "b.yaml:3:33: duplicate column 'id' (first at 3:15); remove or rename one");
}

TEST(YamlLoader, UsingIsAConversionExpressionOnTheTable) {
  Schema s = load_string(
      "tables:\n  t:\n    columns:\n      e: {type: integer, using: \"nullif(trim(e), '')::integer\"}\n",
      "m.yaml");
  EXPECT_EQ(s.find_table({"public", "t"})->columns[0].using_expr, "nullif(trim(e), '')::integer");
  auto m = messages({{"m.yaml", "tables:\n  t:\n    columns:\n      e: {type: integer, using: \"(x\"}\n"
                                "      f: {type: integer, using: \"g::integer\"}\n"}});
  ASSERT_EQ(m.size(), 2u);
  EXPECT_NE(m[0].find("m.yaml:4:"), std::string::npos) << m[0];
  EXPECT_NE(m[0].find("using expression"), std::string::npos) << m[0];
  EXPECT_NE(m[1].find("m.yaml:5:"), std::string::npos) << m[1];
  EXPECT_NE(m[1].find("'g'"), std::string::npos) << m[1];
}

TEST(YamlLoader, ReferencesAcrossFilesAndSchemas) {
  auto m = messages({
      {"a.yaml", "schema: auth\ntables:\n  accounts:\n    columns: {id: {type: uuid, primary_key: true}}\n"},
      {"b.yaml", "tables:\n  posts:\n    columns:\n      a: {type: uuid, references: auth.accounts.id}\n"
                 "      b: {type: uuid, references: accounts.id}\n"},
  });
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0], "b.yaml:5:35: foreign key 'posts_b_fkey' of table 'public.posts' references "
                  "unknown table 'public.accounts' (did you mean 'auth.accounts'?)");
}

TEST(YamlLoader, SeveralDocumentsInOneFile) {
  Schema s = load_string("tables:\n  a:\n    columns: {x: text}\n---\nschema: other\n"
                         "tables:\n  b:\n    columns: {y: text}\n---\n",
                         "multi.yaml");
  EXPECT_NE(s.find_table({"public", "a"}), nullptr);
  EXPECT_NE(s.find_table({"other", "b"}), nullptr);
  try {
    load_string("enums: {e: [x]}\n---\nenums:\n  e: [y]\n", "multi.yaml");
    FAIL() << "accepted";
  } catch (const LoadError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].str(),
              "multi.yaml:4:3: duplicate enum 'public.e' (first defined at 1:9); remove or rename "
              "one");
  }
}

TEST(YamlLoader, ExternalTypesMayBeUsed) {
  Schema s = load_string(R"yaml(
schema: app
external_types: [year, public."Name"]
tables:
  film:
    columns:
      released: year
      title: public."Name"
      titles: "public.\"Name\"[]"
)yaml");
  const Table& t = *s.find_table({"app", "film"});
  EXPECT_EQ(t.columns[0].type, "app.year");
  EXPECT_EQ(t.columns[1].type, "public.\"Name\"");
  EXPECT_EQ(t.columns[2].type, "public.\"Name\"[]");
  auto m = messages({{"x.yaml", "external_types: [int, \"t[]\"]\ntables:\n  a:\n"
                                "    columns: {y: yeer}\n"}});
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0], "x.yaml:1:18: external type 'int' must be a user type name, not integer");
  EXPECT_EQ(m[1], "x.yaml:1:23: external type 't[]' must not be an array");
  EXPECT_EQ(m[2], "x.yaml:4:18: unknown type 'yeer'");
}

TEST(YamlLoader, ForeignKeyTypesOfOneFamilyAreAccepted) {
  Schema s = load_string(R"yaml(
tables:
  p:
    columns:
      i: {type: int, primary_key: true}
      s: {type: varchar(10), unique: true}
      d: {type: date, unique: true}
  c:
    columns:
      a: {type: bigint, references: p.i}
      b: {type: text, references: p.s}
      e: {type: timestamptz, references: p.d}
      f: {type: smallserial, references: p.i}
)yaml");
  EXPECT_EQ(s.find_table({"public", "c"})->foreign_keys.size(), 4u);
  auto m = messages({{"x.yaml", "tables:\n  p:\n    columns: {i: {type: int, primary_key: true}}\n"
                                "  c:\n    columns: {a: {type: numeric, references: p.i}}\n"}});
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0], "x.yaml:5:15: foreign key 'c_a_fkey': column 'a' is numeric but references "
                  "public.p.i of type integer; give both columns the same type");
}

TEST(YamlLoader, EmptyDocumentIsNothing) {
  Schema s = load_string("# nothing here\n");
  EXPECT_TRUE(s.namespaces.empty());
}

TEST(YamlLoader, ExampleSchemaLoads) {
  Schema s = load_directory(strata::testing::source_path("schema"));
  EXPECT_EQ(s.namespaces.size(), 2u);
  EXPECT_NE(s.find_table({"public", "users"}), nullptr);
  EXPECT_NE(s.find_table({"billing", "invoices"}), nullptr);
}

TEST(SourceMap, NamesEachFileAsShownAskingOnceWhateverTheNumberOfObjects) {
  // Making a name relative asks the file system: once per file, not once per
  // column (that was a tenth of validate's time on a large project).
  std::map<std::string, int> calls;
  auto show = [&](const std::filesystem::path& f) {
    ++calls[f.generic_string()];
    return "shown/" + f.filename().string();
  };
  SourceMap where;
  load_directory(strata::testing::source_path("schema"), where, show);
  ASSERT_FALSE(calls.empty());
  for (const auto& [file, n] : calls) EXPECT_EQ(n, 1) << file;
  Location users = where.find("table", "public", "users");
  EXPECT_EQ(users.file.rfind("shown/", 0), 0u) << users.file;
  EXPECT_GT(users.line, 0);
}

// Diagnostics name every file as shown: their own places and the places
// their messages point at in other files.
TEST(YamlLoader, DiagnosticsNameFilesAsShown) {
  auto dir = std::filesystem::temp_directory_path() / "strata_model_loader_show_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "a.yaml") << "tables:\n  users:\n    columns:\n      id: bigint\n";
  std::ofstream(dir / "b.yaml") << "tables:\n  users:\n    columns:\n      id: bigint\n"
                                   "views:\n  orders: SELECT 1\n";
  std::ofstream(dir / "c.yaml") << "tables:\n  orders:\n    columns:\n      id: bigint\n";
  auto show = [](const std::filesystem::path& f) { return "models/" + f.filename().string(); };
  SourceMap where;
  try {
    load_directory(dir, where, show);
    FAIL() << "accepted";
  } catch (const LoadError& e) {
    std::string all;
    for (const auto& d : e.diagnostics()) {
      EXPECT_EQ(d.where.file.rfind("models/", 0), 0u) << d.where.str();
      all += d.where.str() + ": " + d.message + "\n";
    }
    EXPECT_NE(all.find("models/b.yaml:2:3: duplicate table 'public.users' (first defined at "
                       "models/a.yaml:2:3)"),
              std::string::npos)
        << all;
    EXPECT_NE(all.find("is already used by view at models/b.yaml:6:3"), std::string::npos) << all;
    EXPECT_EQ(all.find(dir.generic_string()), std::string::npos) << all;
  }
  try {
    load_directory(dir / "missing", where, show);
    FAIL() << "accepted";
  } catch (const LoadError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].where.file, "models/missing");
  }
  std::filesystem::remove_all(dir);
}

TEST(YamlLoader, DirectoryErrors) {
  EXPECT_THROW(load_directory("/nonexistent/strata/schema"), LoadError);
  auto dir = std::filesystem::temp_directory_path() / "strata_model_loader_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "sub");
  std::ofstream(dir / "sub" / "b.yml") << "tables:\n  b:\n    columns: {x: nosuchtype}\n";
  std::ofstream(dir / "a.yaml") << "tables:\n  a:\n    columns: {x: text}\n";
  std::ofstream(dir / "notes.txt") << "not yaml: [";
  std::filesystem::create_directories(dir / ".hidden");
  std::ofstream(dir / ".hidden" / "x.yaml") << "not yaml: [";
  std::ofstream(dir / ".#a.yaml") << "not yaml: [";
  try {
    load_directory(dir);
    FAIL() << "accepted";
  } catch (const LoadError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].where,
              (Location{(dir / "sub" / "b.yml").generic_string(), 3, 18}));
  }
  std::filesystem::remove_all(dir);
}

// One table of `columns` columns under an anchor, reused by `reuses` more
// tables: about 66 KB for 2,000 columns and 1,500 reuses.
std::string alias_bomb(int columns, int reuses) {
  std::string y = "tables:\n  t0: &t\n    columns:\n";
  for (int i = 0; i < columns; ++i) y += "      column_" + std::to_string(i) + ": integer\n";
  for (int i = 1; i <= reuses; ++i) y += "  t" + std::to_string(i) + ": *t\n";
  return y;
}

TEST(YamlLoader, AliasExpansionIsBoundedAndRefusedQuickly) {
  const std::string yaml = alias_bomb(2000, 1500);
  ASSERT_LT(yaml.size(), 70u * 1024);
  auto start = std::chrono::steady_clock::now();
  try {
    load_string(yaml, "bomb.yaml");
    FAIL() << "an alias bomb was accepted";
  } catch (const LoadError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].where.file, "bomb.yaml");
    EXPECT_EQ(e.diagnostics()[0].message.rfind("too many YAML nodes after alias expansion (limit ", 0),
              0u)
        << e.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));

  // In a child process, so its peak memory is its own: well under the
  // gigabytes the expanded document took.
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    try {
      load_string(yaml, "bomb.yaml");
    } catch (const LoadError&) {
      _exit(0);
    }
    _exit(1);
  }
  int status = 0;
  rusage usage{};
  ASSERT_EQ(wait4(pid, &status, 0, &usage), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_LT(usage.ru_maxrss, 300L * 1024) << "peak resident set in KB";
}

TEST(YamlLoader, ReusedAnchorsWithinTheBudgetLoad) {
  // Anchors are fine in moderation: ten tables sharing one column list.
  const std::string yaml = alias_bomb(20, 10);
  Schema s = load_string(yaml);
  EXPECT_EQ(s.namespaces.at("public").tables.size(), 11u);
}

}  // namespace
}  // namespace strata::model
