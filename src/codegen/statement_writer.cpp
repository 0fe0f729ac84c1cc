#include "codegen/statement_writer.h"

#include "core/error.h"
#include "sql/operator_name.h"
#include "sql/parse_result.h"
#include "sql/quote.h"
#include "sql/script.h"
#include "sql/text.h"

namespace strata::codegen {

std::string deferral(const model::Deferral& d) {
  if (!d.deferrable) return "";
  return d.initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
}

namespace {

bool check_syntax_of_default(const std::string& expression) {
  return !sql::check_syntax("CREATE TABLE t (c integer DEFAULT " + expression + "\n)").has_value();
}

// A column definition's DEFAULT takes only a restricted expression (the
// grammar's b_expr: no NOT, IN, IS, LIKE, AND, ...); one that needs more is
// written in parentheses. The catalog prints `(NOT false)` as `NOT false`.
std::string default_clause(const std::string& expression) {
  if (check_syntax_of_default(expression)) return " DEFAULT " + expression;
  return " DEFAULT (" + expression + ")";
}

std::string action(model::ReferentialAction a) {
  switch (a) {
    case model::ReferentialAction::kNoAction: return "NO ACTION";
    case model::ReferentialAction::kRestrict: return "RESTRICT";
    case model::ReferentialAction::kCascade: return "CASCADE";
    case model::ReferentialAction::kSetNull: return "SET NULL";
    case model::ReferentialAction::kSetDefault: return "SET DEFAULT";
  }
  return "NO ACTION";
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// An exclusion element: a column (bare in the model, as the catalog names
// it) or an expression in parentheses.
std::string exclusion_element(const std::string& element) {
  if (element.starts_with('(') && element.ends_with(')'))
    return "(" + expression_sql(element.substr(1, element.size() - 2), "exclusion expression") + ")";
  return sql::quote_ident(element);
}

// An exclusion element's operator as SQL. The loader accepts only what
// sql::parse_operator reads and introspection writes only such operators;
// anything else is refused here rather than pasted into a statement.
std::string exclusion_operator(const std::string& op) {
  std::string error;
  auto name = sql::parse_operator(op, &error);
  if (!name) throw Error("cannot write the exclusion operator '" + sql::visible(op) + "': " + error);
  return sql::quote_operator(*name);
}

}  // namespace

std::string qualified(const model::QualifiedName& q) { return sql::quote_qualified(q.schema, q.name); }

std::string role_sql(const std::string& role) { return role == "public" ? "PUBLIC" : sql::quote_ident(role); }

std::string dotted(const std::string& name) {
  std::string out;
  size_t start = 0;
  while (true) {
    size_t dot = name.find('.', start);
    out += sql::quote_ident(name.substr(start, dot == std::string::npos ? dot : dot - start));
    if (dot == std::string::npos) break;
    out += '.';
    start = dot + 1;
  }
  return out;
}

std::string column_list(const std::vector<std::string>& columns) {
  std::string out = "(";
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i) out += ", ";
    out += sql::quote_ident(columns[i]);
  }
  return out + ")";
}

std::string sequence_options(const model::SequenceOptions& o) {
  std::string out;
  if (o.increment) out += " INCREMENT BY " + std::to_string(*o.increment);
  if (o.min_value) out += " MINVALUE " + std::to_string(*o.min_value);
  if (o.max_value) out += " MAXVALUE " + std::to_string(*o.max_value);
  if (o.start) out += " START WITH " + std::to_string(*o.start);
  if (o.cache) out += " CACHE " + std::to_string(*o.cache);
  if (o.cycle) out += " CYCLE";
  return out;
}

std::string sequence_option_changes(const model::SequenceOptions& from,
                                    const model::SequenceOptions& to,
                                    const std::string& prefix) {
  std::string out;
  if (from.increment != to.increment)
    out += prefix + " INCREMENT BY " + std::to_string(to.increment.value_or(1));
  if (from.min_value != to.min_value)
    out += prefix + (to.min_value ? " MINVALUE " + std::to_string(*to.min_value) : " NO MINVALUE");
  if (from.max_value != to.max_value)
    out += prefix + (to.max_value ? " MAXVALUE " + std::to_string(*to.max_value) : " NO MAXVALUE");
  if (from.start != to.start) {
    std::int64_t increment = to.increment.value_or(1);
    std::int64_t start = to.start ? *to.start
                                  : (increment > 0 ? to.min_value.value_or(1)
                                                   : to.max_value.value_or(-1));
    out += prefix + " START WITH " + std::to_string(start);
  }
  if (from.cache != to.cache) out += prefix + " CACHE " + std::to_string(to.cache.value_or(1));
  if (from.cycle != to.cycle) out += prefix + (to.cycle ? " CYCLE" : " NO CYCLE");
  return out;
}

std::string identity_clause(const model::Identity& identity) {
  std::string out = identity.kind == model::IdentityKind::kAlways
                        ? "GENERATED ALWAYS AS IDENTITY"
                        : "GENERATED BY DEFAULT AS IDENTITY";
  std::string options = sequence_options(identity.options);
  if (!options.empty()) out += " (" + options.substr(1) + ")";
  return out;
}

std::string column_definition(const model::Column& c) {
  std::string out = sql::quote_ident(c.name) + " " + c.type;
  if (c.collation) out += " COLLATE " + dotted(*c.collation);
  if (c.generated) out += " GENERATED ALWAYS AS (" + expression_sql(*c.generated, "generated column") + ") STORED";
  if (c.identity) out += " " + identity_clause(*c.identity);
  if (c.default_expr) out += default_clause(expression_sql(*c.default_expr, "default"));
  if (!c.nullable) out += " NOT NULL";
  return out;
}

