#include "sql/expression.h"

#include <cctype>
#include <optional>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "sql/parse_result.h"
#include "sql/type_name.h"

namespace strata::sql {
namespace {

using nlohmann::json;

// The column's type as type keys: exactly, and without typmods (a cast
// `'x'::character varying` on a varchar(320) column is a cast to its type).
struct ColumnType {
  std::string exact;
  std::string base;
};

std::optional<ColumnType> column_type(const ExpressionContext& ctx) {
  if (ctx.column_type.empty()) return std::nullopt;
  // The serial pseudo types stand for their integer types.
  std::string type = ctx.column_type;
  if (type == "serial") type = "integer";
  if (type == "bigserial") type = "bigint";
  if (type == "smallserial") type = "smallint";
  auto t = parse_type_name(type);
  if (!t) return std::nullopt;
  ColumnType out;
  out.exact = type_key(*t, ctx.schema);
  t->typmods.clear();
  out.base = type_key(*t, ctx.schema);
  return out;
}

// Reads a TypeName node back into the parts type_key wants.
TypeName type_name_of(const json& tn) {
  TypeName t;
  for (const auto& n : tn.value("names", json::array()))
    if (n.contains("String")) t.names.push_back(n["String"].value("sval", ""));
  for (const auto& m : tn.value("typmods", json::array())) {
    // Already normalized (no locations): the canonical dump is a fine spelling.
    if (m.contains("A_Const") && m["A_Const"].contains("ival"))
      t.typmods.push_back(std::to_string(m["A_Const"]["ival"].value("ival", 0LL)));
    else
      t.typmods.push_back(m.dump());
  }
  t.array_dimensions = static_cast<int>(tn.value("arrayBounds", json::array()).size());
  t.setof = tn.value("setof", false);
  t.pct_type = tn.value("pct_type", false);
  return t;
}

// Drops a leading "pg_catalog" from a list of String nodes (function,
// operator, opclass and collation names): the catalog is always searched.
void strip_catalog(json& names) {
  if (!names.is_array() || names.size() < 2) return;
  const auto& first = names[0];
  if (first.contains("String") && first["String"].value("sval", "") == "pg_catalog")
    names.erase(names.begin());
}

bool is_literal(const json& node) { return node.is_object() && node.contains("A_Const"); }

bool is_numeric_type(const std::string& key) {
  return key == "int2" || key == "int4" || key == "int8" || key == "numeric" ||
         key == "float4" || key == "float8";
}

// A string constant that spells a plain number ('-1', '1.50'), as the node
// the parser makes for the number itself: the server prints an integer
// default of -1 as '-1'::integer.
void string_to_number(json& constant) {
  auto& c = constant["A_Const"];
  if (!c.contains("sval")) return;
  std::string text = c["sval"].value("sval", "");
  std::size_t i = text.size() > 1 && text[0] == '-' ? 1 : 0;
  std::size_t digits = 0, dots = 0;
  for (std::size_t k = i; k < text.size(); ++k) {
    if (text[k] >= '0' && text[k] <= '9') ++digits;
    else if (text[k] == '.') ++dots;
    else return;
  }
  if (digits == 0 || dots > 1 || text.back() == '.' || text[i] == '.') return;
  // The parser makes an integer node when the digits (before any negation)
  // fit in 32 bits, and a numeric string otherwise.
  if (dots == 0 && text.size() - i <= 18 && std::stoll(text.substr(i)) <= 2147483647LL) {
    c.erase("sval");
    long long v = std::stoll(text);
    c["ival"] = v == 0 ? json::object() : json{{"ival", v}};
    return;
  }
  c.erase("sval");
  c["fval"] = json{{"fval", text}};
}

class Normalizer {
 public:
  explicit Normalizer(const ExpressionContext& ctx) : ctx_(ctx), column_(column_type(ctx)) {}

  // Recursive: the tree comes from parse(), which refuses trees deeper than
  // kMaxTreeDepth, so the recursion stays within a few megabytes of stack.
  void run(json& node) {
    if (node.is_array()) {
      for (auto& child : node) run(child);
      return;
    }
    if (!node.is_object()) return;
    node.erase("location");
    node.erase("stmt_location");
    node.erase("stmt_len");
    for (auto& [key, child] : node.items()) run(child);
    rewrite(node);
  }

