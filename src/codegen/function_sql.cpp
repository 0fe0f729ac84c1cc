#include "codegen/function_sql.h"

#include "codegen/statement_writer.h"
#include "sql/quote.h"
#include "sql/text.h"

namespace strata::codegen {
namespace {

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string argument(const model::FunctionArgument& a) {
  std::string out = a.mode;
  if (!a.name.empty()) out += (out.empty() ? "" : " ") + sql::quote_ident(a.name);
  out += (out.empty() ? "" : " ") + a.type;
  if (a.default_expr) out += " DEFAULT " + *a.default_expr;
  return out;
}

// A dollar-quote tag that does not occur in `body`.
std::string dollar_tag(const std::string& body) {
  std::string tag = "$function$";
  for (int i = 1; body.find(tag) != std::string::npos; ++i)
    tag = "$function" + std::to_string(i) + "$";
  return tag;
}

// A setting's name, each dotted part quoted as needed.
std::string setting_name(const std::string& name) {
  std::string out;
  std::size_t start = 0;
  for (;;) {
    auto dot = name.find('.', start);
    out += sql::quote_ident(name.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    out += ".";
    start = dot + 1;
  }
  return out;
}

// The value of SET name TO ..., from the "name=value" text proconfig keeps:
// list settings (search_path, ...) keep their elements as separate literals.
std::string setting_value(const std::string& name, const std::string& value) {
  static const char* kLists[] = {"search_path", "temp_tablespaces", "local_preload_libraries",
                                 "session_preload_libraries"};
  bool list = false;
  for (const char* l : kLists)
    if (name == l) list = true;
  if (!list) return sql::quote_literal(value);
  std::string out;
  for (const auto& part : model::split_top_level(value)) {
    std::string element = part;
    if (element.size() >= 2 && element.front() == '"' && element.back() == '"') {
      std::string unq;
      for (std::size_t i = 1; i + 1 < element.size(); ++i) {
        unq += element[i];
        if (element[i] == '"' && i + 2 < element.size() && element[i + 1] == '"') ++i;
      }
      element = unq;
    }
    out += (out.empty() ? "" : ", ") + sql::quote_literal(element);
  }
  return out.empty() ? "''" : out;
}

std::string kind_word(const model::Function& fn) { return fn.procedure ? "PROCEDURE " : "FUNCTION "; }

}  // namespace

std::string function_identity(const model::QualifiedName& name, const model::Function& fn) {
  return sql::quote_qualified(name.schema, fn.name) + "(" + fn.identity_arguments() + ")";
}

std::string create_function(const model::QualifiedName& name, const model::Function& fn,
                            bool or_replace) {
  // A sql body is checked against the catalog when created; the tables it
  // reads may come later in the revision (pg_dump does the same).
  std::string out = fn.language == "sql" && !fn.standard_body()
                        ? "SET LOCAL check_function_bodies = off;\n"
                        : "";
  out += std::string("CREATE ") + (or_replace ? "OR REPLACE " : "") + kind_word(fn) +
                    sql::quote_qualified(name.schema, fn.name) + "(";
  for (std::size_t i = 0; i < fn.arguments.size(); ++i)
    out += (i ? ", " : "") + argument(fn.arguments[i]);
  out += ")\n";
  if (!fn.procedure) out += " RETURNS " + fn.returns + "\n";
  out += " LANGUAGE " + sql::quote_ident(fn.language) + "\n";
  std::string traits;
  if (!fn.procedure) {
    if (fn.volatility != "volatile") traits += " " + upper(fn.volatility);
    if (fn.strict) traits += " STRICT";
  }
  if (fn.security_definer) traits += " SECURITY DEFINER";
  if (!fn.procedure) {
    if (fn.leakproof) traits += " LEAKPROOF";
    if (fn.parallel != "unsafe") traits += " PARALLEL " + upper(fn.parallel);
    if (fn.cost) traits += " COST " + *fn.cost;
    if (fn.rows) traits += " ROWS " + *fn.rows;
  }
  if (!traits.empty()) out += traits + "\n";
  for (const auto& [k, v] : fn.settings)
    out += " SET " + setting_name(k) + " TO " + setting_value(k, v) + "\n";
  if (fn.standard_body()) {
    out += fn.body + ";\n";
  } else {
    std::string tag = dollar_tag(fn.body);
    out += "AS " + tag + fn.body + tag + ";\n";
  }
  if (fn.comment && !or_replace) out += comment_on(kind_word(fn) + function_identity(name, fn), fn.comment);
  return out;
}

std::string drop_function(const model::QualifiedName& name, const model::Function& fn) {
  return "DROP " + kind_word(fn) + function_identity(name, fn) + ";\n";
}

std::string create_aggregate(const model::QualifiedName& name, const model::Aggregate& ag) {
  std::string args;
  for (std::size_t i = 0; i < ag.arguments.size(); ++i) args += (i ? ", " : "") + ag.arguments[i];
  if (args.empty()) args = "*";
  std::string identity = sql::quote_qualified(name.schema, ag.name) + "(" + args + ")";
  std::string out = "CREATE AGGREGATE " + identity + " (\n    SFUNC = " + ag.sfunc +
                    ",\n    STYPE = " + ag.stype;
  auto opt = [&](const char* key, const std::optional<std::string>& v) {
    if (v) out += ",\n    " + std::string(key) + " = " + *v;
  };
  opt("FINALFUNC", ag.finalfunc);
  if (ag.finalfunc_extra) out += ",\n    FINALFUNC_EXTRA";
  opt("COMBINEFUNC", ag.combinefunc);
  opt("SERIALFUNC", ag.serialfunc);
  opt("DESERIALFUNC", ag.deserialfunc);
  if (ag.initcond) out += ",\n    INITCOND = " + sql::quote_literal(*ag.initcond);
  if (ag.sortop) out += ",\n    SORTOP = OPERATOR(" + *ag.sortop + ")";
  if (ag.parallel != "unsafe") out += ",\n    PARALLEL = " + upper(ag.parallel);
  out += "\n);\n";
  if (ag.comment) out += comment_on("AGGREGATE " + identity, ag.comment);
  return out;
}

std::string drop_aggregate(const model::QualifiedName& name, const model::Aggregate& ag) {
  std::string args;
  for (std::size_t i = 0; i < ag.arguments.size(); ++i) args += (i ? ", " : "") + ag.arguments[i];
  if (args.empty()) args = "*";
  return "DROP AGGREGATE " + sql::quote_qualified(name.schema, ag.name) + "(" + args + ");\n";
}

std::string create_trigger(const model::QualifiedName& table, const model::Trigger& tg) {
  std::string out = std::string("CREATE ") + (tg.constraint ? "CONSTRAINT " : "") + "TRIGGER " +
                    sql::quote_ident(tg.name) + " " + upper(tg.timing) + " ";
  for (std::size_t i = 0; i < tg.events.size(); ++i) {
    out += (i ? " OR " : "") + upper(tg.events[i]);
    if (tg.events[i] == "update" && !tg.update_of.empty()) {
      out += " OF ";
      for (std::size_t c = 0; c < tg.update_of.size(); ++c)
        out += (c ? ", " : "") + sql::quote_ident(tg.update_of[c]);
    }
  }
  out += " ON " + qualified(table);
  if (tg.constraint) {
    out += tg.deferral.deferrable ? " DEFERRABLE" : " NOT DEFERRABLE";
    out += tg.deferral.initially_deferred ? " INITIALLY DEFERRED" : " INITIALLY IMMEDIATE";
  }
  if (tg.old_table || tg.new_table) {
    out += "\n  REFERENCING";
    if (tg.old_table) out += " OLD TABLE AS " + sql::quote_ident(*tg.old_table);
    if (tg.new_table) out += " NEW TABLE AS " + sql::quote_ident(*tg.new_table);
  }
  out += std::string("\n  FOR EACH ") + (tg.for_each_row ? "ROW" : "STATEMENT");
  if (tg.when) out += "\n  WHEN (" + *tg.when + ")";
  out += "\n  EXECUTE FUNCTION " + tg.function + "(";
  for (std::size_t i = 0; i < tg.arguments.size(); ++i)
    out += (i ? ", " : "") + sql::quote_literal(tg.arguments[i]);
  out += ");\n";
  if (tg.enabled != "origin") out += enable_trigger(table, tg.name, tg.enabled);
  if (tg.comment)
    out += comment_on("TRIGGER " + sql::quote_ident(tg.name) + " ON " + qualified(table), tg.comment);
  return out;
}

std::string drop_trigger(const model::QualifiedName& table, const model::Trigger& tg) {
  return "DROP TRIGGER " + sql::quote_ident(tg.name) + " ON " + qualified(table) + ";\n";
}

std::string enable_trigger(const model::QualifiedName& table, const std::string& trigger,
                           const std::string& state) {
  std::string verb = state == "disabled" ? "DISABLE"
                     : state == "replica" ? "ENABLE REPLICA"
                     : state == "always"  ? "ENABLE ALWAYS"
                                          : "ENABLE";
  return "ALTER TABLE " + qualified(table) + " " + verb + " TRIGGER " + sql::quote_ident(trigger) +
         ";\n";
}

}  // namespace strata::codegen