std::string constraint_definition(const model::PrimaryKey& c) {
  return "CONSTRAINT " + sql::quote_ident(c.name) + " PRIMARY KEY " + column_list(c.columns) +
         deferral(c.deferral);
}

std::string constraint_definition(const model::UniqueConstraint& c) {
  return "CONSTRAINT " + sql::quote_ident(c.name) + " UNIQUE" +
         (c.nulls_not_distinct ? " NULLS NOT DISTINCT " : " ") + column_list(c.columns) +
         deferral(c.deferral);
}

std::string constraint_definition(const model::CheckConstraint& c) {
  return "CONSTRAINT " + sql::quote_ident(c.name) + " CHECK (" + expression_sql(c.expression, "check") + ")" +
         (c.no_inherit ? " NO INHERIT" : "") + (c.not_valid ? " NOT VALID" : "");
}

std::string constraint_definition(const model::ForeignKey& c) {
  std::string out = "CONSTRAINT " + sql::quote_ident(c.name) + " FOREIGN KEY " +
                    column_list(c.columns) + " REFERENCES " + qualified(c.ref_table) +
                    column_list(c.ref_columns);
  if (c.match == model::MatchType::kFull) out += " MATCH FULL";
  if (c.match == model::MatchType::kPartial) out += " MATCH PARTIAL";
  if (c.on_update != model::ReferentialAction::kNoAction) out += " ON UPDATE " + action(c.on_update);
  if (c.on_delete != model::ReferentialAction::kNoAction) out += " ON DELETE " + action(c.on_delete);
  return out + deferral(c.deferral) + (c.not_valid ? " NOT VALID" : "");
}

std::string constraint_definition(const model::ExclusionConstraint& c) {
  std::string out = "CONSTRAINT " + sql::quote_ident(c.name) + " EXCLUDE USING " +
                    sql::quote_ident(c.method) + " (";
  for (size_t i = 0; i < c.elements.size(); ++i) {
    const auto& el = c.elements[i];
    if (i) out += ", ";
    out += exclusion_element(el.expression);
    if (el.opclass) out += " " + dotted(*el.opclass);
    out += " WITH " + exclusion_operator(el.op);
  }
  out += ")";
  if (!c.include.empty()) out += " INCLUDE " + column_list(c.include);
  if (c.where) out += " WHERE (" + expression_sql(*c.where, "exclusion predicate") + ")";
  return out + deferral(c.deferral);
}

std::string create_index(const model::QualifiedName& table, const model::Index& ix, bool concurrently) {
  std::string out = std::string("CREATE ") + (ix.unique ? "UNIQUE " : "") + "INDEX " +
                    (concurrently ? "CONCURRENTLY " : "") +
                    sql::quote_ident(ix.name) + " ON " + qualified(table) + " USING " +
                    sql::quote_ident(ix.method) + " (";
  for (size_t i = 0; i < ix.keys.size(); ++i) {
    const auto& k = ix.keys[i];
    if (i) out += ", ";
    out += k.expression ? "(" + expression_sql(*k.expression, "index expression") + ")"
                        : sql::quote_ident(k.column);
    if (k.collation) out += " COLLATE " + dotted(*k.collation);
    if (k.opclass) out += " " + dotted(*k.opclass);
    if (k.descending) out += " DESC";
    if (k.nulls == model::NullsOrder::kFirst) out += " NULLS FIRST";
    if (k.nulls == model::NullsOrder::kLast) out += " NULLS LAST";
  }
  out += ")";
  if (!ix.include.empty()) out += " INCLUDE " + column_list(ix.include);
  if (ix.nulls_not_distinct) out += " NULLS NOT DISTINCT";
  if (ix.where) out += " WHERE (" + expression_sql(*ix.where, "index predicate") + ")";
  return out + ";\n";
}

std::string comment_on(const std::string& what, const std::optional<std::string>& text) {
  return "COMMENT ON " + what + " IS " + (text ? sql::quote_literal(*text) : "NULL") + ";\n";
}

std::string in_view_schema(const std::string& schema, const std::string& statements) {
  if (schema.empty() || schema == "public") return statements;
  return "SET search_path TO " + sql::view_search_path(schema) + ";\n" + statements +
         "RESET search_path;\n";
}

std::string view_query(const std::string& query) {
  std::string q = trim(sql::strip_comments(query));
  while (!q.empty() && q.back() == ';') q = trim(q.substr(0, q.size() - 1));
  auto r = sql::parse(q);
  const nlohmann::json* stmts = r.ok() ? &(*r.tree)["stmts"] : nullptr;
  if (!stmts || !stmts->is_array() || stmts->size() != 1 ||
      !(*stmts)[0]["stmt"].contains("SelectStmt"))
    throw Error("cannot write a view whose query is not one SELECT: " +
                sql::visible(query.substr(0, 80)));
  return q;
}

std::string expression_sql(const std::string& text, const std::string& what) {
  std::string plain = std::string(sql::trim(sql::strip_comments(text)));
  if (auto e = sql::check_expression(plain))
    throw Error("cannot write the " + what + " '" + sql::visible(text.substr(0, 80)) +
                "': it is not one SQL expression (" + e->message + ")");
  return plain;
}

}  // namespace strata::codegen
