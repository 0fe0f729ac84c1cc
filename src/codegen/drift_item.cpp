#include "codegen/drift_item.h"

#include "codegen/render.h"
#include "codegen/table_properties_sql.h"
#include "sql/text.h"

namespace strata::codegen {
namespace {

using namespace diff;
using Opt = std::optional<std::string>;

const Opt kNone = std::nullopt;
const Opt kPresent = std::string("present");

std::string column_of(const QualifiedName& t, const std::string& c) { return t.str() + "." + c; }
std::string in_schema(const QualifiedName& t, const std::string& name) { return t.schema + "." + name; }

struct ConstraintKind {
  std::string operator()(const model::PrimaryKey&) const { return "primary key"; }
  std::string operator()(const model::UniqueConstraint&) const { return "unique"; }
  std::string operator()(const model::CheckConstraint&) const { return "check"; }
  std::string operator()(const model::ForeignKey&) const { return "foreign key"; }
  std::string operator()(const model::ExclusionConstraint&) const { return "exclusion"; }
};

std::string nullability(bool nullable) { return nullable ? "null" : "not null"; }

Opt identity_of(const std::optional<model::Identity>& i) {
  if (!i) return kNone;
  return std::string(i->kind == model::IdentityKind::kAlways ? "always" : "by default");
}

struct Items {
  using Out = std::vector<DriftItem>;
  static DriftItem item(std::string object, std::string kind, Opt field, Opt current, Opt desired) {
    return DriftItem{{}, std::move(object), std::move(kind), std::move(field), std::move(current),
                     std::move(desired)};
  }
  static Out one(std::string object, std::string kind, Opt field, Opt current, Opt desired) {
    return {item(std::move(object), std::move(kind), std::move(field), std::move(current), std::move(desired))};
  }

