#pragma once

// Internal to the YAML loader: reads the tables of a document (columns,
// inline and table-level constraints; indexes through IndexReader).

#include <map>
#include <memory>
#include <string>

#include "model/load_context.h"
#include "model/schema.h"
#include "model/yaml_fields.h"

namespace strata::model {

class TableReader {
 public:
  TableReader(YamlFields& y, LoadContext& ctx);
  ~TableReader();
  TableReader(const TableReader&) = delete;
  TableReader& operator=(const TableReader&) = delete;

  // The schema the following tables belong to (default "public").
  void set_namespace(std::string ns);

  // Adds table `name` (entry `e` of `tables:`) to `ns`, normalizing inline
  // constraints into named table-level ones.
  void read_table(Namespace& ns, const std::string& name, const YamlFields::Entry& e);

  // start / increment / min / max / cache / cycle from the fields of a
  // sequence or an identity.
  void read_sequence_options(const std::map<std::string, YamlFields::Entry>& f,
                             SequenceOptions& o);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace strata::model
