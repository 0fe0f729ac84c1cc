#include "app/drift_report.h"

#include "codegen/render.h"

namespace strata::app {
namespace {

using diff::QualifiedName;

struct ConstraintKey {
  const QualifiedName& table;
  const model::SourceMap& where;
  Location operator()(const model::PrimaryKey&) const { return where.find("pk", table.schema, table.name); }
  Location operator()(const model::UniqueConstraint& c) const { return where.find("uq", table.schema, table.name, c.name); }
  Location operator()(const model::CheckConstraint& c) const {
    return where.find("check", table.schema, table.name, c.name);
  }
  Location operator()(const model::ForeignKey& c) const { return where.find("fk", table.schema, table.name, c.name); }
  Location operator()(const model::ExclusionConstraint& c) const {
    return where.find("excl", table.schema, table.name, c.name);
  }
};

Location first_known(std::initializer_list<Location> candidates) {
  for (const auto& l : candidates)
    if (!l.file.empty()) return l;
  return {};
}

struct Declared {
  const model::SourceMap& where;

  Location table(const QualifiedName& t) const { return where.find("table", t.schema, t.name); }
  Location column(const QualifiedName& t, const std::string& c) const {
    return first_known({where.find("column", t.schema, t.name, c), table(t)});
  }
  Location relation(const QualifiedName& t) const {
    return first_known({table(t), where.find("view", t.schema, t.name)});
  }

