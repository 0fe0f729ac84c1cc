#include "lint/statement_rules.h"

#include <algorithm>
#include <array>

#include "lint/access_rules.h"
#include "lint/parse_tree.h"
#include "sql/text.h"
#include "sql/tree_walk.h"

namespace strata::lint {
namespace {

using nlohmann::json;

// Functions whose value changes per row: a default calling one is evaluated
// for every existing row, so adding the column rewrites the table.
bool is_volatile_function(const std::string& name) {
  static const std::array<std::string_view, 10> kVolatile{
      "random",          "clock_timestamp",    "timeofday",          "gen_random_uuid",
      "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "nextval",
      "txid_current",    "setseed"};
  for (auto v : kVolatile)
    if (name == v) return true;
  return false;
}

// The first volatile function `expr` calls, or empty.
std::string volatile_call(const json& expr) {
  std::string found;
  sql::for_each_object(expr, [&](const json& node) {
    if (!found.empty()) return false;
    const json& call = at(node, "FuncCall");
    if (call.is_object()) {
      const json& names = at(call, "funcname");
      if (names.is_array() && !names.empty()) {
        std::string name = text_of(at(names.back(), "String"), "sval");
        if (is_volatile_function(name)) found = name;
      }
    }
    return true;
  });
  return found;
}

bool is_serial_type(const json& type_name) {
  const json& names = at(type_name, "names");
  if (!names.is_array() || names.empty()) return false;
  std::string n = text_of(at(names.back(), "String"), "sval");
  return n == "serial" || n == "bigserial" || n == "smallserial" || n == "serial2" ||
         n == "serial4" || n == "serial8";
}

class Rules {
 public:
  explicit Rules(CreatedTables& created) : created_(created) {}

  std::vector<StatementHazard> run(const json& stmt) {
    if (const json& s = at(stmt, "CreateStmt"); s.is_object()) {
      Table t = table_of(at(s, "relation"));
      created_.add(t.schema, t.name);
    } else if (const json& s = at(stmt, "CreateTableAsStmt"); s.is_object()) {
      Table t = table_of(at(at(s, "into"), "rel"));
      created_.add(t.schema, t.name);
    } else if (const json& s = at(stmt, "IndexStmt"); s.is_object()) {
      index(s);
    } else if (const json& s = at(stmt, "AlterTableStmt"); s.is_object()) {
      alter_table(s);
    } else if (const json& s = at(stmt, "RenameStmt"); s.is_object()) {
      rename(s);
    } else if (const json& s = at(stmt, "DropStmt"); s.is_object()) {
      drop(s);
    } else if (const json& s = at(stmt, "TruncateStmt"); s.is_object()) {
      for (const auto& rel : at(s, "relations")) {
        Table t = table_of(rel);
        if (is_new(t)) continue;
        add(HazardKind::kDataLoss, "TRUNCATE " + t.shown() + " deletes every row of it");
      }
    } else if (const json& s = at(stmt, "DeleteStmt"); s.is_object()) {
      Table t = table_of(at(s, "relation"));
      if (at(s, "whereClause").is_null() && !is_new(t))
        add(HazardKind::kDataLoss, "DELETE without WHERE deletes every row of " + t.shown() +
                                       "; add a WHERE clause if that is not meant");
    } else if (const json& s = at(stmt, "VacuumStmt"); s.is_object()) {
      vacuum(s);
    } else if (const json& s = at(stmt, "ClusterStmt"); s.is_object()) {
      Table t = table_of(at(s, "relation"));
      if (!is_new(t))
        add(HazardKind::kBlocksReads,
            "CLUSTER rewrites " + (t.name.empty() ? std::string("every clustered table") : t.shown()) +
                " under an ACCESS EXCLUSIVE lock: reads and writes wait until it ends; run it in a "
                "maintenance window, or use pg_repack");
    } else if (const json& s = at(stmt, "LockStmt"); s.is_object()) {
      lock(s);
    } else if (const json& s = at(stmt, "ReindexStmt"); s.is_object()) {
      reindex(s);
    } else {
      for (auto& h : access_statement_hazards(stmt)) out_.push_back(std::move(h));
    }
    return std::move(out_);
  }

