#include "model/document_reader.h"

#include "model/collation_reader.h"
#include "model/composite_type_reader.h"
#include "model/domain_reader.h"
#include "model/function_reader.h"
#include "model/access_reader.h"
#include "model/index_reader.h"
#include "model/table_reader.h"
#include "model/text_search_config_reader.h"
#include "model/type_name.h"
#include "model/yaml_fields.h"
#include "model/yaml_document.h"

namespace strata::model {
namespace {

using Node = YamlNode;

constexpr std::size_t kMinNodeBudget = 100000;

// True when walking `root`, aliases expanded, visits at most `budget` nodes.
// Iterative, and stops as soon as the budget is spent.
bool within_budget(const Node& root, std::size_t budget) {
  std::vector<Node> stack{root};
  std::size_t visited = 0;
  while (!stack.empty()) {
    Node n = stack.back();
    stack.pop_back();
    if (++visited > budget) return false;
    if (n.is_sequence()) {
      for (const auto& child : n) stack.push_back(child);
    } else if (n.is_map()) {
      for (std::size_t i = 0; i < n.size(); ++i) {
        stack.push_back(n.key(i));
        stack.push_back(n.value(i));
      }
    }
  }
  return true;
}

const std::vector<std::string> kFileKeys = {"schema", "comment",   "extensions",
                                            "enums",  "sequences", "tables",
                                            "views",  "external_types", "domains",
                                            "composite_types", "collations",
                                            "text_search_configurations", "functions",
                                            "procedures", "aggregates", "owner", "grants"};
const std::vector<std::string> kSequenceOptionKeys = {"start", "increment", "min",
                                                      "max",   "cache",     "cycle"};

class DocumentReader {
 public:
  DocumentReader(const std::string& file, const std::string& text, Schema& into,
                 LoadContext& ctx)
      : y_(file, text, ctx), text_(text), schema_(into), ctx_(ctx) {}

  // A file may hold several YAML documents ("---"); each is read as if it
  // were a file of its own.
  void run(const YamlStream& parsed) {
    if (parsed.error) {
      ctx_.error({y_.file(), parsed.error->line + 1, parsed.error->column + 1},
                 "malformed YAML: " + parsed.error->message);
      return;
    }
    std::vector<Node> docs;
    for (const auto& d : parsed.documents) docs.push_back(d.root());
    // Aliases share nodes: a small file can name one anchor so often that
    // reading it visits millions of nodes. A document gets a budget that no
    // file without aliases reaches (every node takes at least a byte).
    const std::size_t budget = kMinNodeBudget + text_.size();
    for (const auto& root : docs) {
      if (!within_budget(root, budget)) {
        ctx_.error({y_.file(), 0, 0}, "too many YAML nodes after alias expansion (limit " +
                                          std::to_string(budget) +
                                          "); reuse anchors less, or write the objects out");
        return;
      }
    }
    for (const auto& root : docs) read(root);
  }

