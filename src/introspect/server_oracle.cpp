#include "introspect/server_oracle.h"

#include <libpq-fe.h>

#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "core/error.h"
#include "db/connection.h"
#include "sql/parse_result.h"
#include "sql/tree_walk.h"
#include "sql/quote.h"
#include "sql/side_effects.h"
#include "sql/text.h"
#include "sql/type_name.h"

namespace strata::introspect {
namespace {

using diff::ExpressionQuestion;
using Kind = ExpressionQuestion::Kind;

// Scratch object names. Each question builds its objects inside its own
// subtransaction, which is rolled back once both renderings are read, so the
// names are reused from one question to the next.
constexpr const char* kCurrent = "strata_oracle_a";
constexpr const char* kDesired = "strata_oracle_b";
constexpr const char* kSavepoint = "strata_oracle";

// The scratch object for one spelling: created by head + method + tail
// (method: " USING <m>" for each of the step's index methods in turn until
// one works, nothing for other kinds), read back by `render`.
struct Scratch {
  std::string head, tail, render;
};

// What the server runs for one question: resolve both spellings under
// `search_path`, then render both with search_path ''.
struct Step {
  std::string search_path;
  std::string methods;  // "btree,gist,gin" for index kinds, "-" otherwise
  Scratch current, desired;
};

std::string trim(std::string_view s) { return std::string(sql::trim(s)); }

bool starts_with_word(const std::string& s, std::string_view word) {
  if (s.size() < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(s[i])) != word[i]) return false;
  return s.size() == word.size() || s[word.size()] == ' ' || s[word.size()] == '(';
}

// A check body, also when given as pg_get_constraintdef prints it
// ("CHECK ((x > 0)) NOT VALID").
std::string check_body(std::string text) {
  text = trim(text);
  if (!starts_with_word(text, "CHECK")) return text;
  text = trim(text.substr(5));
  for (std::string_view tail : {" NOT VALID", " NO INHERIT"}) {
    if (text.size() > tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0)
      text = trim(text.substr(0, text.size() - tail.size()));
  }
  return text;
}

// A view query without its trailing ';'.
std::string select_body(std::string text) {
  text = trim(text);
  while (!text.empty() && text.back() == ';') text = trim(text.substr(0, text.size() - 1));
  return text;
}

// `text` without parentheses that enclose all of it ("((a > 0))" → "a > 0"),
// minding quotes.
std::string strip_outer_parens(std::string text) {
  for (;;) {
    text = trim(text);
    if (text.size() < 2 || text.front() != '(' || text.back() != ')') return text;
    int depth = 0;
    char quote = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(') {
        ++depth;
      } else if (c == ')' && --depth == 0 && i + 1 < text.size()) {
        return text;  // the first parenthesis closes before the end
      }
    }
    text = text.substr(1, text.size() - 2);
  }
}

// A rendering in the one form both the catalog's text and a scratch
// object's rendering are brought to before they are compared.
std::string comparable(Kind kind, std::string text) {
  switch (kind) {
    case Kind::kView:
      return select_body(std::move(text));
    case Kind::kCheck:
      return strip_outer_parens(check_body(std::move(text)));
    default:
      return strip_outer_parens(std::move(text));
  }
}

bool is_one_expression(const std::string& text) {
  return !text.empty() && !sql::check_expression(text).has_value();
}

bool is_one_select(const std::string& text) {
  auto r = sql::parse(text);
  if (!r.ok()) return false;
  const auto& stmts = (*r.tree)["stmts"];
  return stmts.is_array() && stmts.size() == 1 && stmts[0]["stmt"].contains("SelectStmt");
}

// A column type as SQL text, or nullopt when it is not one type name.
std::optional<std::string> column_type_sql(const std::string& type) {
  if (type == "serial") return "integer";
  if (type == "bigserial") return "bigint";
  if (type == "smallserial") return "smallint";
  if (!sql::parse_type_name(type)) return std::nullopt;
  return type;
}

