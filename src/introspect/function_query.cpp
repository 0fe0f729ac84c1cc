// Functions, procedures, aggregates and triggers: their catalog queries and
// how their rows become the model (CatalogReader::read_functions,
// read_aggregates, read_triggers).
#include <nlohmann/json.hpp>

#include "introspect/catalog_queries.h"
#include "introspect/catalog_reader.h"
#include "model/function_reader.h"
#include "sql/quote.h"
#include "sql/text.h"

namespace strata::introspect {
namespace {

// Functions and procedures in SQL-level languages (not C, not internal, not
// window functions, not members of an extension): 0 schema, 1 name,
// 2 prokind, 3 pg_get_function_arguments, 4 pg_get_function_result,
// 5 language, 6 prosrc, 7 provolatile, 8 proisstrict, 9 prosecdef,
// 10 proleakproof, 11 proparallel, 12 procost, 13 prorows, 14 proretset,
// 15 proconfig (JSON), 16 comment, 17 pg_get_functiondef when the body is a
// SQL-standard one (prosqlbody, PG 14), 18 what depends on it (JSON:
// [kind, schema, object, part]; views, column defaults, checks, triggers),
// 19 oid (for the owners and grants read later).
// The dependents are read for all functions at once (`users`, grouped by
// function) and joined, not asked per function: a per-function subquery
// let the planner, on a catalog whose statistics predate the load (right
// after a restore or an apply), scan every dependency of a kind once per
// function, which at 10,000 functions ran for minutes.
const char* const kFunctionsQuery = R"SQL(
WITH users AS (
  SELECT d.refobjid AS fn,
         pg_catalog.jsonb_build_array('view', vn.nspname::text, v.relname::text, '') AS u
  FROM pg_catalog.pg_depend d
  JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid
  JOIN pg_catalog.pg_class v ON v.oid = r.ev_class
  JOIN pg_catalog.pg_namespace vn ON vn.oid = v.relnamespace
  WHERE d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass
    AND d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
  UNION
  SELECT d.refobjid, pg_catalog.jsonb_build_array('default', tn.nspname::text, t.relname::text,
                                                  a.attname::text)
  FROM pg_catalog.pg_depend d
  JOIN pg_catalog.pg_attrdef ad ON ad.oid = d.objid
  JOIN pg_catalog.pg_class t ON t.oid = ad.adrelid
  JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
  JOIN pg_catalog.pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
  WHERE d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass
    AND d.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass
  UNION
  SELECT d.refobjid, pg_catalog.jsonb_build_array('check', tn.nspname::text, t.relname::text,
                                                  k.conname::text)
  FROM pg_catalog.pg_depend d
  JOIN pg_catalog.pg_constraint k ON k.oid = d.objid
  JOIN pg_catalog.pg_class t ON t.oid = k.conrelid
  JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
  WHERE d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass
    AND d.classid = 'pg_catalog.pg_constraint'::pg_catalog.regclass
  UNION
  SELECT d.refobjid, pg_catalog.jsonb_build_array('trigger', tn.nspname::text, t.relname::text,
                                                  tg.tgname::text)
  FROM pg_catalog.pg_depend d
  JOIN pg_catalog.pg_trigger tg ON tg.oid = d.objid
  JOIN pg_catalog.pg_class t ON t.oid = tg.tgrelid
  JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
  WHERE d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass
    AND d.classid = 'pg_catalog.pg_trigger'::pg_catalog.regclass
), users_of AS (
  SELECT fn, pg_catalog.jsonb_agg(u ORDER BY u::text)::text AS list
  FROM users GROUP BY fn
)
SELECT n.nspname::text, p.proname::text, p.prokind::text,
       pg_catalog.pg_get_function_arguments(p.oid), pg_catalog.pg_get_function_result(p.oid),
       l.lanname::text, p.prosrc, p.provolatile::text, p.proisstrict::int::text,
       p.prosecdef::int::text, p.proleakproof::int::text, p.proparallel::text,
       p.procost::text, p.prorows::text, p.proretset::int::text,
       pg_catalog.array_to_json(p.proconfig)::text,
       pg_catalog.obj_description(p.oid, 'pg_proc'),
       @STANDARD_BODY@,
       uo.list,
       p.oid::bigint::text
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
JOIN pg_catalog.pg_language l ON l.oid = p.prolang
LEFT JOIN users_of uo ON uo.fn = p.oid
WHERE n.nspname = ANY (CAST($1 AS text[])) AND p.prokind IN ('f', 'p')
  AND l.lanname NOT IN ('c', 'internal')
  AND p.oid NOT IN (SELECT x.objid FROM pg_catalog.pg_depend x
                    WHERE x.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
                      AND x.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND x.deptype = 'e')
ORDER BY n.nspname, p.proname, p.oid
)SQL";

// Aggregates of the normal kind: 0 schema, 1 name, 2 argument types
// (pg_get_function_identity_arguments), 3 sfunc, 4 stype, 5 finalfunc,
// 6 finalfunc_extra, 7 combinefunc, 8 serialfunc, 9 deserialfunc,
// 10 initcond, 11 sort operator, 12 proparallel, 13 comment.
const char* const kAggregatesQuery = R"SQL(
SELECT n.nspname::text, p.proname::text, pg_catalog.pg_get_function_identity_arguments(p.oid),
       a.aggtransfn::pg_catalog.regproc::text, pg_catalog.format_type(a.aggtranstype, NULL),
       NULLIF(a.aggfinalfn, 0)::pg_catalog.regproc::text, a.aggfinalextra::int::text,
       NULLIF(a.aggcombinefn, 0)::pg_catalog.regproc::text,
       NULLIF(a.aggserialfn, 0)::pg_catalog.regproc::text,
       NULLIF(a.aggdeserialfn, 0)::pg_catalog.regproc::text, a.agginitval,
       NULLIF(a.aggsortop, 0)::pg_catalog.regoper::text, p.proparallel::text,
       pg_catalog.obj_description(p.oid, 'pg_proc')
FROM pg_catalog.pg_aggregate a
JOIN pg_catalog.pg_proc p ON p.oid = a.aggfnoid
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = ANY (CAST($1 AS text[])) AND a.aggkind = 'n'
  AND p.oid NOT IN (SELECT x.objid FROM pg_catalog.pg_depend x
                    WHERE x.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
                      AND x.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND x.deptype = 'e')
ORDER BY n.nspname, p.proname, p.oid
)SQL";

