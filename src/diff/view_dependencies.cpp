// Views and materialized views: which to drop, replace or recreate, and in
// which order (a view after what it reads, dropped before it).
#include <algorithm>
#include <functional>

#include "diff/planner.h"
#include "sql/parse_result.h"

namespace strata::diff {
namespace {

void collect_range_vars(const nlohmann::json& node, const std::string& schema,
                        std::set<QualifiedName>& out) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if (key == "RangeVar" && value.is_object() && value.contains("relname")) {
        out.insert({value.value("schemaname", schema), value["relname"].get<std::string>()});
      }
      collect_range_vars(value, schema, out);
    }
  } else if (node.is_array()) {
    for (const auto& v : node) collect_range_vars(v, schema, out);
  }
}

using ViewMap = std::map<QualifiedName, const model::View*>;

ViewMap all_views(const model::Schema& s) {
  ViewMap out;
  for (const auto& [ns_name, ns] : s.namespaces)
    for (const auto& [name, v] : ns.views) out[{ns_name, name}] = &v;
  return out;
}

// `names` ordered so that each view comes after the views (in `views`) it reads.
std::vector<QualifiedName> read_order(const std::set<QualifiedName>& names, const ViewMap& views) {
  std::vector<QualifiedName> order;
  std::set<QualifiedName> placed, visiting;
  std::function<void(const QualifiedName&)> visit = [&](const QualifiedName& n) {
    if (placed.count(n) || visiting.count(n)) return;
    visiting.insert(n);
    auto it = views.find(n);
    if (it != views.end())
      for (const auto& r : relations_read(it->second->query, n.schema))
        if (names.count(r)) visit(r);
    visiting.erase(n);
    placed.insert(n);
    order.push_back(n);
  };
  for (const auto& n : names) visit(n);
  return order;
}

CommentTarget view_target(const model::View& v) {
  return v.materialized ? CommentTarget::kMaterializedView : CommentTarget::kView;
}

}  // namespace

std::set<QualifiedName> relations_read(const std::string& query, const std::string& schema) {
  std::set<QualifiedName> out;
  auto parsed = sql::parse(query);
  if (parsed.ok()) collect_range_vars(*parsed.tree, schema, out);
  // An unqualified name may also be found in public through search_path.
  std::set<QualifiedName> also;
  for (const auto& q : out)
    if (q.schema == schema && schema != "public") also.insert({"public", q.name});
  out.insert(also.begin(), also.end());
  return out;
}

void Planner::diff_views() {
  ViewMap cur = all_views(cur_), want = all_views(want_);
  std::set<QualifiedName> dropped, created;  // dropped: from cur; created: from want
  for (const auto& [qn, v] : cur) {
    auto it = want.find(qn);
    if (it == want.end()) {
      dropped.insert(qn);
      continue;
    }
    const model::View& w = *it->second;
    bool same = v->materialized == w.materialized &&
                judge_.same({ExpressionQuestion::Kind::kView, qn, {}, "", v->query, w.query});
    if (!same) {
      dropped.insert(qn);
      created.insert(qn);
    }
  }
  for (const auto& [qn, _] : want)
    if (!cur.count(qn)) created.insert(qn);

  // Whatever reads a dropped view or a disturbed table goes and comes back.
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& [qn, v] : cur) {
      if (dropped.count(qn)) continue;
      for (const auto& r : relations_read(v->query, qn.schema)) {
        if (dropped.count(r) || disturbed_tables_.count(r)) {
          dropped.insert(qn);
          if (want.count(qn)) created.insert(qn);
          grew = true;
          break;
        }
      }
    }
  }

  std::vector<QualifiedName> drop_order = read_order(dropped, cur);
  std::reverse(drop_order.begin(), drop_order.end());
  for (const auto& qn : drop_order) add(kViewDrops, DropView{qn, *cur.at(qn)});
  for (const auto& qn : read_order(created, want)) add(kViewCreates, CreateView{qn, *want.at(qn)});

  // Views kept as they are: indexes of materialized views, comments.
  for (const auto& [qn, v] : cur) {
    if (dropped.count(qn)) continue;
    const model::View& w = *want.at(qn);
    for (const auto& [iname, ix] : v->indexes) {
      auto it = w.indexes.find(iname);
      if (it != w.indexes.end() && same_index(qn, ix, it->second, {})) {
        if (ix.comment != it->second.comment)
          add(kComments, SetComment{CommentTarget::kIndex, {qn.schema, iname}, "", ix.comment,
                                    it->second.comment});
        continue;
      }
      add(kKeyDrops, DropIndex{qn, ix});
      if (it != w.indexes.end()) add(kViewCreates, CreateIndex{qn, it->second});
    }
    for (const auto& [iname, ix] : w.indexes)
      if (!v->indexes.count(iname)) add(kViewCreates, CreateIndex{qn, ix});
    if (v->comment != w.comment)
      add(kComments, SetComment{view_target(w), qn, "", v->comment, w.comment});
  }
}

}  // namespace strata::diff
