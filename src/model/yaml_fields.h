#pragma once

// Internal to the YAML loader: typed access to yaml-cpp nodes that reports
// every misuse as a diagnostic with the node's position (1-based).

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/load_context.h"

namespace strata::model {

class YamlFields {
 public:
  YamlFields(std::string file, std::string text, LoadContext& ctx);

  struct Entry {
    YAML::Node key;
    YAML::Node value;
  };
  using Entries = std::vector<std::pair<std::string, Entry>>;

  Location loc(const YAML::Node& n) const;
  // Where byte `offset` of the scalar `n`'s value is in the file: exact for
  // plain and quoted one-line scalars without escapes and for literal block
  // scalars; the scalar's start otherwise.
  Location value_loc(const YAML::Node& n, int offset) const;
  void error(const YAML::Node& n, std::string message) { ctx_.error(loc(n), std::move(message)); }
  LoadContext& ctx() { return ctx_; }

  // Records that the object `key` (see loc_key) is declared at `at`. When it
  // was declared before, in this file or an earlier one, reports
  // "duplicate <what> (first defined at ...)" instead and returns false.
  bool first_definition(const std::string& key, const YAML::Node& at, const std::string& what);

  // The `renamed_from` field of `f` when present and a string.
  std::optional<std::string> renamed_from(std::map<std::string, Entry>& f);

  // Records the columns expression `text` (scalar `n`) of table
  // `schema`.`table` names, for the validator to check once all is read.
  void expect_columns(const std::string& schema, const std::string& table, const YAML::Node& n,
                      const std::string& text, std::string what);
  const std::string& file() const { return file_; }

  // The entries of a mapping in document order. A null node is empty; any
  // other non-mapping is reported ("<what> must be a mapping"). Repeated keys
  // are reported as "duplicate <noun> 'k'" and dropped.
  Entries entries(const YAML::Node& n, std::string_view what, std::string_view noun = "key");
  // As entries(), and reports keys outside `allowed` with a suggestion.
  std::map<std::string, Entry> fields(const YAML::Node& n, std::string_view what,
                                      const std::vector<std::string>& allowed);

  std::optional<std::string> string(const YAML::Node& n, std::string_view what);
  std::optional<bool> boolean(const YAML::Node& n, std::string_view what);
  std::optional<std::int64_t> integer(const YAML::Node& n, std::string_view what);
  // A sequence of strings, or one string as a list of one.
  std::optional<std::vector<std::string>> string_list(const YAML::Node& n, std::string_view what);

  // Reports an empty name or one over 63 bytes; true when fine.
  bool identifier(const YAML::Node& n, const std::string& name, std::string_view what);
  // Checks an SQL expression with the PostgreSQL parser; reports the error at
  // its position inside the scalar. True when fine.
  bool expression(const YAML::Node& n, const std::string& text, std::string_view what);
  // The columns a (valid) expression in scalar `n` names, each with where it
  // is in the file.
  std::vector<std::pair<std::string, Location>> columns_in(const YAML::Node& n,
                                                           const std::string& text) const;
  // Checks a view query: one SELECT (or VALUES / WITH ... SELECT).
  bool query(const YAML::Node& n, const std::string& text, std::string_view what);

 private:
  std::string file_;
  std::string text_;
  std::vector<size_t> line_starts_;
  LoadContext& ctx_;
};

// `s` with ASCII letters in lower case.
std::string lower(std::string s);

// The nodes of a sequence, or the node itself as a list of one.
std::vector<YAML::Node> items(const YAML::Node& n);

}  // namespace strata::model
