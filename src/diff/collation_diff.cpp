// Collations: created before everything that can name them (domains,
// composite types, columns, indexes) and dropped after. A changed definition
// is a drop and a create, while nothing uses the collation.
#include "core/error.h"
#include "diff/planner.h"
#include "diff/type_object_uses.h"
#include "sql/text.h"

namespace strata::diff {
namespace {

// The definition without the comment.
bool same_definition(model::Collation a, model::Collation b) {
  a.comment.reset();
  b.comment.reset();
  return a == b;
}

}  // namespace

void Planner::diff_collations() {
  for (const auto& ns_name : namespace_names(cur_, want_)) {
    const model::Namespace& cns = find_namespace(cur_, ns_name);
    const model::Namespace& wns = find_namespace(want_, ns_name);
    for (const auto& [name, want] : wns.collations) {
      QualifiedName qn{ns_name, name};
      auto it = cns.collations.find(name);
      if (it == cns.collations.end()) {
        add(kCollations, CreateCollation{qn, want});
        continue;
      }
      const model::Collation& cur = it->second;
      if (!same_definition(cur, want)) {
        auto users = collation_users(cur_, qn);
        if (!users.empty())
          throw UsageError("collation " + qn.str() + " changes its definition while " + sql::join(users) +
                           " use it; PostgreSQL cannot alter a collation, and dropping it would drop "
                           "them. Create the new definition under another name and move those users "
                           "to it, then drop this one in a later revision");
        add(kCollations, DropCollation{qn, cur});
        add(kCollations, CreateCollation{qn, want});
        continue;
      }
      if (cur.comment != want.comment)
        add(kComments, SetComment{CommentTarget::kCollation, qn, "", cur.comment, want.comment});
    }
    for (const auto& [name, cur] : cns.collations)
      if (!wns.collations.count(name)) add(kCollationDrops, DropCollation{{ns_name, name}, cur});
  }
}

}  // namespace strata::diff