 private:
  void read(const Node& root) {
    if (!root || root.is_null()) return;
    if (!root.is_map()) {
      y_.error(root, "a model file must be a mapping (schema, tables, enums, ...)");
      return;
    }
    auto f = y_.fields(root, "model file", kFileKeys);
    ns_name_ = "public";
    if (f.count("schema")) {
      auto s = y_.string(f["schema"].value, "schema");
      if (s && y_.identifier(f["schema"].value, *s, "schema")) ns_name_ = *s;
    }
    tables_.set_namespace(ns_name_);
    indexes_.set_namespace(ns_name_);
    Namespace& ns = schema_.namespaces[ns_name_];
    ns.name = ns_name_;
    ctx_.mark(loc_key("ns", ns_name_), f.count("schema") ? y_.loc(f["schema"].value)
                                                         : Location{y_.file(), 1, 1});
    if (f.count("comment")) {
      const Node& v = f["comment"].value;
      std::string key = loc_key("ns_comment", ns_name_);
      if (ns.comment) {
        y_.error(v, "schema '" + ns_name_ + "' has a comment already (at " +
                        refer_to(ctx_.at(key), y_.file()) + "); keep the comment in one file");
      } else if (auto c = y_.string(v, "comment")) {
        ns.comment = *c;
        ctx_.mark(key, y_.place(v));
      }
    }
    read_schema_access(ns, f);
    if (f.count("extensions")) read_extensions(f["extensions"].value);
    if (f.count("external_types")) read_external_types(f["external_types"].value);
    if (f.count("enums"))
      for (auto& [name, e] : y_.entries(f["enums"].value, "enums", "enum"))
        read_enum(ns, name, e);
    if (f.count("domains"))
      for (auto& [name, e] : y_.entries(f["domains"].value, "domains", "domain"))
        read_domain(y_, ns, name, e);
    if (f.count("collations"))
      for (auto& [name, e] : y_.entries(f["collations"].value, "collations", "collation"))
        read_collation(y_, ns, name, e);
    if (f.count("composite_types"))
      for (auto& [name, e] : y_.entries(f["composite_types"].value, "composite_types", "composite type"))
        read_composite_type(y_, ns, name, e);
    if (f.count("text_search_configurations"))
      for (auto& [name, e] : y_.entries(f["text_search_configurations"].value, "text_search_configurations",
                                        "text search configuration"))
        read_text_search_config(y_, ns, name, e);
    if (f.count("sequences"))
      for (auto& [name, e] : y_.entries(f["sequences"].value, "sequences", "sequence"))
        read_sequence(ns, name, e);
    if (f.count("tables"))
      for (auto& [name, e] : y_.entries(f["tables"].value, "tables", "table"))
        tables_.read_table(ns, name, e);
    if (f.count("views"))
      for (auto& [name, e] : y_.entries(f["views"].value, "views", "view"))
        read_view(ns, name, e);
    FunctionReader functions(y_, ns_name_);
    if (f.count("functions")) functions.read_functions(ns, f["functions"].value, false);
    if (f.count("procedures")) functions.read_functions(ns, f["procedures"].value, true);
    if (f.count("aggregates")) functions.read_aggregates(ns, f["aggregates"].value);
  }

  std::string qualified(const std::string& name) const { return ns_name_ + "." + name; }

  // The schema's own owner and grants, said in one file only.
  void read_schema_access(Namespace& ns, std::map<std::string, YamlFields::Entry>& f) {
    Access a;
    read_access(y_, f, PrivilegeObject::kSchema, a);
    if (a == Access{}) return;
    std::string key = loc_key("ns_access", ns_name_);
    const Node& at = f.count("owner") ? f["owner"].key : f["grants"].key;
    if (ns.access != Access{}) {
      y_.error(at, "schema '" + ns_name_ + "' has an owner or grants already (at " +
                       refer_to(ctx_.at(key), y_.file()) + "); keep them in one file");
      return;
    }
    ns.access = std::move(a);
    ctx_.mark(key, y_.loc(at));
  }

  void read_extension(const std::string& name, const Node& key, const Node& options) {
    if (!y_.identifier(key, name, "extension")) return;
    Extension ext;
    ext.name = name;
    auto f = y_.fields(options, "extension '" + name + "'", {"version", "schema"});
    if (f.count("version"))
      if (auto v = y_.name(f["version"].value, "version")) ext.version = *v;
    if (f.count("schema"))
      if (auto v = y_.string(f["schema"].value, "schema"); v && y_.identifier(f["schema"].value, *v, "schema"))
        ext.schema = *v;
    auto it = schema_.extensions.find(name);
    if (it != schema_.extensions.end()) {
      if (!(it->second == ext))
        y_.error(key, "extension '" + name + "' is declared differently at " +
                          refer_to(ctx_.at(loc_key("ext", name)), y_.file()));
      return;
    }
    ctx_.mark(loc_key("ext", name), y_.place(key));
    schema_.extensions.emplace(name, ext);
  }