// Every name that appears in a column reference of `expression` (a
// superset of the columns it uses).
void collect_column_names(const nlohmann::json& root, std::set<std::string>& out) {
  sql::for_each_object(root, [&](const nlohmann::json& node) {
    auto ref = node.find("ColumnRef");
    if (ref == node.end()) return true;
    for (const auto& f : ref->value("fields", nlohmann::json::array()))
      if (f.contains("String")) out.insert(f["String"].value("sval", ""));
    return false;
  });
}

// True when `text` (an expression, or a view's query) calls a function
// that acts outside the database or the transaction: never sent to the
// server. The loader refuses such models already; the catalog's spellings
// are checked too, as they run here as well.
bool has_refused_call(Kind kind, const std::string& text) {
  if (kind == Kind::kView) return sql::find_refused_query_call(text).has_value();
  auto use = kind == Kind::kDefault ? sql::ExpressionUse::kColumnDefault : sql::ExpressionUse::kOther;
  return sql::find_refused_call(text, use).has_value();
}

// The names in column references of each spelling, parsed once per distinct
// text: an application repeats a few spellings on every table (`now()`,
// `amount >= 0`), and a parse to JSON per question and side was most of
// the client's time in the oracle (15% of a no-op `diff` at 1,000 tables).
class ColumnNames {
 public:
  const std::set<std::string>& of(const std::string& text) {
    auto hit = names_.find(text);
    if (hit != names_.end()) return hit->second;
    std::set<std::string> out;
    auto r = sql::parse("SELECT (" + check_body(text) + "\n)");
    if (r.ok()) collect_column_names(*r.tree, out);
    return names_.emplace(text, std::move(out)).first->second;
  }

 private:
  std::unordered_map<std::string, std::set<std::string>> names_;
};

std::set<std::string> referenced_columns(const ExpressionQuestion& q, ColumnNames& names) {
  std::set<std::string> out = names.of(q.current);
  const auto& desired = names.of(q.desired);
  out.insert(desired.begin(), desired.end());
  return out;
}

// "a integer, b text" for the table's columns that the question's spellings
// refer to (a column of a type not created yet elsewhere in the table does
// not spoil the question), `special` (if any) always there and carrying
// `clause`; nullopt when a type is not one type name.
std::optional<std::string> column_list(const ExpressionQuestion& q, const std::string& special,
                                       const std::string& clause, ColumnNames& names) {
  const std::set<std::string> used = referenced_columns(q, names);
  std::string out;
  bool found = special.empty();
  for (const auto& c : q.columns) {
    if (c.name != special && !used.count(c.name)) continue;
    auto type = column_type_sql(c.type);
    if (!type) return std::nullopt;
    if (!out.empty()) out += ", ";
    out += sql::quote_ident(c.name) + " " + *type;
    if (c.name == special) {
      out += " " + clause;
      found = true;
    }
  }
  if (!found) return std::nullopt;
  return out;
}

std::string regclass(const std::string& name) {
  return sql::quote_literal("pg_temp." + name) + "::pg_catalog.regclass";
}

std::string render_column_default(const std::string& table, const std::string& column) {
  return "SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true) FROM pg_catalog.pg_attrdef d "
         "JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum "
         "WHERE d.adrelid = " + regclass(table) + " AND a.attname = " +
         sql::quote_literal(column);
}

