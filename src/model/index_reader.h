#pragma once

// Internal to the YAML loader: reads the `indexes:` of a table or a
// materialized view (keys, options, default names).

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/index.h"
#include "model/load_context.h"
#include "model/yaml_fields.h"

namespace strata::model {

class IndexReader {
 public:
  IndexReader(YamlFields& y, LoadContext& ctx) : y_(y), ctx_(ctx) {}

  // The schema the following relations belong to (default "public").
  void set_namespace(std::string ns) { ns_name_ = std::move(ns); }

  // Reads `indexes:` of `relation` (a map of name -> index, or a list of
  // unnamed indexes that get PostgreSQL's default names) into `out`.
  void read_indexes(const std::string& relation, const YamlNode& n,
                    std::map<std::string, Index>& out);

  // True when `name` is already used by an index, table, view or sequence of
  // the current schema, as far as read so far (they share one name space).
  bool name_taken(const std::string& name) const;

 private:
  bool read_index_key(const YamlNode& n, bool expression_list, IndexKey& k, YamlNode& at);
  void read_index(const std::string& relation, std::optional<std::string> name,
                  const YamlNode& key, const YamlNode& v, std::map<std::string, Index>& out);
  std::string qualified(const std::string& name) const { return ns_name_ + "." + name; }

  YamlFields& y_;
  LoadContext& ctx_;
  std::string ns_name_ = "public";
  std::vector<std::pair<YamlNode, std::string>> key_expressions_;  // of the index being read
};

}  // namespace strata::model
