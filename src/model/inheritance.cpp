#include "model/inheritance.h"

#include <algorithm>
#include <set>

#include "model/suggestion.h"
#include "model/type_name.h"

namespace strata::model {
namespace {

constexpr int kMaxDepth = 64;

// `path` holds the tables being walked: a cycle (reported by
// check_inheritance) ends the walk instead of looping.
void collect_columns(const Schema& s, const Table& t, std::vector<const Table*>& path,
                     std::vector<Column>& out) {
  if (path.size() > kMaxDepth || std::find(path.begin(), path.end(), &t) != path.end()) return;
  path.push_back(&t);
  for (const auto& pn : t.inherits) {
    const Table* p = s.find_table(pn);
    if (!p || std::find(path.begin(), path.end(), p) != path.end()) continue;
    std::vector<Column> from_parent;
    collect_columns(s, *p, path, from_parent);
    for (const auto& c : p->columns) {
      bool seen = false;
      for (const auto& f : from_parent) seen = seen || f.name == c.name;
      if (!seen) from_parent.push_back(c);
    }
    for (auto& c : from_parent) {
      bool seen = false;
      for (const auto& o : out) seen = seen || o.name == c.name;
      if (!seen) out.push_back(std::move(c));
    }
  }
  path.pop_back();
}

void collect_checks(const Schema& s, const Table& t, std::vector<const Table*>& path,
                    std::map<std::string, CheckConstraint>& out) {
  if (path.size() > kMaxDepth || std::find(path.begin(), path.end(), &t) != path.end()) return;
  path.push_back(&t);
  for (const auto& pn : t.inherits) {
    const Table* p = s.find_table(pn);
    if (!p || std::find(path.begin(), path.end(), p) != path.end()) continue;
    collect_checks(s, *p, path, out);
    for (const auto& [name, c] : p->checks)
      if (!c.no_inherit) out.try_emplace(name, c);
  }
  path.pop_back();
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
  std::vector<const Table*> path;
  collect_columns(s, t, path, out);
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
  std::vector<const Table*> path;
  collect_checks(s, t, path, out);
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
        // A cycle: some ancestor of the parent is this table.
        std::vector<const Table*> todo{p};
        std::set<const Table*> seen;
        bool cycle = false;
        while (!todo.empty() && !cycle && seen.size() < 10000) {
          const Table* at = todo.back();
          todo.pop_back();
          if (!seen.insert(at).second) continue;
          if (at == &t) cycle = true;
          for (const auto& gn : at->inherits)
            if (const Table* g = s.find_table(gn)) todo.push_back(g);
        }
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