 private:
  bool is_new(const Table& t) const { return created_.contains(t.schema, t.name); }

  void add(HazardKind kind, std::string message) { out_.push_back({kind, std::move(message)}); }

  void index(const json& s) {
    Table t = table_of(at(s, "relation"));
    if (flag(s, "concurrent") || is_new(t)) return;
    add(HazardKind::kBlocksWrites,
        std::string(flag(s, "unique") ? "CREATE UNIQUE INDEX" : "CREATE INDEX") + " blocks writes to " +
            t.shown() +
            " for the whole build; use CREATE INDEX CONCURRENTLY in a -- strata:step no-transaction "
            "step");
  }

  void alter_table(const json& s) {
    if (text_of(s, "objtype") == "OBJECT_TYPE") {
      alter_composite_type(s);
      return;
    }
    if (text_of(s, "objtype") != "OBJECT_TABLE" && !text_of(s, "objtype").empty()) return;
    Table t = table_of(at(s, "relation"));
    for (const auto& item : at(s, "cmds")) {
      const json& cmd = at(item, "AlterTableCmd");
      Table partition = partition_of_command(cmd);
      if (auto h = table_access_hazard(t, cmd, is_new(t), !partition.name.empty() && is_new(partition)))
        out_.push_back(std::move(*h));
    }
    if (is_new(t)) return;
    for (const auto& item : at(s, "cmds")) {
      const json& cmd = at(item, "AlterTableCmd");
      std::string subtype = text_of(cmd, "subtype");
      std::string column = sql::visible(text_of(cmd, "name"));
      if (subtype == "AT_AddConstraint") {
        add_constraint(t, at(at(cmd, "def"), "Constraint"));
      } else if (subtype == "AT_SetNotNull") {
        add(HazardKind::kBlocksWrites,
            "SET NOT NULL on " + t.shown() + "." + column +
                " scans the whole table under an ACCESS EXCLUSIVE lock; add CHECK (" + column +
                " IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT it in a later transaction, then SET "
                "NOT NULL (no scan) and drop the check");
      } else if (subtype == "AT_AlterColumnType") {
        add(HazardKind::kRewrite,
            "ALTER COLUMN " + column + " TYPE rewrites " + t.shown() +
                " and its indexes under an ACCESS EXCLUSIVE lock (unless the new type is binary "
                "compatible); add a new column, backfill it in batches, and switch over");
      } else if (subtype == "AT_DropColumn") {
        add(HazardKind::kDataLoss, "DROP COLUMN " + column + " loses the values of " + t.shown() + "." +
                                       column + " for good; back them up first if they may be needed");
      } else if (subtype == "AT_AddColumn") {
        add_column(t, at(at(cmd, "def"), "ColumnDef"));
      } else if (subtype == "AT_SetLogged" || subtype == "AT_SetUnLogged") {
        add(HazardKind::kRewrite, std::string(subtype == "AT_SetLogged" ? "SET LOGGED" : "SET UNLOGGED") +
                                      " rewrites " + t.shown() + " under an ACCESS EXCLUSIVE lock");
      } else if (subtype == "AT_SetTableSpace") {
        add(HazardKind::kBlocksReads, "SET TABLESPACE copies " + t.shown() +
                                          " under an ACCESS EXCLUSIVE lock: reads and writes wait "
                                          "until it ends");
      }
    }
  }

  // ALTER TYPE ... DROP ATTRIBUTE: the attribute's values in every column of
  // the type are gone.
  void alter_composite_type(const json& s) {
    Table t = table_of(at(s, "relation"));
    for (const auto& item : at(s, "cmds")) {
      const json& cmd = at(item, "AlterTableCmd");
      if (text_of(cmd, "subtype") != "AT_DropColumn") continue;
      std::string attribute = sql::visible(text_of(cmd, "name"));
      add(HazardKind::kDataLoss, "DROP ATTRIBUTE " + attribute + " of type " + t.shown() +
                                     " loses its values in every column of the type for good");
    }
  }