  Out operator()(const CreateSchema& c) const { return one(c.name, "schema", kNone, kNone, kPresent); }
  Out operator()(const DropSchema& c) const { return one(c.name, "schema", kNone, kPresent, kNone); }
  Out operator()(const CreateExtension& c) const {
    return one(c.extension.name, "extension", kNone, kNone, c.extension.version ? c.extension.version : kPresent);
  }
  Out operator()(const DropExtension& c) const {
    return one(c.extension.name, "extension", kNone, c.extension.version ? c.extension.version : kPresent, kNone);
  }
  Out operator()(const AlterExtension& c) const {
    return one(c.name, "extension", "version", c.from_version, c.to_version);
  }
  Out operator()(const CreateEnum& c) const { return one(c.name.str(), "enum", kNone, kNone, sql::join(c.type.labels)); }
  Out operator()(const DropEnum& c) const { return one(c.name.str(), "enum", kNone, sql::join(c.type.labels), kNone); }
  Out operator()(const CreateDomain& c) const { return one(c.name.str(), "domain", kNone, kNone, c.domain.type); }
  Out operator()(const DropDomain& c) const { return one(c.name.str(), "domain", kNone, c.domain.type, kNone); }
  Out operator()(const AlterDomain& c) const {
    Out out;
    if (c.default_expr) out.push_back(item(c.name.str(), "domain", "default", c.from.default_expr, c.to.default_expr));
    if (c.nullable)
      out.push_back(item(c.name.str(), "domain", "nullable", c.from.nullable ? "true" : "false",
                         c.to.nullable ? "true" : "false"));
    return out;
  }
  Out operator()(const AddDomainCheck& c) const {
    return one(c.domain.str() + "." + c.name, "domain check", kNone, kNone, c.expression);
  }
  Out operator()(const DropDomainCheck& c) const {
    return one(c.domain.str() + "." + c.name, "domain check", kNone, c.expression, kNone);
  }
  Out operator()(const RenameEnum& c) const { return one(c.from.str(), "enum", "name", c.from.name, c.to); }
  Out operator()(const AddEnumLabel& c) const {
    std::vector<std::string> after = c.labels_before;
    auto at = after.end();
    for (auto it = after.begin(); it != after.end(); ++it) {
      if (c.before && *it == *c.before) at = it;
      if (c.after && *it == *c.after) at = it + 1;
    }
    after.insert(at, c.label);
    return one(c.type.str(), "enum", "labels", sql::join(c.labels_before), sql::join(after));
  }
  Out operator()(const RenameEnumLabel& c) const { return one(c.type.str(), "enum", "label", c.from, c.to); }
  Out operator()(const RecreateEnum& c) const {
    return one(c.type.str(), "enum", "labels", sql::join(c.from_labels), sql::join(c.to_labels));
  }
  Out operator()(const CreateSequence& c) const { return one(c.name.str(), "sequence", kNone, kNone, c.sequence.type); }
  Out operator()(const DropSequence& c) const { return one(c.name.str(), "sequence", kNone, c.sequence.type, kNone); }
  Out operator()(const RenameSequence& c) const { return one(c.from.str(), "sequence", "name", c.from.name, c.to); }
  Out operator()(const AlterSequence& c) const {
    Out out;
    std::string o = c.name.str();
    if (c.from.type != c.to.type) out.push_back(item(o, "sequence", "type", c.from.type, c.to.type));
    if (c.from.options != c.to.options) out.push_back(item(o, "sequence", "options", kNone, kNone));
    if (c.from.owned_by != c.to.owned_by) out.push_back(item(o, "sequence", "owned_by", c.from.owned_by, c.to.owned_by));
    if (c.from.comment != c.to.comment) out.push_back(item(o, "sequence", "comment", c.from.comment, c.to.comment));
    if (out.empty()) out.push_back(item(o, "sequence", kNone, kPresent, kPresent));
    return out;
  }
  Out operator()(const CreateTable& c) const { return one(c.name.str(), "table", kNone, kNone, kPresent); }
  Out operator()(const DropTable& c) const { return one(c.name.str(), "table", kNone, kPresent, kNone); }
  Out operator()(const RenameTable& c) const { return one(c.from.str(), "table", "name", c.from.name, c.to); }
  Out operator()(const SetLogged& c) const {
    return one(c.table.str(), "table", "logged", c.logged ? "false" : "true", c.logged ? "true" : "false");
  }
  Out operator()(const SetSequenceLogged& c) const {
    return one(c.table.str() + "." + c.column, "column", "sequence_logged", c.logged ? "false" : "true",
               c.logged ? "true" : "false");
  }
  Out operator()(const AttachPartition& c) const {
    return one(c.table.str(), "table", "partition_of", kNone, c.partition.parent.str() + " " + c.partition.bound);
  }
  Out operator()(const DetachPartition& c) const {
    return one(c.table.str(), "table", "partition_of", c.partition.parent.str() + " " + c.partition.bound, kNone);
  }
  Out operator()(const AddInheritance& c) const {
    return one(c.table.str(), "table", "inherits", kNone, c.parent.str());
  }
  Out operator()(const DropInheritance& c) const {
    return one(c.table.str(), "table", "inherits", c.parent.str(), kNone);
  }
  Out operator()(const SetStorageParameters& c) const {
    return one(c.table.str(), "table", "storage_parameters", describe_storage_parameters(c.from),
               describe_storage_parameters(c.to));
  }
  Out operator()(const SetReplicaIdentity& c) const {
    return one(c.table.str(), "table", "replica_identity", describe_replica_identity(c.from),
               describe_replica_identity(c.to));
  }
  Out operator()(const SetColumnStorage& c) const {
    return one(column_of(c.table, c.to.name), "column", "storage", describe_column_storage(c.from, c.to), kNone);
  }
  Out operator()(const ValidateConstraint& c) const {
    return one(in_schema(c.table, constraint_name(c.constraint)), std::visit(ConstraintKind{}, c.constraint),
               "not_valid", "true", "false");
  }
  Out operator()(const InvalidateConstraint& c) const {
    return one(in_schema(c.table, constraint_name(c.constraint)), std::visit(ConstraintKind{}, c.constraint),
               "not_valid", "false", "true");
  }
  Out operator()(const CreateCompositeType& c) const {
    std::vector<std::string> attributes;
    for (const auto& a : c.type.attributes) attributes.push_back(a.name + " " + a.type);
    return one(c.name.str(), "composite type", kNone, kNone, sql::join(attributes));
  }
  Out operator()(const DropCompositeType& c) const {
    std::vector<std::string> attributes;
    for (const auto& a : c.type.attributes) attributes.push_back(a.name + " " + a.type);
    return one(c.name.str(), "composite type", kNone, sql::join(attributes), kNone);
  }
  Out operator()(const AddAttribute& c) const {
    return one(c.type.str() + "." + c.attribute.name, "attribute", kNone, kNone, c.attribute.type);
  }
  Out operator()(const DropAttribute& c) const {
    return one(c.type.str() + "." + c.attribute.name, "attribute", kNone, c.attribute.type, kNone);
  }
  Out operator()(const AlterAttribute& c) const {
    Out out;
    std::string object = c.type.str() + "." + c.to.name;
    if (c.from.type != c.to.type) out.push_back(item(object, "attribute", "type", c.from.type, c.to.type));
    if (c.from.collation != c.to.collation)
      out.push_back(item(object, "attribute", "collation", c.from.collation, c.to.collation));
    return out;
  }
  Out operator()(const CreateCollation& c) const {
    return one(c.name.str(), "collation", kNone, kNone, c.collation.provider);
  }
  Out operator()(const DropCollation& c) const {
    return one(c.name.str(), "collation", kNone, c.collation.provider, kNone);
  }
  Out operator()(const CreateTextSearchConfig& c) const {
    return one(c.name.str(), "text search configuration", kNone, kNone, c.config.parser);
  }
  Out operator()(const DropTextSearchConfig& c) const {
    return one(c.name.str(), "text search configuration", kNone, c.config.parser, kNone);
  }
  Out operator()(const AlterTextSearchMapping& c) const {
    auto text = [](const std::vector<std::string>& d) { return d.empty() ? kNone : Opt(sql::join(d)); };
    return one(c.config.str(), "text search configuration", "mapping " + c.token, text(c.from), text(c.to));
  }
  Out operator()(const RefreshMaterializedView& c) const {
    return one(c.name.str(), "materialized view", "with_no_data", c.with_data ? "true" : "false",
               c.with_data ? "false" : "true");
  }
  Out operator()(const AddColumn& c) const {
    return one(column_of(c.table, c.column.name), "column", kNone, kNone, c.column.type);
  }
  Out operator()(const DropColumn& c) const {
    return one(column_of(c.table, c.column.name), "column", kNone, c.column.type, kNone);
  }
  Out operator()(const RenameColumn& c) const { return one(column_of(c.table, c.from), "column", "name", c.from, c.to); }
  Out operator()(const AlterColumn& c) const {
    Out out;
    std::string o = column_of(c.table, c.to.name);
    const auto& d = c.delta;
    if (d.type) {
      out.push_back(item(o, "column", "type", c.from.type, c.to.type));
      if (c.from.collation != c.to.collation)
        out.push_back(item(o, "column", "collation", c.from.collation, c.to.collation));
    }
    if (d.default_expr) out.push_back(item(o, "column", "default", c.from.default_expr, c.to.default_expr));
    if (d.nullable) out.push_back(item(o, "column", "nullable", nullability(c.from.nullable), nullability(c.to.nullable)));
    if (d.identity) out.push_back(item(o, "column", "identity", identity_of(c.from.identity), identity_of(c.to.identity)));
    if (d.drop_expression) out.push_back(item(o, "column", "generated", c.from.generated, kNone));
    if (out.empty()) out.push_back(item(o, "column", kNone, c.from.type, c.to.type));
    return out;
  }
  Out operator()(const RecreateColumn& c) const {
    return one(column_of(c.table, c.to.name), "column", "generated", c.from.generated, c.to.generated);
  }
  Out operator()(const AddConstraint& c) const {
    return one(in_schema(c.table, constraint_name(c.constraint)), std::visit(ConstraintKind{}, c.constraint), kNone,
               kNone, kPresent);
  }
  Out operator()(const DropConstraint& c) const {
    return one(in_schema(c.table, constraint_name(c.constraint)), std::visit(ConstraintKind{}, c.constraint), kNone,
               kPresent, kNone);
  }
  Out operator()(const RenameConstraint& c) const {
    return one(in_schema(c.table, c.from), "constraint", "name", c.from, c.to);
  }
  Out operator()(const CreateIndex& c) const { return one(in_schema(c.table, c.index.name), "index", kNone, kNone, kPresent); }
  Out operator()(const DropIndex& c) const {
    return one(in_schema(c.table, c.index.name), "index", kNone, c.index.invalid ? "invalid" : "present", kNone);
  }
  Out operator()(const RenameIndex& c) const { return one(c.from.str(), "index", "name", c.from.name, c.to); }
  static std::string view_kind(const model::View& v) { return v.materialized ? "materialized view" : "view"; }
  Out operator()(const CreateView& c) const { return one(c.name.str(), view_kind(c.view), kNone, kNone, kPresent); }
  Out operator()(const DropView& c) const { return one(c.name.str(), view_kind(c.view), kNone, kPresent, kNone); }
  Out operator()(const ReplaceView& c) const {
    return one(c.name.str(), view_kind(c.to), "query", c.from.query, c.to.query);
  }
  Out operator()(const CreateFunction& c) const {
    return one(c.name.schema + "." + c.function.signature(), c.function.procedure ? "procedure" : "function",
               kNone, kNone, kPresent);
  }
  Out operator()(const DropFunction& c) const {
    return one(c.name.schema + "." + c.function.signature(), c.function.procedure ? "procedure" : "function",
               kNone, kPresent, kNone);
  }
  Out operator()(const ReplaceFunction& c) const {
    return one(c.name.schema + "." + c.to.signature(), c.to.procedure ? "procedure" : "function", "definition",
               c.from.body, c.to.body);
  }
  Out operator()(const CreateAggregate& c) const {
    return one(c.name.schema + "." + c.aggregate.signature(), "aggregate", kNone, kNone, kPresent);
  }
  Out operator()(const DropAggregate& c) const {
    return one(c.name.schema + "." + c.aggregate.signature(), "aggregate", kNone, kPresent, kNone);
  }
  Out operator()(const CreateTrigger& c) const {
    return one(c.table.str() + "." + c.trigger.name, "trigger", kNone, kNone, kPresent);
  }
  Out operator()(const DropTrigger& c) const {
    return one(c.table.str() + "." + c.trigger.name, "trigger", kNone, kPresent, kNone);
  }
  Out operator()(const EnableTrigger& c) const {
    return one(c.table.str() + "." + c.trigger, "trigger", "enabled", c.from, c.to);
  }
  Out operator()(const SetRowSecurity& c) const {
    auto text = [](const model::RowSecurity& r) {
      return std::string(r.enabled ? "enabled" : "disabled") + (r.forced ? ", forced" : "");
    };
    return one(c.table.str(), "table", "row_level_security", text(c.from), text(c.to));
  }
  Out operator()(const CreatePolicy& c) const {
    return one(c.table.str() + "." + c.policy.name, "policy", kNone, kNone, kPresent);
  }
  Out operator()(const DropPolicy& c) const {
    return one(c.table.str() + "." + c.policy.name, "policy", kNone, kPresent, kNone);
  }
  Out operator()(const AlterPolicy& c) const {
    return one(c.table.str() + "." + c.to.name, "policy", "definition",
               c.from.using_expr.value_or("") + " / " + c.from.with_check_expr.value_or(""),
               c.to.using_expr.value_or("") + " / " + c.to.with_check_expr.value_or(""));
  }
  Out operator()(const SetOwner& c) const {
    return one(c.target.name.str(), "owner", "owner", c.from.empty() ? kNone : Opt(c.from), c.to);
  }
  Out operator()(const AlterPrivileges& c) const {
    auto text = [](const model::PrivilegeSet& s) -> Opt {
      if (s.empty()) return kNone;
      std::string out;
      for (const auto& [p, g] : s) out += (out.empty() ? "" : ", ") + p + (g ? " WITH GRANT OPTION" : "");
      return out;
    };
    return one(c.target.name.str(), "privileges", c.grantee, text(c.from), text(c.to));
  }
  Out operator()(const SetComment& c) const {
    std::string object = c.object.str();
    std::string kind;
    switch (c.target) {
      case CommentTarget::kSchema: object = c.object.schema; kind = "schema"; break;
      case CommentTarget::kTable: kind = "table"; break;
      case CommentTarget::kColumn: object = column_of(c.object, c.column); kind = "column"; break;
      case CommentTarget::kIndex: kind = "index"; break;
      case CommentTarget::kView: kind = "view"; break;
      case CommentTarget::kMaterializedView: kind = "materialized view"; break;
      case CommentTarget::kType: kind = "enum"; break;
      case CommentTarget::kSequence: kind = "sequence"; break;
      case CommentTarget::kDomain: kind = "domain"; break;
      case CommentTarget::kCollation: kind = "collation"; break;
      case CommentTarget::kTextSearchConfig: kind = "text search configuration"; break;
    }
    return one(object, kind, "comment", c.from, c.to);
  }
};

nlohmann::json or_null(const Opt& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

}  // namespace

void to_json(nlohmann::json& j, const DriftItem& d) {
  j = nlohmann::json{{"change", d.change},          {"object", d.object},
                     {"kind", d.kind},              {"field", or_null(d.field)},
                     {"current", or_null(d.current)}, {"desired", or_null(d.desired)}};
}

std::vector<DriftItem> drift_items(const diff::Change& change) {
  std::vector<DriftItem> items = std::visit(Items{}, change);
  std::string line = describe(change);
  for (auto& i : items) i.change = line;
  return items;
}

}  // namespace strata::codegen
