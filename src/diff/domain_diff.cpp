// Domains: created before the tables that use them, dropped after, altered in
// place where PostgreSQL allows it (default, NOT NULL, checks), dropped and
// created when the base type or collation changes and no column uses them.
// A domain over a composite type is created after the composite types and
// dropped before them.
#include "core/error.h"
#include "diff/planner.h"
#include "model/type_name.h"

namespace strata::diff {
namespace {

// The columns of `schema` whose type is the domain `type` (or an array of it).
std::vector<std::string> columns_using(const model::Schema& schema, const QualifiedName& type) {
  std::string name = model::qualify_user_type(type.schema, type.name, false);
  std::vector<std::string> out;
  for (const auto& [ns_name, ns] : schema.namespaces)
    for (const auto& [table, t] : ns.tables)
      for (const auto& c : t.columns)
        if (c.type == name || c.type == name + "[]") out.push_back(ns_name + "." + table + "." + c.name);
  return out;
}

// A scratch column named "value" of the domain's base type: a check on VALUE
// reads as a check on that column, so the server renders both spellings the
// way it renders a table's check.
std::vector<model::Column> value_column(const model::Domain& d) {
  model::Column c;
  c.name = "value";
  c.type = d.type;
  c.collation = d.collation;
  return {c};
}

// True when `type` (a domain's base type) is a composite type of `schema`,
// or an array of one.
bool over_composite(const model::Schema& schema, std::string type) {
  if (type.ends_with("[]")) type.resize(type.size() - 2);
  for (const auto& [ns_name, ns] : schema.namespaces)
    for (const auto& [name, _] : ns.composite_types)
      if (model::qualify_user_type(ns_name, name, false) == type) return true;
  return false;
}

}  // namespace

void Planner::diff_domains() {
  for (const auto& ns_name : namespace_names(cur_, want_)) {
    const model::Namespace& cns = find_namespace(cur_, ns_name);
    const model::Namespace& wns = find_namespace(want_, ns_name);
    for (const auto& [name, want] : wns.domains) {
      QualifiedName qn{ns_name, name};
      auto it = cns.domains.find(name);
      // A domain over a composite type comes after the type is created.
      Phase create_phase = over_composite(want_, want.type) ? kCompositeDomains : kDomains;
      if (it == cns.domains.end()) {
        add(create_phase, CreateDomain{qn, want});
        continue;
      }
      const model::Domain& cur = it->second;
      if (cur.type != want.type || cur.collation != want.collation) {
        auto users = columns_using(cur_, qn);
        if (!users.empty()) {
          std::string list;
          for (const auto& u : users) list += (list.empty() ? "" : ", ") + u;
          throw UsageError("domain " + qn.str() + " changes its " +
                           (cur.type != want.type ? "base type (" + cur.type + " -> " + want.type + ")"
                                                  : std::string("collation")) +
                           " while columns use it (" + list +
                           "); PostgreSQL cannot change that in place. Move those columns to "
                           "another type (or a new domain) in one revision, then change or "
                           "replace this domain in the next");
        }
        add(create_phase, DropDomain{qn, cur});
        add(create_phase, CreateDomain{qn, want});
        continue;
      }
      auto columns = value_column(want);
      bool default_changes =
          cur.default_expr.has_value() != want.default_expr.has_value() ||
          (cur.default_expr && *cur.default_expr != *want.default_expr &&
           !judge_.same({ExpressionQuestion::Kind::kDefault, qn, columns, "value", *cur.default_expr,
                         *want.default_expr}));
      bool nullable_changes = cur.nullable != want.nullable;
      if (default_changes || nullable_changes)
        add(kDomains, AlterDomain{qn, cur, want, default_changes, nullable_changes});
      for (const auto& [check, expression] : cur.checks) {
        auto w = want.checks.find(check);
        bool same = w != want.checks.end() &&
                    (w->second == expression ||
                     judge_.same({ExpressionQuestion::Kind::kCheck, qn, columns, "", expression, w->second}));
        if (same) continue;
        add(kDomains, DropDomainCheck{qn, check, expression});
        if (w != want.checks.end()) add(kDomains, AddDomainCheck{qn, check, w->second});
      }
      for (const auto& [check, expression] : want.checks)
        if (!cur.checks.count(check)) add(kDomains, AddDomainCheck{qn, check, expression});
      if (cur.comment != want.comment)
        add(kComments, SetComment{CommentTarget::kDomain, qn, "", cur.comment, want.comment});
    }
    for (const auto& [name, cur] : cns.domains)
      if (!wns.domains.count(name))
        add(over_composite(cur_, cur.type) ? kCompositeDomainDrops : kDomainDrops, DropDomain{{ns_name, name}, cur});
  }
}

}  // namespace strata::diff
