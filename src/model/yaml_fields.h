#pragma once

// Internal to the YAML loader: typed access to YAML nodes that reports
// every misuse as a diagnostic with the node's position (1-based).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/load_context.h"
#include "model/yaml_document.h"
#include "sql/side_effects.h"

namespace strata::model {

class YamlFields {
 public:
  // `text` is the file's text; it must outlive this.
  YamlFields(std::string file, std::string_view text, LoadContext& ctx);

  struct Entry {
    YamlNode key;
    YamlNode value;
  };
  using Entries = std::vector<std::pair<std::string, Entry>>;

  Location loc(const YamlNode& n) const;
  // loc(n) with the file as its index in the context (for LoadContext::mark).
  DeclaredPlace place(const YamlNode& n) const {
    if (n.line() < 0) return {file_id_, 0, 0};
    return {file_id_, n.line() + 1, n.column() + 1};
  }
  // Where byte `offset` of the scalar `n`'s value is in the file: exact for
  // plain and quoted one-line scalars without escapes and for literal block
  // scalars; the scalar's start otherwise.
  Location value_loc(const YamlNode& n, int offset) const;
  void error(const YamlNode& n, std::string message) { ctx_.error(loc(n), std::move(message)); }
  LoadContext& ctx() { return ctx_; }

  // Records that the object `key` (see loc_key) is declared at `at`. When it
  // was declared before, in this file or an earlier one, reports
  // "duplicate <what> (first defined at ...)" instead and returns false.
  bool first_definition(const std::string& key, const YamlNode& at, const std::string& what);

  // The `renamed_from` field of `f` when present and a string.
  std::optional<std::string> renamed_from(std::map<std::string, Entry>& f);

  // Records the columns expression `text` (scalar `n`) of table
  // `schema`.`table` names, for the validator to check once all is read.
  void expect_columns(const std::string& schema, const std::string& table, const YamlNode& n,
                      const std::string& text, std::string what);
  const std::string& file() const { return file_; }

  // The entries of a mapping in document order. A null node is empty; any
  // other non-mapping is reported ("<what> must be a mapping"). Repeated keys
  // are reported as "duplicate <noun> 'k'" and dropped, and so are keys
  // holding a control, line-break or direction-changing character (a key is
  // a field or an object's name, neither of which may hold one).
  Entries entries(const YamlNode& n, std::string_view what, std::string_view noun = "key");
  // As entries(), and reports keys outside `allowed` with a suggestion.
  std::map<std::string, Entry> fields(const YamlNode& n, std::string_view what,
                                      const std::vector<std::string>& allowed);

  std::optional<std::string> string(const YamlNode& n, std::string_view what);
  // A string that names something (a type, a collation, an opclass, an
  // index method, a referenced table, a renamed_from): as string(), and
  // refused when it holds a control, line-break or direction-changing
  // character (sql::find_unsafe_character), reported at that character.
  std::optional<std::string> name(const YamlNode& n, std::string_view what);
  std::optional<bool> boolean(const YamlNode& n, std::string_view what);
  std::optional<std::int64_t> integer(const YamlNode& n, std::string_view what);
  // A sequence of strings, or one string as a list of one. The strings are
  // names: each is checked as name() checks it.
  std::optional<std::vector<std::string>> string_list(const YamlNode& n, std::string_view what);

  // Reports an empty name, one over 63 bytes, or one holding a control,
  // line-break or direction-changing character; true when fine.
  bool identifier(const YamlNode& n, const std::string& name, std::string_view what);
  // Checks an SQL expression with the PostgreSQL parser; reports the error at
  // its position inside the scalar. A call of a function that acts outside
  // the database or the transaction (sql::refused_call; nextval() is allowed
  // only in a column default) is an error too. True when fine.
  bool expression(const YamlNode& n, const std::string& text, std::string_view what,
                  sql::ExpressionUse use = sql::ExpressionUse::kOther);
  // The columns a (valid) expression in scalar `n` names, each with where it
  // is in the file.
  std::vector<std::pair<std::string, Location>> columns_in(const YamlNode& n,
                                                           const std::string& text) const;
  // Checks a view query: one SELECT (or VALUES / WITH ... SELECT), calling no
  // refused function (a materialized view runs its query when created).
  bool query(const YamlNode& n, const std::string& text, std::string_view what);

 private:
  // Reports the first unsafe character of `text` (scalar `n`) as part of a
  // `what`; true when there is none.
  bool safe_characters(const YamlNode& n, const std::string& text, std::string_view what);
  // Reports `call` (in scalar `n`, part of a `what`) when there is one; true then.
  bool refused_call(const YamlNode& n, const std::optional<sql::RefusedCall>& call,
                    std::string_view what);

  std::string file_;
  std::uint32_t file_id_;
  std::string_view text_;
  std::vector<size_t> line_starts_;
  LoadContext& ctx_;
};

// `s` with ASCII letters in lower case.
std::string lower(std::string s);

// The nodes of a sequence, or the node itself as a list of one.
std::vector<YamlNode> items(const YamlNode& n);

}  // namespace strata::model
