#include "diff/inverse.h"

#include <algorithm>

namespace strata::diff {
namespace {

QualifiedName renamed(const QualifiedName& q, const std::string& to) { return {q.schema, to}; }

struct Inverter {
  Change operator()(const CreateSchema& c) const { return DropSchema{c.name, c.comment}; }
  Change operator()(const DropSchema& c) const { return CreateSchema{c.name, c.comment}; }
  Change operator()(const CreateExtension& c) const { return DropExtension{c.extension}; }
  Change operator()(const DropExtension& c) const { return CreateExtension{c.extension}; }
  Change operator()(const AlterExtension& c) const {
    return AlterExtension{c.name, c.to_version, c.from_version, c.schema};
  }
  Change operator()(const CreateEnum& c) const { return DropEnum{c.name, c.type}; }
  Change operator()(const DropEnum& c) const { return CreateEnum{c.name, c.type}; }
  Change operator()(const CreateDomain& c) const { return DropDomain{c.name, c.domain}; }
  Change operator()(const DropDomain& c) const { return CreateDomain{c.name, c.domain}; }
  Change operator()(const AlterDomain& c) const {
    return AlterDomain{c.name, c.to, c.from, c.default_expr, c.nullable};
  }
  Change operator()(const AddDomainCheck& c) const { return DropDomainCheck{c.domain, c.name, c.expression}; }
  Change operator()(const DropDomainCheck& c) const { return AddDomainCheck{c.domain, c.name, c.expression}; }
  Change operator()(const RenameEnum& c) const {
    return RenameEnum{renamed(c.from, c.to), c.from.name};
  }
  Change operator()(const AddEnumLabel& c) const {
    std::vector<std::string> after = c.labels_before;
    auto pos = after.end();
    if (c.before) pos = std::find(after.begin(), after.end(), *c.before);
    if (c.after) {
      pos = std::find(after.begin(), after.end(), *c.after);
      if (pos != after.end()) ++pos;
    }
    after.insert(pos, c.label);
    return RecreateEnum{c.type, after, c.labels_before, c.uses, c.dependents};
  }
  Change operator()(const RenameEnumLabel& c) const {
    return RenameEnumLabel{c.type, c.to, c.from};
  }
  Change operator()(const RecreateEnum& c) const {
    return RecreateEnum{c.type, c.to_labels, c.from_labels, c.uses, c.dependents};
  }
  Change operator()(const CreateSequence& c) const { return DropSequence{c.name, c.sequence}; }
  Change operator()(const DropSequence& c) const { return CreateSequence{c.name, c.sequence}; }
  Change operator()(const RenameSequence& c) const {
    return RenameSequence{renamed(c.from, c.to), c.from.name};
  }
  Change operator()(const AlterSequence& c) const { return AlterSequence{c.name, c.to, c.from}; }
  Change operator()(const CreateTable& c) const { return DropTable{c.name, c.table}; }
  Change operator()(const DropTable& c) const { return CreateTable{c.name, c.table}; }
  Change operator()(const RenameTable& c) const {
    return RenameTable{renamed(c.from, c.to), c.from.name};
  }
  Change operator()(const SetLogged& c) const { return SetLogged{c.table, !c.logged}; }
  Change operator()(const SetSequenceLogged& c) const {
    return SetSequenceLogged{c.table, c.column, c.sequence, !c.logged};
  }
  Change operator()(const AttachPartition& c) const { return DetachPartition{c.table, c.partition}; }
  Change operator()(const DetachPartition& c) const { return AttachPartition{c.table, c.partition}; }
  Change operator()(const AddInheritance& c) const { return DropInheritance{c.table, c.parent}; }
  Change operator()(const DropInheritance& c) const { return AddInheritance{c.table, c.parent}; }
  Change operator()(const SetStorageParameters& c) const {
    return SetStorageParameters{c.table, c.to, c.from};
  }
  Change operator()(const SetReplicaIdentity& c) const {
    return SetReplicaIdentity{c.table, c.to, c.from};
  }
  Change operator()(const SetColumnStorage& c) const { return SetColumnStorage{c.table, c.to, c.from}; }
  Change operator()(const ValidateConstraint& c) const {
    return InvalidateConstraint{c.table, c.constraint};
  }
  Change operator()(const InvalidateConstraint& c) const {
    return ValidateConstraint{c.table, c.constraint};
  }
  Change operator()(const RefreshMaterializedView& c) const {
    return RefreshMaterializedView{c.name, !c.with_data};
  }
  Change operator()(const CreateCompositeType& c) const { return DropCompositeType{c.name, c.type}; }
  Change operator()(const DropCompositeType& c) const { return CreateCompositeType{c.name, c.type}; }
  Change operator()(const AddAttribute& c) const { return DropAttribute{c.type, c.attribute}; }
  Change operator()(const DropAttribute& c) const { return AddAttribute{c.type, c.attribute}; }
  Change operator()(const AlterAttribute& c) const { return AlterAttribute{c.type, c.to, c.from}; }
  Change operator()(const CreateCollation& c) const { return DropCollation{c.name, c.collation}; }
  Change operator()(const DropCollation& c) const { return CreateCollation{c.name, c.collation}; }
  Change operator()(const CreateTextSearchConfig& c) const { return DropTextSearchConfig{c.name, c.config}; }
  Change operator()(const DropTextSearchConfig& c) const { return CreateTextSearchConfig{c.name, c.config}; }
  Change operator()(const AlterTextSearchMapping& c) const {
    return AlterTextSearchMapping{c.config, c.token, c.to, c.from};
  }
  Change operator()(const AddColumn& c) const { return DropColumn{c.table, c.column}; }
  Change operator()(const DropColumn& c) const { return AddColumn{c.table, c.column}; }
  Change operator()(const RenameColumn& c) const { return RenameColumn{c.table, c.to, c.from}; }
  Change operator()(const AlterColumn& c) const {
    // A generated expression cannot be put back in place.
    if (c.delta.drop_expression) return RecreateColumn{c.table, c.to, c.from};
    return AlterColumn{c.table, c.to, c.from, c.delta};
  }
  Change operator()(const RecreateColumn& c) const {
    return RecreateColumn{c.table, c.to, c.from};
  }
  Change operator()(const AddConstraint& c) const { return DropConstraint{c.table, c.constraint}; }
  Change operator()(const DropConstraint& c) const { return AddConstraint{c.table, c.constraint}; }
  Change operator()(const RenameConstraint& c) const {
    return RenameConstraint{c.table, c.to, c.from};
  }
  Change operator()(const CreateIndex& c) const { return DropIndex{c.table, c.index}; }
  // An invalid index dropped for repair comes back built, hence valid.
  Change operator()(const DropIndex& c) const {
    model::Index ix = c.index;
    ix.invalid = false;
    return CreateIndex{c.table, ix};
  }
  Change operator()(const RenameIndex& c) const {
    return RenameIndex{renamed(c.from, c.to), c.from.name};
  }
  Change operator()(const CreateView& c) const { return DropView{c.name, c.view}; }
  Change operator()(const DropView& c) const { return CreateView{c.name, c.view}; }
  Change operator()(const ReplaceView& c) const { return ReplaceView{c.name, c.to, c.from}; }
  Change operator()(const CreateFunction& c) const { return DropFunction{c.name, c.function}; }
  Change operator()(const DropFunction& c) const { return CreateFunction{c.name, c.function}; }
  Change operator()(const ReplaceFunction& c) const { return ReplaceFunction{c.name, c.to, c.from}; }
  Change operator()(const CreateAggregate& c) const { return DropAggregate{c.name, c.aggregate}; }
  Change operator()(const DropAggregate& c) const { return CreateAggregate{c.name, c.aggregate}; }
  Change operator()(const CreateTrigger& c) const { return DropTrigger{c.table, c.trigger}; }
  Change operator()(const DropTrigger& c) const { return CreateTrigger{c.table, c.trigger}; }
  Change operator()(const EnableTrigger& c) const {
    return EnableTrigger{c.table, c.trigger, c.to, c.from};
  }
  Change operator()(const SetRowSecurity& c) const { return SetRowSecurity{c.table, c.to, c.from}; }
  Change operator()(const CreatePolicy& c) const { return DropPolicy{c.table, c.policy}; }
  Change operator()(const DropPolicy& c) const { return CreatePolicy{c.table, c.policy}; }
  Change operator()(const AlterPolicy& c) const { return AlterPolicy{c.table, c.to, c.from}; }
  Change operator()(const SetOwner& c) const { return SetOwner{c.target, c.to, c.from}; }
  Change operator()(const AlterPrivileges& c) const {
    return AlterPrivileges{c.target, c.grantee, c.to, c.from};
  }
  Change operator()(const SetComment& c) const {
    return SetComment{c.target, c.object, c.column, c.to, c.from};
  }
};

}  // namespace

Change inverse(const Change& change) { return std::visit(Inverter{}, change); }

}  // namespace strata::diff
