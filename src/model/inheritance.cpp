#include "model/inheritance.h"

#include <algorithm>
#include <functional>
#include <set>

#include "model/suggestion.h"
#include "model/type_name.h"

namespace strata::model {
namespace {

constexpr int kMaxDepth = 64;

// Calls `visit` once for each ancestor of `t`: for each parent in inherits
// order, the parent's own ancestors first, then the parent. A table met again
// (two parents sharing an ancestor, or a cycle, which check_inheritance
// reports) is not walked again: what it brings is already there.
void for_each_ancestor(const Schema& s, const Table& t, const std::function<void(const Table&)>& visit) {
  std::set<const Table*> seen{&t};
  std::function<void(const Table&, int)> walk = [&](const Table& at, int depth) {
    if (depth > kMaxDepth) return;
    for (const auto& pn : at.inherits) {
      const Table* p = s.find_table(pn);
      if (!p || !seen.insert(p).second) continue;
      walk(*p, depth + 1);
      visit(*p);
    }
  };
  walk(t, 0);
}

bool same_type(const std::string& a, const std::string& b) {
  return serial_base_type(a) == serial_base_type(b);
}

}  // namespace

void read_inherits(YamlFields& y, LoadContext& ctx, const std::string& schema, const YamlNode& n,
                   Table& t) {
  for (const YamlNode& item : items(n)) {
    auto v = y.name(item, "inherits");
    if (!v) continue;
    QualifiedName p = split_table_name(schema, *v);
    if (!is_table_name(p)) {
      y.error(item, "inherits must list parent tables as 'table' or 'schema.table'");
      continue;
    }
    bool repeated = false;
    for (const auto& q : t.inherits) repeated = repeated || q == p;
    if (repeated) {
      y.error(item, "table '" + schema + "." + t.name + "' names parent '" + p.str() +
                        "' twice in inherits; list each parent once");
      continue;
    }
    t.inherits.push_back(p);
    ctx.mark(loc_key("inherits", schema, t.name, p.str()), y.place(item));
  }
}

std::vector<Column> inherited_columns(const Schema& s, const Table& t) {
  std::vector<Column> out;
  std::set<std::string> names;
  for_each_ancestor(s, t, [&](const Table& a) {
    for (const auto& c : a.columns)
      if (names.insert(c.name).second) out.push_back(c);
  });
  return out;
}

std::vector<Column> all_columns(const Schema& s, const Table& t) {
  std::vector<Column> out = inherited_columns(s, t);
  for (const auto& c : t.columns) {
    bool merged = false;
    for (auto& o : out)
      if (o.name == c.name) {
        o = c;  // its own definition: it names its own default, comment, ...
        merged = true;
      }
    if (!merged) out.push_back(c);
  }
  return out;
}

std::map<std::string, CheckConstraint> inherited_checks(const Schema& s, const Table& t) {
  std::map<std::string, CheckConstraint> out;
  for_each_ancestor(s, t, [&](const Table& a) {
    for (const auto& [name, c] : a.checks)
      if (!c.no_inherit) out.try_emplace(name, c);
  });
  return out;
}

void check_inheritance(const Schema& s, LoadContext& ctx) {
  for (const auto& [ns, nsp] : s.namespaces)
    for (const auto& [name, t] : nsp.tables) {
      QualifiedName self{ns, name};
      for (const auto& pn : t.inherits) {
        Location where = ctx.at(loc_key("inherits", ns, name, pn.str()));
        const Table* p = s.find_table(pn);
        if (!p) {
          std::vector<std::string> tables;
          for (const auto& [n2, ns2] : s.namespaces)
            for (const auto& [t2, _] : ns2.tables) tables.push_back(n2 == pn.schema ? t2 : n2 + "." + t2);
          ctx.error(where, "table '" + self.str() + "' inherits from '" + pn.str() +
                               "', which is not a table of the models" + did_you_mean(pn.name, tables) +
                               "; add that table or fix inherits");
          continue;
        }
        if (p->partition_by || p->partition_of) {
          ctx.error(where, "table '" + self.str() + "' inherits from '" + pn.str() + "', which is " +
                               (p->partition_by ? "partitioned" : "a partition") +
                               "; PostgreSQL allows neither: use partition_of for a partition, "
                               "or inherit from a plain table");
          continue;
        }
        if (t.partition_by || t.partition_of) {
          ctx.error(where, "table '" + self.str() + "' is " +
                               (t.partition_by ? "partitioned" : "a partition") +
                               " and cannot inherit from '" + pn.str() + "'; remove inherits");
          continue;
        }
        // A cycle: the parent is this table or has it among its ancestors.
        const Table* child = &t;  // a structured binding: not captured by a lambda before C++20's fix
        bool cycle = p == child;
        for_each_ancestor(s, *p, [&](const Table& a) { cycle = cycle || &a == child; });
        if (cycle) {
          ctx.error(where, "table '" + self.str() + "' inherits from itself through '" + pn.str() +
                               "'; remove one of the inherits entries that close the circle");
          continue;
        }
        std::vector<Column> from_parent = all_columns(s, *p);
        for (const auto& c : t.columns)
          for (const auto& pc : from_parent)
            if (pc.name == c.name && !same_type(pc.type, c.type))
              ctx.error(where, "column '" + c.name + "' of table '" + self.str() + "' has type '" +
                                   c.type + "' but inherits type '" + pc.type + "' from '" + pn.str() +
                                   "'; give it the parent's type or rename it");
      }
      // Two parents that bring one column with different types.
      std::map<std::string, std::pair<std::string, QualifiedName>> brought;
      for (const auto& pn : t.inherits) {
        const Table* p = s.find_table(pn);
        if (!p || p == &t) continue;
        for (const auto& c : all_columns(s, *p)) {
          auto [it, fresh] = brought.try_emplace(c.name, c.type, pn);
          if (!fresh && !same_type(it->second.first, c.type))
            ctx.error(ctx.at(loc_key("inherits", ns, name, pn.str())),
                      "table '" + self.str() + "' inherits column '" + c.name + "' as '" +
                          it->second.first + "' from '" + it->second.second.str() + "' and as '" +
                          c.type + "' from '" + pn.str() + "'; the parents must agree on its type");
        }
      }
    }
}

}  // namespace strata::model
