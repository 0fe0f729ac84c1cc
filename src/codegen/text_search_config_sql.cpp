#include "codegen/text_search_config_sql.h"

#include <algorithm>
#include <map>

#include "codegen/statement_writer.h"
#include "sql/quote.h"

namespace strata::codegen {
namespace {

std::string dictionary_list(const std::vector<std::string>& dictionaries) {
  std::string out;
  for (const auto& d : dictionaries) out += (out.empty() ? "" : ", ") + dotted(d);
  return out;
}

std::string token_list(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) out += (out.empty() ? "" : ", ") + sql::quote_ident(t);
  return out;
}

}  // namespace

std::string text_search_config_sql(const diff::CreateTextSearchConfig& c) {
  std::string name = qualified(c.name);
  std::string out = "CREATE TEXT SEARCH CONFIGURATION " + name + " (PARSER = " + dotted(c.config.parser) + ");\n";
  // Token types that share their dictionaries share one statement, in the
  // order of their first token type.
  std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> groups;
  for (const auto& [token, dictionaries] : c.config.mappings) {
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == dictionaries; });
    if (it == groups.end())
      groups.push_back({dictionaries, {token}});
    else
      it->second.push_back(token);
  }
  for (const auto& [dictionaries, tokens] : groups)
    out += "ALTER TEXT SEARCH CONFIGURATION " + name + " ADD MAPPING FOR " + token_list(tokens) + " WITH " +
           dictionary_list(dictionaries) + ";\n";
  if (c.config.comment) out += comment_on("TEXT SEARCH CONFIGURATION " + name, c.config.comment);
  return out;
}

std::string text_search_config_sql(const diff::DropTextSearchConfig& c) {
  return "DROP TEXT SEARCH CONFIGURATION " + qualified(c.name) + ";\n";
}

std::string text_search_config_sql(const diff::AlterTextSearchMapping& c) {
  std::string out = "ALTER TEXT SEARCH CONFIGURATION " + qualified(c.config);
  std::string token = sql::quote_ident(c.token);
  if (c.to.empty()) return out + " DROP MAPPING FOR " + token + ";\n";
  return out + (c.from.empty() ? " ADD MAPPING FOR " : " ALTER MAPPING FOR ") + token + " WITH " +
         dictionary_list(c.to) + ";\n";
}

}  // namespace strata::codegen