  // The whole expression of a default or generated column, once normalized:
  // a literal cast to the column's own type loses the cast ('x'::text on a
  // text column is 'x'; only at the top, where the server puts it), and a
  // string literal is read as a value of the column's type ('7' on an
  // integer column is 7, 't' on a boolean column is true).
  void column_value(json& node) const {
    if (!column_) return;
    if (node.is_object() && node.contains("TypeCast")) {
      const json& cast = node["TypeCast"];
      std::string key = cast.contains("typeName") ? cast["typeName"].value("type", "") : "";
      if (is_literal(cast["arg"]) && (key == column_->exact || key == column_->base)) {
        json arg = cast["arg"];
        node = std::move(arg);
      }
    }
    if (!is_literal(node) || !node["A_Const"].contains("sval")) return;
    if (is_numeric_type(column_->base)) {
      string_to_number(node);
    } else if (column_->base == "bool") {
      std::string v = node["A_Const"]["sval"].value("sval", "");
      for (auto& ch : v) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      bool is_true = v == "t" || v == "true" || v == "y" || v == "yes" || v == "on" || v == "1";
      bool is_false = v == "f" || v == "false" || v == "n" || v == "no" || v == "off" || v == "0";
      if (!is_true && !is_false) return;
      node["A_Const"].erase("sval");
      node["A_Const"]["boolval"] = is_true ? json{{"boolval", true}} : json::object();
    }
  }

  void qualify_relation(json& range_var) const {
    if (range_var.is_object() && !range_var.contains("schemaname"))
      range_var["schemaname"] = ctx_.schema;
  }

 private:
  // `node` is a wrapper object {"Kind": {...}} or a bare field object.
  void rewrite(json& node) {
    if (node.size() != 1) return;
    auto it = node.begin();
    const std::string kind = it.key();
    json& body = it.value();
    if (!body.is_object()) return;
    if (kind == "TypeCast") {
      canonical_cast_type(body);
    } else if (kind == "FuncCall") {
      strip_catalog(body["funcname"]);
    } else if (kind == "A_Expr") {
      strip_catalog(body["name"]);
      rewrite_in(body);
    } else if (kind == "CollateClause") {
      strip_catalog(body["collname"]);
    } else if (kind == "IndexElem") {
      if (body.contains("opclass")) strip_catalog(body["opclass"]);
      if (body.contains("collation")) strip_catalog(body["collation"]);
      normalize_order(body, "ordering", "nulls_ordering", "SORTBY");
    } else if (kind == "SortBy") {
      normalize_order(body, "sortby_dir", "sortby_nulls", "SORTBY");
    }
  }

  void canonical_cast_type(json& cast) const {
    if (!cast.contains("typeName")) return;
    cast["typeName"] = json{{"type", type_key(type_name_of(cast["typeName"]), ctx_.schema)}};
  }

  // x IN (a, b) → x = ANY (ARRAY[a, b]); x NOT IN (...) → x <> ALL (ARRAY[...]).
  static void rewrite_in(json& body) {
    if (body.value("kind", "") != "AEXPR_IN") return;
    auto& rexpr = body["rexpr"];
    if (!rexpr.is_object() || !rexpr.contains("List")) return;
    const auto& name = body["name"];
    std::string op = name.is_array() && name.size() == 1 && name[0].contains("String")
                         ? name[0]["String"].value("sval", "")
                         : "";
    if (op != "=" && op != "<>") return;
    body["kind"] = op == "=" ? "AEXPR_OP_ANY" : "AEXPR_OP_ALL";
    json elements = rexpr["List"].value("items", json::array());
    rexpr = json{{"A_ArrayExpr", json{{"elements", std::move(elements)}}}};
  }

  // ASC is the default order; NULLS LAST the default for ASC, NULLS FIRST
  // for DESC: spell defaults one way.
  static void normalize_order(json& body, const char* dir_key, const char* nulls_key,
                              const std::string& prefix) {
    std::string dir = body.value(dir_key, prefix + "_DEFAULT");
    if (dir == prefix + "_ASC") dir = prefix + "_DEFAULT";
    std::string nulls = body.value(nulls_key, prefix + "_NULLS_DEFAULT");
    if ((dir == prefix + "_DEFAULT" && nulls == prefix + "_NULLS_LAST") ||
        (dir == prefix + "_DESC" && nulls == prefix + "_NULLS_FIRST"))
      nulls = prefix + "_NULLS_DEFAULT";
    body[dir_key] = dir;
    body[nulls_key] = nulls;
  }

