// The reverse direction: the example application's YAML models, applied to
// an empty database as SQL, introspect back to the loaded model (desired-side
// hints stripped). Expressions are compared the way the differ compares them:
// offline when the trees agree, otherwise by the server (ServerOracle).
// The SQL is the one the differ and the generator write for an empty
// database.

#include <gtest/gtest.h>

#include "codegen/render.h"
#include "core/error.h"
#include "db/connection.h"
#include "diff/plan.h"
#include "introspect/inspector.h"
#include "introspect/model_dump.h"
#include "introspect/server_oracle.h"
#include "model/hints.h"
#include "model/yaml_loader.h"
#include "sql/expression.h"
#include "support/test_database.h"

namespace strata::introspect {
namespace {

using Kind = diff::ExpressionQuestion::Kind;

// Expressions taken out of two models that otherwise must be equal.
struct ExpressionPairs {
  std::vector<diff::ExpressionQuestion> pairs;

  // Blanks `current` and `desired` and remembers them as a question.
  void take(Kind kind, const std::string& schema, const model::Table* table,
            const std::string& name, const std::string& column, std::string& current,
            std::string& desired, const std::string& column_type = {}) {
    diff::ExpressionQuestion q;
    q.kind = kind;
    q.table = {schema, name};
    if (table) q.columns = table->columns;
    q.column = column;
    q.current = current;
    q.desired = desired;
    pairs.push_back(q);
    context.push_back({column_type, schema});
    current.clear();
    desired.clear();
  }
  std::vector<sql::ExpressionContext> context;
};

// Optional: std::optional<std::string> or model::CompactOptional<std::string>.
template <typename Optional>
void take_optional(ExpressionPairs& out, Kind kind, const std::string& schema,
                   const model::Table* table, const std::string& name, const std::string& column,
                   Optional& current, Optional& desired, const std::string& column_type = {}) {
  if (!current || !desired) return;  // a difference the dumps will show
  out.take(kind, schema, table, name, column, *current, *desired, column_type);
  current = "";
  desired = "";
}

void take_index(ExpressionPairs& out, const std::string& schema, const model::Table* table,
                const std::string& owner, model::Index& current, model::Index& desired) {
  take_optional(out, Kind::kIndexPredicate, schema, table, owner, "", current.where,
                desired.where);
  for (size_t k = 0; k < current.keys.size() && k < desired.keys.size(); ++k)
    take_optional(out, Kind::kIndexExpression, schema, table, owner, "", current.keys[k].expression,
                  desired.keys[k].expression);
}

// Moves every expression of `current` and `desired` into questions, so that
// the rest of the two models can be compared with ==.
ExpressionPairs take_expressions(model::Schema& current, model::Schema& desired) {
  ExpressionPairs out;
  for (auto& [schema, want] : desired.namespaces) {
    auto got_ns = current.namespaces.find(schema);
    if (got_ns == current.namespaces.end()) continue;
    for (auto& [name, want_table] : want.tables) {
      auto got = got_ns->second.tables.find(name);
      if (got == got_ns->second.tables.end()) continue;
      model::Table& t = got->second;
      const model::Table copy = want_table;
      for (size_t i = 0; i < t.columns.size() && i < want_table.columns.size(); ++i) {
        auto& gc = t.columns[i];
        auto& wc = want_table.columns[i];
        take_optional(out, Kind::kDefault, schema, &copy, name, wc.name, gc.default_expr,
                      wc.default_expr, wc.type);
        take_optional(out, Kind::kGenerated, schema, &copy, name, wc.name, gc.generated,
                      wc.generated, wc.type);
      }
      for (auto& [check, want_check] : want_table.checks) {
        auto g = t.checks.find(check);
        if (g != t.checks.end())
          out.take(Kind::kCheck, schema, &copy, name, "", g->second.expression,
                   want_check.expression);
      }
      for (auto& [index, want_index] : want_table.indexes) {
        auto g = t.indexes.find(index);
        if (g != t.indexes.end()) take_index(out, schema, &copy, name, g->second, want_index);
      }
      for (auto& [x, want_x] : want_table.exclusions) {
        auto g = t.exclusions.find(x);
        if (g == t.exclusions.end()) continue;
        take_optional(out, Kind::kIndexPredicate, schema, &copy, name, "", g->second.where,
                      want_x.where);
      }
    }
    for (auto& [name, want_view] : want.views) {
      auto got = got_ns->second.views.find(name);
      if (got == got_ns->second.views.end()) continue;
      out.take(Kind::kView, schema, nullptr, name, "", got->second.query, want_view.query);
      for (auto& [index, want_index] : want_view.indexes) {
        auto g = got->second.indexes.find(index);
        if (g != got->second.indexes.end())
          take_index(out, schema, nullptr, name, g->second, want_index);
      }
    }
  }
  return out;
}

TEST(Reverse, ExampleSchemaAppliedIntrospectsToTheLoadedModel) {
  model::Schema desired =
      model::strip_hints(model::load_directory(strata::testing::source_path("schema")));
  ASSERT_FALSE(desired.namespaces.empty());

  strata::testing::TestDatabase db;
  db::Connection conn(db.url());
  model::Schema empty = inspect(conn, {}).schema;
  diff::Plan plan = diff::plan(empty, desired);
  ASSERT_FALSE(plan.empty());
  std::string up = codegen::render(plan).up_body;
  try {
    conn.execute(up);
  } catch (const DatabaseError& e) {
    FAIL() << "the generated SQL fails: " << e.what() << "\n" << up;
  }

  model::Schema got = inspect(conn, {}).schema;
  // What the model leaves to the server.
  for (auto& [name, e] : got.extensions) {
    auto want = desired.extensions.find(name);
    if (want != desired.extensions.end() && !want->second.version) e.version.reset();
  }
  desired = diff::normalized(desired);
  got = diff::normalized(got);

  // Everything but the expressions is equal as it is.
  ExpressionPairs expressions = take_expressions(got, desired);
  EXPECT_EQ(testing::dump(got), testing::dump(desired));

  // Each expression is the same: offline, or else as the server renders it.
  std::vector<diff::ExpressionQuestion> ask;
  for (size_t i = 0; i < expressions.pairs.size(); ++i) {
    const auto& q = expressions.pairs[i];
    bool same = q.kind == Kind::kView
                    ? sql::same_select(q.current, q.desired, expressions.context[i])
                    : sql::same_expression(q.current, q.desired, expressions.context[i]);
    if (!same) ask.push_back(q);
  }
  EXPECT_GT(expressions.pairs.size(), 10u);
  ServerOracle oracle(conn);
  std::vector<bool> answers = oracle.same(ask);
  ASSERT_EQ(answers.size(), ask.size());
  for (size_t i = 0; i < ask.size(); ++i)
    EXPECT_TRUE(answers[i]) << ask[i].table.str() << " " << ask[i].column << ": catalog '"
                            << ask[i].current << "' vs model '" << ask[i].desired << "'";
}

}  // namespace
}  // namespace strata::introspect
