// Views and materialized views: which to drop, replace or recreate, and in
// which order (a view after what it reads, dropped before it).
#include <algorithm>
#include <functional>

#include "diff/planner.h"
#include "sql/parse_result.h"
#include "sql/tree_walk.h"

namespace strata::diff {
namespace {

void collect_range_vars(const nlohmann::json& root, const std::string& schema,
                        std::set<QualifiedName>& out) {
  sql::for_each_object(root, [&](const nlohmann::json& node) {
    auto rv = node.find("RangeVar");
    if (rv != node.end() && rv->is_object() && rv->contains("relname") && (*rv)["relname"].is_string())
      out.insert({rv->value("schemaname", schema), (*rv)["relname"].get<std::string>()});
    return true;
  });
}

using sql::without_locations;

// The SELECT of a one-statement query, without locations; null otherwise.
nlohmann::json select_of(const std::string& query) {
  auto parsed = sql::parse(query);
  if (!parsed.ok()) return nullptr;
  const auto& stmts = (*parsed.tree)["stmts"];
  if (!stmts.is_array() || stmts.size() != 1) return nullptr;
  const auto& stmt = stmts[0]["stmt"];
  if (!stmt.contains("SelectStmt")) return nullptr;
  return without_locations(stmt["SelectStmt"]);
}

// CREATE OR REPLACE VIEW works both ways when the output columns and what
// they are read from stay the same: only filtering, grouping or ordering
// changed.
bool replaceable(const model::View& a, const model::View& b) {
  if (a.materialized || b.materialized) return false;
  nlohmann::json x = select_of(a.query), y = select_of(b.query);
  if (x.is_null() || y.is_null() || !x.contains("targetList")) return false;
  for (const char* key : {"targetList", "fromClause", "distinctClause", "op", "withClause"})
    if (x.value(key, nlohmann::json()) != y.value(key, nlohmann::json())) return false;
  return true;
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

std::vector<QualifiedName> views_in_read_order(const std::set<QualifiedName>& names,
                                               const model::Schema& schema) {
  return read_order(names, all_views(schema));
}

namespace {

// Every name a column reference in the query uses ("*" for a star): a view
// mentions a column only through these.
void collect_column_names(const nlohmann::json& root, std::set<std::string>& out) {
  sql::for_each_object(root, [&](const nlohmann::json& node) {
    auto ref = node.find("ColumnRef");
    if (ref != node.end() && ref->is_object() && ref->contains("fields")) {
      for (const auto& f : (*ref)["fields"]) {
        if (f.contains("A_Star")) out.insert("*");
        if (f.contains("String")) out.insert(f["String"].value("sval", f["String"].value("str", "")));
      }
    }
    return true;
  });
}

std::set<std::string> columns_mentioned(const std::string& query) {
  std::set<std::string> out;
  auto parsed = sql::parse(query);
  if (!parsed.ok()) return {"*"};  // cannot tell: assume every column
  collect_column_names(*parsed.tree, out);
  return out;
}

// `want` as it is created again where `cur` (the catalog) has a view of that
// name: with the grants and rules of the view it replaces, and the column
// comments of the columns the new query still names. Its triggers are the
// model's (`want`'s): they are managed.
model::View recreated_view(const ViewMap& cur, const QualifiedName& qn, const model::View& want) {
  model::View v = want;
  auto it = cur.find(qn);
  if (it == cur.end()) return v;
  const model::View& was = *it->second;
  v.grants = was.grants;
  v.rules = was.rules;
  std::set<std::string> named = columns_mentioned(want.query);
  for (const auto& [column, text] : was.column_comments)
    if (was.query == want.query || named.count(column) || named.count("*"))
      v.column_comments[column] = text;
  return v;
}

}  // namespace

bool Planner::disturbs(const QualifiedName& table, const std::set<std::string>& columns) const {
  auto it = disturbed_columns_.find(table);
  if (it == disturbed_columns_.end()) return false;
  if (it->second.count("*") || columns.count("*")) return true;
  for (const auto& c : it->second)
    if (columns.count(c)) return true;
  return false;
}

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
  std::set<QualifiedName> replaced;
  for (const auto& [qn, v] : cur) {
    auto it = want.find(qn);
    if (it == want.end()) {
      dropped.insert(qn);
      continue;
    }
    const model::View& w = *it->second;
    bool same = v->materialized == w.materialized &&
                judge_.same({ExpressionQuestion::Kind::kView, qn, {}, "", v->query, w.query});
    if (same) continue;
    if (replaceable(*v, w)) {
      replaced.insert(qn);
    } else {
      dropped.insert(qn);
      created.insert(qn);
    }
  }
  for (const auto& [qn, _] : want)
    if (!cur.count(qn)) created.insert(qn);
  // Views calling a function that is dropped and created again.
  for (const auto& qn : function_views_)
    if (cur.count(qn)) {
      replaced.erase(qn);
      dropped.insert(qn);
      if (want.count(qn)) created.insert(qn);
    }

  // Whatever reads a dropped view or a disturbed table goes and comes back.
  std::map<QualifiedName, std::set<QualifiedName>> reads;
  std::map<QualifiedName, std::set<std::string>> mentions;
  for (const auto& [qn, v] : cur) {
    reads[qn] = relations_read(v->query, qn.schema);
    mentions[qn] = columns_mentioned(v->query);
  }
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& [qn, v] : cur) {
      if (dropped.count(qn)) continue;
      for (const auto& r : reads.at(qn)) {
        if (dropped.count(r) || disturbs(r, mentions.at(qn))) {
          replaced.erase(qn);
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
  std::set<QualifiedName> created_or_replaced = created;
  created_or_replaced.insert(replaced.begin(), replaced.end());
  for (const auto& qn : read_order(created_or_replaced, want)) {
    if (replaced.count(qn))
      add(kViewCreates, ReplaceView{qn, *cur.at(qn), *want.at(qn)});
    else
      add(kViewCreates, CreateView{qn, recreated_view(cur, qn, *want.at(qn))});
  }

  // Views kept as they are: indexes of materialized views, comments.
  for (const auto& [qn, v] : cur) {
    if (dropped.count(qn)) continue;
    const model::View& w = *want.at(qn);
    for (const auto& [iname, ix] : v->indexes) {
      auto it = w.indexes.find(iname);
      if (it != w.indexes.end() && !ix.invalid && same_index(qn, ix, it->second, {})) {
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
    if (v->comment != w.comment && !replaced.count(qn))
      add(kComments, SetComment{view_target(w), qn, "", v->comment, w.comment});
    if (v->materialized && w.materialized && v->with_no_data != w.with_no_data)
      add(kViewCreates, RefreshMaterializedView{qn, !w.with_no_data});
  }
}

}  // namespace strata::diff
