#pragma once

// Internal to the YAML loader: functions, procedures and aggregates of a
// model file, and the triggers of a table.

#include <string>

#include "model/schema.h"
#include "model/yaml_fields.h"

namespace strata::model {

class FunctionReader {
 public:
  FunctionReader(YamlFields& y, std::string ns_name) : y_(y), ns_name_(std::move(ns_name)) {}

  // `functions:` (procedure false) or `procedures:` (true) of a file.
  void read_functions(Namespace& ns, const YAML::Node& n, bool procedure);
  void read_aggregates(Namespace& ns, const YAML::Node& n);
  // `triggers:` of table `t`.
  void read_triggers(Table& t, const YAML::Node& n);

 private:
  void read_function(Namespace& ns, const std::string& key, const YamlFields::Entry& e,
                     bool procedure);
  void read_aggregate(Namespace& ns, const std::string& key, const YamlFields::Entry& e);
  void read_trigger(Table& t, const std::string& name, const YamlFields::Entry& e);
  // A function reference ("last_updated", "public.f", "\"F\"") in its
  // canonical text; nullopt (reported) when it is not a name.
  std::optional<std::string> function_reference(const YAML::Node& n, std::string_view what);
  // "name(arguments)": the name and the argument texts; nullopt (reported)
  // when the key has no argument list.
  std::optional<std::pair<std::string, std::vector<std::string>>> split_key(
      const YAML::Node& at, const std::string& key, std::string_view what);

  YamlFields& y_;
  std::string ns_name_;
};

// Gives unqualified function references (trigger functions, aggregate
// support functions) the schema of the model function they name: a bare name
// that is a function of the referring object's schema in `schema` becomes
// "schema.name"; others stay bare (pg_catalog's). Run once every file is read.
void resolve_function_references(Schema& schema);

// The canonical text of a function reference: each part an identifier
// (unquoted parts folded to lower case), quoted as quote_ident() does,
// "pg_catalog." dropped. nullopt when `text` is not one or two names.
std::optional<std::string> canonical_function_reference(std::string_view text);

}  // namespace strata::model