// Triggers of plain and partitioned tables, partitions and views, but not
// the clones a partitioned table's trigger gives each partition (they are
// the parent's): 0 table or view oid, 1 name, 2 tgtype, 3 UPDATE OF column names (JSON), 4
// pg_get_triggerdef (for WHEN and the arguments), 5 function (regproc),
// 6 tgenabled, 7 constraint trigger, 8 deferrable, 9 initially deferred,
// 10 old transition table, 11 new transition table, 12 comment.
const char* const kTriggersQuery = R"SQL(
SELECT t.tgrelid::bigint::text, t.tgname::text, t.tgtype::int::text,
       (SELECT pg_catalog.json_agg(a.attname::text ORDER BY k.n)
        FROM pg_catalog.unnest(t.tgattr) WITH ORDINALITY AS k(attnum, n)
        JOIN pg_catalog.pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = k.attnum)::text,
       pg_catalog.pg_get_triggerdef(t.oid, false), t.tgfoid::pg_catalog.regproc::text,
       t.tgenabled::text, (t.tgconstraint <> 0)::int::text, t.tgdeferrable::int::text,
       t.tginitdeferred::int::text, t.tgoldtable::text, t.tgnewtable::text,
       pg_catalog.obj_description(t.oid, 'pg_trigger')
FROM pg_catalog.pg_trigger t
JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal AND c.relkind IN ('r', 'p', 'v') AND t.tgparentid = 0
  AND n.nspname = ANY (CAST($1 AS text[]))
ORDER BY t.tgrelid, t.tgname
)SQL";

// The SQL-standard body of a function as pg_get_functiondef prints it: from
// the line that starts with RETURN or BEGIN ATOMIC to the end.
std::string standard_body(const std::string& def) {
  for (const char* start : {"\nRETURN ", "\nBEGIN ATOMIC"}) {
    auto at = def.find(start);
    if (at != std::string::npos) {
      std::string body = def.substr(at + 1);
      while (!body.empty() && (body.back() == '\n' || body.back() == ' ')) body.pop_back();
      return body;
    }
  }
  return def;
}

