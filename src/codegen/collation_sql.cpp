#include "codegen/collation_sql.h"

#include "codegen/statement_writer.h"
#include "sql/quote.h"

namespace strata::codegen {

std::string collation_sql(const diff::CreateCollation& c) {
  const model::Collation& k = c.collation;
  std::string out = "CREATE COLLATION " + qualified(c.name) + " (provider = " + k.provider;
  if (k.locale) out += ", locale = " + sql::quote_literal(*k.locale);
  if (k.lc_collate) out += ", lc_collate = " + sql::quote_literal(*k.lc_collate);
  if (k.lc_ctype) out += ", lc_ctype = " + sql::quote_literal(*k.lc_ctype);
  if (!k.deterministic) out += ", deterministic = false";
  out += ");\n";
  if (k.comment) out += comment_on("COLLATION " + qualified(c.name), k.comment);
  return out;
}

std::string collation_sql(const diff::DropCollation& c) { return "DROP COLLATION " + qualified(c.name) + ";\n"; }

}  // namespace strata::codegen
