#pragma once

#include <array>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "diff/change.h"
#include "diff/expression_judge.h"
#include "diff/plan.h"
#include "model/schema.h"

namespace strata::diff {

// Builds the ordered change list of one plan() pass. Internal to diff; the
// table-level comparison lives in table_diff.cpp, view ordering in
// view_dependencies.cpp.
class Planner {
 public:
  // Takes its own copies of both schemas: planning changes them (renames).
  Planner(model::Schema current, model::Schema desired, const Options& options, ExpressionJudge& judge);

  std::vector<Change> run();

  // The schemas it planned on, given back after run() for another pass.
  // Only the rename hints of the desired schema make run() change them
  // (model::has_rename_hints); without any, they are the ones it was given.
  std::pair<model::Schema, model::Schema> take_schemas() &&;

 private:
  // Changes are gathered per phase and concatenated in this order.
  enum Phase {
    kPolicyDrops,  // policies that go or change, before what they read
    kViewDrops,
    kRenames,
    kTriggerDrops,       // and what depends on a function that is dropped and created
    kFunctionRecreates,  // the drop of a function that is created again
    kForeignKeyDrops,
    kKeyDrops,  // constraints and indexes that go or change
    kTableDrops,  // before creates: index and key names are schema-wide
    kSchemaCreates,
    kExtensions,
    kCollations,
    kTextSearchConfigs,
    kEnums,
    kDomains,
    kCompositeTypes,
    kCompositeDomains,  // domains over a composite type, once it stands
    kSequences,
    kFunctionCreates,
    kTableCreates,
    kParentColumnDrops,  // before a child adds a column of that name
    kColumns,
    kKeyAdds,
    kForeignKeyAdds,
    kSequenceOwners,
    kLateFunctionCreates,  // replaced ones, SQL-standard bodies, row types of tables
    kSequenceDrops,
    kFunctionDrops,   // before the types, collations and configurations they may name
    kCompositeDomainDrops,  // domains over a composite type, before it goes
    kCompositeDrops,
    kDomainDrops,
    kEnumDrops,
    kTextSearchConfigDrops,
    kCollationDrops,
    kExtensionDrops,
    kSchemaDrops,
    kViewCreates,
    kTriggerCreates,  // and what depends on a function, put back
    kPolicies,  // row-level security and policies, after what they read
    kAccess,    // owners and grants, once every object stands
    kComments,
    kPhaseCount
  };
  void add(Phase phase, Change change) { phases_[phase].push_back(std::move(change)); }

