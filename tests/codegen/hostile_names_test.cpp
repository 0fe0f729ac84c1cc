// Names that try to break out of SQL: line breaks followed by statements,
// comment and quote delimiters, dollar quotes, escape sequences and bidi
// overrides, in every position a model can name something. The loader
// refuses control characters in names, but the catalog can hold any name
// (introspection reads it back), so codegen must hold on its own: the up and
// down files of a plan over hostile names must parse into exactly the
// statements of the same plan over plain names, and every comment line must
// stay one line.

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "codegen/render.h"
#include "core/error.h"
#include "diff/plan.h"
#include "sql/parse_result.h"
#include "sql/quote.h"
#include "sql/side_effects.h"
#include "sql/text.h"

namespace strata::codegen {
namespace {

// What follows a plain name to make it hostile; each name gets the next one.
const std::vector<std::string> kTails = {
    "\nDROP TABLE canary.victim;\n--",
    "\r\nDROP TABLE canary.victim; --",
    "\rDROP TABLE canary.victim; --",
    "*/ DROP TABLE canary.victim; /*",
    "'); DROP TABLE canary.victim; --",
    "\"; DROP TABLE canary.victim; --",
    "$$; DROP TABLE canary.victim; $$",
    "\\'; DROP TABLE canary.victim; --",
    "\x1b[2J\x1b]0;owned\x07\u202e\u2066",
    "\u2028DROP TABLE canary.victim;\u2029",
    "\v\f\u0085 DROP TABLE canary.victim;",
    "\t;\nCOPY (SELECT 1) TO PROGRAM 'id';",
};

// Hands out names: the plain base, or the base with the next hostile tail.
class Namer {
 public:
  explicit Namer(bool hostile) : hostile_(hostile) {}
  std::string operator()(const std::string& base) {
    if (!hostile_) return base;
    std::string name = base + kTails[next_++ % kTails.size()];
    return name.substr(0, 63);
  }