// The DDL that carries `text` for question `q` in scratch table `table`, and
// the query that reads the server's rendering back.
std::optional<Scratch> build(const ExpressionQuestion& q, const std::string& text,
                             const std::string& table, ColumnNames& names) {
  const std::string index = table + "_i";
  if (has_refused_call(q.kind, q.kind == Kind::kCheck ? check_body(text) : text)) return std::nullopt;
  switch (q.kind) {
    case Kind::kDefault:
    case Kind::kGenerated: {
      if (!is_one_expression(text)) return std::nullopt;
      bool is_default = q.kind == Kind::kDefault;
      auto cols = column_list(q, q.column,
                              is_default ? "DEFAULT (" + text + "\n)"
                                         : "GENERATED ALWAYS AS (" + text + "\n) STORED",
                              names);
      if (!cols) return std::nullopt;
      return Scratch{"CREATE TEMP TABLE " + table + " (" + *cols + ")", "",
                     render_column_default(table, q.column)};
    }
    case Kind::kCheck: {
      std::string body = check_body(text);
      if (!is_one_expression(body)) return std::nullopt;
      auto cols = column_list(q, "", "", names);
      if (!cols) return std::nullopt;
      std::string sep = cols->empty() ? "" : ", ";
      return Scratch{"CREATE TEMP TABLE " + table + " (" + *cols + sep + "CONSTRAINT " +
                         table + "_check CHECK (" + body + "\n))",
                     "",
                     "SELECT pg_catalog.pg_get_constraintdef(c.oid, true) FROM "
                       "pg_catalog.pg_constraint c WHERE c.conrelid = " + regclass(table) +
                           " AND c.contype = 'c'"};
    }
    case Kind::kIndexExpression:
    case Kind::kIndexPredicate: {
      if (!is_one_expression(text)) return std::nullopt;
      auto cols = column_list(q, "", "", names);
      if (!cols) return std::nullopt;
      std::string create = "CREATE TEMP TABLE " + table + " (" + *cols + "); CREATE INDEX " +
                           index + " ON " + table;
      // The expression's type may have no btree operator class: the function
      // tries the next method then.
      if (q.kind == Kind::kIndexExpression)
        return Scratch{create, " ((" + text + "\n))",
                       "SELECT pg_catalog.pg_get_indexdef(" + regclass(index) + ", 1, true)"};
      return Scratch{create, " ((1)) WHERE (" + text + "\n)",
                     "SELECT pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) FROM "
                       "pg_catalog.pg_index i WHERE i.indexrelid = " + regclass(index)};
    }
    case Kind::kPolicyUsing:
    case Kind::kPolicyCheck: {
      if (!is_one_expression(text)) return std::nullopt;
      auto cols = column_list(q, "", "", names);
      if (!cols) return std::nullopt;
      bool using_clause = q.kind == Kind::kPolicyUsing;
      // The scratch table takes the real table's name (pg_temp comes first),
      // as a policy's subqueries name its table ("WHERE m.id = docs.id").
      // Each spelling is built and rolled back on its own, so both use it.
      const std::string t = sql::quote_ident(q.table.name);
      return Scratch{"CREATE TEMP TABLE " + t + " (" + *cols + "); CREATE POLICY " + table +
                         "_p ON " + t + (using_clause ? " USING (" : " WITH CHECK (") + text +
                         "\n)",
                     "",
                     std::string("SELECT pg_catalog.pg_get_expr(p.") +
                         (using_clause ? "polqual" : "polwithcheck") +
                         ", p.polrelid, true) FROM pg_catalog.pg_policy p WHERE p.polrelid = " +
                         sql::quote_literal("pg_temp." + t) + "::pg_catalog.regclass"};
    }
    case Kind::kView: {
      std::string body = select_body(text);
      if (!is_one_select(body)) return std::nullopt;
      return Scratch{"CREATE TEMP VIEW " + table + " AS " + body + "\n", "",
                     "SELECT pg_catalog.pg_get_viewdef(" + regclass(table) + ", true)"};
    }
  }
  return std::nullopt;
}

std::optional<Step> make_step(const ExpressionQuestion& q, ColumnNames& names) {
  auto current = build(q, q.current, kCurrent, names);
  auto desired = build(q, q.desired, kDesired, names);
  if (!current || !desired) return std::nullopt;
  Step s;
  bool schema_first = q.kind == Kind::kView || q.kind == Kind::kPolicyUsing ||
                      q.kind == Kind::kPolicyCheck;
  s.search_path = schema_first ? sql::view_search_path(q.table.schema)
                                        : sql::quote_ident(q.table.schema.empty() ? "public" : q.table.schema);
  bool index = q.kind == Kind::kIndexExpression || q.kind == Kind::kIndexPredicate;
  s.methods = index ? "btree,gist,gin" : "-";
  s.current = std::move(*current);
  s.desired = std::move(*desired);
  return s;
}