  void apply_renames();
  // PostgreSQL leaves a serial's sequence name alone on renames; this keeps
  // it "<table>_<column>_seq" so the column still reads back as serial.
  void rename_serial_sequence(const std::string& ns, const std::string& table,
                              const model::Column& column, const std::string& new_table,
                              const std::string& new_column);
  void follow_table_rename(const QualifiedName& qn, const std::string& old_name,
                           model::Table& cur, const model::Table& want);
  void rename_type_references(const std::string& from_type, const std::string& to_type);
  void diff_schemas();
  void diff_extensions();
  // enum_changes.cpp
  void diff_enums();
  // Once every other change is planned: an enum whose added labels the plan
  // uses at once is recreated instead, and each enum change gets the
  // dependents it drops and puts back.
  void finish_enum_changes();
  bool plan_uses_new_label(const QualifiedName& type, const std::vector<std::string>& labels) const;
  // What depends on `type` and stands when the enum changes run; takes the
  // generated columns that go and come back out of `uses`.
  EnumDependents enum_dependents(const QualifiedName& type, std::vector<EnumUse>& uses) const;
  // domain_diff.cpp
  void diff_domains();
  void diff_composite_types();      // composite_type_diff.cpp
  void diff_collations();           // collation_diff.cpp
  void diff_text_search_configs();  // text_search_config_diff.cpp
  void diff_sequences();
  void diff_tables();
  void create_tables(const std::vector<QualifiedName>& names);
  void drop_tables(const std::vector<QualifiedName>& names);
  // table_diff.cpp
  void diff_table(const QualifiedName& name, const model::Table& cur, const model::Table& want);
  // The sequences of serial and identity columns, logged or not
  // (sequence_persistence.cpp): before and after the table's own changes,
  // and around a table created or dropped.
  SetSequenceLogged set_sequence_logged(const QualifiedName& table, const model::Column& column,
                                        bool logged) const;
  void sequence_persistence_before(const QualifiedName& name, const model::Table& cur,
                                   const model::Table& want);
  void sequence_persistence_after(const QualifiedName& name, const model::Table& cur,
                                  const model::Table& want);
  void sequence_persistence_created(const QualifiedName& name, const model::Table& t);
  void sequence_persistence_dropped(const QualifiedName& name, const model::Table& t);
  void diff_columns(const QualifiedName& name, const model::Table& cur, const model::Table& want,
                    std::set<std::string>& recreated_columns);
  void diff_keys(const QualifiedName& name, const model::Table& cur, const model::Table& want,
                 const std::set<std::string>& recreated_columns);
  void diff_foreign_keys(const QualifiedName& name, const model::Table& cur,
                         const model::Table& want);
  bool same_index(const QualifiedName& table, const model::Index& a, const model::Index& b,
                  const std::vector<model::Column>& columns);
  bool same_check(const QualifiedName& table, const model::CheckConstraint& a,
                  const model::CheckConstraint& b, const std::vector<model::Column>& columns);
  bool same_exclusion(const QualifiedName& table, const model::ExclusionConstraint& a,
                      const model::ExclusionConstraint& b,
                      const std::vector<model::Column>& columns);
  bool same_default(const QualifiedName& table, const model::Column& a, const model::Column& b,
                    const std::vector<model::Column>& columns);
  bool same_generated(const QualifiedName& table, const model::Column& a, const model::Column& b,
                      const std::vector<model::Column>& columns);
  void note_dropped_key(const QualifiedName& table, std::vector<std::string> columns);
  // partition_diff.cpp: partitions (attach, detach), storage parameters,
  // replica identity, column storage, constraint validity.
  void diff_table_properties(const QualifiedName& name, const model::Table& cur,
                             const model::Table& want);
  void diff_column_storage(const QualifiedName& name, const model::Column& cur,
                           const model::Column& want);
  // A check or foreign key kept as it is but for NOT VALID.
  void diff_validity(const QualifiedName& name, const Constraint& cur, const Constraint& want);
  // Tables of both sides that cannot change into each other in place (the
  // partition key changes), with the partitions under them: dropped and
  // created.
  std::set<QualifiedName> tables_to_recreate() const;
  // (cur, want) with a partition's columns filled in from its root parent's
  // (what its checks and indexes are judged against, and what it has once
  // detached or must have to be attached).
  std::pair<model::Table, model::Table> partition_sides(const model::Table& cur,
                                                        const model::Table& want) const;
  // inheritance_diff.cpp: whether `cur` becomes `want` with INHERIT and NO
  // INHERIT (else the table is created again), and those changes.
  bool inherits_in_place(const model::Table& cur, const model::Table& want) const;
  void diff_inheritance(const QualifiedName& name, const model::Table& cur, const model::Table& want);
  // True when a table of the current schema inherits from `name`.
  bool has_children(const QualifiedName& name) const;
  // view_dependencies.cpp
  void diff_views();
  // function_diff.cpp
  void diff_functions();
  void diff_triggers();
  // view_trigger_diff.cpp: once every view drop and create is planned, the
  // triggers of the views that stay; a view dropped and created again gets
  // its triggers with the view (CreateView carries them).
  void diff_view_triggers();
  void create_function(const QualifiedName& name, const model::Function& fn);
  // Drops what the catalog says depends on `fn` (views, defaults, checks,
  // triggers) and puts it back once `fn` is created again.
  void move_function_users(const QualifiedName& name, const model::Function& fn);
  // (kind, schema, object, part) of the function users moved already.
  std::set<std::array<std::string, 4>> moved_users_;
  // Views and triggers that call a function dropped and created again.
  std::set<QualifiedName> function_views_;
  std::set<std::pair<QualifiedName, std::string>> moved_triggers_;
  // access_diff.cpp: owners and grants, taken out of both models (so no
  // other comparison sees them) once renames are applied, then compared.
  void take_access();
  void diff_access();
  // Puts the owners and grants back into both models (take_schemas: the
  // second pass plans on them again).
  void give_access_back();
  std::map<AccessTarget, model::Access> cur_access_, want_access_;
  // policy_diff.cpp: row-level security of every table; tables created or
  // dropped by the plan are created or dropped without it (see
  // without_row_security).
  void diff_policies();
  bool same_policy_expression(const QualifiedName& table, bool using_clause,
                              const std::optional<std::string>& a,
                              const std::optional<std::string>& b,
                              const std::vector<model::Column>& columns);