  void read_extensions(const Node& n) {
    if (n.is_null()) return;
    if (n.is_sequence()) {
      for (const auto& item : n) {
        if (item.is_scalar()) {
          read_extension(item.scalar(), item, Node());
        } else if (item.is_map() && item.size() == 1 && item.key(0).is_scalar()) {
          read_extension(item.key(0).scalar(), item.key(0), item.value(0));
        } else {
          y_.error(item, "an extension must be a name or {name: {version, schema}}");
        }
      }
      return;
    }
    for (auto& [name, e] : y_.entries(n, "extensions", "extension"))
      read_extension(name, e.key, e.value);
  }

  // Types the columns may use without the model defining them.
  void read_external_types(const Node& n) {
    auto list = y_.string_list(n, "external_types");
    if (!list) return;
    auto nodes = items(n);
    for (size_t i = 0; i < list->size(); ++i) {
      TypeName t = canonical_type((*list)[i], ns_name_);
      if (!t.ok())
        y_.error(nodes[i], t.error);
      else if (t.array)
        y_.error(nodes[i], "external type '" + (*list)[i] + "' must not be an array");
      else if (!t.user_type)
        y_.error(nodes[i], "external type '" + (*list)[i] + "' must be a user type name, not " +
                               t.canonical);
      else
        ctx_.add_external_type(t.canonical);
    }
  }

  void read_enum(Namespace& ns, const std::string& name, const YamlFields::Entry& e) {
    if (!y_.identifier(e.key, name, "enum")) return;
    if (!y_.first_definition(loc_key("enum", ns_name_, name), e.key,
                          "enum '" + qualified(name) + "'"))
      return;
    EnumType en;
    en.name = name;
    Node labels = e.value;
    if (e.value.is_map()) {
      auto f = y_.fields(e.value, "enum '" + name + "'",
                         with_access_keys({"labels", "comment", "renamed_from"}));
      read_access(y_, f, PrivilegeObject::kType, en.access);
      labels = f.count("labels") ? f["labels"].value : Node();
      if (!f.count("labels")) y_.error(e.key, "enum '" + name + "' has no labels");
      if (f.count("comment"))
        if (auto v = y_.string(f["comment"].value, "comment")) en.comment = *v;
      if (f.count("renamed_from"))
        if (auto v = y_.name(f["renamed_from"].value, "renamed_from")) en.renamed_from = *v;
    }
    if (labels && !labels.is_sequence()) {
      y_.error(labels, "enum '" + name + "' labels must be a list");
    } else if (labels) {
      std::map<std::string, Location> seen;
      bool refused = false;  // a label reported already
      for (const auto& item : labels) {
        std::string label;
        Node at = item;
        if (item.is_scalar()) {
          label = item.scalar();
        } else if (item.is_map()) {
          auto f = y_.fields(item, "enum label", {"name", "renamed_from"});
          if (!f.count("name")) {
            y_.error(item, "enum label needs a name");
            continue;
          }
          auto v = y_.name(f["name"].value, "label name");
          if (!v) {
            refused = true;
            continue;
          }
          label = *v;
          at = f["name"].value;
          if (f.count("renamed_from"))
            if (auto r = y_.name(f["renamed_from"].value, "renamed_from"))
              en.label_renamed_from[label] = *r;
        } else {
          y_.error(item, "an enum label must be a string");
          continue;
        }
        if (!y_.identifier(at, label, "enum label")) {
          refused = true;
          continue;
        }
        auto [pos, fresh] = seen.emplace(label, y_.loc(at));
        if (!fresh) {
          y_.error(at, "duplicate label '" + label + "' in enum '" + qualified(name) +
                           "' (first at " + refer_to(pos->second, y_.file()) + "); remove one");
          continue;
        }
        en.labels.push_back(label);
      }
      if (en.labels.empty() && seen.empty() && !refused)
        y_.error(e.key, "enum '" + name + "' has no labels");
    }
    ns.enums[name] = std::move(en);
  }

