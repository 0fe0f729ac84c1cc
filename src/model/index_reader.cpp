#include "model/index_reader.h"

#include "model/default_names.h"

namespace strata::model {
namespace {

using Node = YamlNode;

const std::vector<std::string> kIndexKeys = {"columns", "expressions", "keys",  "unique",
                                             "nulls_not_distinct", "using", "include",
                                             "where",   "comment",     "renamed_from"};
const std::vector<std::string> kIndexKeyKeys = {"column", "expression", "order", "nulls",
                                                "opclass", "collation"};

}  // namespace

bool IndexReader::name_taken(const std::string& name) const {
  for (const char* kind : {"idx", "table", "view", "seq"})
    if (!ctx_.at(loc_key(kind, ns_name_, name)).file.empty()) return true;
  return false;
}

// One index key: "col", or {column|expression, order, nulls, opclass, collation}.
bool IndexReader::read_index_key(const YamlNode& n, bool expression_list, IndexKey& k, Node& at) {
  at = n;
  if (n.is_scalar()) {
    if (expression_list) {
      if (!y_.expression(n, n.scalar(), "index expression")) return false;
      k.expression = n.scalar();
      key_expressions_.emplace_back(n, n.scalar());
    } else {
      k.column = n.scalar();
    }
    return true;
  }
  auto f = y_.fields(n, "index key", kIndexKeyKeys);
  if (!n.is_map()) return false;
  if (f.count("column") == f.count("expression")) {
    y_.error(n, "an index key needs either column or expression");
    return false;
  }
  if (f.count("column")) {
    auto c = y_.name(f["column"].value, "column");
    if (!c) return false;
    k.column = *c;
    at = f["column"].value;
  } else {
    auto c = y_.string(f["expression"].value, "expression");
    if (!c || !y_.expression(f["expression"].value, *c, "index expression")) return false;
    k.expression = *c;
    key_expressions_.emplace_back(f["expression"].value, *c);
  }
  if (f.count("order"))
    if (auto o = y_.string(f["order"].value, "order")) {
      std::string v = lower(*o);
      if (v == "desc")
        k.descending = true;
      else if (v != "asc")
        y_.error(f["order"].value, "order must be asc or desc");
    }
  if (f.count("nulls"))
    if (auto o = y_.string(f["nulls"].value, "nulls")) {
      std::string v = lower(*o);
      if (v == "first")
        k.nulls = NullsOrder::kFirst;
      else if (v == "last")
        k.nulls = NullsOrder::kLast;
      else
        y_.error(f["nulls"].value, "nulls must be first or last");
    }
  // NULLS LAST is the default for ASC, NULLS FIRST for DESC: keep the
  // explicit default out of the model, as the catalog does.
  if ((k.nulls == NullsOrder::kLast && !k.descending) ||
      (k.nulls == NullsOrder::kFirst && k.descending))
    k.nulls = NullsOrder::kDefault;
  if (f.count("opclass"))
    if (auto o = y_.name(f["opclass"].value, "opclass")) k.opclass = *o;
  if (f.count("collation"))
    if (auto o = y_.name(f["collation"].value, "collation")) k.collation = *o;
  return true;
}

void IndexReader::read_index(const std::string& relation, std::optional<std::string> name,
                const Node& key, const Node& v, std::map<std::string, Index>& out) {
  auto f = y_.fields(v, "index", kIndexKeys);
  if (!v.is_map()) return;
  Index ix;
  std::vector<std::string> key_names;
  std::vector<std::pair<std::string, Node>> column_refs;
  auto read_keys = [&](const char* field, bool expression_list) {
    if (!f.count(field)) return;
    const Node& list = f[field].value;
    std::vector<Node> nodes = items(list);
    for (const auto& item : nodes) {
      IndexKey k;
      Node at;
      if (!read_index_key(item, expression_list, k, at)) continue;
      if (k.expression)
        key_names.push_back(index_key_column_name(*k.expression));
      else {
        key_names.push_back(k.column);
        column_refs.emplace_back(k.column, at);
      }
      ix.keys.push_back(std::move(k));
    }
  };
  read_keys("columns", false);
  read_keys("keys", false);
  read_keys("expressions", true);
  if (!f.count("columns") && !f.count("keys") && !f.count("expressions")) {
    y_.error(key, "index needs columns or expressions");
    return;
  }
  if (ix.keys.empty()) return;
  if (f.count("unique"))
    if (auto b = y_.boolean(f["unique"].value, "unique")) ix.unique = *b;
  if (f.count("nulls_not_distinct"))
    if (auto b = y_.boolean(f["nulls_not_distinct"].value, "nulls_not_distinct"))
      ix.nulls_not_distinct = *b;
  if (f.count("using"))
    if (auto m = y_.name(f["using"].value, "using")) ix.method = lower(*m);
  if (f.count("include"))
    if (auto inc = y_.string_list(f["include"].value, "include")) {
      ix.include = *inc;
      auto nodes = items(f["include"].value);
      for (size_t i = 0; i < inc->size(); ++i) column_refs.emplace_back((*inc)[i], nodes[i]);
    }
  if (f.count("where"))
    if (auto w = y_.string(f["where"].value, "where"))
      if (y_.expression(f["where"].value, *w, "where")) {
        ix.where = *w;
        key_expressions_.emplace_back(f["where"].value, *w);
      }
  if (f.count("comment"))
    if (auto c = y_.string(f["comment"].value, "comment")) ix.comment = *c;
  for (const auto& [n, text] : key_expressions_)
    y_.expect_columns(ns_name_, relation, n, text, name ? "index '" + *name + "'" : std::string("index"));
  key_expressions_.clear();
  ix.renamed_from = y_.renamed_from(f);
  if (ix.nulls_not_distinct && !ix.unique)
    y_.error(f["nulls_not_distinct"].key,
             "nulls_not_distinct needs unique: true; add it or remove nulls_not_distinct");
  if (ix.unique && ix.method != "btree")
    y_.error(f["unique"].key, "a unique index must use btree, not " + ix.method +
                                 "; remove unique or using: " + ix.method);
  std::vector<std::string> all = key_names;
  all.insert(all.end(), ix.include.begin(), ix.include.end());
  ix.name = name ? *name
                 : choose_name(relation, column_name_addition(dedupe_index_column_names(all)), "idx",
                               [&](const std::string& n) { return name_taken(n) || out.count(n); });
  if (!y_.identifier(key, ix.name, "index")) return;
  if (!y_.first_definition(loc_key("idx", ns_name_, ix.name), key,
                           "index '" + qualified(ix.name) + "'"))
    return;
  ctx_.mark(loc_key("idx_rel", ns_name_, ix.name), y_.place(key));
  for (const auto& [col, at] : column_refs)
    ctx_.mark(loc_key("idx_col", ns_name_, ix.name, col), y_.place(at));
  out.emplace(ix.name, std::move(ix));
}

void IndexReader::read_indexes(const std::string& relation, const YamlNode& n,
                               std::map<std::string, Index>& out) {
  if (n.is_sequence()) {
    for (const auto& item : n) read_index(relation, std::nullopt, item, item, out);
    return;
  }
  for (auto& [name, e] : y_.entries(n, "indexes", "index"))
    read_index(relation, name, e.key, e.value, out);
}

}  // namespace strata::model