  model::Schema cur_;
  model::Schema want_;
  const Options& options_;
  ExpressionJudge& judge_;
  std::array<std::vector<Change>, kPhaseCount> phases_;
  // Columns that change type or go away, per table ("*": the whole table
  // goes): views reading them are dropped and recreated around the change.
  std::map<QualifiedName, std::set<std::string>> disturbed_columns_;
  void disturb(const QualifiedName& table, const std::string& column) {
    disturbed_columns_[table].insert(column);
  }
  // True when a view that mentions `columns` (every column name its query
  // refers to; "*" for a star) and reads `table` must be dropped around the
  // changes to that table.
  bool disturbs(const QualifiedName& table, const std::set<std::string>& columns) const;
  // Unique keys (table, sorted columns) dropped: foreign keys resting on them
  // are dropped first and added back after.
  std::set<std::pair<QualifiedName, std::vector<std::string>>> dropped_keys_;
  // Sequences of serial columns that become plain (or the reverse) and stay.
  std::set<QualifiedName> kept_sequences_;
  // Columns dropped and re-added (generated expression changes), per table.
  std::map<QualifiedName, std::set<std::string>> recreated_columns_;
  // Columns whose type changes, per table.
  std::map<QualifiedName, std::set<std::string>> retyped_columns_;
};

// Empties the owners (unless options.manage_owners) and grants (unless
// options.manage_privileges) of every object of `s`.
void keep_managed_access(model::Schema& s, const Options& options);

// `t` without its row-level security and policies: what CREATE TABLE makes
// and what DROP TABLE is left to drop once the plan dropped its policies.
model::Table without_row_security(model::Table t);

// The namespace `name` of `s`, or an empty one (a schema the side lacks).
const model::Namespace& find_namespace(const model::Schema& s, const std::string& name);
// The names of the namespaces of either schema.
std::set<std::string> namespace_names(const model::Schema& a, const model::Schema& b);

// True when identifier `column` occurs in `expression` (a token match that
// honours double quotes; good enough to find what a key depends on).
bool mentions_column(const std::string& expression, const std::string& column);

// `expression` with every identifier token `from` replaced by `to` (quoted
// as needed); string literals are left alone.
std::string rename_identifier(const std::string& expression, const std::string& from,
                              const std::string& to);

// Relations a view's query reads, resolved in `schema` when unqualified.
std::set<QualifiedName> relations_read(const std::string& query, const std::string& schema);

// The views `names` of `schema`, each after the views among them it reads.
std::vector<QualifiedName> views_in_read_order(const std::set<QualifiedName>& names,
                                               const model::Schema& schema);

// True when two triggers of a relation in `schema` are the same, their
// enabled state aside (function_diff.cpp).
bool same_trigger(const model::Trigger& a, const model::Trigger& b, const std::string& schema);

}  // namespace strata::diff
