#pragma once

#include <map>
#include <optional>
#include <string>

#include "model/collation.h"
#include "model/composite_type.h"
#include "model/domain.h"
#include "model/enum_type.h"
#include "model/function.h"
#include "model/qualified_name.h"
#include "model/sequence.h"
#include "model/table.h"
#include "model/text_search_config.h"
#include "model/view.h"

namespace strata::model {

struct Extension {
  std::string name;
  std::optional<std::string> version;  // empty: whatever the server installs
  std::string schema = "public";

  bool operator==(const Extension&) const = default;
};

// One PostgreSQL schema (namespace) and the objects in it, by name.
struct Namespace {
  std::string name;
  std::map<std::string, Table> tables;
  std::map<std::string, EnumType> enums;
  std::map<std::string, Domain> domains;
  std::map<std::string, Sequence> sequences;
  std::map<std::string, View> views;  // views and materialized views
  std::map<std::string, CompositeType> composite_types;
  std::map<std::string, Collation> collations;
  std::map<std::string, TextSearchConfig> text_search_configs;
  std::map<std::string, Function> functions;    // by signature(): "name(type, type)"
  std::map<std::string, Aggregate> aggregates;  // by signature()
  std::optional<std::string> comment;
  Access access;  // of the schema itself: owner and grants, when managed

  bool operator==(const Namespace&) const = default;
};

// The whole model of a database: what the YAML says, or what the catalog holds.
struct Schema {
  std::map<std::string, Namespace> namespaces;   // by schema name
  std::map<std::string, Extension> extensions;   // by extension name

  const Table* find_table(const QualifiedName& q) const {
    auto ns = namespaces.find(q.schema);
    if (ns == namespaces.end()) return nullptr;
    auto t = ns->second.tables.find(q.name);
    return t == ns->second.tables.end() ? nullptr : &t->second;
  }

  bool operator==(const Schema&) const = default;
};

}  // namespace strata::model
