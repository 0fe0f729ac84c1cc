#include "diff/hazard.h"

#include <algorithm>
#include <regex>

#include "model/type_name.h"

namespace strata::diff {
namespace {

std::string column_path(const QualifiedName& t, const std::string& column) {
  return t.str() + "." + column;
}

std::string base_type(const std::string& type) {
  auto p = type.find('(');
  std::string base = p == std::string::npos ? type : type.substr(0, p);
  if (type.size() > 2 && type.ends_with("[]") && !base.ends_with("[]")) base += "[]";
  return base;
}

int integer_width(const std::string& type) {
  if (type == "smallint" || type == "smallserial") return 2;
  if (type == "integer" || type == "serial") return 4;
  if (type == "bigint" || type == "bigserial") return 8;
  return 0;
}

// "timestamp" for timestamp with or without time zone, "time" likewise for
// time; empty otherwise. Within a family only the precision can narrow.
std::string time_family(const std::string& type) {
  if (type.ends_with("]")) return "";
  if (type.starts_with("timestamp")) return "timestamp";
  if (type.starts_with("time")) return "time";
  return "";
}

// The fractional-second precision of a time type (6 when not written).
int time_precision(const std::string& type) {
  int p = model::type_modifier(type, 0);
  return p < 0 ? 6 : p;
}

// True when the new type can hold fewer values than the old one.
bool narrows(const std::string& from, const std::string& to) {
  int wf = integer_width(from), wt = integer_width(to);
  if (wf && wt) return wt < wf;
  if (wf || wt) return false;
  if (auto family = time_family(from); !family.empty() && family == time_family(to))
    return time_precision(to) < time_precision(from);
  if (base_type(from) != base_type(to)) {
    // Anything to text or varchar without a length keeps every value.
    return !(to == "text" || to == "character varying");
  }
  int lf = model::type_modifier(from, 0), lt = model::type_modifier(to, 0);
  if (lt >= 0 && (lf < 0 || lt < lf)) return true;
  int sf = model::type_modifier(from, 1), st = model::type_modifier(to, 1);
  if (lt >= 0 && lf >= 0 && st >= 0 && sf >= 0 && (st < sf || lt - st < lf - sf)) return true;
  return false;
}

// True when PostgreSQL changes the type without rewriting the table.
bool binary_coercible(const std::string& from, const std::string& to) {
  if (base_type(from) == "character varying" &&
      (to == "text" || to == "character varying" ||
       (base_type(to) == "character varying" && !narrows(from, to))))
    return true;
  if (from == "character varying" && to == "text") return true;
  if (base_type(from) == "numeric" && to == "numeric") return true;
  return false;
}

// True when converting a column from `from` to `to` can fail on a value (or
// cut it): anything but a widening of the same kind or a change to text.
bool cast_may_fail(const std::string& from, const std::string& to) {
  std::string f = model::serial_base_type(from), t = model::serial_base_type(to);
  if (t == "text" || t == "character varying") return false;
  if (binary_coercible(f, t)) return false;
  int wf = integer_width(f), wt = integer_width(t);
  if (wf && wt) return wt < wf;
  if (!time_family(f).empty() && time_family(f) == time_family(t)) return false;
  if (wf && base_type(t) == "numeric") return narrows(f, t) || model::type_modifier(t, 0) >= 0;
  if (base_type(f) == base_type(t)) return narrows(f, t);
  if ((f == "real" || f == "double precision") && t == "double precision") return false;
  if (wf && (t == "real" || t == "double precision")) return false;
  return true;
}

bool volatile_default(const model::Column& c) {
  if (c.type.ends_with("serial") || c.identity || c.generated) return true;
  if (!c.default_expr) return false;
  static const std::regex re(R"(\b(nextval|random|gen_random_uuid|uuid_generate_v\w*|clock_timestamp|timeofday)\s*\()",
                             std::regex::icase);
  return std::regex_search(*c.default_expr, re);
}

struct HazardFinder {
  std::vector<Hazard> operator()(const CreateSchema&) const { return {}; }
  std::vector<Hazard> operator()(const DropSchema&) const { return {}; }
  std::vector<Hazard> operator()(const CreateExtension&) const { return {}; }
  std::vector<Hazard> operator()(const DropExtension&) const { return {}; }
  std::vector<Hazard> operator()(const AlterExtension&) const { return {}; }
  std::vector<Hazard> operator()(const CreateEnum&) const { return {}; }
  std::vector<Hazard> operator()(const DropEnum&) const { return {}; }
  std::vector<Hazard> operator()(const CreateDomain&) const { return {}; }
  std::vector<Hazard> operator()(const DropDomain& c) const {
    return {{HazardKind::kBreaksRunningCode, "code still casting to domain " + c.name.str() +
                                                 " fails once it is dropped"}};
  }
  std::vector<Hazard> operator()(const AlterDomain& c) const {
    if (!c.nullable || c.to.nullable) return {};
    return {{HazardKind::kMayFail, "sets domain " + c.name.str() +
                                             " NOT NULL: fails if a column of the domain holds a NULL"}};
  }
  std::vector<Hazard> operator()(const AddDomainCheck& c) const {
    return {{HazardKind::kMayFail, "adds check " + c.name + " to domain " + c.domain.str() +
                                             ": fails if a value of a column of the domain breaks it"}};
  }
  std::vector<Hazard> operator()(const DropDomainCheck&) const { return {}; }
  std::vector<Hazard> operator()(const RenameEnum& c) const {
    return {{HazardKind::kBreaksRunningCode, "code still using the type name " + c.from.str() +
                                                 " (a cast such as 'x'::" + c.from.name + ") fails once it is renamed to " +
                                                 c.to}};
  }
  std::vector<Hazard> operator()(const AddEnumLabel&) const { return {}; }
  std::vector<Hazard> operator()(const RenameEnumLabel&) const { return {}; }
  std::vector<Hazard> operator()(const RecreateEnum& c) const {
    std::vector<Hazard> out;
    for (const auto& v : c.dependents.views) {
      auto regrants = (*this)(v);
      out.insert(out.end(), regrants.begin(), regrants.end());
    }
    out.push_back({HazardKind::kRewrite,
                   "recreates type " + c.type.str() + " and casts " +
                       std::to_string(c.uses.size()) + " column(s) to it"});
    std::string lost;
    for (const auto& l : c.from_labels)
      if (std::find(c.to_labels.begin(), c.to_labels.end(), l) == c.to_labels.end())
        lost += (lost.empty() ? "" : ", ") + l;
    if (!lost.empty())
      out.push_back({HazardKind::kDataLoss, "removes label(s) " + lost + " of " + c.type.str() +
                                                "; rows holding them make the cast fail"});
    for (const auto& u : c.uses)
      out.push_back({HazardKind::kRewrite, "rewrites " + u.table.str() + " to cast column " +
                                                    u.column});
    for (const auto& i : c.dependents.indexes)
      out.push_back({HazardKind::kBlocksWrites, "builds index " + i.index.name + " on " + i.table.str() +
                                                    " again while blocking writes"});
    for (const auto& k : c.dependents.constraints)
      out.push_back({HazardKind::kBlocksWrites, "adds " + constraint_name(k.constraint) + " on " + k.table.str() +
                                                    " again, checking every row while blocking writes"});
    out.push_back({HazardKind::kBreaksRunningCode,
                   "the type " + c.type.str() + " gets a new OID: sessions that cached the old one (prepared "
                   "statements, drivers that cache type OIDs) fail until they reconnect"});
    return out;
  }
  std::vector<Hazard> operator()(const CreateSequence&) const { return {}; }
  std::vector<Hazard> operator()(const DropSequence& c) const {
    return {{HazardKind::kDataLoss, "drops sequence " + c.name.str() + " and its current value"}};
  }
  std::vector<Hazard> operator()(const RenameSequence& c) const {
    return {{HazardKind::kBreaksRunningCode, "code still using the name " + c.from.str() +
                                                 " (nextval('" + c.from.str() + "')) fails once it is renamed to " +
                                                 c.to}};
  }
  std::vector<Hazard> operator()(const AlterSequence&) const { return {}; }
  std::vector<Hazard> operator()(const CreateTable&) const { return {}; }
  std::vector<Hazard> operator()(const DropTable& c) const {
    return {{HazardKind::kDataLoss, "drops table " + c.name.str() + " and its rows"},
            {HazardKind::kBreaksRunningCode, "code still reading or writing " + c.name.str() +
                                                 " fails once it is dropped"}};
  }
  std::vector<Hazard> operator()(const RenameTable& c) const {
    return {{HazardKind::kBreaksRunningCode, "code still using the name " + c.from.str() +
                                                 " fails once it is renamed to " + c.to}};
  }
  std::vector<Hazard> operator()(const SetLogged& c) const {
    return {{HazardKind::kRewrite, "rewrites " + c.table.str() + " to set it " +
                                            (c.logged ? "LOGGED" : "UNLOGGED")}};
  }
  // A sequence is one page: setting it logged or unlogged is instant.
  std::vector<Hazard> operator()(const SetSequenceLogged&) const { return {}; }
  std::vector<Hazard> operator()(const AttachPartition& c) const {
    return {{HazardKind::kBlocksWrites,
             "scans " + c.table.str() + " to check its rows against the bound (a CHECK constraint "
             "implying the bound skips the scan)"},
            {HazardKind::kMayFail,
             "attaching " + c.table.str() + " to " + c.partition.parent.str() + " " +
                 c.partition.bound + " fails if a row of it lies outside the bound, or a row of a "
                 "default partition of " + c.partition.parent.str() + " inside it"}};
  }
  std::vector<Hazard> operator()(const DetachPartition& c) const {
    return {{HazardKind::kBreaksRunningCode,
             "rows of " + c.table.str() + " are no longer read or written through " +
                 c.partition.parent.str() + " once it is detached"}};
  }
  std::vector<Hazard> operator()(const AddInheritance& c) const {
    return {{HazardKind::kBreaksRunningCode,
             "queries of " + c.parent.str() + " (without ONLY) read the rows of " + c.table.str() +
                 " too once it inherits, and its updates and deletes reach them"},
            {HazardKind::kMayFail,
             "inheriting fails unless " + c.table.str() + " has every column of " + c.parent.str() +
                 " with the same type and every inheritable check constraint of it"}};
  }
  std::vector<Hazard> operator()(const DropInheritance& c) const {
    return {{HazardKind::kBreaksRunningCode,
             "queries of " + c.parent.str() + " no longer read the rows of " + c.table.str() +
                 " once it stops inheriting"}};
  }
  std::vector<Hazard> operator()(const SetStorageParameters&) const { return {}; }
  std::vector<Hazard> operator()(const SetReplicaIdentity&) const { return {}; }
  std::vector<Hazard> operator()(const SetColumnStorage&) const { return {}; }
  std::vector<Hazard> operator()(const ValidateConstraint& c) const {
    return {{HazardKind::kMayFail,
             "validating " + constraint_name(c.constraint) + " on " + c.table.str() +
                 " scans its rows and fails if one violates it"}};
  }
  std::vector<Hazard> operator()(const InvalidateConstraint&) const { return {}; }
  std::vector<Hazard> operator()(const RefreshMaterializedView& c) const {
    if (c.with_data)
      return {{HazardKind::kBlocksWrites,
               "runs the query of " + c.name.str() + " under an ACCESS EXCLUSIVE lock"}};
    return {{HazardKind::kBreaksRunningCode,
             "queries of " + c.name.str() + " fail until it is refreshed"}};
  }
  std::vector<Hazard> operator()(const CreateCompositeType&) const { return {}; }
  // As for an enum: nothing uses a type that is dropped (its columns went
  // first), and the linter cannot tell the two DROP TYPEs apart.
  std::vector<Hazard> operator()(const DropCompositeType&) const { return {}; }
  std::vector<Hazard> operator()(const AddAttribute&) const { return {}; }
  std::vector<Hazard> operator()(const DropAttribute& c) const {
    std::string path = c.type.str() + "." + c.attribute.name;
    return {{HazardKind::kDataLoss, "drops attribute " + path + ": its values in columns of the type are lost"}};
  }
  // Only while no column uses the type (the planner refuses otherwise).
  std::vector<Hazard> operator()(const AlterAttribute&) const { return {}; }
  std::vector<Hazard> operator()(const CreateCollation&) const { return {}; }
  std::vector<Hazard> operator()(const DropCollation& c) const {
    return {{HazardKind::kBreaksRunningCode, "code still naming collation " + c.name.str() +
                                                 " (COLLATE) fails once it is dropped"}};
  }
  std::vector<Hazard> operator()(const CreateTextSearchConfig&) const { return {}; }
  std::vector<Hazard> operator()(const DropTextSearchConfig& c) const {
    return {{HazardKind::kBreaksRunningCode, "code still naming text search configuration " + c.name.str() +
                                                 " fails once it is dropped"}};
  }
  // Values computed before (stored tsvectors, expression indexes) keep the
  // old mapping until recomputed: docs/SCHEMA_FORMAT.md says so. No kind
  // fits; the statement itself is instant and loses nothing.
  std::vector<Hazard> operator()(const AlterTextSearchMapping&) const { return {}; }
  std::vector<Hazard> operator()(const AddColumn& c) const {
    const model::Column& col = c.column;
    if (!col.nullable && !col.default_expr && !col.identity && !col.generated &&
        !model::is_serial_type(col.type))
      return {{HazardKind::kMayFail,
               "adds NOT NULL column " + column_path(c.table, col.name) +
                   " without a default: fails if " + c.table.str() +
                   " has rows (add a default, or add it nullable, backfill, then set NOT NULL)"}};
    if (volatile_default(c.column))
      return {{HazardKind::kRewrite,
               "rewrites " + c.table.str() + " to fill column " + c.column.name}};
    return {};
  }
  std::vector<Hazard> operator()(const DropColumn& c) const {
    std::string path = column_path(c.table, c.column.name);
    return {{HazardKind::kDataLoss, "drops column " + path},
            {HazardKind::kBreaksRunningCode, "code still reading or writing " + path +
                                                 " (or using SELECT * into a fixed shape) fails once it is dropped"}};
  }
  std::vector<Hazard> operator()(const RenameColumn& c) const {
    return {{HazardKind::kBreaksRunningCode, "code still using the name " +
                                                 column_path(c.table, c.from) + " fails once it is renamed to " +
                                                 c.to}};
  }
  std::vector<Hazard> operator()(const AlterColumn& c) const {
    std::vector<Hazard> out;
    std::string path = column_path(c.table, c.to.name);
    // integer <-> serial of the same width changes only the sequence and the
    // default, never the column's type.
    bool same_type = model::serial_base_type(c.from.type) == model::serial_base_type(c.to.type);
    if (c.delta.type && !same_type) {
      if (narrows(c.from.type, c.to.type))
        out.push_back({HazardKind::kDataLoss, "narrows column " + path + " from " + c.from.type +
                                                  " to " + c.to.type});
      bool zone_change = !time_family(c.from.type).empty() &&
                         time_family(c.from.type) == time_family(c.to.type) &&
                         c.from.type.find(" with time zone") != c.to.type.find(" with time zone");
      if (!binary_coercible(c.from.type, c.to.type) || c.from.collation != c.to.collation)
        out.push_back({HazardKind::kRewrite,
                       "rewrites " + c.table.str() + " to change the type of " + c.to.name +
                           (zone_change ? " (each value is converted in the session's TimeZone)"
                                        : "")});
      if (cast_may_fail(c.from.type, c.to.type))
        out.push_back({HazardKind::kMayFail,
                       "converts " + path + " from " + c.from.type + " to " + c.to.type +
                           ": fails (or, for a shorter length, cuts values) on rows it cannot convert; "
                           "see the pre-check"});
    } else if (c.delta.type && c.from.collation != c.to.collation) {
      out.push_back({HazardKind::kRewrite, "rewrites " + c.table.str() +
                                                    " to change the collation of " + c.to.name});
    }
    if (c.delta.nullable && c.from.nullable && !c.to.nullable)
    {
      out.push_back({HazardKind::kBlocksWrites,
                     "scans " + c.table.str() + " under an exclusive lock to set " + c.to.name +
                         " NOT NULL"});
      out.push_back({HazardKind::kMayFail,
                     "sets " + path + " NOT NULL: fails if a row holds NULL; see the pre-check"});
    }
    return out;
  }
  std::vector<Hazard> operator()(const RecreateColumn& c) const {
    std::string path = column_path(c.table, c.to.name);
    return {{HazardKind::kDataLoss, "drops and re-adds column " + path},
            {HazardKind::kRewrite, "rewrites " + c.table.str() + " to fill column " +
                                            c.to.name}};
  }
  std::vector<Hazard> operator()(const AddConstraint& c) const {
    const std::string& name = constraint_name(c.constraint);
    // Added NOT VALID: no scan and nothing checked against the rows now
    // (a later VALIDATE CONSTRAINT does that and carries those hazards).
    if (const auto* k = std::get_if<model::CheckConstraint>(&c.constraint); k && k->not_valid) return {};
    if (const auto* f = std::get_if<model::ForeignKey>(&c.constraint); f && f->not_valid) return {};
    Hazard may_fail{HazardKind::kMayFail, ""};
    if (std::holds_alternative<model::CheckConstraint>(c.constraint))
      may_fail.detail = "adds " + name + ": fails if a row of " + c.table.str() + " violates it; see the pre-check";
    else if (std::holds_alternative<model::ForeignKey>(c.constraint))
      may_fail.detail = "adds " + name + ": fails if a row of " + c.table.str() +
                        " references a missing row; see the pre-check";
    else if (std::holds_alternative<model::ExclusionConstraint>(c.constraint))
      may_fail.detail = "adds " + name + ": fails if rows of " + c.table.str() + " conflict (not pre-checked)";
    else
      may_fail.detail = "adds " + name + ": fails if rows of " + c.table.str() +
                        " share a key (or, for a primary key, hold NULL); see the pre-check";
    if (std::holds_alternative<model::CheckConstraint>(c.constraint) ||
        std::holds_alternative<model::ForeignKey>(c.constraint))
      return {{HazardKind::kBlocksWrites,
               "scans " + c.table.str() + " under an exclusive lock to validate " + name},
              may_fail};
    return {{HazardKind::kBlocksWrites,
             "builds the index of " + name + " on " + c.table.str() + " while blocking writes"},
            may_fail};
  }
  std::vector<Hazard> operator()(const DropConstraint&) const { return {}; }
  std::vector<Hazard> operator()(const RenameConstraint&) const { return {}; }
  std::vector<Hazard> operator()(const CreateIndex& c) const {
    return {{HazardKind::kBlocksWrites, "builds index " + c.index.name + " on " +
                                                  c.table.str() + " while blocking writes"}};
  }
  std::vector<Hazard> operator()(const DropIndex& c) const {
    return {{HazardKind::kBlocksWrites, "drops index " + c.index.name + " under an ACCESS EXCLUSIVE lock on " +
                                            c.table.str() + " (short, but it waits behind running queries and "
                                            "writers queue behind it)"}};
  }
  std::vector<Hazard> operator()(const RenameIndex&) const { return {}; }
  std::vector<Hazard> operator()(const CreateView& c) const {
    if (c.view.grants.empty()) return {};
    std::string grants;
    for (const auto& g : c.view.grants)
      grants += (grants.empty() ? "" : ", ") + g.privilege + " to " + g.grantee +
                (g.grantable ? " with grant option" : "");
    return {{HazardKind::kBreaksRunningCode,
             "privileges re-granted on " + std::string(c.view.materialized ? "materialized view " : "view ") +
                 c.name.str() + " (" + grants + "): the view is dropped and created again"}};
  }
  std::vector<Hazard> operator()(const DropView& c) const {
    // plan() drops this when the same view is created again in the plan.
    return {{HazardKind::kBreaksRunningCode,
             "code still reading " + c.name.str() + " fails once it is dropped"}};
  }
  std::vector<Hazard> operator()(const ReplaceView&) const { return {}; }
  std::vector<Hazard> operator()(const SetComment&) const { return {}; }
  std::vector<Hazard> operator()(const CreateFunction&) const { return {}; }
  std::vector<Hazard> operator()(const DropFunction& c) const {
    // plan() drops this when the same function is created again in the plan.
    return {{HazardKind::kBreaksRunningCode, "code still calling " + c.name.schema + "." +
                                                 c.function.signature() + " fails once it is dropped"}};
  }
  std::vector<Hazard> operator()(const ReplaceFunction&) const { return {}; }
  std::vector<Hazard> operator()(const CreateAggregate&) const { return {}; }
  std::vector<Hazard> operator()(const DropAggregate& c) const {
    return {{HazardKind::kBreaksRunningCode, "code still calling " + c.name.schema + "." +
                                                 c.aggregate.signature() + " fails once it is dropped"}};
  }
  std::vector<Hazard> operator()(const CreateTrigger&) const { return {}; }
  std::vector<Hazard> operator()(const DropTrigger&) const { return {}; }
  std::vector<Hazard> operator()(const EnableTrigger&) const { return {}; }
  // Row-level security decides which rows queries see: turning it on, a
  // policy that goes or narrows, hides rows from code that read them.
  std::vector<Hazard> operator()(const SetRowSecurity& c) const {
    if ((c.to.enabled && !c.from.enabled) || (c.to.forced && !c.from.forced))
      return {{HazardKind::kBreaksRunningCode,
               "row level security on " + c.table.str() +
                   ": roles without a policy that grants them rows see none"}};
    return {};
  }
  std::vector<Hazard> operator()(const CreatePolicy& c) const {
    if (c.policy.permissive) return {};
    return {{HazardKind::kBreaksRunningCode, "restrictive policy " + c.policy.name + " on " +
                                                 c.table.str() + " hides rows that roles see now"}};
  }
  std::vector<Hazard> operator()(const DropPolicy& c) const {
    if (!c.policy.permissive) return {};
    return {{HazardKind::kBreaksRunningCode, "drops policy " + c.policy.name + " on " +
                                                 c.table.str() + ": rows it granted are hidden"}};
  }
  std::vector<Hazard> operator()(const SetOwner&) const { return {}; }
  // A revoke fails the code of the role that used the privilege.
  std::vector<Hazard> operator()(const AlterPrivileges& c) const {
    std::string lost;
    for (const auto& [p, _] : c.from)
      if (!c.to.count(p)) lost += (lost.empty() ? "" : ", ") + p;
    if (lost.empty()) return {};
    return {{HazardKind::kBreaksRunningCode, "revokes " + lost + " on " + c.target.name.str() +
                                                 " from " + c.grantee}};
  }
  std::vector<Hazard> operator()(const AlterPolicy& c) const {
    return {{HazardKind::kBreaksRunningCode, "policy " + c.to.name + " on " + c.table.str() +
                                                 " changes which rows roles see or write"}};
  }
};

}  // namespace

std::vector<Hazard> hazards_of(const Change& change) { return std::visit(HazardFinder{}, change); }

}  // namespace strata::diff