  void read_sequence(Namespace& ns, const std::string& name, const YamlFields::Entry& e) {
    if (!y_.identifier(e.key, name, "sequence")) return;
    std::string key = loc_key("seq", ns_name_, name);
    if (!y_.first_definition(key, e.key, "sequence '" + qualified(name) + "'")) return;
    Sequence s;
    s.name = name;
    if (e.value.is_scalar()) {
      s.type = e.value.scalar();
      ctx_.mark(loc_key("seq_type", ns_name_, name), y_.place(e.value));
    } else {
      std::vector<std::string> allowed = kSequenceOptionKeys;
      for (const char* k : {"type", "owned_by", "comment"}) allowed.push_back(k);
      auto f = y_.fields(e.value, "sequence '" + name + "'", with_access_keys(allowed));
      read_access(y_, f, PrivilegeObject::kSequence, s.access);
      if (f.count("type"))
        if (auto v = y_.name(f["type"].value, "type")) {
          s.type = *v;
          ctx_.mark(loc_key("seq_type", ns_name_, name), y_.place(f["type"].value));
        }
      tables_.read_sequence_options(f, s.options);
      if (f.count("owned_by"))
        if (auto v = y_.name(f["owned_by"].value, "owned_by")) {
          s.owned_by = *v;
          ctx_.mark(loc_key("seq_owned", ns_name_, name), y_.place(f["owned_by"].value));
        }
      if (f.count("comment"))
        if (auto v = y_.string(f["comment"].value, "comment")) s.comment = *v;
    }
    ns.sequences[name] = std::move(s);
  }

  void read_view(Namespace& ns, const std::string& name, const YamlFields::Entry& e) {
    if (!y_.identifier(e.key, name, "view")) return;
    if (!y_.first_definition(loc_key("view", ns_name_, name), e.key, "view '" + qualified(name) + "'"))
      return;
    View v;
    v.name = name;
    if (e.value.is_scalar()) {
      v.query = e.value.scalar();
      y_.query(e.value, v.query, "query of view '" + name + "'");
    } else {
      auto f = y_.fields(e.value, "view '" + name + "'",
                         with_access_keys({"query", "materialized", "with_no_data", "indexes", "comment",
                                           "triggers"}));
      read_access(y_, f, PrivilegeObject::kTable, v.access);
      if (!f.count("query")) {
        y_.error(e.key, "view '" + name + "' has no query");
      } else if (auto q = y_.string(f["query"].value, "query")) {
        v.query = *q;
        y_.query(f["query"].value, v.query, "query of view '" + name + "'");
      }
      if (f.count("materialized"))
        if (auto b = y_.boolean(f["materialized"].value, "materialized")) v.materialized = *b;
      if (f.count("comment"))
        if (auto c = y_.string(f["comment"].value, "comment")) v.comment = *c;
      if (f.count("with_no_data"))
        if (auto b = y_.boolean(f["with_no_data"].value, "with_no_data")) {
          v.with_no_data = *b;
          if (*b && !v.materialized)
            y_.error(f["with_no_data"].key, "only a materialized view can be created WITH NO DATA; "
                                            "add materialized: true or remove with_no_data");
        }
      if (f.count("indexes")) {
        if (!v.materialized)
          y_.error(f["indexes"].key,
                   "only a materialized view can have indexes; add materialized: true or remove "
                   "indexes");
        else
          indexes_.read_indexes(name, f["indexes"].value, v.indexes);
      }
      if (f.count("triggers")) {
        if (v.materialized)
          y_.error(f["triggers"].key,
                   "a materialized view cannot have triggers; remove triggers or materialized");
        else
          FunctionReader(y_, ns_name_).read_triggers(v, f["triggers"].value);
      }
    }
    ns.views[name] = std::move(v);
  }

  YamlFields y_;
  const std::string& text_;
  Schema& schema_;
  LoadContext& ctx_;
  std::string ns_name_;
  TableReader tables_{y_, ctx_};
  IndexReader indexes_{y_, ctx_};
};

}  // namespace

void read_document(const std::string& file_name, const std::string& text,
                   const YamlStream& parsed, Schema& into, LoadContext& ctx) {
  DocumentReader(file_name, text, into, ctx).run(parsed);
}

void read_document(const std::string& file_name, const std::string& text, Schema& into,
                   LoadContext& ctx) {
  read_document(file_name, text, parse_yaml(text), into, ctx);
}

}  // namespace strata::model
