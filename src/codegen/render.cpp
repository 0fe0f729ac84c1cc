#include "codegen/collation_sql.h"
#include "codegen/composite_type_sql.h"
#include "codegen/domain_sql.h"
#include "codegen/text_search_config_sql.h"
#include "codegen/render.h"

#include <algorithm>
#include <set>

#include "core/error.h"
#include "codegen/online.h"
#include "codegen/function_sql.h"
#include "codegen/inheritance_sql.h"
#include "codegen/access_sql.h"
#include "codegen/policy_sql.h"
#include "codegen/statement_writer.h"
#include "codegen/table_properties_sql.h"
#include "model/default_names.h"
#include "model/type_name.h"
#include "sql/quote.h"
#include "sql/text.h"

namespace strata::codegen {
namespace {

using namespace diff;

std::string alter_table(const QualifiedName& t) { return "ALTER TABLE " + qualified(t) + " "; }

std::string alter_column(const QualifiedName& t, const std::string& c) {
  return alter_table(t) + "ALTER COLUMN " + sql::quote_ident(c) + " ";
}

std::string column_comment(const QualifiedName& t, const model::Column& c) {
  if (!c.comment) return "";
  return comment_on("COLUMN " + qualified(t) + "." + sql::quote_ident(c.name), c.comment);
}

std::string index_comment(const std::string& schema, const model::Index& ix) {
  if (!ix.comment) return "";
  return comment_on("INDEX " + sql::quote_qualified(schema, ix.name), ix.comment);
}

std::string constraint_definition(const Constraint& c) {
  return std::visit([](const auto& k) { return codegen::constraint_definition(k); }, c);
}

// A name for the old enum type while it is being replaced, within 63 bytes.
std::string parked_name(const std::string& name) {
  const std::string suffix = "__strata_old";
  std::string base = name.substr(0, std::min(name.size(), model::kMaxIdentifierBytes - suffix.size()));
  return base + suffix;
}

std::string enum_labels(const std::vector<std::string>& labels) {
  std::string out = "(";
  for (size_t i = 0; i < labels.size(); ++i) out += (i ? ", " : "") + sql::quote_literal(labels[i]);
  return out + ")";
}

std::string serial_sequence(const QualifiedName& table, const std::string& column) {
  return sql::quote_qualified(table.schema, model::sequence_name(table.name, column));
}

// True when `to` is an older version than `from` ("1.3" after "1.4"),
// comparing the dot-separated numbers; false when either is not numeric.
bool is_downgrade(const std::string& from, const std::string& to) {
  auto parts = [](const std::string& v, std::vector<long>& out) {
    size_t i = 0;
    while (i < v.size()) {
      size_t j = v.find('.', i);
      std::string p = v.substr(i, j == std::string::npos ? std::string::npos : j - i);
      if (p.empty() || p.find_first_not_of("0123456789") != std::string::npos) return false;
      out.push_back(std::stol(p));
      if (j == std::string::npos) break;
      i = j + 1;
    }
    return !out.empty();
  };
  std::vector<long> a, b;
  if (!parts(from, a) || !parts(to, b)) return false;
  return b < a;
}

std::string alter_column_sql(const AlterColumn& c) {
  const model::Column& from = c.from;
  const model::Column& to = c.to;
  const ColumnDelta& d = c.delta;
  std::string col = sql::quote_ident(to.name);
  bool from_serial = model::is_serial_type(from.type);
  bool to_serial = model::is_serial_type(to.type);
  std::string from_base = model::serial_base_type(from.type);
  std::string to_base = model::serial_base_type(to.type);
  std::string out;
  auto stmt = [&](const std::string& action) { out += alter_column(c.table, to.name) + action + ";\n"; };

  if (d.drop_expression) stmt("DROP EXPRESSION");
  if (d.identity && from.identity && !to.identity) stmt("DROP IDENTITY");
  bool had_default = from.default_expr || from_serial;
  bool default_goes = (d.default_expr && from.default_expr) || (d.type && from.default_expr) ||
                      (from_serial && !to_serial);
  if (had_default && default_goes) stmt("DROP DEFAULT");
  if (d.nullable && to.nullable) stmt("DROP NOT NULL");
  if (d.type && (from_base != to_base || from.collation != to.collation)) {
    std::string action = "TYPE " + to_base;
    if (to.collation) action += " COLLATE " + dotted(*to.collation);
    if (from_base != to_base) {
      // No cast between two enums (or an enum and most types): go through text.
      bool user_type = from_base.find('.') != std::string::npos || to_base.find('.') != std::string::npos;
      bool array = to_base.ends_with("[]");
      std::string via = user_type ? (array ? "::text[]" : "::text") : "";
      action += " USING " + (to.using_expr ? expression_sql(*to.using_expr, "using")
                                           : col + via + "::" + to_base);
    }
    stmt(action);
  }
  if (from_serial && !to_serial && d.keep_sequence) {
    out += "ALTER SEQUENCE " + serial_sequence(c.table, from.name) + " OWNED BY NONE;\n";
  } else if (!from_serial && to_serial && d.keep_sequence) {
    std::string seq = serial_sequence(c.table, to.name);
    out += "ALTER SEQUENCE " + seq + " OWNED BY " + qualified(c.table) + "." + col + ";\n";
    stmt("SET DEFAULT nextval(" + sql::quote_literal(seq) + "::regclass)");
  } else if (from_serial && !to_serial) {
    out += "DROP SEQUENCE " + serial_sequence(c.table, from.name) + ";\n";
  } else if (!from_serial && to_serial) {
    std::string seq = serial_sequence(c.table, to.name);
    out += "CREATE SEQUENCE " + seq + " AS " + to_base + " OWNED BY " + qualified(c.table) + "." +
           col + ";\n";
    stmt("SET DEFAULT nextval(" + sql::quote_literal(seq) + "::regclass)");
  } else if (from_serial && to_serial && from_base != to_base) {
    out += "ALTER SEQUENCE " + serial_sequence(c.table, to.name) + " AS " + to_base + ";\n";
  }
  if (to.default_expr && (d.default_expr || (d.type && from.default_expr)))
    stmt("SET DEFAULT " + expression_sql(*to.default_expr, "default"));
  if (d.nullable && !to.nullable) stmt("SET NOT NULL");
  if (d.identity && to.identity) {
    if (!from.identity) {
      stmt("ADD " + identity_clause(*to.identity));
    } else {
      std::string action;
      if (from.identity->kind != to.identity->kind)
        action += to.identity->kind == model::IdentityKind::kAlways ? " SET GENERATED ALWAYS"
                                                                    : " SET GENERATED BY DEFAULT";
      action += sequence_option_changes(from.identity->options, to.identity->options, " SET");
      if (!action.empty()) stmt(action.substr(1));
    }
  }
  return out;
}

// What hangs on a view, after it is created (again): column comments,
// grants and rules read from the catalog (rules as the server printed them,
// schema-qualified), and the view's triggers.
std::string view_attachments(const QualifiedName& name, const model::View& v) {
  std::string out;
  for (const auto& [column, text] : v.column_comments)
    out += comment_on("COLUMN " + qualified(name) + "." + sql::quote_ident(column), text);
  // One GRANT per grantee and grant option, privileges in catalog order.
  std::vector<std::pair<std::pair<std::string, bool>, std::vector<std::string>>> grants;
  for (const auto& g : v.grants) {
    static const std::set<std::string> known = {"SELECT", "INSERT", "UPDATE", "DELETE",
                                                "TRUNCATE", "REFERENCES", "TRIGGER", "MAINTAIN"};
    if (!known.count(g.privilege))
      throw Error("cannot re-grant privilege " + sql::visible(g.privilege) + " on view " +
                  name.str() + ": not a table privilege Strata knows");
    auto key = std::make_pair(g.grantee, g.grantable);
    auto it = std::find_if(grants.begin(), grants.end(), [&](const auto& e) { return e.first == key; });
    if (it == grants.end()) grants.push_back({key, {g.privilege}});
    else it->second.push_back(g.privilege);
  }
  for (const auto& [who, privileges] : grants) {
    std::string list = sql::join(privileges);
    std::string grantee = who.first == "PUBLIC" ? "PUBLIC" : sql::quote_ident(who.first);
    out += "GRANT " + list + " ON " + qualified(name) + " TO " + grantee +
           (who.second ? " WITH GRANT OPTION" : "") + ";\n";
  }
  auto statement = [](std::string text) {
    while (!text.empty() && (text.back() == ';' || text.back() == '\n' || text.back() == ' '))
      text.pop_back();
    return text + ";\n";
  };
  for (const auto& [_, t] : v.triggers) out += create_trigger(name, t);
  for (const auto& r : v.rules) out += statement(r);
  return out;
}

struct Writer {
  std::string operator()(const CreateSchema& c) const {
    std::string out = "CREATE SCHEMA " + sql::quote_ident(c.name) + ";\n";
    if (c.comment) out += comment_on("SCHEMA " + sql::quote_ident(c.name), c.comment);
    return out;
  }
  std::string operator()(const DropSchema& c) const {
    return "DROP SCHEMA " + sql::quote_ident(c.name) + ";\n";
  }
  std::string operator()(const CreateExtension& c) const {
    std::string out = "CREATE EXTENSION " + sql::quote_ident(c.extension.name) + " WITH SCHEMA " +
                      sql::quote_ident(c.extension.schema);
    if (c.extension.version) out += " VERSION " + sql::quote_literal(*c.extension.version);
    return out + ";\n";
  }
  std::string operator()(const DropExtension& c) const {
    return "DROP EXTENSION " + sql::quote_ident(c.extension.name) + ";\n";
  }
  std::string operator()(const AlterExtension& c) const {
    if (is_downgrade(c.from_version, c.to_version))
      return "DROP EXTENSION " + sql::quote_ident(c.name) + ";\nCREATE EXTENSION " +
             sql::quote_ident(c.name) + " WITH SCHEMA " + sql::quote_ident(c.schema) +
             " VERSION " + sql::quote_literal(c.to_version) + ";\n";
    return "ALTER EXTENSION " + sql::quote_ident(c.name) + " UPDATE TO " +
           sql::quote_literal(c.to_version) + ";\n";
  }
  std::string operator()(const CreateEnum& c) const {
    std::string out = "CREATE TYPE " + qualified(c.name) + " AS ENUM " + enum_labels(c.type.labels) + ";\n";
    if (c.type.comment) out += comment_on("TYPE " + qualified(c.name), c.type.comment);
    return out;
  }
  std::string operator()(const DropEnum& c) const { return "DROP TYPE " + qualified(c.name) + ";\n"; }
  std::string operator()(const CreateDomain& c) const { return domain_sql(c); }
  std::string operator()(const DropDomain& c) const { return domain_sql(c); }
  std::string operator()(const AlterDomain& c) const { return domain_sql(c); }
  std::string operator()(const AddDomainCheck& c) const { return domain_sql(c); }
  std::string operator()(const DropDomainCheck& c) const { return domain_sql(c); }
  std::string operator()(const RenameEnum& c) const {
    return "ALTER TYPE " + qualified(c.from) + " RENAME TO " + sql::quote_ident(c.to) + ";\n";
  }
  std::string operator()(const AddEnumLabel& c) const {
    std::string out = "ALTER TYPE " + qualified(c.type) + " ADD VALUE " + sql::quote_literal(c.label);
    if (c.before) out += " BEFORE " + sql::quote_literal(*c.before);
    if (c.after) out += " AFTER " + sql::quote_literal(*c.after);
    return out + ";\n";
  }
  std::string operator()(const RenameEnumLabel& c) const {
    return "ALTER TYPE " + qualified(c.type) + " RENAME VALUE " + sql::quote_literal(c.from) +
           " TO " + sql::quote_literal(c.to) + ";\n";
  }
  std::string operator()(const RecreateEnum& c) const {
    std::string parked = parked_name(c.type.name);
    std::string type = qualified(c.type);
    const EnumDependents& d = c.dependents;
    std::string out;
    for (auto it = d.views.rbegin(); it != d.views.rend(); ++it) out += (*this)(DropView{it->name, it->view});
    for (const auto& ix : d.indexes) out += (*this)(DropIndex{ix.table, ix.index});
    for (const auto& k : d.constraints) out += (*this)(DropConstraint{k.table, k.constraint});
    for (const auto& g : d.generated) out += (*this)(DropColumn{g.table, g.column});
    out += "ALTER TYPE " + type + " RENAME TO " + sql::quote_ident(parked) + ";\n";
    out += "CREATE TYPE " + type + " AS ENUM " + enum_labels(c.to_labels) + ";\n";
    for (const auto& u : c.uses) {
      std::string col = sql::quote_ident(u.column);
      std::string target = type + (u.array ? "[]" : "");
      if (u.default_expr) out += alter_column(u.table, u.column) + "DROP DEFAULT;\n";
      out += alter_column(u.table, u.column) + "TYPE " + target + " USING " + col +
             (u.array ? "::text[]::" : "::text::") + target + ";\n";
      if (u.default_expr) out += alter_column(u.table, u.column) + "SET DEFAULT " + expression_sql(*u.default_expr, "default") + ";\n";
    }
    out += "DROP TYPE " + sql::quote_qualified(c.type.schema, parked) + ";\n";
    for (const auto& g : d.generated) out += (*this)(g);
    for (const auto& k : d.constraints) out += (*this)(k);
    for (const auto& ix : d.indexes) out += (*this)(ix);
    for (const auto& v : d.views) out += (*this)(v);
    return out;
  }
  std::string operator()(const CreateSequence& c) const {
    const auto& s = c.sequence;
    std::string out = "CREATE SEQUENCE " + qualified(c.name) + " AS " + s.type + sequence_options(s.options);
    if (s.owned_by) out += " OWNED BY " + sql::quote_ident(c.name.schema) + "." + dotted(*s.owned_by);
    out += ";\n";
    if (s.comment) out += comment_on("SEQUENCE " + qualified(c.name), s.comment);
    return out;
  }
  std::string operator()(const DropSequence& c) const {
    return "DROP SEQUENCE " + qualified(c.name) + ";\n";
  }
  std::string operator()(const RenameSequence& c) const {
    return "ALTER SEQUENCE " + qualified(c.from) + " RENAME TO " + sql::quote_ident(c.to) + ";\n";
  }
  std::string operator()(const AlterSequence& c) const {
    std::string clauses;
    if (c.from.type != c.to.type) clauses += " AS " + c.to.type;
    clauses += sequence_option_changes(c.from.options, c.to.options, "");
    if (c.from.owned_by != c.to.owned_by)
      clauses += c.to.owned_by ? " OWNED BY " + sql::quote_ident(c.name.schema) + "." + dotted(*c.to.owned_by)
                               : " OWNED BY NONE";
    std::string out;
    if (!clauses.empty()) out += "ALTER SEQUENCE " + qualified(c.name) + clauses + ";\n";
    if (c.from.comment != c.to.comment) out += comment_on("SEQUENCE " + qualified(c.name), c.to.comment);
    return out;
  }
  std::string operator()(const CreateTable& c) const {
    const model::Table& t = c.table;
    std::vector<std::string> items;
    // NOT VALID inside CREATE TABLE is validated at once: such checks and
    // foreign keys are added after it.
    std::string not_valid;
    for (const auto& col : t.columns) items.push_back(column_definition(col));
    if (t.primary_key) items.push_back(codegen::constraint_definition(*t.primary_key));
    // CREATE TABLE silently skips a unique constraint that repeats the
    // primary key; added afterwards it is kept.
    std::string repeated_keys;
    for (const auto& [_, u] : t.uniques) {
      if (t.primary_key && u.columns == t.primary_key->columns)
        repeated_keys += alter_table(c.name) + "ADD " + codegen::constraint_definition(u) + ";\n";
      else
        items.push_back(codegen::constraint_definition(u));
    }
    for (const auto& [_, k] : t.checks) {
      if (k.not_valid) not_valid += alter_table(c.name) + "ADD " + codegen::constraint_definition(k) + ";\n";
      else items.push_back(codegen::constraint_definition(k));
    }
    for (const auto& [_, x] : t.exclusions) items.push_back(codegen::constraint_definition(x));
    for (const auto& [_, f] : t.foreign_keys) {
      if (f.not_valid) not_valid += alter_table(c.name) + "ADD " + codegen::constraint_definition(f) + ";\n";
      else items.push_back(codegen::constraint_definition(f));
    }
    std::string out = std::string("CREATE ") + (t.unlogged ? "UNLOGGED " : "") + "TABLE " + qualified(c.name);
    if (t.partition_of) out += " PARTITION OF " + qualified(t.partition_of->parent);
    if (!t.partition_of || !items.empty()) {
      out += " (";
      for (size_t i = 0; i < items.size(); ++i) out += (i ? ",\n    " : "\n    ") + items[i];
      out += "\n)";
    }
    if (!t.inherits.empty()) out += " " + inherits_clause(t.inherits);
    if (t.partition_of) out += " " + partition_bound_sql(t.partition_of->bound, c.name);
    if (t.partition_by) out += " PARTITION BY " + partition_key_sql(*t.partition_by, c.name);
    out += storage_parameters_clause(t.storage_parameters);
    out += ";\n" + repeated_keys + not_valid;
    for (const auto& col : t.columns) out += column_storage_sql(c.name, model::Column{}, col);
    for (const auto& [_, ix] : t.indexes) out += create_index(c.name, ix);
    out += replica_identity_sql(c.name, t.replica_identity, false);
    if (t.comment) out += comment_on("TABLE " + qualified(c.name), t.comment);
    for (const auto& col : t.columns) out += column_comment(c.name, col);
    for (const auto& [_, ix] : t.indexes) out += index_comment(c.name.schema, ix);
    return out;
  }
  std::string operator()(const DropTable& c) const { return "DROP TABLE " + qualified(c.name) + ";\n"; }
  std::string operator()(const RenameTable& c) const {
    return alter_table(c.from) + "RENAME TO " + sql::quote_ident(c.to) + ";\n";
  }
  std::string operator()(const SetLogged& c) const {
    return alter_table(c.table) + (c.logged ? "SET LOGGED;\n" : "SET UNLOGGED;\n");
  }
  std::string operator()(const SetSequenceLogged& c) const {
    return "ALTER SEQUENCE " + qualified(c.sequence) + (c.logged ? " SET LOGGED;\n" : " SET UNLOGGED;\n");
  }
  std::string operator()(const AddColumn& c) const {
    return alter_table(c.table) + "ADD COLUMN " + column_definition(c.column) + ";\n" +
           column_storage_sql(c.table, model::Column{}, c.column) + column_comment(c.table, c.column);
  }
  std::string operator()(const DropColumn& c) const {
    return alter_table(c.table) + "DROP COLUMN " + sql::quote_ident(c.column.name) + ";\n";
  }
  std::string operator()(const RenameColumn& c) const {
    return alter_table(c.table) + "RENAME COLUMN " + sql::quote_ident(c.from) + " TO " +
           sql::quote_ident(c.to) + ";\n";
  }
  std::string operator()(const AlterColumn& c) const { return alter_column_sql(c); }
  std::string operator()(const RecreateColumn& c) const {
    return alter_table(c.table) + "DROP COLUMN " + sql::quote_ident(c.from.name) + ";\n" +
           alter_table(c.table) + "ADD COLUMN " + column_definition(c.to) + ";\n" +
           column_storage_sql(c.table, model::Column{}, c.to) + column_comment(c.table, c.to);
  }
  std::string operator()(const AddConstraint& c) const {
    return alter_table(c.table) + "ADD " + constraint_definition(c.constraint) + ";\n";
  }
  std::string operator()(const DropConstraint& c) const {
    return alter_table(c.table) + "DROP CONSTRAINT " + sql::quote_ident(constraint_name(c.constraint)) + ";\n";
  }
  std::string operator()(const RenameConstraint& c) const {
    return alter_table(c.table) + "RENAME CONSTRAINT " + sql::quote_ident(c.from) + " TO " +
           sql::quote_ident(c.to) + ";\n";
  }
  std::string operator()(const CreateIndex& c) const {
    return create_index(c.table, c.index) + index_comment(c.table.schema, c.index);
  }
  std::string operator()(const DropIndex& c) const {
    return "DROP INDEX " + sql::quote_qualified(c.table.schema, c.index.name) + ";\n";
  }
  std::string operator()(const RenameIndex& c) const {
    return "ALTER INDEX " + qualified(c.from) + " RENAME TO " + sql::quote_ident(c.to) + ";\n";
  }
  std::string operator()(const CreateView& c) const {
    const model::View& v = c.view;
    std::string kind = v.materialized ? "MATERIALIZED VIEW " : "VIEW ";
    std::string out =
        in_view_schema(c.name.schema, "CREATE " + kind + qualified(c.name) + " AS\n" + view_query(v.query) +
                                          (v.materialized && v.with_no_data ? "\nWITH NO DATA" : "") + ";\n");
    for (const auto& [_, ix] : v.indexes) out += create_index(c.name, ix);
    if (v.comment) out += comment_on(kind + qualified(c.name), v.comment);
    for (const auto& [_, ix] : v.indexes) out += index_comment(c.name.schema, ix);
    out += view_attachments(c.name, v);
    return out;
  }
  std::string operator()(const DropView& c) const {
    return std::string("DROP ") + (c.view.materialized ? "MATERIALIZED VIEW " : "VIEW ") +
           qualified(c.name) + ";\n";
  }
  std::string operator()(const ReplaceView& c) const {
    std::string out = in_view_schema(
        c.name.schema, "CREATE OR REPLACE VIEW " + qualified(c.name) + " AS\n" + view_query(c.to.query) + ";\n");
    if (c.from.comment != c.to.comment) out += comment_on("VIEW " + qualified(c.name), c.to.comment);
    return out;
  }
  std::string operator()(const AttachPartition& c) const { return attach_partition_sql(c); }
  std::string operator()(const AddInheritance& c) const { return add_inheritance_sql(c); }
  std::string operator()(const DropInheritance& c) const { return drop_inheritance_sql(c); }
  std::string operator()(const DetachPartition& c) const { return detach_partition_sql(c); }
  std::string operator()(const SetStorageParameters& c) const { return storage_parameters_sql(c); }
  std::string operator()(const SetReplicaIdentity& c) const {
    return replica_identity_sql(c.table, c.to, true);
  }
  std::string operator()(const SetColumnStorage& c) const {
    return column_storage_sql(c.table, c.from, c.to);
  }
  std::string operator()(const ValidateConstraint& c) const {
    return alter_table(c.table) + "VALIDATE CONSTRAINT " + sql::quote_ident(constraint_name(c.constraint)) + ";\n";
  }
  std::string operator()(const InvalidateConstraint& c) const {
    return alter_table(c.table) + "DROP CONSTRAINT " + sql::quote_ident(constraint_name(c.constraint)) + ";\n" +
           alter_table(c.table) + "ADD " + constraint_definition(c.constraint) + ";\n";
  }
  std::string operator()(const RefreshMaterializedView& c) const { return refresh_sql(c); }
  std::string operator()(const SetRowSecurity& c) const { return set_row_security_sql(c); }
  std::string operator()(const CreatePolicy& c) const { return create_policy_sql(c); }
  std::string operator()(const DropPolicy& c) const { return drop_policy_sql(c); }
  std::string operator()(const AlterPolicy& c) const { return alter_policy_sql(c); }
  std::string operator()(const SetOwner& c) const { return set_owner_sql(c); }
  std::string operator()(const AlterPrivileges& c) const { return alter_privileges_sql(c); }
  std::string operator()(const CreateCompositeType& c) const { return composite_type_sql(c); }
  std::string operator()(const DropCompositeType& c) const { return composite_type_sql(c); }
  std::string operator()(const AddAttribute& c) const { return composite_type_sql(c); }
  std::string operator()(const DropAttribute& c) const { return composite_type_sql(c); }
  std::string operator()(const AlterAttribute& c) const { return composite_type_sql(c); }
  std::string operator()(const CreateCollation& c) const { return collation_sql(c); }
  std::string operator()(const DropCollation& c) const { return collation_sql(c); }
  std::string operator()(const CreateTextSearchConfig& c) const { return text_search_config_sql(c); }
  std::string operator()(const DropTextSearchConfig& c) const { return text_search_config_sql(c); }
  std::string operator()(const AlterTextSearchMapping& c) const { return text_search_config_sql(c); }
  std::string operator()(const SetComment& c) const {
    std::string what;
    switch (c.target) {
      case CommentTarget::kSchema: what = "SCHEMA " + sql::quote_ident(c.object.schema); break;
      case CommentTarget::kTable: what = "TABLE " + qualified(c.object); break;
      case CommentTarget::kColumn: what = "COLUMN " + qualified(c.object) + "." + sql::quote_ident(c.column); break;
      case CommentTarget::kIndex: what = "INDEX " + qualified(c.object); break;
      case CommentTarget::kView: what = "VIEW " + qualified(c.object); break;
      case CommentTarget::kMaterializedView: what = "MATERIALIZED VIEW " + qualified(c.object); break;
      case CommentTarget::kType: what = "TYPE " + qualified(c.object); break;
      case CommentTarget::kSequence: what = "SEQUENCE " + qualified(c.object); break;
      case CommentTarget::kDomain: what = "DOMAIN " + qualified(c.object); break;
      case CommentTarget::kCollation: what = "COLLATION " + qualified(c.object); break;
      case CommentTarget::kTextSearchConfig: what = "TEXT SEARCH CONFIGURATION " + qualified(c.object); break;
    }
    return comment_on(what, c.to);
  }
  std::string operator()(const CreateFunction& c) const { return create_function(c.name, c.function, false); }
  std::string operator()(const DropFunction& c) const { return drop_function(c.name, c.function); }
  std::string operator()(const ReplaceFunction& c) const {
    std::string out = create_function(c.name, c.to, true);
    if (c.from.comment != c.to.comment)
      out += comment_on((c.to.procedure ? "PROCEDURE " : "FUNCTION ") + function_identity(c.name, c.to),
                        c.to.comment);
    return out;
  }
  std::string operator()(const CreateAggregate& c) const { return create_aggregate(c.name, c.aggregate); }
  std::string operator()(const DropAggregate& c) const { return drop_aggregate(c.name, c.aggregate); }
  std::string operator()(const CreateTrigger& c) const { return create_trigger(c.table, c.trigger); }
  std::string operator()(const DropTrigger& c) const { return drop_trigger(c.table, c.trigger); }
  std::string operator()(const EnableTrigger& c) const { return enable_trigger(c.table, c.trigger, c.to); }
};

std::string data_loss_warnings(const std::vector<Hazard>& hazards) {
  std::string out;
  for (const auto& h : hazards)
    if (h.kind == HazardKind::kDataLoss) out += sql::comment_line("WARNING: data loss: " + h.detail);
  return out;
}

}  // namespace

std::string render_change(const diff::Change& change) { return std::visit(Writer{}, change); }

namespace {

std::string step_count(const OnlineScript& s) {
  if (s.body.empty()) return "1 step";
  return std::to_string(s.steps) + (s.steps == 1 ? " step, " : " steps, ") +
         std::to_string(s.no_transaction_steps) + " outside a transaction";
}

}  // namespace

Rendered render(const diff::Plan& plan, const RenderOptions& options) {
  Rendered out;
  std::vector<ScriptItem> up, down;
  for (const auto& step : plan.steps) {
    std::string comments = sql::comment_line(describe(step.change)) + data_loss_warnings(step.hazards);
    if (!out.up_body.empty()) out.up_body += "\n";
    out.up_body += comments;
    out.up_body += render_change(step.change);
    out.change_lines.push_back(describe(step.change));
    up.push_back({&step.change, step.hazards, comments});
  }
  for (auto it = plan.steps.rbegin(); it != plan.steps.rend(); ++it) {
    std::string comments = sql::comment_line(describe(it->inverse)) + data_loss_warnings(hazards_of(it->inverse));
    for (const auto& h : it->hazards)
      if (h.kind == HazardKind::kDataLoss)
        comments += sql::comment_line("WARNING: restores the structure only; up lost data: " + h.detail);
    if (!out.down_body.empty()) out.down_body += "\n";
    out.down_body += comments;
    out.down_body += render_change(it->inverse);
    down.push_back({&it->inverse, {}, comments});
  }
  std::set<QualifiedName> created = tables_created(up);
  for (const auto& item : up) {
    auto hazards = options.online ? online_hazards(*item.change, item.hazards, created) : item.hazards;
    for (const auto& h : hazards)
      out.hazard_lines.push_back(sql::visible(std::string(kind_name(h.kind)) + ": " + h.detail));
  }
  if (options.online) {
    OnlineScript up_steps = render_online(up), down_steps = render_online(down);
    if (!up_steps.body.empty()) out.up_body = up_steps.body;
    if (!down_steps.body.empty()) out.down_body = down_steps.body;
    out.plan_line = "plan: online (up: " + step_count(up_steps) + "; down: " + step_count(down_steps) + ")";
  }
  return out;
}

std::string header_body(const Rendered& rendered) {
  std::string out;
  if (!rendered.plan_line.empty()) out += sql::comment_line(rendered.plan_line);
  if (rendered.change_lines.empty()) {
    out += sql::comment_line("changes: none");
  } else {
    out += sql::comment_line("changes:");
    for (const auto& l : rendered.change_lines) out += sql::comment_line("  " + l);
  }
  if (rendered.hazard_lines.empty()) {
    out += sql::comment_line("hazards: none");
  } else {
    out += sql::comment_line("hazards:");
    for (const auto& l : rendered.hazard_lines) out += sql::comment_line("  " + l);
  }
  return out;
}

}  // namespace strata::codegen