// The text inside the parentheses that open at `open`, minding quotes; npos
// in `end` when they do not close.
std::string parenthesized(const std::string& s, std::size_t open, std::size_t& end) {
  int depth = 0;
  char quote = 0;
  for (std::size_t i = open; i < s.size(); ++i) {
    char c = s[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && --depth == 0) {
      end = i;
      return s.substr(open + 1, i - open - 1);
    }
  }
  end = std::string::npos;
  return "";
}

// The WHEN condition of a trigger definition, without its parentheses.
std::optional<std::string> trigger_when(const std::string& def) {
  auto each = def.find(" FOR EACH ");
  auto execute = def.rfind(" EXECUTE ");
  if (each == std::string::npos || execute == std::string::npos) return std::nullopt;
  auto when = def.find(" WHEN (", each);
  if (when == std::string::npos || when > execute) return std::nullopt;
  std::size_t end = 0;
  std::string inner = parenthesized(def, when + 6, end);
  if (end == std::string::npos) return std::nullopt;
  std::string t(sql::trim(inner));
  // The server wraps the condition in one more pair of parentheses.
  if (t.size() >= 2 && t.front() == '(') {
    std::size_t close = 0;
    std::string again = parenthesized(t, 0, close);
    if (close == t.size() - 1) t = std::string(sql::trim(again));
  }
  return t;
}

// The string arguments of EXECUTE FUNCTION f('a', 'b') in a trigger definition.
std::vector<std::string> trigger_arguments(const std::string& def) {
  std::vector<std::string> out;
  auto execute = def.rfind(" EXECUTE ");
  if (execute == std::string::npos) return out;
  auto open = def.find('(', execute);
  if (open == std::string::npos) return out;
  std::size_t end = 0;
  std::string inner = parenthesized(def, open, end);
  for (std::size_t i = 0; i < inner.size(); ++i) {
    if (inner[i] != '\'') continue;
    std::string value;
    for (++i; i < inner.size(); ++i) {
      if (inner[i] == '\'') {
        if (i + 1 < inner.size() && inner[i + 1] == '\'') {
          value += '\'';
          ++i;
          continue;
        }
        break;
      }
      value += inner[i];
    }
    out.push_back(value);
  }
  return out;
}

std::string volatility_name(const std::string& code) {
  if (code == "i") return "immutable";
  if (code == "s") return "stable";
  return "volatile";
}

std::string parallel_name(const std::string& code) {
  if (code == "s") return "safe";
  if (code == "r") return "restricted";
  return "unsafe";
}

std::string reference(const std::string& regproc) {
  return model::canonical_function_reference(regproc).value_or(regproc);
}

}  // namespace

std::string functions_query(int server_version_num) {
  std::string q = kFunctionsQuery;
  const std::string marker = "@STANDARD_BODY@";
  q.replace(q.find(marker), marker.size(),
            server_version_num >= 140000
                ? "CASE WHEN p.prosqlbody IS NOT NULL THEN pg_catalog.pg_get_functiondef(p.oid) END"
                : "NULL::text");
  return q;
}

std::string aggregates_query() { return kAggregatesQuery; }

std::string triggers_query() { return kTriggersQuery; }