  void add_constraint(const Table& t, const json& c) {
    std::string type = text_of(c, "contype");
    std::string name = sql::visible(text_of(c, "conname"));
    std::string named = name.empty() ? "" : " " + name;
    if (type == "CONSTR_FOREIGN" || type == "CONSTR_CHECK") {
      if (flag(c, "skip_validation")) return;
      std::string what = type == "CONSTR_FOREIGN" ? "FOREIGN KEY" : "CHECK";
      add(HazardKind::kBlocksWrites,
          "ADD CONSTRAINT" + named + " " + what + " checks every row of " + t.shown() +
              " while holding a lock that blocks writes; add it NOT VALID, then VALIDATE CONSTRAINT "
              "in a later transaction");
    } else if (type == "CONSTR_PRIMARY" || type == "CONSTR_UNIQUE") {
      if (!text_of(c, "indexname").empty()) return;  // USING INDEX
      std::string what = type == "CONSTR_PRIMARY" ? "PRIMARY KEY" : "UNIQUE";
      add(HazardKind::kBlocksWrites,
          "ADD CONSTRAINT" + named + " " + what + " builds its index on " + t.shown() +
              " under an ACCESS EXCLUSIVE lock; build a unique index with CREATE UNIQUE INDEX "
              "CONCURRENTLY first, then ADD CONSTRAINT ... " +
              what + " USING INDEX");
    } else if (type == "CONSTR_EXCLUSION") {
      add(HazardKind::kBlocksWrites, "ADD CONSTRAINT" + named + " EXCLUDE builds its index on " +
                                         t.shown() + " under an ACCESS EXCLUSIVE lock");
    }
  }

  void add_column(const Table& t, const json& def) {
    std::string column = sql::visible(text_of(def, "colname"));
    bool not_null = false, has_default = false;
    std::string rewrite_reason;
    if (is_serial_type(at(def, "typeName"))) rewrite_reason = "a serial type fills every existing row";
    for (const auto& item : at(def, "constraints")) {
      const json& c = at(item, "Constraint");
      std::string type = text_of(c, "contype");
      if (type == "CONSTR_NOTNULL" || type == "CONSTR_PRIMARY") not_null = true;
      if (type == "CONSTR_DEFAULT") {
        has_default = true;
        std::string fn = volatile_call(at(c, "raw_expr"));
        if (!fn.empty()) rewrite_reason = "its default calls " + sql::visible(fn) + "(), a volatile function";
      }
      if (type == "CONSTR_IDENTITY") rewrite_reason = "an identity column fills every existing row";
      if (type == "CONSTR_GENERATED") rewrite_reason = "a stored generated column is computed for every row";
      if (type == "CONSTR_FOREIGN" && !flag(c, "skip_validation"))
        add(HazardKind::kBlocksWrites, "ADD COLUMN " + column + " REFERENCES checks every row of " +
                                           t.shown() + " under a lock that blocks writes; add the column, "
                                           "then the key NOT VALID, then VALIDATE CONSTRAINT");
      if (type == "CONSTR_UNIQUE" || type == "CONSTR_PRIMARY")
        add(HazardKind::kBlocksWrites, "ADD COLUMN " + column + " with a key builds its index on " +
                                           t.shown() + " under an ACCESS EXCLUSIVE lock; add the column, "
                                           "then CREATE UNIQUE INDEX CONCURRENTLY and ADD CONSTRAINT ... "
                                           "USING INDEX");
    }
    if (!rewrite_reason.empty()) {
      add(HazardKind::kRewrite, "ADD COLUMN " + column + " rewrites " + t.shown() +
                                    " under an ACCESS EXCLUSIVE lock: " + rewrite_reason +
                                    "; add the column without it (or with a constant default), then "
                                    "fill existing rows in batches");
    } else if (not_null && !has_default) {
      add(HazardKind::kMayFail, "ADD COLUMN " + column + " NOT NULL without a default fails when " +
                                    t.shown() +
                                    " has rows; give it a constant default, or add it nullable, fill it, "
                                    "and set NOT NULL afterwards");
    }
  }

