#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "model/qualified_name.h"
#include "model/schema.h"
#include "diff/type_object_changes.h"

namespace strata::diff {

// The typed changes a plan is made of. Each op is a small value with no SQL in
// it; codegen renders it. A drop carries the full definition it drops, so its
// inverse (see inverse.h) recreates the object exactly. Names are always the
// names the object has at the moment the change runs.

using model::QualifiedName;

// --- schemas and extensions -------------------------------------------------

struct CreateSchema {
  std::string name;
  std::optional<std::string> comment;
  bool operator==(const CreateSchema&) const = default;
};
struct DropSchema {
  std::string name;
  std::optional<std::string> comment;
  bool operator==(const DropSchema&) const = default;
};

struct CreateExtension {
  model::Extension extension;
  bool operator==(const CreateExtension&) const = default;
};
struct DropExtension {
  model::Extension extension;
  bool operator==(const DropExtension&) const = default;
};
// ALTER EXTENSION ... UPDATE TO to_version; a downgrade (to an older
// version, which PostgreSQL extensions rarely have a path for) drops the
// extension and creates it at to_version.
struct AlterExtension {
  std::string name;
  std::string from_version;
  std::string to_version;
  std::string schema = "public";
  bool operator==(const AlterExtension&) const = default;
};

// --- enums ------------------------------------------------------------------

struct CreateEnum {
  QualifiedName name;
  model::EnumType type;
  bool operator==(const CreateEnum&) const = default;
};
struct DropEnum {
  QualifiedName name;
  model::EnumType type;
  bool operator==(const DropEnum&) const = default;
};
struct RenameEnum {
  QualifiedName from;  // old schema-qualified name
  std::string to;      // new name, same schema
  bool operator==(const RenameEnum&) const = default;
};
struct RenameEnumLabel {
  QualifiedName type;
  std::string from;
  std::string to;
  bool operator==(const RenameEnumLabel&) const = default;
};
// --- domains ------------------------------------------------------------------

// CREATE DOMAIN with its default, NOT NULL, collation and checks, then its
// comment. A change of base type or collation drops and creates the domain
// (only while no column uses it: the planner refuses otherwise).
struct CreateDomain {
  QualifiedName name;
  model::Domain domain;
  bool operator==(const CreateDomain&) const = default;
};
struct DropDomain {
  QualifiedName name;
  model::Domain domain;
  bool operator==(const DropDomain&) const = default;
};
// ALTER DOMAIN ... SET/DROP DEFAULT and SET/DROP NOT NULL, for what the
// flags say; `from` and `to` are the full definitions.
struct AlterDomain {
  QualifiedName name;
  model::Domain from;
  model::Domain to;
  bool default_expr = false;
  bool nullable = false;
  bool operator==(const AlterDomain&) const = default;
};
// ALTER DOMAIN ... ADD CONSTRAINT name CHECK (expression) / DROP CONSTRAINT.
struct AddDomainCheck {
  QualifiedName domain;
  std::string name;
  std::string expression;
  bool operator==(const AddDomainCheck&) const = default;
};
struct DropDomainCheck {
  QualifiedName domain;
  std::string name;
  std::string expression;
  bool operator==(const DropDomainCheck&) const = default;
};

// --- sequences ----------------------------------------------------------------

struct CreateSequence {
  QualifiedName name;
  model::Sequence sequence;
  bool operator==(const CreateSequence&) const = default;
};
struct DropSequence {
  QualifiedName name;
  model::Sequence sequence;
  bool operator==(const DropSequence&) const = default;
};
// Also used for the sequence of a serial column whose table or column is
// renamed, so that it keeps PostgreSQL's "<table>_<column>_seq" name.
struct RenameSequence {
  QualifiedName from;
  std::string to;
  bool operator==(const RenameSequence&) const = default;
};
// Type, options and OWNED BY; the comment goes through SetComment.
struct AlterSequence {
  QualifiedName name;
  model::Sequence from;
  model::Sequence to;
  bool operator==(const AlterSequence&) const = default;
};

// --- tables -----------------------------------------------------------------

// CREATE TABLE with its columns and constraints (only the foreign keys held in
// `table.foreign_keys`; the others are separate AddConstraint changes), then
// its indexes and comments. table.name == name.name.
struct CreateTable {
  QualifiedName name;
  model::Table table;
  bool operator==(const CreateTable&) const = default;
};
// DROP TABLE. `table` is the full definition at that moment (foreign keys that
// were detached before are not in it), so the inverse recreates it.
struct DropTable {
  QualifiedName name;
  model::Table table;
  bool operator==(const DropTable&) const = default;
};
struct RenameTable {
  QualifiedName from;
  std::string to;
  bool operator==(const RenameTable&) const = default;
};
// ALTER TABLE ... SET LOGGED / SET UNLOGGED.
struct SetLogged {
  QualifiedName table;
  bool logged = true;
  bool operator==(const SetLogged&) const = default;
};
// ALTER SEQUENCE ... SET LOGGED / SET UNLOGGED on the sequence of a serial
// or identity column (ALTER TABLE ... SET LOGGED sets it as the table).
struct SetSequenceLogged {
  QualifiedName table;
  std::string column;
  QualifiedName sequence;
  bool logged = true;
  bool operator==(const SetSequenceLogged&) const = default;
};

// --- partitions and table properties (partition_diff.cpp) -------------------

// ALTER TABLE parent ATTACH PARTITION table <bound>.
struct AttachPartition {
  QualifiedName table;
  model::PartitionOf partition;
  bool operator==(const AttachPartition&) const = default;
};
// ALTER TABLE parent DETACH PARTITION table.
struct DetachPartition {
  QualifiedName table;
  model::PartitionOf partition;
  bool operator==(const DetachPartition&) const = default;
};
// ALTER TABLE table INHERIT parent (inheritance_diff.cpp): the parent goes
// last in the table's inhseqno order.
struct AddInheritance {
  QualifiedName table;
  QualifiedName parent;
  bool operator==(const AddInheritance&) const = default;
};
// ALTER TABLE table NO INHERIT parent.
struct DropInheritance {
  QualifiedName table;
  QualifiedName parent;
  bool operator==(const DropInheritance&) const = default;
};
// ALTER TABLE ... SET (k = v, ...) / RESET (k, ...).
struct SetStorageParameters {
  QualifiedName table;
  model::StorageParameters from;
  model::StorageParameters to;
  bool operator==(const SetStorageParameters&) const = default;
};
// ALTER TABLE ... REPLICA IDENTITY ...
struct SetReplicaIdentity {
  QualifiedName table;
  model::ReplicaIdentity from;
  model::ReplicaIdentity to;
  bool operator==(const SetReplicaIdentity&) const = default;
};
// ALTER COLUMN ... SET STATISTICS / SET STORAGE / SET COMPRESSION for the
// attributes in which `from` and `to` (the column's name) differ.
struct SetColumnStorage {
  QualifiedName table;
  model::Column from;
  model::Column to;
  bool operator==(const SetColumnStorage&) const = default;
};

// --- columns ----------------------------------------------------------------

struct AddColumn {
  QualifiedName table;
  model::Column column;
  bool operator==(const AddColumn&) const = default;
};
struct DropColumn {
  QualifiedName table;
  model::Column column;
  bool operator==(const DropColumn&) const = default;
};
struct RenameColumn {
  QualifiedName table;
  std::string from;
  std::string to;
  bool operator==(const RenameColumn&) const = default;
};

// Which attributes of a column an AlterColumn changes. `from` and `to` are
// both full definitions; attributes not flagged may differ in spelling only.
struct ColumnDelta {
  bool type = false;       // type or collation (ALTER COLUMN TYPE ... COLLATE ... USING)
  bool default_expr = false;
  bool nullable = false;
  bool identity = false;   // add, drop, kind or options
  bool drop_expression = false;  // stored generated -> plain (from.generated set, to not)
  // serial <-> plain integer whose sequence stays: the sequence named as the
  // serial's is kept and only its OWNED BY changes (instead of being created
  // or dropped).
  bool keep_sequence = false;
  bool operator==(const ColumnDelta&) const = default;
  bool any() const { return type || default_expr || nullable || identity || drop_expression; }
};
struct AlterColumn {
  QualifiedName table;
  model::Column from;
  model::Column to;
  ColumnDelta delta;
  bool operator==(const AlterColumn&) const = default;
};
// DROP COLUMN then ADD COLUMN: the only way to add or change a stored
// generated expression. Loses the column's data.
struct RecreateColumn {
  QualifiedName table;
  model::Column from;
  model::Column to;
  bool operator==(const RecreateColumn&) const = default;
};

// --- constraints and indexes ------------------------------------------------

using Constraint = std::variant<model::PrimaryKey, model::UniqueConstraint, model::CheckConstraint,
                                model::ForeignKey, model::ExclusionConstraint>;

// The constraint's name, whatever its kind.
const std::string& constraint_name(const Constraint& c);

struct AddConstraint {
  QualifiedName table;
  Constraint constraint;
  bool operator==(const AddConstraint&) const = default;
};
struct DropConstraint {
  QualifiedName table;
  Constraint constraint;
  bool operator==(const DropConstraint&) const = default;
};
struct RenameConstraint {
  QualifiedName table;
  std::string from;
  std::string to;
  bool operator==(const RenameConstraint&) const = default;
};

// An index on a table or materialized view `table`; index.name lives in
// table.schema.
struct CreateIndex {
  QualifiedName table;
  model::Index index;
  bool operator==(const CreateIndex&) const = default;
};
struct DropIndex {
  QualifiedName table;
  model::Index index;
  bool operator==(const DropIndex&) const = default;
};
struct RenameIndex {
  QualifiedName from;  // schema-qualified index name
  std::string to;
  bool operator==(const RenameIndex&) const = default;
};

// ALTER TABLE ... VALIDATE CONSTRAINT of a check or foreign key added NOT
// VALID (`constraint` as it is, not_valid set). PostgreSQL has no way back
// but dropping it and adding it NOT VALID again: InvalidateConstraint.
struct ValidateConstraint {
  QualifiedName table;
  Constraint constraint;
  bool operator==(const ValidateConstraint&) const = default;
};
struct InvalidateConstraint {
  QualifiedName table;
  Constraint constraint;  // as it becomes: not_valid set
  bool operator==(const InvalidateConstraint&) const = default;
};

// --- views ------------------------------------------------------------------

// CREATE [MATERIALIZED] VIEW, then (materialized) its indexes and comments.
struct CreateView {
  QualifiedName name;
  model::View view;
  bool operator==(const CreateView&) const = default;
};
struct DropView {
  QualifiedName name;
  model::View view;
  bool operator==(const DropView&) const = default;
};
// CREATE OR REPLACE VIEW: only for plain views whose output columns and FROM
// clause are unchanged (so the inverse replaces back just as safely);
// otherwise a view is dropped and created, with the views that read it.
struct ReplaceView {
  QualifiedName name;
  model::View from;
  model::View to;
  bool operator==(const ReplaceView&) const = default;
};

// REFRESH MATERIALIZED VIEW [WITH NO DATA]: a materialized view populated
// (with_data) or emptied and left unreadable until refreshed.
struct RefreshMaterializedView {
  QualifiedName name;
  bool with_data = true;
  bool operator==(const RefreshMaterializedView&) const = default;
};

// --- functions, aggregates and triggers (function_diff.cpp) ---------------------

// name: the function's schema and its name (not the signature). A function
// that cannot be replaced in place (its result type or argument names
// change) is dropped and created, with what depends on it around.
struct CreateFunction {
  QualifiedName name;
  model::Function function;
  bool operator==(const CreateFunction&) const = default;
};
struct DropFunction {
  QualifiedName name;
  model::Function function;
  bool operator==(const DropFunction&) const = default;
};
// CREATE OR REPLACE FUNCTION (and its comment when that changes): same
// signature, result type, argument names and kind.
struct ReplaceFunction {
  QualifiedName name;
  model::Function from;
  model::Function to;
  bool operator==(const ReplaceFunction&) const = default;
};
struct CreateAggregate {
  QualifiedName name;
  model::Aggregate aggregate;
  bool operator==(const CreateAggregate&) const = default;
};
struct DropAggregate {
  QualifiedName name;
  model::Aggregate aggregate;
  bool operator==(const DropAggregate&) const = default;
};
struct CreateTrigger {
  QualifiedName table;
  model::Trigger trigger;
  bool operator==(const CreateTrigger&) const = default;
};
struct DropTrigger {
  QualifiedName table;
  model::Trigger trigger;
  bool operator==(const DropTrigger&) const = default;
};
// ALTER TABLE ... ENABLE [REPLICA | ALWAYS] / DISABLE TRIGGER.
struct EnableTrigger {
  QualifiedName table;
  std::string trigger;
  std::string from;  // origin | disabled | replica | always
  std::string to;
  bool operator==(const EnableTrigger&) const = default;
};

// --- enum changes that need the objects above ---------------------------------

// What depends on an enum type and is left in place by the rest of the plan:
// dropped before the type is recreated and put back after, in its form at
// that moment, so the columns can be cast. Built from the parsed expressions
// of both models (see diff/enum_changes.cpp): a check, an exclusion
// constraint or an index is here when its expressions hold a value of the
// type (a literal cast to it, or a literal compared with one of its
// columns); a stored generated column when it reads a column of the type or
// is of the type; a view when it reads such a column or a view that is here.
struct EnumDependents {
  std::vector<CreateView> views;           // in creation order
  std::vector<AddConstraint> constraints;  // checks, exclusions, uniques on moved columns
  std::vector<CreateIndex> indexes;
  std::vector<AddColumn> generated;        // dropped and added back (they go last)
  bool empty() const {
    return views.empty() && constraints.empty() && indexes.empty() && generated.empty();
  }
  bool operator==(const EnumDependents&) const = default;
};

// A column whose type is (an array of) an enum that is being recreated.
struct EnumUse {
  QualifiedName table;
  std::string column;
  bool array = false;
  std::optional<std::string> default_expr;  // dropped and set again around the cast
  bool operator==(const EnumUse&) const = default;
};

// ALTER TYPE ... ADD VALUE label BEFORE/AFTER neighbour, which touches
// nothing else. PostgreSQL cannot remove a label, so the inverse recreates
// the type with `labels_before`, around `uses` and `dependents`.
struct AddEnumLabel {
  QualifiedName type;
  std::string label;
  std::optional<std::string> before;  // exactly one of before/after is set,
  std::optional<std::string> after;   // unless the type had no labels
  std::vector<std::string> labels_before;
  std::vector<EnumUse> uses;
  EnumDependents dependents;
  bool operator==(const AddEnumLabel&) const = default;
};
// Drops or reorders labels: drops the dependents, renames the old type away,
// creates the new one, casts every using column through text, drops the old
// type and puts the dependents back.
struct RecreateEnum {
  QualifiedName type;
  std::vector<std::string> from_labels;
  std::vector<std::string> to_labels;
  std::vector<EnumUse> uses;
  EnumDependents dependents;
  bool operator==(const RecreateEnum&) const = default;
};

// --- row-level security (planned in policy_diff.cpp) -------------------------

// ALTER TABLE ... ENABLE/DISABLE and FORCE/NO FORCE ROW LEVEL SECURITY, for
// what differs between `from` and `to`.
struct SetRowSecurity {
  QualifiedName table;
  model::RowSecurity from;
  model::RowSecurity to;
  bool operator==(const SetRowSecurity&) const = default;
};
struct CreatePolicy {
  QualifiedName table;
  model::Policy policy;
  bool operator==(const CreatePolicy&) const = default;
};
struct DropPolicy {
  QualifiedName table;
  model::Policy policy;
  bool operator==(const DropPolicy&) const = default;
};
// ALTER POLICY ... TO roles USING (...) WITH CHECK (...). Only between
// policies of the same command and permissiveness that have the same clauses
// (ALTER POLICY cannot remove one); otherwise the policy is dropped and
// created.
struct AlterPolicy {
  QualifiedName table;
  model::Policy from;
  model::Policy to;
  bool operator==(const AlterPolicy&) const = default;
};

// --- owners and privileges (planned in access_diff.cpp) -----------------------

// The object an owner or a grant belongs to.
enum class AccessKind { kSchema, kTable, kView, kMaterializedView, kSequence, kType, kFunction };
struct AccessTarget {
  AccessKind kind = AccessKind::kTable;
  QualifiedName name;     // for kSchema only name.schema is used
  std::string arguments;  // kFunction: the argument types, "integer, text"
  auto operator<=>(const AccessTarget&) const = default;
  bool operator==(const AccessTarget&) const = default;
};
// ALTER ... OWNER TO `to`. `from` is empty for an object the plan creates
// (the inverse then leaves the owner alone: the object is dropped next).
struct SetOwner {
  AccessTarget target;
  std::string from;
  std::string to;
  bool operator==(const SetOwner&) const = default;
};
// The GRANT and REVOKE statements that take `grantee` ("public": PUBLIC)
// from the privileges `from` to `to` on `target`, grant options included.
struct AlterPrivileges {
  AccessTarget target;
  std::string grantee;
  model::PrivilegeSet from;
  model::PrivilegeSet to;
  bool operator==(const AlterPrivileges&) const = default;
};

// --- comments ---------------------------------------------------------------

enum class CommentTarget {
  kSchema,
  kTable,
  kColumn,
  kIndex,
  kView,
  kMaterializedView,
  kType,
  kSequence,
  kDomain,
  kCollation,
  kTextSearchConfig,
};
// COMMENT ON ... IS text / IS NULL. For kSchema only object.schema is used;
// for kColumn `column` names the column of table `object`.
struct SetComment {
  CommentTarget target = CommentTarget::kTable;
  QualifiedName object;
  std::string column;
  std::optional<std::string> from;
  std::optional<std::string> to;
  bool operator==(const SetComment&) const = default;
};

// A visitor without a catch-all fails to compile when an op is added here and
// not handled there.
using Change = std::variant<
    CreateSchema, DropSchema, CreateExtension, DropExtension, AlterExtension, CreateEnum, DropEnum,
    RenameEnum, AddEnumLabel, RenameEnumLabel, RecreateEnum, CreateDomain, DropDomain, AlterDomain,
    AddDomainCheck, DropDomainCheck, CreateSequence, DropSequence,
    RenameSequence, AlterSequence, CreateTable, DropTable, RenameTable, SetLogged, SetSequenceLogged, AddColumn, DropColumn, RenameColumn,
    AlterColumn, RecreateColumn, AddConstraint, DropConstraint, RenameConstraint, CreateIndex,
    DropIndex, RenameIndex, CreateView, DropView, ReplaceView, SetComment, AttachPartition,
    DetachPartition, AddInheritance, DropInheritance, SetStorageParameters, SetReplicaIdentity, SetColumnStorage,
    ValidateConstraint, InvalidateConstraint, RefreshMaterializedView, CreateCompositeType,
    DropCompositeType, AddAttribute, DropAttribute, AlterAttribute, CreateCollation, DropCollation,
    CreateTextSearchConfig, DropTextSearchConfig, AlterTextSearchMapping, CreateFunction,
    DropFunction, ReplaceFunction, CreateAggregate, DropAggregate, CreateTrigger, DropTrigger,
    EnableTrigger, SetRowSecurity, CreatePolicy, DropPolicy, AlterPolicy, SetOwner, AlterPrivileges>;

}  // namespace strata::diff