// The function each script creates: runs the steps one by one, each
// spelling in its own subtransaction that is always rolled back (by a private
// SQLSTATE once the rendering is read), so a failing spelling leaves the
// others intact and no scratch object outlives its question.
constexpr const char* kFunction = R"sql(CREATE FUNCTION pg_temp.strata_oracle(steps text[])
RETURNS TABLE(q integer, a text, b text) LANGUAGE plpgsql AS $strata$
DECLARE
  k integer;
  side integer;
  m text;
  created boolean;
  r text;
BEGIN
  FOR k IN 1 .. coalesce(pg_catalog.array_length(steps, 1), 0) LOOP
    a := NULL;
    b := NULL;
    FOR side IN 1 .. 2 LOOP
      r := NULL;
      BEGIN
        PERFORM pg_catalog.set_config('search_path', steps[k][1], true);
        created := false;
        FOREACH m IN ARRAY pg_catalog.string_to_array(steps[k][2], ',') LOOP
          BEGIN
            EXECUTE steps[k][3 * side]
                    || CASE WHEN m = '-' THEN '' ELSE ' USING ' || m END
                    || steps[k][3 * side + 1];
            created := true;
            EXIT;
          EXCEPTION WHEN OTHERS THEN NULL;
          END;
        END LOOP;
        IF created THEN
          PERFORM pg_catalog.set_config('search_path', '', true);
          EXECUTE steps[k][3 * side + 2] INTO r;
        END IF;
        RAISE SQLSTATE 'SO001';
      EXCEPTION
        WHEN SQLSTATE 'SO001' THEN NULL;
        WHEN OTHERS THEN r := NULL;
      END;
      IF side = 1 THEN a := r; ELSE b := r; END IF;
    END LOOP;
    q := k;
    RETURN NEXT;
  END LOOP;
END
$strata$;
)sql";

std::string script_of(const std::vector<Step>& steps, bool in_transaction) {
  std::string s;
  s += in_transaction ? std::string("SAVEPOINT ") + kSavepoint + ";\n" : "BEGIN;\n";
  s += "SET LOCAL search_path = '';\n";
  s += kFunction;
  s += "SELECT q, a, b FROM pg_temp.strata_oracle(ARRAY[";
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const Step& st = steps[i];
    s += i ? ",\n  " : "\n  ";
    s += "ARRAY[" + sql::quote_literal(st.search_path) + ", " + sql::quote_literal(st.methods);
    for (const Scratch* side : {&st.current, &st.desired})
      s += ", " + sql::quote_literal(side->head) + ", " + sql::quote_literal(side->tail) + ", " +
           sql::quote_literal(side->render);
    s += "]";
  }
  s += "]::text[]);\n";
  if (in_transaction)
    s += std::string("ROLLBACK TO SAVEPOINT ") + kSavepoint + ";\nRELEASE SAVEPOINT " +
         kSavepoint + ";\n";
  else
    s += "ROLLBACK;\n";
  return s;
}

// The steps for `questions`, each asked once: an application schema repeats
// the same expression on many tables (`amount >= 0` on a numeric column),
// and those questions build the same scratch objects, so they share one
// step. `questions_of_step` (optional) gets, per step, the questions it
// answers.
std::vector<Step> steps_of(const std::vector<ExpressionQuestion>& questions,
                           std::vector<std::vector<int>>* questions_of_step) {
  std::vector<Step> steps;
  std::map<std::string, std::size_t> seen;  // the step's text -> its index
  ColumnNames names;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    auto s = make_step(questions[i], names);
    if (!s) continue;
    std::string key;
    for (const std::string* part :
         {&s->search_path, &s->methods, &s->current.head, &s->current.tail, &s->current.render,
          &s->desired.head, &s->desired.tail, &s->desired.render}) {
      key += std::to_string(part->size());
      key += ':';
      key += *part;
    }
    auto [at, fresh] = seen.emplace(std::move(key), steps.size());
    if (fresh) {
      steps.push_back(std::move(*s));
      if (questions_of_step) questions_of_step->emplace_back();
    }
    if (questions_of_step) (*questions_of_step)[at->second].push_back(static_cast<int>(i));
  }
  return steps;
}

}  // namespace

