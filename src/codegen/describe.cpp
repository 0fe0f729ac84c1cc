#include "codegen/render.h"
#include "codegen/table_properties_sql.h"

#include "codegen/access_sql.h"
#include "model/type_name.h"
#include "sql/text.h"

namespace strata::codegen {
namespace {

using namespace diff;

std::string list(const std::vector<std::string>& items) {
  std::string out = "(";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out + ")";
}

std::string opt(const std::optional<std::string>& s) { return s ? *s : "none"; }

std::string column_path(const QualifiedName& t, const std::string& c) { return t.str() + "." + c; }

struct ConstraintWords {
  const QualifiedName& table;
  std::string operator()(const model::PrimaryKey& c) const {
    return "primary key " + c.name + " on " + table.str() + " " + list(c.columns);
  }
  std::string operator()(const model::UniqueConstraint& c) const {
    return "unique " + c.name + " on " + table.str() + " " + list(c.columns);
  }
  std::string operator()(const model::CheckConstraint& c) const {
    return "check " + c.name + " on " + table.str();
  }
  std::string operator()(const model::ForeignKey& c) const {
    return "foreign key " + c.name + " on " + table.str() + " " + list(c.columns) + " -> " +
           c.ref_table.str() + " " + list(c.ref_columns);
  }
  std::string operator()(const model::ExclusionConstraint& c) const {
    return "exclusion " + c.name + " on " + table.str();
  }
};

std::string identity_words(const std::optional<model::Identity>& i) {
  if (!i) return "none";
  return i->kind == model::IdentityKind::kAlways ? "always" : "by default";
}

struct Describer {
  std::string operator()(const CreateSchema& c) const { return "+ schema " + c.name; }
  std::string operator()(const DropSchema& c) const { return "- schema " + c.name; }
  std::string operator()(const CreateExtension& c) const {
    return "+ extension " + c.extension.name +
           (c.extension.version ? " version " + *c.extension.version : "");
  }
  std::string operator()(const DropExtension& c) const { return "- extension " + c.extension.name; }
  std::string operator()(const AlterExtension& c) const {
    return "~ extension " + c.name + ": version " + c.from_version + " -> " + c.to_version;
  }
  std::string operator()(const CreateEnum& c) const {
    return "+ enum " + c.name.str() + " " + list(c.type.labels);
  }
  std::string operator()(const DropEnum& c) const { return "- enum " + c.name.str(); }
  std::string operator()(const CreateDomain& c) const { return "+ domain " + c.name.str() + " " + c.domain.type; }
  std::string operator()(const DropDomain& c) const { return "- domain " + c.name.str(); }
  std::string operator()(const AlterDomain& c) const {
    std::string out = "~ domain " + c.name.str() + ":";
    if (c.default_expr)
      out += " default " + c.from.default_expr.value_or("none") + " -> " + c.to.default_expr.value_or("none");
    if (c.default_expr && c.nullable) out += ",";
    if (c.nullable) out += std::string(" nullable ") + (c.from.nullable ? "true" : "false") + " -> " +
                           (c.to.nullable ? "true" : "false");
    return out;
  }
  std::string operator()(const AddDomainCheck& c) const {
    return "~ domain " + c.domain.str() + ": + check " + c.name + " " + c.expression;
  }
  std::string operator()(const DropDomainCheck& c) const {
    return "~ domain " + c.domain.str() + ": - check " + c.name;
  }
  std::string operator()(const RenameEnum& c) const {
    return "~ enum " + c.from.str() + " renamed to " + c.to;
  }
  std::string operator()(const AddEnumLabel& c) const {
    std::string out = "~ enum " + c.type.str() + ": + label " + c.label;
    if (c.before) out += " before " + *c.before;
    if (c.after) out += " after " + *c.after;
    return out;
  }
  std::string operator()(const RenameEnumLabel& c) const {
    return "~ enum " + c.type.str() + ": label " + c.from + " renamed to " + c.to;
  }
  std::string operator()(const RecreateEnum& c) const {
    std::vector<std::string> around;
    for (const auto& v : c.dependents.views) around.push_back((v.view.materialized ? "materialized view " : "view ") + v.name.str());
    for (const auto& k : c.dependents.constraints) around.push_back(std::visit(ConstraintWords{k.table}, k.constraint));
    for (const auto& ix : c.dependents.indexes) around.push_back("index " + QualifiedName{ix.table.schema, ix.index.name}.str());
    for (const auto& g : c.dependents.generated) around.push_back("generated column " + column_path(g.table, g.column.name));
    std::string out = "~ enum " + c.type.str() + ": labels " + list(c.from_labels) + " -> " +
                      list(c.to_labels) + " (type recreated";
    if (!around.empty()) out += "; dropped and put back: " + list(around).substr(1, std::string::npos);
    else out += ")";
    return out;
  }
  std::string operator()(const CreateSequence& c) const { return "+ sequence " + c.name.str(); }
  std::string operator()(const DropSequence& c) const { return "- sequence " + c.name.str(); }
  std::string operator()(const RenameSequence& c) const {
    return "~ sequence " + c.from.str() + " renamed to " + c.to;
  }
  std::string operator()(const AlterSequence& c) const {
    std::string out = "~ sequence " + c.name.str() + ":";
    if (c.from.type != c.to.type) out += " type " + c.from.type + " -> " + c.to.type + ";";
    if (c.from.options != c.to.options) out += " options;";
    if (c.from.owned_by != c.to.owned_by)
      out += " owned by " + opt(c.from.owned_by) + " -> " + opt(c.to.owned_by) + ";";
    if (c.from.comment != c.to.comment) out += " comment;";
    out.pop_back();
    return out;
  }
  std::string operator()(const CreateTable& c) const { return "+ table " + c.name.str(); }
  std::string operator()(const DropTable& c) const { return "- table " + c.name.str(); }
  std::string operator()(const RenameTable& c) const {
    return "~ table " + c.from.str() + " renamed to " + c.to;
  }
  std::string operator()(const SetLogged& c) const {
    return "~ table " + c.table.str() + (c.logged ? ": set logged" : ": set unlogged");
  }
  std::string operator()(const SetSequenceLogged& c) const {
    return "~ sequence " + c.sequence.str() + " of column " + c.table.str() + "." + c.column +
           (c.logged ? ": set logged" : ": set unlogged");
  }
  std::string operator()(const AttachPartition& c) const {
    return "~ table " + c.table.str() + ": attach to " + c.partition.parent.str() + " " + c.partition.bound;
  }
  std::string operator()(const DetachPartition& c) const {
    return "~ table " + c.table.str() + ": detach from " + c.partition.parent.str();
  }
  std::string operator()(const AddInheritance& c) const {
    return "~ table " + c.table.str() + ": inherit from " + c.parent.str();
  }
  std::string operator()(const DropInheritance& c) const {
    return "~ table " + c.table.str() + ": no longer inherit from " + c.parent.str();
  }
  std::string operator()(const SetStorageParameters& c) const {
    return "~ table " + c.table.str() + ": storage parameters " + describe_storage_parameters(c.from) +
           " -> " + describe_storage_parameters(c.to);
  }
  std::string operator()(const SetReplicaIdentity& c) const {
    return "~ table " + c.table.str() + ": replica identity " + describe_replica_identity(c.from) +
           " -> " + describe_replica_identity(c.to);
  }
  std::string operator()(const SetColumnStorage& c) const {
    return "~ column " + column_path(c.table, c.to.name) + ": " + describe_column_storage(c.from, c.to);
  }
  std::string operator()(const ValidateConstraint& c) const {
    return "~ constraint " + constraint_name(c.constraint) + " on " + c.table.str() + ": validated";
  }
  std::string operator()(const InvalidateConstraint& c) const {
    return "~ constraint " + constraint_name(c.constraint) + " on " + c.table.str() +
           ": added again NOT VALID";
  }
  std::string operator()(const CreateCompositeType& c) const {
    std::vector<std::string> attributes;
    for (const auto& a : c.type.attributes) attributes.push_back(a.name + " " + a.type);
    return "+ composite type " + c.name.str() + " " + list(attributes);
  }
  std::string operator()(const DropCompositeType& c) const { return "- composite type " + c.name.str(); }
  std::string operator()(const AddAttribute& c) const {
    return "~ composite type " + c.type.str() + ": + attribute " + c.attribute.name + " " + c.attribute.type;
  }
  std::string operator()(const DropAttribute& c) const {
    return "~ composite type " + c.type.str() + ": - attribute " + c.attribute.name;
  }
  std::string operator()(const AlterAttribute& c) const {
    return "~ composite type " + c.type.str() + ": attribute " + c.to.name + " " + c.from.type +
           (c.from.collation ? " collate " + *c.from.collation : "") + " -> " + c.to.type +
           (c.to.collation ? " collate " + *c.to.collation : "");
  }
  std::string operator()(const CreateCollation& c) const {
    return "+ collation " + c.name.str() + " (" + c.collation.provider + ", " +
           c.collation.locale.value_or(c.collation.lc_collate.value_or("") + "/" + c.collation.lc_ctype.value_or("")) +
           (c.collation.deterministic ? "" : ", nondeterministic") + ")";
  }
  std::string operator()(const DropCollation& c) const { return "- collation " + c.name.str(); }
  std::string operator()(const CreateTextSearchConfig& c) const {
    return "+ text search configuration " + c.name.str() + " (parser " + c.config.parser + ")";
  }
  std::string operator()(const DropTextSearchConfig& c) const { return "- text search configuration " + c.name.str(); }
  std::string operator()(const AlterTextSearchMapping& c) const {
    return "~ text search configuration " + c.config.str() + ": mapping " + c.token + " " +
           (c.from.empty() ? "none" : list(c.from)) + " -> " + (c.to.empty() ? "none" : list(c.to));
  }
  std::string operator()(const RefreshMaterializedView& c) const {
    return "~ materialized view " + c.name.str() + (c.with_data ? ": refreshed" : ": emptied (WITH NO DATA)");
  }
  std::string operator()(const AddColumn& c) const {
    return "+ column " + column_path(c.table, c.column.name) + " " + c.column.type;
  }
  std::string operator()(const DropColumn& c) const {
    return "- column " + column_path(c.table, c.column.name);
  }
  std::string operator()(const RenameColumn& c) const {
    return "~ column " + column_path(c.table, c.from) + " renamed to " + c.to;
  }
  std::string operator()(const AlterColumn& c) const {
    std::vector<std::string> parts;
    const auto& d = c.delta;
    std::string base = model::serial_base_type(c.from.type);
    if (d.type && c.from.type != c.to.type && base == model::serial_base_type(c.to.type)) {
      // integer <-> serial: only the owned sequence and the default change.
      parts.push_back(c.from.type + " -> " + c.to.type + " (owned sequence and default; the type stays " +
                      base + ")");
    } else if (d.type) {
      std::string t = "type " + c.from.type + " -> " + c.to.type;
      if (c.from.collation != c.to.collation)
        t += ", collation " + opt(c.from.collation) + " -> " + opt(c.to.collation);
      parts.push_back(t);
    }
    if (d.default_expr)
      parts.push_back("default " + opt(c.from.default_expr) + " -> " + opt(c.to.default_expr));
    if (d.nullable) parts.push_back(c.to.nullable ? "NOT NULL dropped" : "NOT NULL set");
    if (d.identity)
      parts.push_back("identity " + identity_words(c.from.identity) + " -> " +
                      identity_words(c.to.identity) +
                      (c.from.identity && c.to.identity &&
                               c.from.identity->options != c.to.identity->options
                           ? " (options)"
                           : ""));
    if (d.drop_expression) parts.push_back("generated expression dropped");
    std::string out = "~ column " + column_path(c.table, c.to.name) + ": ";
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? "; " : "") + parts[i];
    return out;
  }
  std::string operator()(const RecreateColumn& c) const {
    return "~ column " + column_path(c.table, c.to.name) +
           ": dropped and re-added (generated expression " + opt(c.from.generated) + " -> " +
           opt(c.to.generated) + ")";
  }
  std::string operator()(const AddConstraint& c) const {
    return "+ " + std::visit(ConstraintWords{c.table}, c.constraint);
  }
  std::string operator()(const DropConstraint& c) const {
    return "- " + std::visit(ConstraintWords{c.table}, c.constraint);
  }
  std::string operator()(const RenameConstraint& c) const {
    return "~ constraint " + c.from + " on " + c.table.str() + " renamed to " + c.to;
  }
  std::string operator()(const CreateIndex& c) const {
    return std::string("+ ") + (c.index.unique ? "unique " : "") + "index " + c.table.schema +
           "." + c.index.name + " on " + c.table.str();
  }
  std::string operator()(const DropIndex& c) const {
    return "- index " + c.table.schema + "." + c.index.name + " on " + c.table.str() +
           (c.index.invalid ? " (INVALID: left by a failed CREATE INDEX CONCURRENTLY)" : "");
  }
  std::string operator()(const RenameIndex& c) const {
    return "~ index " + c.from.str() + " renamed to " + c.to;
  }
  std::string operator()(const CreateView& c) const {
    std::string out = std::string("+ ") + (c.view.materialized ? "materialized view " : "view ") + c.name.str();
    std::vector<std::string> back;
    auto count = [&](size_t n, const std::string& what) {
      if (n) back.push_back(std::to_string(n) + " " + what + (n > 1 ? "s" : ""));
    };
    count(c.view.grants.size(), "grant");
    count(c.view.column_comments.size(), "column comment");
    count(c.view.rules.size(), "rule");
    if (!back.empty()) {
      std::string l = list(back);
      out += " (put back: " + l.substr(1, l.size() - 2) + ")";
    }
    if (auto n = c.view.triggers.size())
      out += " (with " + std::to_string(n) + " trigger" + (n > 1 ? "s" : "") + ")";
    return out;
  }
  std::string operator()(const DropView& c) const {
    return std::string("- ") + (c.view.materialized ? "materialized view " : "view ") + c.name.str();
  }
  std::string operator()(const ReplaceView& c) const { return "~ view " + c.name.str() + " replaced"; }
  std::string operator()(const CreateFunction& c) const {
    return std::string("+ ") + (c.function.procedure ? "procedure " : "function ") + c.name.schema + "." +
           c.function.signature();
  }
  std::string operator()(const DropFunction& c) const {
    return std::string("- ") + (c.function.procedure ? "procedure " : "function ") + c.name.schema + "." +
           c.function.signature();
  }
  std::string operator()(const ReplaceFunction& c) const {
    return std::string("~ ") + (c.to.procedure ? "procedure " : "function ") + c.name.schema + "." +
           c.to.signature() + " replaced";
  }
  std::string operator()(const CreateAggregate& c) const {
    return "+ aggregate " + c.name.schema + "." + c.aggregate.signature();
  }
  std::string operator()(const DropAggregate& c) const {
    return "- aggregate " + c.name.schema + "." + c.aggregate.signature();
  }
  std::string operator()(const CreateTrigger& c) const {
    return "+ trigger " + c.trigger.name + " on " + c.table.str();
  }
  std::string operator()(const DropTrigger& c) const {
    return "- trigger " + c.trigger.name + " on " + c.table.str();
  }
  std::string operator()(const EnableTrigger& c) const {
    return "~ trigger " + c.trigger + " on " + c.table.str() + " enabled: " + c.from + " -> " + c.to;
  }
  std::string operator()(const SetRowSecurity& c) const {
    std::string what;
    if (c.from.enabled != c.to.enabled) what += c.to.enabled ? "enable" : "disable";
    if (c.from.forced != c.to.forced) what += std::string(what.empty() ? "" : ", ") + (c.to.forced ? "force" : "no force");
    return "~ table " + c.table.str() + ": " + what + " row level security";
  }
  std::string operator()(const CreatePolicy& c) const {
    return "+ policy " + c.policy.name + " on " + c.table.str();
  }
  std::string operator()(const DropPolicy& c) const {
    return "- policy " + c.policy.name + " on " + c.table.str();
  }
  std::string operator()(const AlterPolicy& c) const {
    std::string what;
    auto part = [&](bool changed, const char* name) {
      if (changed) what += std::string(what.empty() ? "" : ", ") + name;
    };
    part(c.from.roles != c.to.roles, "roles");
    part(c.from.using_expr != c.to.using_expr, "using");
    part(c.from.with_check_expr != c.to.with_check_expr, "with check");
    return "~ policy " + c.to.name + " on " + c.table.str() + ": " + what;
  }
  std::string operator()(const SetOwner& c) const {
    if (c.to.empty()) return "~ owner of " + access_target_text(c.target) + ": " + c.from + " (kept until the object goes)";
    return "~ owner of " + access_target_text(c.target) + ": " + c.to;
  }
  std::string operator()(const AlterPrivileges& c) const {
    auto text = [](const model::PrivilegeSet& s) {
      std::string out;
      for (const auto& [p, g] : s) out += (out.empty() ? "" : ", ") + p + (g ? " (grantable)" : "");
      return out.empty() ? std::string("none") : out;
    };
    return "~ privileges of " + c.grantee + " on " + access_target_text(c.target) + ": " +
           text(c.from) + " -> " + text(c.to);
  }
  std::string operator()(const SetComment& c) const {
    std::string what;
    switch (c.target) {
      case CommentTarget::kSchema: what = "schema " + c.object.schema; break;
      case CommentTarget::kTable: what = "table " + c.object.str(); break;
      case CommentTarget::kColumn: what = "column " + column_path(c.object, c.column); break;
      case CommentTarget::kIndex: what = "index " + c.object.str(); break;
      case CommentTarget::kView: what = "view " + c.object.str(); break;
      case CommentTarget::kMaterializedView: what = "materialized view " + c.object.str(); break;
      case CommentTarget::kType: what = "type " + c.object.str(); break;
      case CommentTarget::kSequence: what = "sequence " + c.object.str(); break;
      case CommentTarget::kDomain: what = "domain " + c.object.str(); break;
      case CommentTarget::kCollation: what = "collation " + c.object.str(); break;
      case CommentTarget::kTextSearchConfig: what = "text search configuration " + c.object.str(); break;
    }
    return std::string("~ comment on ") + what + (c.to ? "" : " removed");
  }
};

}  // namespace

std::string describe(const diff::Change& change) {
  // One line whatever names and labels hold, control characters shown as
  // escapes (a terminal or an editor never sees them raw).
  return sql::visible(std::visit(Describer{}, change));
}

}  // namespace strata::codegen