void CatalogReader::read_functions() {
  run("functions", queries_.functions, true, [&](const CatalogRow& r) {
    const std::string schema = r.text(0);
    model::Function fn;
    fn.name = r.text(1);
    fn.procedure = r.text(2) == "p";
    bool readable = true;
    for (const auto& part : model::split_top_level(r.text(3))) {
      std::string error;
      auto a = model::parse_function_argument(part, schema, &error);
      if (!a) {
        readable = false;
        break;
      }
      fn.arguments.push_back(std::move(*a));
    }
    if (!fn.procedure) {
      std::string error;
      fn.returns = model::canonical_returns(r.text(4), schema, &error);
      if (fn.returns.empty()) readable = false;
    }
    if (!readable) {
      out_.unmanaged["functions whose signature Strata cannot read"].push_back(
          sql::quote_qualified(schema, fn.name) + "(" + r.text(3) + ")");
      return;
    }
    fn.language = r.text(5);
    fn.body = r.null(17) ? r.text(6) : standard_body(r.text(17));
    fn.volatility = volatility_name(r.text(7));
    fn.strict = r.flag(8);
    fn.security_definer = r.flag(9);
    fn.leakproof = r.flag(10);
    fn.parallel = parallel_name(r.text(11));
    std::string cost = model::canonical_number(r.text(12));
    if (cost != "100") fn.cost = cost;
    std::string rows = model::canonical_number(r.text(13));
    if (rows != (r.flag(14) ? "1000" : "0")) fn.rows = rows;
    if (!r.null(15))
      for (const auto& item : nlohmann::json::parse(r.text(15))) {
        std::string s = item.get<std::string>();
        auto eq = s.find('=');
        if (eq != std::string::npos) fn.settings[s.substr(0, eq)] = s.substr(eq + 1);
      }
    fn.comment = r.optional(16);
    if (!r.null(18))
      for (const auto& u : nlohmann::json::parse(r.text(18)))
        fn.used_by.users.push_back({u[0].get<std::string>(), u[1].get<std::string>(),
                                    u[2].get<std::string>(), u[3].get<std::string>()});
    std::string key = fn.signature();
    function_keys_[r.number(19)] = {schema, key};
    ns(schema).functions[key] = std::move(fn);
  });
}

void CatalogReader::read_aggregates() {
  run("aggregates", queries_.aggregates, true, [&](const CatalogRow& r) {
    const std::string schema = r.text(0);
    model::Aggregate ag;
    ag.name = r.text(1);
    for (const auto& part : model::split_top_level(r.text(2))) {
      std::string error;
      std::string t = model::function_type(part, schema, &error);
      if (t.empty()) {
        out_.unmanaged["aggregates whose signature Strata cannot read"].push_back(
            sql::quote_qualified(schema, ag.name) + "(" + r.text(2) + ")");
        return;
      }
      ag.arguments.push_back(t);
    }
    ag.sfunc = reference(r.text(3));
    std::string error;
    ag.stype = model::function_type(r.text(4), schema, &error);
    if (!r.null(5)) ag.finalfunc = reference(r.text(5));
    ag.finalfunc_extra = r.flag(6);
    if (!r.null(7)) ag.combinefunc = reference(r.text(7));
    if (!r.null(8)) ag.serialfunc = reference(r.text(8));
    if (!r.null(9)) ag.deserialfunc = reference(r.text(9));
    ag.initcond = r.optional(10);
    ag.sortop = r.optional(11);
    ag.parallel = parallel_name(r.text(12));
    ag.comment = r.optional(13);
    std::string key = ag.signature();
    ns(schema).aggregates[key] = std::move(ag);
  });
}

void CatalogReader::read_triggers() {
  run("triggers", queries_.triggers, true, [&](const CatalogRow& r) {
    auto rel = relations_.find(r.number(0));
    if (rel == relations_.end() || !(rel->second.table || rel->second.view)) return;
    model::Trigger tg;
    tg.name = r.text(1);
    std::int64_t type = r.number(2);
    tg.for_each_row = (type & 1) != 0;
    tg.timing = (type & 64) ? "instead of" : (type & 2) ? "before" : "after";
    if (type & 4) tg.events.push_back("insert");
    if (type & 8) tg.events.push_back("delete");
    if (type & 16) tg.events.push_back("update");
    if (type & 32) tg.events.push_back("truncate");
    if (!r.null(3))
      for (const auto& c : nlohmann::json::parse(r.text(3))) tg.update_of.push_back(c.get<std::string>());
    const std::string def = r.text(4);
    tg.when = trigger_when(def);
    tg.arguments = trigger_arguments(def);
    tg.function = reference(r.text(5));
    std::string enabled = r.text(6);
    tg.enabled = model::trigger_enabled_name(enabled.empty() ? 'O' : enabled[0]);
    tg.constraint = r.flag(7);
    tg.deferral.deferrable = r.flag(8);
    tg.deferral.initially_deferred = r.flag(9);
    tg.old_table = r.optional(10);
    tg.new_table = r.optional(11);
    tg.comment = r.optional(12);
    std::string name = tg.name;
    auto& into = rel->second.table ? rel->second.table->triggers : rel->second.view->triggers;
    into[name] = std::move(tg);
  });
}

}  // namespace strata::introspect