  const ExpressionContext& ctx_;
  std::optional<ColumnType> column_;
};

// The one statement of `text`, or nullopt when it does not parse or holds
// another number of statements.
std::optional<json> single_statement(std::string_view text) {
  auto r = parse(text);
  if (!r.ok()) return std::nullopt;
  auto& stmts = (*r.tree)["stmts"];
  if (!stmts.is_array() || stmts.size() != 1) return std::nullopt;
  return std::move(stmts[0]["stmt"]);
}

std::string unparsed(std::string_view text) { return "unparsed:" + std::string(text); }

}  // namespace

static std::string canonical_expression_uncached(std::string_view expression,
                                          const ExpressionContext& ctx);

std::string canonical_expression(std::string_view expression, const ExpressionContext& ctx) {
  // Applications repeat a few defaults and checks on every table (now(),
  // '{}'::jsonb, amount >= 0), and the planner compares each twice: each
  // (context, text) is canonicalized once per thread. Bounded.
  // Only short texts are kept: the cache stays small whatever the input.
  if (expression.size() > 1024) return canonical_expression_uncached(expression, ctx);
  thread_local std::unordered_map<std::string, std::string> memo;
  std::string key = ctx.column_type;
  key += '\x1f';
  key += ctx.schema;
  key += '\x1f';
  key += expression;
  auto hit = memo.find(key);
  if (hit != memo.end()) return hit->second;
  if (memo.size() >= 16384) memo.clear();
  std::string out = canonical_expression_uncached(expression, ctx);
  memo.emplace(std::move(key), out);
  return out;
}

static std::string canonical_expression_uncached(std::string_view expression,
                                          const ExpressionContext& ctx) {
  // As check_expression: a wrapper that a stray ')' or ';' cannot escape.
  std::string text = "SELECT (" + std::string(expression) + "\n)";
  auto stmt = single_statement(text);
  if (!stmt || !stmt->contains("SelectStmt")) return unparsed(expression);
  json& select = (*stmt)["SelectStmt"];
  if (select.size() != 3 || !select.contains("targetList") || select["targetList"].size() != 1)
    return unparsed(expression);
  json value = select["targetList"][0]["ResTarget"]["val"];
  Normalizer n(ctx);
  n.run(value);
  n.column_value(value);
  return value.dump();
}

bool same_expression(std::string_view a, std::string_view b, const ExpressionContext& ctx) {
  if (a == b) return true;
  // A plan compares the same two spellings on many tables (the catalog's
  // `amount >= 0::numeric` and the model's `amount >= 0`): each pair's
  // verdict is kept per thread, so that neither canonical form is looked up
  // and copied again. Bounded; short texts only, as canonical_expression.
  if (a.size() > 1024 || b.size() > 1024)
    return canonical_expression(a, ctx) == canonical_expression(b, ctx);
  thread_local std::unordered_map<std::string, bool> memo;
  std::string key;
  key.reserve(ctx.column_type.size() + ctx.schema.size() + a.size() + b.size() + 24);
  for (std::string_view part : {std::string_view(ctx.column_type), std::string_view(ctx.schema), a}) {
    key += std::to_string(part.size());
    key += ':';
    key += part;
  }
  key += b;
  auto hit = memo.find(key);
  if (hit != memo.end()) return hit->second;
  if (memo.size() >= 16384) memo.clear();
  bool same = canonical_expression(a, ctx) == canonical_expression(b, ctx);
  memo.emplace(std::move(key), same);
  return same;
}

std::string canonical_select(std::string_view select, const ExpressionContext& ctx) {
  auto stmt = single_statement(select);
  if (!stmt || !stmt->contains("SelectStmt")) return unparsed(select);
  Normalizer(ctx).run(*stmt);
  return stmt->dump();
}

bool same_select(std::string_view a, std::string_view b, const ExpressionContext& ctx) {
  if (a == b) return true;
  return canonical_select(a, ctx) == canonical_select(b, ctx);
}

std::string canonical_index(std::string_view definition, const ExpressionContext& ctx) {
  auto stmt = single_statement(definition);
  if (!stmt || !stmt->contains("IndexStmt")) return unparsed(definition);
  Normalizer n(ctx);
  n.run(*stmt);
  n.qualify_relation((*stmt)["IndexStmt"]["relation"]);
  return stmt->dump();
}

bool same_index(std::string_view a, std::string_view b, const ExpressionContext& ctx) {
  if (a == b) return true;
  return canonical_index(a, ctx) == canonical_index(b, ctx);
}

}  // namespace strata::sql