  Location operator()(const diff::CreateSchema& c) const { return where.find("ns", c.name); }
  Location operator()(const diff::DropSchema&) const { return {}; }
  Location operator()(const diff::CreateExtension& c) const { return where.find("ext", c.extension.name); }
  Location operator()(const diff::DropExtension&) const { return {}; }
  Location operator()(const diff::AlterExtension& c) const { return where.find("ext", c.name); }
  Location operator()(const diff::CreateEnum& c) const { return where.find("enum", c.name.schema, c.name.name); }
  Location operator()(const diff::DropEnum&) const { return {}; }
  Location operator()(const diff::CreateDomain& c) const { return where.find("domain", c.name.schema, c.name.name); }
  Location operator()(const diff::DropDomain&) const { return {}; }
  Location operator()(const diff::AlterDomain& c) const { return where.find("domain", c.name.schema, c.name.name); }
  Location operator()(const diff::AddDomainCheck& c) const { return where.find("domain", c.domain.schema, c.domain.name); }
  Location operator()(const diff::DropDomainCheck& c) const { return where.find("domain", c.domain.schema, c.domain.name); }
  Location operator()(const diff::RenameEnum& c) const { return where.find("enum", c.from.schema, c.to); }
  Location operator()(const diff::AddEnumLabel& c) const { return where.find("enum", c.type.schema, c.type.name); }
  Location operator()(const diff::RenameEnumLabel& c) const { return where.find("enum", c.type.schema, c.type.name); }
  Location operator()(const diff::RecreateEnum& c) const { return where.find("enum", c.type.schema, c.type.name); }
  Location operator()(const diff::CreateSequence& c) const { return where.find("seq", c.name.schema, c.name.name); }
  Location operator()(const diff::DropSequence&) const { return {}; }
  Location operator()(const diff::RenameSequence& c) const { return where.find("seq", c.from.schema, c.to); }
  Location operator()(const diff::AlterSequence& c) const { return where.find("seq", c.name.schema, c.name.name); }
  Location operator()(const diff::CreateTable& c) const { return table(c.name); }
  Location operator()(const diff::DropTable&) const { return {}; }
  Location operator()(const diff::RenameTable& c) const { return table({c.from.schema, c.to}); }
  Location operator()(const diff::SetLogged& c) const { return table(c.table); }
  Location operator()(const diff::SetSequenceLogged& c) const { return column(c.table, c.column); }
  Location operator()(const diff::AttachPartition& c) const { return table(c.table); }
  Location operator()(const diff::DetachPartition& c) const { return table(c.table); }
  Location operator()(const diff::AddInheritance& c) const { return table(c.table); }
  Location operator()(const diff::DropInheritance& c) const { return table(c.table); }
  Location operator()(const diff::SetStorageParameters& c) const { return table(c.table); }
  Location operator()(const diff::SetReplicaIdentity& c) const { return table(c.table); }
  Location operator()(const diff::SetColumnStorage& c) const { return column(c.table, c.to.name); }
  Location operator()(const diff::ValidateConstraint& c) const { return table(c.table); }
  Location operator()(const diff::InvalidateConstraint& c) const { return table(c.table); }
  Location operator()(const diff::CreateCompositeType& c) const { return where.find("composite", c.name.schema, c.name.name); }
  Location operator()(const diff::DropCompositeType&) const { return {}; }
  Location operator()(const diff::AddAttribute& c) const {
    return where.find("attribute", c.type.schema, c.type.name, c.attribute.name);
  }
  Location operator()(const diff::DropAttribute& c) const { return where.find("composite", c.type.schema, c.type.name); }
  Location operator()(const diff::AlterAttribute& c) const {
    return where.find("attribute", c.type.schema, c.type.name, c.to.name);
  }
  Location operator()(const diff::CreateCollation& c) const { return where.find("collation", c.name.schema, c.name.name); }
  Location operator()(const diff::DropCollation&) const { return {}; }
  Location operator()(const diff::CreateTextSearchConfig& c) const {
    return where.find("ts_config", c.name.schema, c.name.name);
  }
  Location operator()(const diff::DropTextSearchConfig&) const { return {}; }
  Location operator()(const diff::AlterTextSearchMapping& c) const {
    return where.find("ts_config", c.config.schema, c.config.name);
  }
  Location operator()(const diff::RefreshMaterializedView& c) const {
    return where.find("view", c.name.schema, c.name.name);
  }
  Location operator()(const diff::AddColumn& c) const { return column(c.table, c.column.name); }
  Location operator()(const diff::DropColumn& c) const { return table(c.table); }
  Location operator()(const diff::RenameColumn& c) const { return column(c.table, c.to); }
  Location operator()(const diff::AlterColumn& c) const { return column(c.table, c.to.name); }
  Location operator()(const diff::RecreateColumn& c) const { return column(c.table, c.to.name); }
  Location operator()(const diff::AddConstraint& c) const {
    return first_known({std::visit(ConstraintKey{c.table, where}, c.constraint), table(c.table)});
  }
  Location operator()(const diff::DropConstraint& c) const { return table(c.table); }
  Location operator()(const diff::RenameConstraint& c) const { return table(c.table); }
  Location operator()(const diff::CreateIndex& c) const {
    return first_known({where.find("idx", c.table.schema, c.index.name), relation(c.table)});
  }
  Location operator()(const diff::DropIndex& c) const { return relation(c.table); }
  Location operator()(const diff::RenameIndex& c) const { return where.find("idx", c.from.schema, c.to); }
  Location operator()(const diff::CreateView& c) const { return where.find("view", c.name.schema, c.name.name); }
  Location operator()(const diff::DropView&) const { return {}; }
  Location operator()(const diff::ReplaceView& c) const { return where.find("view", c.name.schema, c.name.name); }
  Location operator()(const diff::CreateFunction& c) const {
    return where.find("function", c.name.schema, c.function.signature());
  }
  Location operator()(const diff::DropFunction&) const { return {}; }
  Location operator()(const diff::ReplaceFunction& c) const {
    return where.find("function", c.name.schema, c.to.signature());
  }
  Location operator()(const diff::CreateAggregate& c) const {
    return where.find("aggregate", c.name.schema, c.aggregate.signature());
  }
  Location operator()(const diff::DropAggregate&) const { return {}; }
  Location operator()(const diff::CreateTrigger& c) const { return table(c.table); }
  Location operator()(const diff::DropTrigger& c) const { return table(c.table); }
  Location operator()(const diff::EnableTrigger& c) const { return table(c.table); }
  Location operator()(const diff::SetRowSecurity& c) const { return table(c.table); }
  Location operator()(const diff::CreatePolicy& c) const { return policy(c.table, c.policy.name); }
  Location operator()(const diff::DropPolicy& c) const { return table(c.table); }
  Location operator()(const diff::AlterPolicy& c) const { return policy(c.table, c.to.name); }
  Location policy(const model::QualifiedName& t, const std::string& name) const {
    return first_known({where.find("policy", t.schema, t.name, name), table(t)});
  }
  Location access(const diff::AccessTarget& t) const {
    switch (t.kind) {
      case diff::AccessKind::kSchema: return where.find("ns", t.name.schema);
      case diff::AccessKind::kTable: return table(t.name);
      case diff::AccessKind::kView:
      case diff::AccessKind::kMaterializedView: return where.find("view", t.name.schema, t.name.name);
      case diff::AccessKind::kSequence: return where.find("seq", t.name.schema, t.name.name);
      case diff::AccessKind::kType: return where.find("enum", t.name.schema, t.name.name);
      case diff::AccessKind::kFunction: break;
    }
    return {};
  }
  Location operator()(const diff::SetOwner& c) const { return access(c.target); }
  Location operator()(const diff::AlterPrivileges& c) const { return access(c.target); }
  Location operator()(const diff::SetComment& c) const {
    switch (c.target) {
      case diff::CommentTarget::kSchema: return where.find("ns", c.object.schema);
      case diff::CommentTarget::kColumn: return column(c.object, c.column);
      case diff::CommentTarget::kIndex: return where.find("idx", c.object.schema, c.object.name);
      case diff::CommentTarget::kView:
      case diff::CommentTarget::kMaterializedView: return where.find("view", c.object.schema, c.object.name);
      case diff::CommentTarget::kType:
        return first_known({where.find("enum", c.object.schema, c.object.name),
                            where.find("composite", c.object.schema, c.object.name)});
      case diff::CommentTarget::kSequence: return where.find("seq", c.object.schema, c.object.name);
      case diff::CommentTarget::kDomain: return where.find("domain", c.object.schema, c.object.name);
      case diff::CommentTarget::kCollation: return where.find("collation", c.object.schema, c.object.name);
      case diff::CommentTarget::kTextSearchConfig: return where.find("ts_config", c.object.schema, c.object.name);
      case diff::CommentTarget::kTable: break;
    }
    return table(c.object);
  }
};

}  // namespace

Location declared_at(const diff::Change& change, const model::SourceMap& where) {
  return std::visit(Declared{where}, change);
}

std::vector<codegen::DriftItem> drift_items(const diff::Plan& plan) {
  std::vector<codegen::DriftItem> out;
  for (const auto& step : plan.steps)
    for (auto& item : codegen::drift_items(step.change)) out.push_back(std::move(item));
  return out;
}

std::vector<Problem> drift_problems(const diff::Plan& plan, const model::SourceMap& where, bool revisions_pending) {
  std::vector<Problem> out;
  for (const auto& step : plan.steps) {
    Problem p;
    p.kind = "drift";
    p.message = "the database differs from the models: " + codegen::describe(step.change) +
                (revisions_pending ? " (revisions are pending: apply them, then check again)"
                                   : " (run `strata create` to write a revision for it)");
    Location at = declared_at(step.change, where);
    p.file = at.file;
    p.line = at.line;
    p.column = at.column;
    p.drift = codegen::drift_items(step.change);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace strata::app