 private:
  bool hostile_;
  std::size_t next_ = 0;
};

model::Column column(std::string name, std::string type) {
  model::Column c;
  c.name = std::move(name);
  c.type = std::move(type);
  return c;
}

model::IndexKey key(std::string column) {
  model::IndexKey k;
  k.column = std::move(column);
  return k;
}

// Every name of this model comes from the namer; `version` varies what a
// second model changes (renames, drops, new labels, new comments).
struct Names {
  std::string schema, enum_type, label_a, label_b, label_c, sequence, parent, child, id, name,
      mood, parent_id, pkey, child_pkey, unique, check, fkey, exclusion, index, expr_index,
      view, matview, matview_index, extension, ops_schema, opclass, collation, comment,
      extension_version;
};

Names names(Namer& n) {
  Names x;
  x.schema = n("app");
  x.enum_type = n("mood");
  x.label_a = n("a");
  x.label_b = n("b");
  x.label_c = n("c");
  x.sequence = n("counter");
  x.parent = n("parent");
  x.child = n("child");
  x.id = n("id");
  x.name = n("name");
  x.mood = n("mood_col");
  x.parent_id = n("parent_id");
  x.pkey = n("parent_pkey");
  x.child_pkey = n("child_pkey");
  x.unique = n("name_key");
  x.check = n("id_check");
  x.fkey = n("parent_fkey");
  x.exclusion = n("id_excl");
  x.index = n("name_idx");
  x.expr_index = n("lower_idx");
  x.view = n("names");
  x.matview = n("counts");
  x.matview_index = n("counts_idx");
  x.extension = n("ext");
  // OPERATOR(schema.op) quotes the schema; it holds no control character
  // (introspection writes what the catalog has, which the parser reads).
  x.ops_schema = "ops\"); DROP TABLE canary.victim; --";
  x.opclass = n("ops") + "." + n("class");
  x.collation = n("coll");
  x.comment = n("it's a comment") + "\n-- and a second line'); DROP TABLE x; --";
  x.extension_version = n("1.0");
  return x;
}

model::Schema full_model(const Names& x, int version) {
  using sql::quote_ident;
  model::Schema s;
  s.extensions[x.extension] = model::Extension{x.extension, x.extension_version, x.schema};
  model::Namespace& ns = s.namespaces[x.schema];
  ns.name = x.schema;
  ns.comment = x.comment;

  model::EnumType e{x.enum_type, {x.label_a, x.label_b}, x.comment, std::nullopt, {}};
  if (version == 1) e.labels.push_back(x.label_c);  // a new label
  if (version == 2) e.labels = {x.label_b};         // a label goes: the type is recreated
  ns.enums[x.enum_type] = e;

  model::Sequence seq;
  seq.name = x.sequence;
  seq.owned_by = x.parent + "." + x.id;
  seq.comment = x.comment;
  if (version) seq.options.increment = 2;
  ns.sequences[x.sequence] = seq;

  const std::string enum_type = sql::quote_qualified(x.schema, x.enum_type);
  model::Table parent;
  parent.name = x.parent;
  parent.comment = x.comment;
  parent.columns = {column(x.id, "integer"), column(x.name, "text"), column(x.mood, enum_type)};
  parent.columns[0].nullable = false;
  parent.columns[0].comment = x.comment;
  parent.columns[1].collation = x.collation;
  parent.columns[2].default_expr = sql::quote_literal(x.label_b) + "::" + enum_type;
  if (version == 1) parent.columns[1].type = "character varying(100)";  // a type change
  parent.primary_key = model::PrimaryKey{x.pkey, {x.id}, {}, std::nullopt};
  parent.uniques[x.unique] = model::UniqueConstraint{x.unique, {x.name}, false, {}, std::nullopt};
  parent.checks[x.check] = model::CheckConstraint{x.check, quote_ident(x.id) + " > 0", false, std::nullopt};
  model::ExclusionConstraint ex;
  ex.name = x.exclusion;
  ex.method = "gist";
  ex.elements = {{x.id, x.opclass, "="},
                 {"(" + quote_ident(x.id) + " + 1)", std::nullopt,
                  "OPERATOR(" + quote_ident(x.ops_schema) + ".<->)"}};
  ex.where = quote_ident(x.id) + " > 0";
  parent.exclusions[x.exclusion] = ex;
  model::Index ix;
  ix.name = x.index;
  ix.keys = {key(x.name)};
  ix.keys[0].opclass = x.opclass;
  ix.keys[0].collation = x.collation;
  ix.include = {x.id};
  ix.where = quote_ident(x.name) + " IS NOT NULL";
  ix.comment = x.comment;
  parent.indexes[x.index] = ix;
  model::Index lower;
  lower.name = x.expr_index;
  lower.method = "hash";
  lower.keys = {model::IndexKey{}};
  lower.keys[0].expression = "lower(" + quote_ident(x.name) + ")";
  parent.indexes[x.expr_index] = lower;
  if (version == 1) parent.indexes.erase(x.index);  // an index goes
  ns.tables[x.parent] = parent;

  model::Table child;
  child.name = x.child;
  child.columns = {column(x.id, "bigint"), column(x.parent_id, "integer")};
  child.columns[0].nullable = false;
  child.columns[0].identity = model::Identity{model::IdentityKind::kAlways, {}};
  child.primary_key = model::PrimaryKey{x.child_pkey, {x.id}, {}, std::nullopt};
  model::ForeignKey fk;
  fk.name = x.fkey;
  fk.columns = {x.parent_id};
  fk.ref_table = {x.schema, x.parent};
  fk.ref_columns = {x.id};
  fk.on_delete = model::ReferentialAction::kCascade;
  child.foreign_keys[x.fkey] = fk;
  if (version == 1) child.columns.pop_back(), child.foreign_keys.clear();  // a column goes
  ns.tables[x.child] = child;

  ns.views[x.view] = model::View{x.view,
                                 "SELECT " + quote_ident(x.name) + " FROM " +
                                     sql::quote_qualified(x.schema, x.parent) +
                                     (version == 1 ? " WHERE true" : ""),
                                 false, {}, x.comment};
  model::Index counts_ix;
  counts_ix.name = x.matview_index;
  counts_ix.keys = {key("n")};
  ns.views[x.matview] = model::View{
      x.matview, "SELECT count(*) AS n FROM " + sql::quote_qualified(x.schema, x.child), true,
      {{x.matview_index, counts_ix}}, version == 1 ? std::nullopt : std::optional(x.comment)};
  return s;
}

// The second version with renamed_from hints: everything that can be renamed is.
model::Schema renamed_model(Namer& n, const Names& x) {
  model::Schema s = full_model(x, 0);
  model::Namespace& ns = s.namespaces[x.schema];
  model::Table parent = ns.tables[x.parent];
  ns.tables.erase(x.parent);
  parent.name = n("parent2");
  parent.renamed_from = x.parent;
  parent.columns[1].renamed_from = parent.columns[1].name;
  parent.columns[1].name = n("name2");
  parent.uniques.begin()->second.columns = {parent.columns[1].name};
  parent.indexes.clear();
  model::Index ix;
  ix.name = n("renamed_idx");
  ix.renamed_from = x.expr_index;
  ix.method = "hash";
  ix.keys = {model::IndexKey{}};
  ix.keys[0].expression = "lower(" + sql::quote_ident(parent.columns[1].name) + ")";
  parent.indexes[ix.name] = ix;
  model::CheckConstraint check = parent.checks.begin()->second;
  parent.checks.clear();
  check.renamed_from = check.name;
  check.name = n("check2");
  parent.checks[check.name] = check;
  ns.sequences.begin()->second.owned_by = parent.name + "." + x.id;
  ns.tables[parent.name] = parent;
  ns.tables[x.child].foreign_keys.begin()->second.ref_table.name = parent.name;
  ns.views.clear();  // they read the renamed column
  model::EnumType e = ns.enums[x.enum_type];
  ns.enums.erase(x.enum_type);
  e.renamed_from = e.name;
  e.name = n("mood2");
  e.label_renamed_from[n("a2")] = x.label_a;
  e.labels[0] = e.label_renamed_from.begin()->first;
  ns.enums[e.name] = e;
  ns.tables[parent.name].columns[2].type = sql::quote_qualified(x.schema, e.name);
  ns.tables[parent.name].columns[2].default_expr =
      sql::quote_literal(x.label_b) + "::" + sql::quote_qualified(x.schema, e.name);
  return s;
}

struct Scenario {
  std::string name;
  std::function<std::pair<model::Schema, model::Schema>(Namer&)> models;
};

std::vector<Scenario> scenarios() {
  return {
      {"create everything",
       [](Namer& n) { return std::pair{model::Schema{}, full_model(names(n), 0)}; }},
      {"drop everything",
       [](Namer& n) { return std::pair{full_model(names(n), 0), model::Schema{}}; }},
      {"change labels, types, columns, indexes, views, comments",
       [](Namer& n) {
         Names x = names(n);
         return std::pair{full_model(x, 0), full_model(x, 1)};
       }},
      {"recreate an enum",
       [](Namer& n) {
         Names x = names(n);
         return std::pair{full_model(x, 0), full_model(x, 2)};
       }},
      {"update an extension",
       [](Namer& n) {
         // Versions that read as numbers (a downgrade is a drop and create).
         Names x = names(n);
         x.extension_version = "1.1";
         model::Schema from = full_model(x, 0);
         x.extension_version = "1.0";
         return std::pair{from, full_model(x, 0)};
       }},
      {"rename",
       [](Namer& n) {
         Names x = names(n);
         model::Schema from = full_model(x, 0);
         return std::pair{from, renamed_model(n, x)};
       }},
  };
}

// A revision's files as the store writes them, without the strata: lines.
struct Files {
  std::string up, down;
  std::size_t steps = 0;
  std::string header;                      // comment lines only
  std::vector<std::string> change_lines;   // as printed on a terminal too
  std::vector<std::string> hazard_lines;
};

Files files(const std::pair<model::Schema, model::Schema>& models) {
  diff::Plan plan = diff::plan(models.first, models.second);
  Rendered r = render(plan);
  std::string header = header_body(r);
  return {header + "\n" + r.up_body, r.down_body, plan.steps.size(),
          header, r.change_lines, r.hazard_lines};
}

// The statement kinds libpg_query finds in `script`, sorted.
std::vector<std::string> statement_kinds(const std::string& script) {
  auto r = sql::parse(script);
  EXPECT_TRUE(r.ok()) << (r.error ? r.error->message : "") << "\n" << script;
  std::vector<std::string> kinds;
  if (!r.ok()) return kinds;
  for (const auto& s : (*r.tree)["stmts"]) kinds.push_back(s["stmt"].begin().key());
  std::sort(kinds.begin(), kinds.end());
  return kinds;
}

// The header is comment lines only, none holding a control character, and
// so are the change and hazard lines a terminal shows.
void expect_clean_text(const Files& f) {
  std::size_t start = 0, lines = 0;
  while (start < f.header.size()) {
    std::size_t end = f.header.find('\n', start);
    ASSERT_NE(end, std::string::npos);
    std::string_view line(f.header.data() + start, end - start);
    EXPECT_TRUE(line.starts_with("-- ")) << line;
    EXPECT_FALSE(sql::find_unsafe_character(line).has_value()) << line;
    start = end + 1;
    ++lines;
  }
  // "-- changes:", one line per change, "-- hazards:" (or "-- hazards:
  // none") and one line per hazard.
  EXPECT_EQ(lines, 2 + f.change_lines.size() + f.hazard_lines.size());
  for (const auto& l : f.change_lines) EXPECT_FALSE(sql::find_unsafe_character(l).has_value()) << l;
  for (const auto& l : f.hazard_lines) EXPECT_FALSE(sql::find_unsafe_character(l).has_value()) << l;
}

TEST(HostileNames, RevisionsParseIntoExactlyThePlannedStatements) {
  for (const auto& scenario : scenarios()) {
    SCOPED_TRACE(scenario.name);
    Namer plain(false), hostile(true);
    Files want = files(scenario.models(plain));
    Files got = files(scenario.models(hostile));
    ASSERT_GT(want.steps, 0u);
    EXPECT_EQ(got.steps, want.steps);
    std::vector<std::string> want_up = statement_kinds(want.up);
    std::vector<std::string> want_down = statement_kinds(want.down);
    ASSERT_FALSE(want_up.empty());
    EXPECT_EQ(statement_kinds(got.up), want_up) << got.up;
    EXPECT_EQ(statement_kinds(got.down), want_down) << got.down;
    // What the proof checks before it runs them, too.
    EXPECT_EQ(sql::generated_script_problem(got.up), std::nullopt);
    EXPECT_EQ(sql::generated_script_problem(got.down), std::nullopt);
    expect_clean_text(got);
  }
}

TEST(HostileNames, DataLossWarningsAndHeadersStayOneLine) {
  // The reported case: an index whose name holds a line break and a DROP.
  Namer plain(false);
  Names x = names(plain);
  model::Schema from = full_model(x, 0);
  model::Schema to = from;
  model::Table& parent = to.namespaces[x.schema].tables[x.parent];
  model::Index ix = parent.indexes[x.index];
  parent.indexes.erase(x.index);
  ix.name = "t_id_idx\nDROP TABLE canary.victim;\n--";
  from.namespaces[x.schema].tables[x.parent].indexes.erase(x.index);
  from.namespaces[x.schema].tables[x.parent].indexes[ix.name] = ix;
  model::Column gone = column("c\nDROP TABLE canary.victim;\n--", "text");
  from.namespaces[x.schema].tables[x.parent].columns.push_back(gone);
  Files f = files({from, to});
  EXPECT_NE(f.up.find("-- WARNING: data loss: drops column app.parent.c\\nDROP TABLE "
                      "canary.victim;\\n--\n"),
            std::string::npos)
      << f.up;
  EXPECT_NE(f.up.find("--   - index app.t_id_idx\\nDROP TABLE canary.victim;\\n-- on app.parent\n"),
            std::string::npos)
      << f.up;
  EXPECT_NE(f.down.find("-- WARNING: restores the structure only; up lost data: drops column "
                        "app.parent.c\\nDROP TABLE canary.victim;\\n--\n"),
            std::string::npos)
      << f.down;
  EXPECT_EQ(statement_kinds(f.up), (std::vector<std::string>{"AlterTableStmt", "DropStmt"}));
  EXPECT_EQ(statement_kinds(f.down),
            (std::vector<std::string>{"AlterTableStmt", "CommentStmt", "IndexStmt"}));
}

TEST(HostileNames, AnOperatorThatIsNotOneIsRefusedNotWritten) {
  model::ExclusionConstraint ex;
  ex.name = "x";
  ex.elements = {{"during", std::nullopt, "=)); COPY (SELECT 1) TO PROGRAM 'id > f'; --"}};
  diff::Change add = diff::AddConstraint{{"public", "t"}, ex};
  EXPECT_THROW(render_change(add), strata::Error);
}

}  // namespace
}  // namespace strata::codegen