  void rename(const json& s) {
    std::string type = text_of(s, "renameType");
    std::string to = sql::visible(text_of(s, "newname"));
    Table t = table_of(at(s, "relation"));
    if (!t.name.empty() && is_new(t)) return;
    std::string what;
    if (type == "OBJECT_TABLE") what = "table " + t.shown();
    else if (type == "OBJECT_COLUMN") what = "column " + t.shown() + "." + sql::visible(text_of(s, "subname"));
    else if (type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW") what = "view " + t.shown();
    else if (type == "OBJECT_SCHEMA") what = "schema " + sql::visible(text_of(s, "subname"));
    else if (type == "OBJECT_SEQUENCE") what = "sequence " + t.shown();
    else if (type == "OBJECT_TYPE") what = "type " + dotted_name(at(s, "object"));
    else return;  // constraints, indexes, triggers: not named by application code
    add(HazardKind::kBreaksRunningCode,
        "renaming " + what + " to " + to +
            " breaks application code that still uses the old name; deploy code that works with both "
            "first (for a table, a view under the old name), or add the new one, copy, and drop later");
  }

  void drop(const json& s) {
    std::string type = text_of(s, "removeType");
    const json& objects = at(s, "objects");
    if (!objects.is_array()) return;
    for (const auto& object : objects) {
      std::string name = dotted_name(object);
      std::vector<std::string> parts = name_parts(object);
      if (type == "OBJECT_TABLE") {
        if (is_new(table_of_parts(parts, parts.size()))) continue;
        add(HazardKind::kDataLoss, "DROP TABLE " + name + " loses its rows for good; back it up first, or "
                                                          "rename it and drop it in a later revision");
      } else if (type == "OBJECT_MATVIEW") {
        add(HazardKind::kBreaksRunningCode,
            "DROP MATERIALIZED VIEW " + name + " breaks application code that still reads it");
      } else if (type == "OBJECT_VIEW") {
        add(HazardKind::kBreaksRunningCode, "DROP VIEW " + name + " breaks application code that still reads it");
      } else if (type == "OBJECT_COLLATION") {
        add(HazardKind::kBreaksRunningCode,
            "DROP COLLATION " + name + " breaks application code that still names it in COLLATE");
      } else if (type == "OBJECT_TSCONFIGURATION") {
        add(HazardKind::kBreaksRunningCode,
            "DROP TEXT SEARCH CONFIGURATION " + name + " breaks application code that still names it");
      } else if (type == "OBJECT_DOMAIN") {
        add(HazardKind::kBreaksRunningCode,
            "DROP DOMAIN " + name + " breaks application code that still casts to it");
      } else if (type == "OBJECT_FUNCTION" || type == "OBJECT_PROCEDURE" || type == "OBJECT_AGGREGATE") {
        std::string routine = dotted_name(at(at(object, "ObjectWithArgs"), "objname"));
        std::string what = type == "OBJECT_FUNCTION"    ? "FUNCTION"
                           : type == "OBJECT_PROCEDURE" ? "PROCEDURE"
                                                        : "AGGREGATE";
        add(HazardKind::kBreaksRunningCode, "DROP " + what + " " + routine +
                                                " breaks application code that still calls it; create the new "
                                                "one beside it and drop the old one in a later revision");
      } else if (type == "OBJECT_POLICY") {
        // [schema.]table.policy
        if (parts.size() < 2) continue;
        Table t = table_of_parts(parts, parts.size() - 1);
        if (is_new(t)) continue;
        out_.push_back(drop_policy_hazard(t, parts.back()));
      } else if (type == "OBJECT_SCHEMA") {
        if (text_of(s, "behavior") == "DROP_CASCADE")
          add(HazardKind::kDataLoss, "DROP SCHEMA " + name + " CASCADE drops every table in it with its rows");
      } else if (type == "OBJECT_INDEX") {
        if (flag(s, "concurrent")) continue;
        // Short once granted, but it waits behind every running query of
        // the table and everything queued after it waits too.
        add(HazardKind::kBlocksWrites, "DROP INDEX " + name +
                                           " takes an ACCESS EXCLUSIVE lock on its table; use DROP INDEX "
                                           "CONCURRENTLY in a -- strata:step no-transaction step");
      }
    }
  }

  void vacuum(const json& s) {
    bool full = false;
    for (const auto& option : at(s, "options")) {
      std::string name = text_of(at(option, "DefElem"), "defname");
      if (name == "full") full = true;
    }
    if (!full) return;
    std::string tables;
    for (const auto& rel : at(s, "rels")) {
      Table t = table_of(at(at(rel, "VacuumRelation"), "relation"));
      if (!tables.empty()) tables += ", ";
      tables += t.shown();
    }
    add(HazardKind::kBlocksReads,
        "VACUUM FULL rewrites " + (tables.empty() ? std::string("every table") : tables) +
            " under an ACCESS EXCLUSIVE lock: reads and writes wait until it ends; use plain VACUUM, or "
            "pg_repack");
  }

  void lock(const json& s) {
    // LOCKMODE numbers of PostgreSQL's lockdefs.h; ACCESS EXCLUSIVE is the default.
    int mode = at(s, "mode").is_number_integer() ? at(s, "mode").get<int>() : 8;
    if (mode < 5) return;  // ROW EXCLUSIVE and weaker let writers through
    std::string tables;
    for (const auto& rel : at(s, "relations")) {
      Table t = table_of(rel);
      if (!tables.empty()) tables += ", ";
      tables += t.shown();
    }
    if (mode == 8)
      add(HazardKind::kBlocksReads, "LOCK TABLE " + tables +
                                        " in ACCESS EXCLUSIVE mode blocks reads and writes until the "
                                        "transaction ends; take a weaker lock, or keep the transaction short");
    else
      add(HazardKind::kBlocksWrites, "LOCK TABLE " + tables +
                                         " blocks writes until the transaction ends; keep the transaction "
                                         "short");
  }

  void reindex(const json& s) {
    for (const auto& param : at(s, "params"))
      if (text_of(at(param, "DefElem"), "defname") == "concurrently") return;
    Table t = table_of(at(s, "relation"));
    std::string what = t.name.empty() ? sql::visible(text_of(s, "name")) : t.shown();
    add(HazardKind::kBlocksWrites, "REINDEX " + what +
                                       " blocks writes (and reads through the index) while it runs; use "
                                       "REINDEX ... CONCURRENTLY in a -- strata:step no-transaction step");
  }

  CreatedTables& created_;
  std::vector<StatementHazard> out_;
};

}  // namespace

void CreatedTables::add(std::string schema, std::string name) {
  tables_[std::move(name)].insert(std::move(schema));
}

bool CreatedTables::contains(const std::string& schema, const std::string& name) const {
  auto it = tables_.find(name);
  if (it == tables_.end()) return false;
  const std::set<std::string>& schemas = it->second;
  return schema.empty() || schemas.contains(schema) || schemas.contains("");
}

bool settled_by_head(const sql::StatementHead& head, CreatedTables& created) {
  if (head.kind.empty()) return false;
  // As Rules::run: a new table is recorded, an index on one risks nothing.
  if (head.kind == "CreateStmt" || head.kind == "CreateTableAsStmt") {
    created.add(head.schema, head.table);
    return true;
  }
  if (head.kind == "IndexStmt") return created.contains(head.schema, head.table);
  // The kinds Rules::run and access_statement_hazards look into.
  static constexpr std::array<std::string_view, 12> kRuled{
      "AlterTableStmt", "RenameStmt", "DropStmt",    "TruncateStmt",     "DeleteStmt",      "VacuumStmt",
      "ClusterStmt",    "LockStmt",   "ReindexStmt", "CreatePolicyStmt", "AlterPolicyStmt", "GrantStmt"};
  return std::find(kRuled.begin(), kRuled.end(), head.kind) == kRuled.end();
}

std::vector<StatementHazard> hazards_of_statement(const nlohmann::json& stmt, CreatedTables& created) {
  return Rules(created).run(stmt);
}

}  // namespace strata::lint
