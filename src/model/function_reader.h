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
  void read_functions(Namespace& ns, const YamlNode& n, bool procedure);
  void read_aggregates(Namespace& ns, const YamlNode& n);
  // `triggers:` of table `t`.
  void read_triggers(Table& t, const YamlNode& n);
  // `triggers:` of plain view `v`: INSTEAD OF row triggers and BEFORE/AFTER
  // statement triggers, as PostgreSQL allows on a view.
  void read_triggers(View& v, const YamlNode& n);

 private:
  void read_function(Namespace& ns, const std::string& key, const YamlFields::Entry& e,
                     bool procedure);
  void read_aggregate(Namespace& ns, const std::string& key, const YamlFields::Entry& e);
  // One trigger into `into`; `table` is the table it belongs to (its columns
  // checked), or null for a view (`owner` names it in messages).
  void read_trigger(std::map<std::string, Trigger>& into, const Table* table, const std::string& owner,
                    const std::string& name, const YamlFields::Entry& e);
  void check_view_trigger(const Trigger& tg, const std::string& label, const YamlFields::Entry& e,
                          const YamlNode* enabled);
  // A function reference ("last_updated", "public.f", "\"F\"") in its
  // canonical text; nullopt (reported) when it is not a name.
  std::optional<std::string> function_reference(const YamlNode& n, std::string_view what);
  // "name(arguments)": the name and the argument texts; nullopt (reported)
  // when the key has no argument list.
  std::optional<std::pair<std::string, std::vector<std::string>>> split_key(
      const YamlNode& at, const std::string& key, std::string_view what);

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
