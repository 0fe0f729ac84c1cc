#include "codegen/render.h"

namespace strata::codegen {
namespace {

struct OpName {
  template <typename T>
  std::string operator()(const T&) const;
};

#define STRATA_OP_NAME(Type, text) \
  template <>                       \
  std::string OpName::operator()(const diff::Type&) const { return text; }
STRATA_OP_NAME(CreateSchema, "create_schema")
STRATA_OP_NAME(DropSchema, "drop_schema")
STRATA_OP_NAME(CreateExtension, "create_extension")
STRATA_OP_NAME(DropExtension, "drop_extension")
STRATA_OP_NAME(AlterExtension, "alter_extension")
STRATA_OP_NAME(CreateEnum, "create_enum")
STRATA_OP_NAME(DropEnum, "drop_enum")
STRATA_OP_NAME(RenameEnum, "rename_enum")
STRATA_OP_NAME(AddEnumLabel, "add_enum_label")
STRATA_OP_NAME(RenameEnumLabel, "rename_enum_label")
STRATA_OP_NAME(RecreateEnum, "recreate_enum")
STRATA_OP_NAME(CreateDomain, "create_domain")
STRATA_OP_NAME(DropDomain, "drop_domain")
STRATA_OP_NAME(AlterDomain, "alter_domain")
STRATA_OP_NAME(AddDomainCheck, "add_domain_check")
STRATA_OP_NAME(DropDomainCheck, "drop_domain_check")
STRATA_OP_NAME(CreateSequence, "create_sequence")
STRATA_OP_NAME(DropSequence, "drop_sequence")
STRATA_OP_NAME(RenameSequence, "rename_sequence")
STRATA_OP_NAME(AlterSequence, "alter_sequence")
STRATA_OP_NAME(CreateTable, "create_table")
STRATA_OP_NAME(DropTable, "drop_table")
STRATA_OP_NAME(RenameTable, "rename_table")
STRATA_OP_NAME(SetLogged, "set_logged")
STRATA_OP_NAME(SetSequenceLogged, "set_sequence_logged")
STRATA_OP_NAME(AddColumn, "add_column")
STRATA_OP_NAME(DropColumn, "drop_column")
STRATA_OP_NAME(RenameColumn, "rename_column")
STRATA_OP_NAME(AlterColumn, "alter_column")
STRATA_OP_NAME(RecreateColumn, "recreate_column")
STRATA_OP_NAME(AddConstraint, "add_constraint")
STRATA_OP_NAME(DropConstraint, "drop_constraint")
STRATA_OP_NAME(RenameConstraint, "rename_constraint")
STRATA_OP_NAME(CreateIndex, "create_index")
STRATA_OP_NAME(DropIndex, "drop_index")
STRATA_OP_NAME(RenameIndex, "rename_index")
STRATA_OP_NAME(CreateView, "create_view")
STRATA_OP_NAME(DropView, "drop_view")
STRATA_OP_NAME(ReplaceView, "replace_view")
STRATA_OP_NAME(CreateFunction, "create_function")
STRATA_OP_NAME(DropFunction, "drop_function")
STRATA_OP_NAME(ReplaceFunction, "replace_function")
STRATA_OP_NAME(CreateAggregate, "create_aggregate")
STRATA_OP_NAME(DropAggregate, "drop_aggregate")
STRATA_OP_NAME(CreateTrigger, "create_trigger")
STRATA_OP_NAME(DropTrigger, "drop_trigger")
STRATA_OP_NAME(EnableTrigger, "enable_trigger")
STRATA_OP_NAME(SetComment, "set_comment")
STRATA_OP_NAME(AttachPartition, "attach_partition")
STRATA_OP_NAME(DetachPartition, "detach_partition")
STRATA_OP_NAME(AddInheritance, "add_inheritance")
STRATA_OP_NAME(DropInheritance, "drop_inheritance")
STRATA_OP_NAME(SetStorageParameters, "set_storage_parameters")
STRATA_OP_NAME(SetReplicaIdentity, "set_replica_identity")
STRATA_OP_NAME(SetColumnStorage, "set_column_storage")
STRATA_OP_NAME(ValidateConstraint, "validate_constraint")
STRATA_OP_NAME(InvalidateConstraint, "invalidate_constraint")
STRATA_OP_NAME(RefreshMaterializedView, "refresh_materialized_view")
STRATA_OP_NAME(SetRowSecurity, "set_row_security")
STRATA_OP_NAME(CreatePolicy, "create_policy")
STRATA_OP_NAME(DropPolicy, "drop_policy")
STRATA_OP_NAME(AlterPolicy, "alter_policy")
STRATA_OP_NAME(SetOwner, "set_owner")
STRATA_OP_NAME(AlterPrivileges, "alter_privileges")
STRATA_OP_NAME(CreateCompositeType, "create_composite_type")
STRATA_OP_NAME(DropCompositeType, "drop_composite_type")
STRATA_OP_NAME(AddAttribute, "add_attribute")
STRATA_OP_NAME(DropAttribute, "drop_attribute")
STRATA_OP_NAME(AlterAttribute, "alter_attribute")
STRATA_OP_NAME(CreateCollation, "create_collation")
STRATA_OP_NAME(DropCollation, "drop_collation")
STRATA_OP_NAME(CreateTextSearchConfig, "create_text_search_configuration")
STRATA_OP_NAME(DropTextSearchConfig, "drop_text_search_configuration")
STRATA_OP_NAME(AlterTextSearchMapping, "alter_text_search_mapping")
#undef STRATA_OP_NAME

}  // namespace

nlohmann::json to_json(const diff::Plan& plan) {
  nlohmann::json changes = nlohmann::json::array();
  nlohmann::json all_hazards = nlohmann::json::array();
  for (const auto& step : plan.steps) {
    nlohmann::json hazards = nlohmann::json::array();
    for (const auto& h : step.hazards) {
      nlohmann::json j = {{"kind", std::string(kind_name(h.kind))}, {"detail", h.detail}};
      hazards.push_back(j);
      all_hazards.push_back(j);
    }
    changes.push_back({{"op", std::visit(OpName{}, step.change)},
                       {"description", describe(step.change)},
                       {"sql", render_change(step.change)},
                       {"inverse_sql", render_change(step.inverse)},
                       {"hazards", hazards}});
  }
  return {{"changes", changes}, {"hazards", all_hazards}};
}

}  // namespace strata::codegen