std::string ServerOracle::script(const std::vector<ExpressionQuestion>& questions,
                                 bool in_transaction) {
  return script_of(steps_of(questions, nullptr), in_transaction);
}

std::vector<bool> ServerOracle::same(const std::vector<ExpressionQuestion>& questions) {
  std::vector<bool> answers(questions.size(), false);
  std::vector<std::vector<int>> questions_of_step;
  std::vector<Step> steps = steps_of(questions, &questions_of_step);
  if (steps.empty()) return answers;

  pg_conn* conn = connection_.native();
  PGTransactionStatusType status = PQtransactionStatus(conn);
  if (status == PQTRANS_INERROR)
    throw DatabaseError(DatabaseError::Kind::kStatement,
                        "cannot compare expressions on the server: the current transaction "
                        "is aborted");
  if (status != PQTRANS_IDLE && status != PQTRANS_INTRANS)
    throw DatabaseError(DatabaseError::Kind::kStatement,
                        "cannot compare expressions on the server: the connection is busy");
  const bool in_transaction = status == PQTRANS_INTRANS;
  const std::string text = script_of(steps, in_transaction);

  connection_.count_statement();
  if (!PQsendQuery(conn, text.c_str()))
    throw DatabaseError(DatabaseError::Kind::kUnreachable,
                        "lost the connection to " + connection_.endpoint().str() + ": " +
                            PQerrorMessage(conn));
  std::optional<std::string> error, sqlstate;
  while (PGresult* res = PQgetResult(conn)) {
    ExecStatusType st = PQresultStatus(res);
    if (st == PGRES_TUPLES_OK && PQnfields(res) == 3) {
      for (int row = 0; row < PQntuples(res); ++row) {
        if (PQgetisnull(res, row, 0) || PQgetisnull(res, row, 2)) continue;
        int k = std::atoi(PQgetvalue(res, row, 0)) - 1;
        if (k < 0 || k >= static_cast<int>(questions_of_step.size())) continue;
        const std::string desired = PQgetvalue(res, row, 2);
        for (int qi : questions_of_step[static_cast<std::size_t>(k)]) {
          auto i = static_cast<std::size_t>(qi);
          // Either the desired spelling renders as the catalog printed the
          // current object (the test that matters right after an apply: some
          // printed forms, like a varchar IN list, do not render back to
          // themselves), or both spellings render alike.
          bool same = comparable(questions[i].kind, desired) ==
                      comparable(questions[i].kind, questions[i].current);
          if (!same && !PQgetisnull(res, row, 1)) same = desired == PQgetvalue(res, row, 1);
          answers[i] = same;
        }
      }
    } else if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && !error) {
      const char* m = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
      const char* s = PQresultErrorField(res, PG_DIAG_SQLSTATE);
      error = m ? m : PQerrorMessage(conn);
      sqlstate = s ? s : "";
    }
    PQclear(res);
  }
  if (!error) return answers;

  // The script stopped half way: put the caller's transaction back as it was.
  if (PQstatus(conn) == CONNECTION_BAD)
    throw DatabaseError(DatabaseError::Kind::kUnreachable,
                        "lost the connection to " + connection_.endpoint().str() + ": " + *error,
                        sqlstate.value_or(""), text);
  if (PQtransactionStatus(conn) != PQTRANS_IDLE) {
    std::string undo = in_transaction ? std::string("ROLLBACK TO SAVEPOINT ") + kSavepoint +
                                            "; RELEASE SAVEPOINT " + kSavepoint
                                      : "ROLLBACK";
    connection_.count_statement();
    PQclear(PQexec(conn, undo.c_str()));
  }
  throw DatabaseError(DatabaseError::Kind::kStatement,
                      "cannot compare expressions on the server: " + *error,
                      sqlstate.value_or(""), text);
}

}  // namespace strata::introspect
