#include "model/function_reader.h"

#include <algorithm>
#include <set>

#include "model/access_reader.h"
#include "sql/quote.h"
#include "sql/text.h"

namespace strata::model {
namespace {

const std::vector<std::string> kFunctionKeys = {
    "returns", "language", "body",     "volatility", "strict", "security_definer",
    "leakproof", "parallel", "cost",   "rows",       "set",    "comment", "owner", "grants"};
const std::vector<std::string> kAggregateKeys = {
    "sfunc",        "stype",    "finalfunc", "finalfunc_extra", "combinefunc", "serialfunc",
    "deserialfunc", "initcond", "sortop",    "parallel",        "comment"};
const std::vector<std::string> kTriggerKeys = {
    "timing", "events", "update_of", "for_each", "when",       "function",
    "arguments", "referencing", "enabled", "constraint", "deferrable", "initially_deferred",
    "comment"};

// The event order PostgreSQL prints (tgtype bits).
const std::vector<std::string> kEventOrder = {"insert", "delete", "update", "truncate"};

bool is_number(const std::string& s) {
  if (s.empty()) return false;
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

}  // namespace

std::optional<std::string> canonical_function_reference(std::string_view text) {
  std::vector<std::string> parts;
  std::string_view t = sql::trim(text);
  std::size_t i = 0;
  while (i <= t.size()) {
    std::string part;
    if (i < t.size() && t[i] == '"') {
      ++i;
      for (; i < t.size(); ++i) {
        if (t[i] == '"') {
          if (i + 1 < t.size() && t[i + 1] == '"') {
            part += '"';
            ++i;
            continue;
          }
          break;
        }
        part += t[i];
      }
      if (i >= t.size()) return std::nullopt;  // unterminated
      ++i;
    } else {
      while (i < t.size() && t[i] != '.') {
        char c = t[i++];
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
              static_cast<unsigned char>(c) >= 0x80))
          return std::nullopt;
        part += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
    }
    if (part.empty()) return std::nullopt;
    parts.push_back(part);
    if (i >= t.size()) break;
    if (t[i] != '.') return std::nullopt;
    ++i;
  }
  if (parts.empty() || parts.size() > 2) return std::nullopt;
  if (parts.size() == 2 && parts[0] == "pg_catalog") parts.erase(parts.begin());
  return parts.size() == 2 ? sql::quote_qualified(parts[0], parts[1]) : sql::quote_ident(parts[0]);
}

std::optional<std::string> FunctionReader::function_reference(const YamlNode& n,
                                                               std::string_view what) {
  auto s = y_.name(n, what);
  if (!s) return std::nullopt;
  auto c = canonical_function_reference(*s);
  if (!c) y_.error(n, std::string(what) + " '" + *s + "' is not a function name (name or schema.name)");
  return c;
}

std::optional<std::pair<std::string, std::vector<std::string>>> FunctionReader::split_key(
    const YamlNode& at, const std::string& key, std::string_view what) {
  std::size_t open = key.find('(');
  if (open == std::string::npos || key.back() != ')') {
    y_.error(at, std::string(what) + " '" + key +
                     "' must be written with its arguments, as name(arguments): e.g. " + key +
                     "() or " + key + "(a integer, b text)");
    return std::nullopt;
  }
  std::string name(sql::trim(std::string_view(key).substr(0, open)));
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
    name = name.substr(1, name.size() - 2);
  std::string inside = key.substr(open + 1, key.size() - open - 2);
  return std::make_pair(name, split_top_level(inside));
}

void FunctionReader::read_functions(Namespace& ns, const YamlNode& n, bool procedure) {
  const char* what = procedure ? "procedures" : "functions";
  for (auto& [key, e] : y_.entries(n, what, procedure ? "procedure" : "function"))
    read_function(ns, key, e, procedure);
}

void FunctionReader::read_function(Namespace& ns, const std::string& key,
                                   const YamlFields::Entry& e, bool procedure) {
  const std::string kind = procedure ? "procedure" : "function";
  auto parts = split_key(e.key, key, kind);
  if (!parts) return;
  Function fn;
  fn.name = parts->first;
  fn.procedure = procedure;
  if (!y_.identifier(e.key, fn.name, kind)) return;
  bool ok = true;
  for (const auto& text : parts->second) {
    std::string error;
    auto a = parse_function_argument(text, ns_name_, &error);
    if (!a) {
      y_.error(e.key, kind + " '" + key + "': " + error);
      ok = false;
      continue;
    }
    if (a->default_expr && !y_.expression(e.key, *a->default_expr, "default of argument '" + text + "'"))
      ok = false;
    fn.arguments.push_back(std::move(*a));
  }
  if (!ok) return;
  std::string label = kind + " '" + ns_name_ + "." + fn.signature() + "'";
  if (!y_.first_definition(loc_key("function", ns_name_, fn.signature()), e.key, label)) return;

  auto f = y_.fields(e.value, label, kFunctionKeys);
  if (f.count("returns")) {
    if (procedure) {
      y_.error(f["returns"].key, "a procedure returns nothing; remove returns (or make it a function)");
    } else if (auto r = y_.name(f["returns"].value, "returns")) {
      std::string error;
      fn.returns = canonical_returns(*r, ns_name_, &error);
      if (fn.returns.empty()) y_.error(f["returns"].value, "returns: " + error);
    }
  }
  if (!procedure && !f.count("returns")) {
    fn.returns = implied_returns(fn.arguments);
    if (fn.returns.empty())
      y_.error(e.key, label + " has no returns (write the result type, e.g. returns: integer, "
                               "or void)");
  }
  if (f.count("language"))
    if (auto v = y_.name(f["language"].value, "language")) fn.language = lower(*v);
  if (!f.count("body")) {
    y_.error(e.key, label + " has no body (the text between the dollar quotes of CREATE FUNCTION)");
  } else if (auto b = y_.string(f["body"].value, "body")) {
    fn.body = *b;
  }
  if (f.count("volatility"))
    if (auto v = y_.string(f["volatility"].value, "volatility")) {
      fn.volatility = lower(*v);
      if (fn.volatility != "immutable" && fn.volatility != "stable" && fn.volatility != "volatile")
        y_.error(f["volatility"].value, "volatility must be immutable, stable or volatile, not '" + *v + "'");
    }
  if (f.count("parallel"))
    if (auto v = y_.string(f["parallel"].value, "parallel")) {
      fn.parallel = lower(*v);
      if (fn.parallel != "safe" && fn.parallel != "restricted" && fn.parallel != "unsafe")
        y_.error(f["parallel"].value, "parallel must be safe, restricted or unsafe, not '" + *v + "'");
    }
  auto flag = [&](const char* k, bool& into) {
    if (f.count(k))
      if (auto b = y_.boolean(f[k].value, k)) into = *b;
  };
  flag("strict", fn.strict);
  flag("security_definer", fn.security_definer);
  flag("leakproof", fn.leakproof);
  auto number = [&](const char* k, std::optional<std::string>& into) {
    if (!f.count(k)) return;
    auto v = y_.string(f[k].value, k);
    if (!v) return;
    if (!is_number(*v) || std::strtod(v->c_str(), nullptr) < 0)
      y_.error(f[k].value, std::string(k) + " must be a number >= 0, not '" + *v + "'");
    else
      into = canonical_number(*v);
  };
  number("cost", fn.cost);
  number("rows", fn.rows);
  if (f.count("set"))
    for (auto& [name, s] : y_.entries(f["set"].value, "set", "setting")) {
      if (!y_.identifier(s.key, name, "setting")) continue;
      if (auto v = y_.name(s.value, "setting '" + name + "'")) fn.settings[lower(name)] = *v;
    }
  if (f.count("comment"))
    if (auto c = y_.string(f["comment"].value, "comment")) fn.comment = *c;
  read_access(y_, f, PrivilegeObject::kFunction, fn.access);
  ns.functions[fn.signature()] = std::move(fn);
}

void FunctionReader::read_aggregates(Namespace& ns, const YamlNode& n) {
  for (auto& [key, e] : y_.entries(n, "aggregates", "aggregate")) read_aggregate(ns, key, e);
}

void FunctionReader::read_aggregate(Namespace& ns, const std::string& key,
                                    const YamlFields::Entry& e) {
  auto parts = split_key(e.key, key, "aggregate");
  if (!parts) return;
  Aggregate ag;
  ag.name = parts->first;
  if (!y_.identifier(e.key, ag.name, "aggregate")) return;
  for (const auto& text : parts->second) {
    std::string error;
    std::string t = function_type(text, ns_name_, &error);
    if (t.empty()) {
      y_.error(e.key, "aggregate '" + key + "': argument '" + text +
                          "' must be a type (aggregates here take unnamed arguments): " + error);
      return;
    }
    ag.arguments.push_back(t);
  }
  std::string label = "aggregate '" + ns_name_ + "." + ag.signature() + "'";
  if (!y_.first_definition(loc_key("aggregate", ns_name_, ag.signature()), e.key, label)) return;
  auto f = y_.fields(e.value, label, kAggregateKeys);
  if (!f.count("sfunc")) y_.error(e.key, label + " has no sfunc (its state transition function)");
  else if (auto v = function_reference(f["sfunc"].value, "sfunc")) ag.sfunc = *v;
  if (!f.count("stype")) {
    y_.error(e.key, label + " has no stype (the type of its state)");
  } else if (auto v = y_.name(f["stype"].value, "stype")) {
    std::string error;
    ag.stype = function_type(*v, ns_name_, &error);
    if (ag.stype.empty()) y_.error(f["stype"].value, "stype: " + error);
  }
  auto ref = [&](const char* k, std::optional<std::string>& into) {
    if (f.count(k))
      if (auto v = function_reference(f[k].value, k)) into = *v;
  };
  ref("finalfunc", ag.finalfunc);
  ref("combinefunc", ag.combinefunc);
  ref("serialfunc", ag.serialfunc);
  ref("deserialfunc", ag.deserialfunc);
  if (f.count("finalfunc_extra"))
    if (auto b = y_.boolean(f["finalfunc_extra"].value, "finalfunc_extra")) ag.finalfunc_extra = *b;
  if (f.count("initcond"))
    if (auto v = y_.string(f["initcond"].value, "initcond")) ag.initcond = *v;
  if (f.count("sortop"))
    if (auto v = y_.name(f["sortop"].value, "sortop")) ag.sortop = *v;
  if (f.count("parallel"))
    if (auto v = y_.string(f["parallel"].value, "parallel")) {
      ag.parallel = lower(*v);
      if (ag.parallel != "safe" && ag.parallel != "restricted" && ag.parallel != "unsafe")
        y_.error(f["parallel"].value, "parallel must be safe, restricted or unsafe, not '" + *v + "'");
    }
  if (f.count("comment"))
    if (auto c = y_.string(f["comment"].value, "comment")) ag.comment = *c;
  ns.aggregates[ag.signature()] = std::move(ag);
}

void FunctionReader::read_triggers(Table& t, const YamlNode& n) {
  const std::string owner = "table '" + ns_name_ + "." + t.name + "'";
  for (auto& [name, e] : y_.entries(n, "triggers", "trigger")) read_trigger(t.triggers, &t, owner, name, e);
}

void FunctionReader::read_triggers(View& v, const YamlNode& n) {
  const std::string owner = "view '" + ns_name_ + "." + v.name + "'";
  for (auto& [name, e] : y_.entries(n, "triggers", "trigger")) read_trigger(v.triggers, nullptr, owner, name, e);
}

void FunctionReader::read_trigger(std::map<std::string, Trigger>& into, const Table* table,
                                  const std::string& owner, const std::string& name,
                                  const YamlFields::Entry& e) {
  if (!y_.identifier(e.key, name, "trigger")) return;
  const std::string label = "trigger '" + name + "' of " + owner;
  Trigger tg;
  tg.name = name;
  auto f = y_.fields(e.value, label, kTriggerKeys);
  if (f.count("timing"))
    if (auto v = y_.string(f["timing"].value, "timing")) {
      tg.timing = lower(*v);
      if (tg.timing == "instead_of") tg.timing = "instead of";
      if (tg.timing != "before" && tg.timing != "after" && tg.timing != "instead of")
        y_.error(f["timing"].value, "timing must be before, after or instead of, not '" + *v + "'");
    }
  if (!f.count("events")) {
    y_.error(e.key, label + " has no events (a list of insert, update, delete, truncate)");
  } else if (auto list = y_.string_list(f["events"].value, "events")) {
    std::set<std::string> seen;
    for (const auto& ev : *list) {
      std::string l = lower(ev);
      if (std::find(kEventOrder.begin(), kEventOrder.end(), l) == kEventOrder.end())
        y_.error(f["events"].value, "unknown trigger event '" + ev + "' (insert, update, delete or truncate)");
      seen.insert(l);
    }
    for (const auto& ev : kEventOrder)
      if (seen.count(ev)) tg.events.push_back(ev);
  }
  if (f.count("update_of"))
    if (auto list = y_.string_list(f["update_of"].value, "update_of")) {
      tg.update_of = *list;
      if (std::find(tg.events.begin(), tg.events.end(), "update") == tg.events.end())
        y_.error(f["update_of"].key, "update_of needs update among the events");
      for (const auto& c : tg.update_of)
        if (table && !table->find_column(c))
          y_.error(f["update_of"].value, "update_of names column '" + c + "', which table '" +
                                             table->name + "' does not have");
    }
  if (f.count("for_each"))
    if (auto v = y_.string(f["for_each"].value, "for_each")) {
      std::string l = lower(*v);
      if (l != "row" && l != "statement")
        y_.error(f["for_each"].value, "for_each must be row or statement, not '" + *v + "'");
      tg.for_each_row = l == "row";
    }
  if (f.count("when"))
    if (auto v = y_.string(f["when"].value, "when")) {
      if (y_.expression(f["when"].value, *v, "when of " + label)) tg.when = *v;
    }
  if (!f.count("function")) {
    y_.error(e.key, label + " has no function (the trigger function it executes)");
  } else if (auto v = function_reference(f["function"].value, "function")) {
    tg.function = *v;
  }
  if (f.count("arguments")) {
    const YamlNode& a = f["arguments"].value;
    if (a.is_sequence()) {
      for (const auto& item : a)
        if (auto s = y_.string(item, "trigger argument")) tg.arguments.push_back(*s);
    } else if (auto s = y_.string(a, "arguments")) {
      tg.arguments.push_back(*s);
    }
  }
  if (f.count("referencing")) {
    auto r = y_.fields(f["referencing"].value, "referencing", {"old_table", "new_table"});
    if (r.count("old_table"))
      if (auto v = y_.name(r["old_table"].value, "old_table"); v && y_.identifier(r["old_table"].value, *v, "old_table"))
        tg.old_table = *v;
    if (r.count("new_table"))
      if (auto v = y_.name(r["new_table"].value, "new_table"); v && y_.identifier(r["new_table"].value, *v, "new_table"))
        tg.new_table = *v;
  }
  if (f.count("enabled")) {
    const YamlNode& v = f["enabled"].value;
    std::string s = v.is_scalar() ? lower(v.scalar()) : "";
    if (s == "true") tg.enabled = "origin";
    else if (s == "false") tg.enabled = "disabled";
    else if (s == "replica" || s == "always") tg.enabled = s;
    else y_.error(v, "enabled must be true, false, replica or always");
  }
  auto flag = [&](const char* k, bool& into) {
    if (f.count(k))
      if (auto b = y_.boolean(f[k].value, k)) into = *b;
  };
  flag("constraint", tg.constraint);
  flag("deferrable", tg.deferral.deferrable);
  flag("initially_deferred", tg.deferral.initially_deferred);
  if ((tg.deferral.deferrable || tg.deferral.initially_deferred) && !tg.constraint)
    y_.error(e.key, label + ": only a constraint trigger can be deferrable (add constraint: true)");
  if (tg.deferral.initially_deferred) tg.deferral.deferrable = true;
  if (tg.constraint && (tg.timing != "after" || !tg.for_each_row))
    y_.error(e.key, label + ": a constraint trigger must be timing: after and for_each: row");
  if (f.count("comment"))
    if (auto c = y_.string(f["comment"].value, "comment")) tg.comment = *c;
  if (table && tg.timing == "instead of")
    y_.error(e.key, label + ": only a view can have INSTEAD OF triggers; use timing: before or after");
  if (!table) check_view_trigger(tg, label, e, f.count("enabled") ? &f["enabled"].value : nullptr);
  if (into.count(name)) {
    y_.error(e.key, "duplicate " + label);
    return;
  }
  into[name] = std::move(tg);
}

// What PostgreSQL refuses on a view, said before any SQL runs.
void FunctionReader::check_view_trigger(const Trigger& tg, const std::string& label,
                                        const YamlFields::Entry& e, const YamlNode* enabled) {
  bool truncate = std::find(tg.events.begin(), tg.events.end(), "truncate") != tg.events.end();
  if (tg.timing == "instead of" && !tg.for_each_row)
    y_.error(e.key, label + ": an INSTEAD OF trigger fires for each row; add for_each: row");
  if (tg.timing == "instead of" && !tg.update_of.empty())
    y_.error(e.key, label + ": an INSTEAD OF trigger cannot have update_of columns; remove update_of");
  if (tg.timing != "instead of" && tg.for_each_row)
    y_.error(e.key, label + ": a view can have BEFORE or AFTER triggers only for each statement; "
                            "remove for_each: row, or use timing: instead of");
  if (truncate) y_.error(e.key, label + ": a view has no TRUNCATE triggers; remove truncate from events");
  if (tg.constraint) y_.error(e.key, label + ": a view cannot have constraint triggers; remove constraint");
  if (tg.old_table || tg.new_table)
    y_.error(e.key, label + ": a view's triggers cannot have transition tables; remove referencing");
  if (enabled && tg.enabled != "origin")
    y_.error(*enabled, label + ": a view's triggers cannot be disabled or set to replica or always "
                               "(ALTER TABLE does not take views); remove enabled");
}

void resolve_function_references(Schema& schema) {
  auto resolve = [&](const std::string& ns, std::string& ref) {
    if (ref.empty() || ref.find('.') != std::string::npos) return;
    auto it = schema.namespaces.find(ns);
    if (it == schema.namespaces.end()) return;
    std::string bare = ref;
    if (bare.size() >= 2 && bare.front() == '"') bare = bare.substr(1, bare.size() - 2);
    for (const auto& [_, fn] : it->second.functions)
      if (fn.name == bare) {
        ref = sql::quote_qualified(ns, bare);
        return;
      }
  };
  for (auto& [ns_name, ns] : schema.namespaces) {
    for (auto& [_, t] : ns.tables)
      for (auto& [_, tg] : t.triggers) resolve(ns_name, tg.function);
    for (auto& [_, v] : ns.views)
      for (auto& [_, tg] : v.triggers) resolve(ns_name, tg.function);
    for (auto& [_, ag] : ns.aggregates) {
      resolve(ns_name, ag.sfunc);
      for (auto* r : {&ag.finalfunc, &ag.combinefunc, &ag.serialfunc, &ag.deserialfunc})
        if (*r) resolve(ns_name, **r);
    }
  }
}

}  // namespace strata::model
