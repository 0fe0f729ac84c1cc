// Text search configurations: created before the tables and indexes whose
// expressions name them and dropped after; mappings changed in place, one
// token type at a time. A parser change is a drop and a create, while nothing
// names the configuration.
#include "core/error.h"
#include "diff/planner.h"
#include "diff/type_object_uses.h"
#include "sql/text.h"

namespace strata::diff {

void Planner::diff_text_search_configs() {
  for (const auto& ns_name : namespace_names(cur_, want_)) {
    const model::Namespace& cns = find_namespace(cur_, ns_name);
    const model::Namespace& wns = find_namespace(want_, ns_name);
    for (const auto& [name, want] : wns.text_search_configs) {
      QualifiedName qn{ns_name, name};
      auto it = cns.text_search_configs.find(name);
      if (it == cns.text_search_configs.end()) {
        add(kTextSearchConfigs, CreateTextSearchConfig{qn, want});
        continue;
      }
      const model::TextSearchConfig& cur = it->second;
      if (cur.parser != want.parser) {
        auto users = text_search_config_users(cur_, qn);
        if (!users.empty())
          throw UsageError("text search configuration " + qn.str() + " changes its parser (" + cur.parser +
                           " -> " + want.parser + ") while " + sql::join(users) +
                           " name it; a parser cannot change in place and dropping the configuration "
                           "would drop them (function bodies are found by their text: PostgreSQL "
                           "records no dependency for a body written as a string). Create a "
                           "configuration under another name and move those users to it first");
        add(kTextSearchConfigs, DropTextSearchConfig{qn, cur});
        add(kTextSearchConfigs, CreateTextSearchConfig{qn, want});
        continue;
      }
      for (const auto& [token, dictionaries] : cur.mappings) {
        auto w = want.mappings.find(token);
        if (w == want.mappings.end())
          add(kTextSearchConfigs, AlterTextSearchMapping{qn, token, dictionaries, {}});
        else if (w->second != dictionaries)
          add(kTextSearchConfigs, AlterTextSearchMapping{qn, token, dictionaries, w->second});
      }
      for (const auto& [token, dictionaries] : want.mappings)
        if (!cur.mappings.count(token)) add(kTextSearchConfigs, AlterTextSearchMapping{qn, token, {}, dictionaries});
      if (cur.comment != want.comment)
        add(kComments, SetComment{CommentTarget::kTextSearchConfig, qn, "", cur.comment, want.comment});
    }
    for (const auto& [name, cur] : cns.text_search_configs)
      if (!wns.text_search_configs.count(name))
        add(kTextSearchConfigDrops, DropTextSearchConfig{{ns_name, name}, cur});
  }
}

}  // namespace strata::diff
