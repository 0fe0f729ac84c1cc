#include "introspect/catalog_reader.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "db/connection.h"
#include "introspect/normalize.h"
#include "introspect/table_properties_row.h"
#include "sql/quote.h"

namespace strata::introspect {
namespace {

constexpr const char* kPublicSchemaComment = "standard public schema";

std::vector<std::string> json_names(const std::string& text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  for (const auto& item : nlohmann::json::parse(text)) out.push_back(item.get<std::string>());
  return out;
}

// "{1,3}" (an int2[] as text) -> {1, 3}.
std::vector<int> attnums(const std::string& text) {
  std::vector<int> out;
  int value = 0;
  bool in_number = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      value = value * 10 + (c - '0');
      in_number = true;
    } else if (in_number) {
      out.push_back(value);
      value = 0;
      in_number = false;
    }
  }
  return out;
}

model::ReferentialAction referential_action(const std::string& code) {
  switch (code.empty() ? 'a' : code[0]) {
    case 'r': return model::ReferentialAction::kRestrict;
    case 'c': return model::ReferentialAction::kCascade;
    case 'n': return model::ReferentialAction::kSetNull;
    case 'd': return model::ReferentialAction::kSetDefault;
    default: return model::ReferentialAction::kNoAction;
  }
}

model::MatchType match_type(const std::string& code) {
  if (code == "f") return model::MatchType::kFull;
  if (code == "p") return model::MatchType::kPartial;
  return model::MatchType::kSimple;
}

}  // namespace

bool CatalogRow::null(int i) const { return PQgetisnull(result_, row_, i) != 0; }

std::string CatalogRow::text(int i) const {
  return std::string(PQgetvalue(result_, row_, i), static_cast<std::size_t>(PQgetlength(result_, row_, i)));
}

std::optional<std::string> CatalogRow::optional(int i) const {
  if (null(i)) return std::nullopt;
  return text(i);
}

std::int64_t CatalogRow::number(int i) const {
  // A NULL reads as "" (PQgetvalue), so as 0.
  return std::strtoll(PQgetvalue(result_, row_, i), nullptr, 10);
}

CatalogReader::CatalogReader(db::Connection& connection, int server_version_num)
    : connection_(connection), queries_(server_version_num) {
  out_.server_version_num = server_version_num;
}

// The queries read_all() sends at once, and their results in the order sent.
// Left early (an error, a missing schema), it reads and drops what is still
// coming, so that the connection can take the ROLLBACK.
class CatalogReader::Pipeline {
 public:
  explicit Pipeline(db::Connection& connection)
      : connection_(connection), conn_(connection.native()) {
    if (!PQenterPipelineMode(conn_)) throw lost("");
  }
  ~Pipeline() { abandon(); }
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  void send(const std::string& sql, const std::string* parameter) {
    connection_.count_statement();
    const char* values[1] = {parameter ? parameter->c_str() : nullptr};
    if (!PQsendQueryParams(conn_, sql.c_str(), parameter ? 1 : 0, nullptr,
                           parameter ? values : nullptr, nullptr, nullptr, 0))
      throw lost("sending the catalog queries");
    sent_.push_back(&sql);
  }

  void sync() {
    if (!PQpipelineSync(conn_)) throw lost("sending the catalog queries");
  }

  // Whether `sql` is the next query whose result is due.
  bool next_is(const std::string& sql) const { return next_ < sent_.size() && sent_[next_] == &sql; }

  // The result of the next query (the caller clears it).
  PGresult* take(const char* what) {
    PGresult* res = PQgetResult(conn_);
    if (!res) throw lost(std::string("reading ") + what + " from the catalog");
    ++next_;
    // Each query's results end with a null.
    while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
    return res;
  }

  // After the last result: the sync point, and back to one query at a time.
  void finish() {
    if (next_ != sent_.size())
      throw std::logic_error("catalog reader: a query was sent whose result was not read");
    PGresult* sync = PQgetResult(conn_);
    if (!sync) throw lost("reading the catalog");
    PQclear(sync);
    finished_ = true;
    if (!PQexitPipelineMode(conn_)) throw lost("reading the catalog");
  }

 private:
  DatabaseError lost(const std::string& while_doing) const {
    std::string why = PQerrorMessage(conn_);
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    return DatabaseError(DatabaseError::Kind::kUnreachable,
                         "lost the connection to " + connection_.endpoint().str() +
                             (while_doing.empty() ? "" : " while " + while_doing) + ": " + why);
  }

  void abandon() noexcept {
    if (finished_) return;
    // Results of the queries not read, up to the sync point; two nulls in a
    // row mean nothing more is coming (or the connection is gone).
    int nulls = 0;
    while (nulls < 2) {
      PGresult* res = PQgetResult(conn_);
      if (!res) {
        if (PQstatus(conn_) == CONNECTION_BAD) break;
        ++nulls;
        continue;
      }
      nulls = 0;
      bool sync = PQresultStatus(res) == PGRES_PIPELINE_SYNC;
      PQclear(res);
      if (sync) break;
    }
    PQexitPipelineMode(conn_);
  }

  db::Connection& connection_;
  PGconn* conn_;
  std::vector<const std::string*> sent_;
  std::size_t next_ = 0;
  bool finished_ = false;
};

void CatalogReader::run(const char* what, const std::string& sql, bool bind_schemas,
                        const std::function<void(const CatalogRow&)>& on_row) {
  PGconn* conn = connection_.native();
  PGresult* raw = nullptr;
  if (pipeline_ && pipeline_->next_is(sql)) {
    raw = pipeline_->take(what);
  } else {
    if (pipeline_) throw std::logic_error(std::string("catalog reader: ") + what + " read out of order");
    connection_.count_statement();
    const char* values[1] = {schemas_param_.c_str()};
    raw = PQexecParams(conn, sql.c_str(), bind_schemas ? 1 : 0, nullptr,
                       bind_schemas ? values : nullptr, nullptr, nullptr, 0);
  }
  std::unique_ptr<PGresult, void (*)(PGresult*)> res(raw, PQclear);
  if (!res || PQresultStatus(res.get()) != PGRES_TUPLES_OK) {
    std::string state, message;
    if (res) {
      if (const char* v = PQresultErrorField(res.get(), PG_DIAG_SQLSTATE)) state = v;
      message = PQresultErrorMessage(res.get());
    }
    if (message.empty()) message = PQerrorMessage(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
      message.pop_back();
    message = std::string("reading ") + what + " from the catalog: " + message;
    auto kind = state == "42501" ? DatabaseError::Kind::kPermission
                                 : DatabaseError::Kind::kStatement;
    if (PQstatus(conn) == CONNECTION_BAD) {
      kind = DatabaseError::Kind::kUnreachable;
      message = "lost the connection to " + connection_.endpoint().str() + " while " + message;
    }
    throw DatabaseError(kind, message, state, sql);
  }
  int rows = PQntuples(res.get());
  for (int i = 0; i < rows; ++i) on_row(CatalogRow(res.get(), i));
}

Inspection CatalogReader::read_all(const Options& options) {
  // Each query with its reader, in the order the readers need (see the class
  // comment); the schemas query first.
  struct Step {
    const std::string* sql;
    bool bind_schemas;
    std::function<void()> read;
  };
  const CatalogQueries& q = queries_;
  std::vector<Step> steps = {
      {&q.schemas, true, [&] { read_schemas(options.schemas); }},
      {&q.extensions, false, [&] { read_extensions(); }},
      {&q.enums, true, [&] { read_enums(); }},
      {&q.domains, true, [&] { read_domains(); }},
      {&q.composite_types, true, [&] { read_composite_types(); }},
      {&q.collations, true, [&] { read_collations(); }},
      {&q.text_search_configs, true, [&] { read_text_search_configs(); }},
      {&q.sequences, true, [&] { read_sequences(); }},
      {&q.columns, true, [&] { read_tables(); }},
      {&q.constraints, true, [&] { read_constraints(); }},
      {&q.views, true, [&] { read_views(); }},
      {&q.indexes, true, [&] { read_indexes(); }},
      {&q.comments, true, [&] { read_comments(); }},
      {&q.policies, true, [&] { read_policies(); }},
      {&q.unmanaged, true, [&] { read_unmanaged(); }},
      {&q.functions, true, [&] { read_functions(); }},
      {&q.aggregates, true, [&] { read_aggregates(); }},
      {&q.triggers, true, [&] { read_triggers(); }},
  };
  // After the functions: their grants are found by oid.
  if (options.manage_owners || options.manage_privileges)
    steps.push_back({&q.access, true, [&] { read_access(options.manage_owners, options.manage_privileges); }});
  std::size_t first = 0;
  if (options.schemas.empty()) {
    // All schemas: the other queries bind the names this one finds.
    steps[0].read();
    first = 1;
  } else {
    // The named schemas: if one is missing, read_schemas says so and the
    // rest is dropped; otherwise they are the names found.
    schemas_param_ = text_array_literal(options.schemas);
  }
  Pipeline pipeline(connection_);
  for (std::size_t i = first; i < steps.size(); ++i)
    pipeline.send(*steps[i].sql, steps[i].bind_schemas ? &schemas_param_ : nullptr);
  pipeline.sync();
  pipeline_ = &pipeline;
  try {
    for (std::size_t i = first; i < steps.size(); ++i) steps[i].read();
  } catch (...) {
    pipeline_ = nullptr;
    throw;
  }
  pipeline_ = nullptr;
  pipeline.finish();
  return finish();
}

model::Namespace& CatalogReader::ns(const std::string& name) {
  auto& n = out_.schema.namespaces[name];
  n.name = name;
  return n;
}

void CatalogReader::read_schemas(const std::vector<std::string>& requested) {
  schemas_param_ = text_array_literal(requested);
  std::vector<std::string> found;
  run("schemas", queries_.schemas, true, [&](const CatalogRow& r) {
    auto& n = ns(r.text(0));
    n.comment = r.optional(1);
    if (n.name == "public" && n.comment == kPublicSchemaComment) n.comment.reset();
    found.push_back(n.name);
  });
  std::string missing;
  for (const auto& name : requested) {
    if (out_.schema.namespaces.count(name)) continue;
    missing += (missing.empty() ? "" : ", ") + sql::quote_ident(name);
  }
  if (!missing.empty())
    throw UsageError("managed schema " + missing + " does not exist in database " +
                     connection_.endpoint().str());
  schemas_param_ = text_array_literal(found);
}

void CatalogReader::read_extensions() {
  run("extensions", queries_.extensions, false, [&](const CatalogRow& r) {
    model::Extension e;
    e.name = r.text(0);
    e.version = r.optional(1);
    e.schema = r.text(2);
    out_.schema.extensions[e.name] = e;
  });
}

void CatalogReader::read_enums() {
  model::EnumType* current = nullptr;
  std::string current_schema;
  run("enums", queries_.enums, true, [&](const CatalogRow& r) {
    std::string schema = r.text(0), name = r.text(1);
    if (!current || current_schema != schema || current->name != name) {
      current = &ns(schema).enums[name];
      current->name = name;
      current->comment = r.optional(3);
      current_schema = schema;
    }
    if (!r.null(2)) current->labels.push_back(r.text(2));
  });
}

void CatalogReader::read_sequences() {
  run("sequences", queries_.sequences, true, [&](const CatalogRow& r) {
    model::Sequence s;
    s.name = r.text(1);
    s.type = r.text(2);
    s.options = sequence_options(s.type, r.number(3), r.number(4), r.number(5), r.number(6),
                                 r.number(7), r.flag(8));
    auto& rel = relations_[r.number(15)];
    rel.sequence_schema = r.text(0);
    rel.sequence_name = s.name;
    std::string deptype = r.text(9);
    if (deptype.empty()) {
      ns(r.text(0)).sequences[s.name] = std::move(s);
      return;
    }
    std::string owner_schema = r.text(12);
    if (deptype == "a") {
      // A sequence owned across schemas is dropped again in finish().
      s.owned_by = r.text(13) + "." + r.text(14);
      // Listed until a serial column claims it, or finish() finds its owner
      // outside the model.
      ns(r.text(0)).sequences[s.name] = s;
    }
    owned_sequences_[{r.number(10), static_cast<int>(r.number(11))}] =
        OwnedSequence{std::move(s), r.text(0), deptype, owner_schema, r.text(16) != "u"};
  });
}

void CatalogReader::read_tables() {
  model::Table* table = nullptr;
  std::int64_t table_oid = -1;
  std::string schema;
  run("tables and columns", queries_.columns, true, [&](const CatalogRow& r) {
    std::int64_t oid = r.number(0);
    if (oid != table_oid) {
      schema = r.text(1);
      table = &ns(schema).tables[r.text(2)];
      table->name = r.text(2);
      table->unlogged = r.text(3) == "u";
      read_table_properties(r, *table);
      relations_[oid].table = table;
      relations_[oid].schema = schema;
      table_oids_[{schema, table->name}] = oid;
      table_oid = oid;
    }
    if (r.null(4)) return;  // a table without columns
    int attnum = static_cast<int>(r.number(4));
    if (table->partition_of || !r.flag(22)) {
      relations_[oid].partition_columns[attnum] = r.text(5);
      return;
    }
    model::Column c;
    c.name = r.text(5);
    c.type = r.text(6);
    c.nullable = !r.flag(7);
    std::string identity = r.text(9), generated = r.text(10);
    if (generated == "s") {
      c.generated = r.optional(8);
    } else {
      c.default_expr = r.optional(8);
    }
    if (identity == "a" || identity == "d") {
      c.identity = model::Identity{
          identity == "a" ? model::IdentityKind::kAlways : model::IdentityKind::kByDefault, {}};
    }
    c.collation = r.optional(11);
    read_column_properties(r, c);
    finish_column(oid, attnum, schema, *table, c);
    relations_[oid].columns[attnum] = table->columns.size();
    table->columns.push_back(std::move(c));
  });
}

// Identity options from the identity sequence; serial detection.
void CatalogReader::finish_column(std::int64_t table_oid, int attnum, const std::string& schema,
                                  const model::Table& owner, model::Column& column) {
  auto owned = owned_sequences_.find({table_oid, attnum});
  if (owned == owned_sequences_.end()) return;
  const OwnedSequence& seq = owned->second;
  const std::string& table = owner.name;
  // A new column's sequence is logged as its table is: only another state
  // is said.
  auto persistence = [&] {
    if (seq.logged == owner.unlogged) column.sequence_logged = seq.logged;
  };
  if (column.identity) {
    if (seq.deptype == "i") {
      column.identity->options = seq.sequence.options;
      persistence();
    }
    return;
  }
  if (seq.deptype != "a" || !column.default_expr || column.generated) return;
  std::string serial = serial_type_for(column.type);
  if (serial.empty() || seq.sequence.type != column.type) return;
  if (seq.schema != schema || seq.sequence.name != serial_sequence_name(table, column.name))
    return;
  if (!(seq.sequence.options == model::SequenceOptions{})) return;
  std::string nextval = "nextval(" +
                        sql::quote_literal(sql::quote_qualified(seq.schema, seq.sequence.name)) +
                        "::regclass)";
  if (*column.default_expr != nextval) return;
  column.type = serial;
  column.default_expr.reset();
  persistence();
  ns(schema).sequences.erase(seq.sequence.name);
}

std::vector<std::string> CatalogReader::column_names(std::int64_t table_oid,
                                                    const std::string& numbers) const {
  std::vector<std::string> names;
  auto rel = relations_.find(table_oid);
  if (rel == relations_.end() || !rel->second.table) return names;
  for (int attnum : attnums(numbers)) {
    if (rel->second.table->partition_of || rel->second.partition_columns.count(attnum)) {
      auto name = rel->second.partition_columns.find(attnum);
      if (name == rel->second.partition_columns.end()) return {};
      names.push_back(name->second);
      continue;
    }
    auto position = rel->second.columns.find(attnum);
    if (position == rel->second.columns.end()) return {};
    names.push_back(rel->second.table->columns[position->second].name);
  }
  return names;
}

void CatalogReader::read_constraints() {
  run("constraints", queries_.constraints, true, [&](const CatalogRow& r) {
    std::int64_t oid = r.number(0);
    auto rel = relations_.find(oid);
    if (rel == relations_.end() || !rel->second.table) return;
    model::Table& t = *rel->second.table;
    std::string name = r.text(1), type = r.text(2);
    model::Deferral deferral{r.flag(11), r.flag(12)};
    auto unmanaged = [&](const char* kind) {
      out_.unmanaged[kind].push_back(sql::quote_qualified(rel->second.schema, t.name) + "." +
                                     sql::quote_ident(name));
    };
    if (r.number(17) > 0) unmanaged("INCLUDE columns of primary keys and unique constraints");
    if (r.number(18) > 0) unmanaged("column lists of ON DELETE SET NULL/DEFAULT");
    bool not_valid = r.flag(19);
    if (type == "p") {
      t.primary_key = model::PrimaryKey{name, column_names(oid, r.text(3)), deferral, std::nullopt};
    } else if (type == "u") {
      model::UniqueConstraint u;
      u.name = name;
      u.columns = column_names(oid, r.text(3));
      u.nulls_not_distinct = r.flag(15);
      u.deferral = deferral;
      t.uniques[name] = std::move(u);
    } else if (type == "c") {
      model::CheckConstraint c;
      c.name = name;
      c.expression = check_body(r.text(14));
      c.no_inherit = r.flag(13);
      c.not_valid = not_valid;
      t.checks[name] = std::move(c);
    } else if (type == "f") {
      model::ForeignKey f;
      f.name = name;
      f.columns = column_names(oid, r.text(3));
      f.ref_table = model::QualifiedName{r.text(4), r.text(5)};
      // Names of a referenced table outside the model come with the row.
      f.ref_columns = r.null(7) ? ref_column_names(f.ref_table, r.text(6)) : json_names(r.text(7));
      f.on_update = referential_action(r.text(8));
      f.on_delete = referential_action(r.text(9));
      f.match = match_type(r.text(10));
      f.deferral = deferral;
      f.not_valid = not_valid;
      t.foreign_keys[name] = std::move(f);
    } else if (type == "x") {
      model::ExclusionConstraint x;
      x.name = name;
      x.deferral = deferral;
      // Elements, method, INCLUDE and WHERE come with the index (read_indexes).
      for (const auto& op : json_names(r.text(16))) {
        model::ExclusionElement e;
        e.op = op;
        x.elements.push_back(std::move(e));
      }
      t.exclusions[name] = std::move(x);
    }
  });
}

std::vector<std::string> CatalogReader::ref_column_names(const model::QualifiedName& table,
                                                         const std::string& numbers) const {
  auto oid = table_oids_.find(table);
  return oid == table_oids_.end() ? std::vector<std::string>{} : column_names(oid->second, numbers);
}

void CatalogReader::read_views() {
  run("views", queries_.views, true, [&](const CatalogRow& r) {
    auto& v = ns(r.text(1)).views[r.text(2)];
    v.name = r.text(2);
    v.materialized = r.text(3) == "m";
    v.query = view_query(r.text(4));
    if (!r.null(5))
      for (const auto& g : nlohmann::json::parse(r.text(5)))
        v.grants.push_back({g[0].get<std::string>(), g[1].get<std::string>(), g[2].get<bool>()});
    if (!r.null(6))
      for (const auto& c : nlohmann::json::parse(r.text(6)))
        v.column_comments[c[0].get<std::string>()] = c[1].get<std::string>();
    if (!r.null(7)) v.rules = json_names(r.text(7));
    v.with_no_data = v.materialized && !r.flag(8);
    relations_[r.number(0)].view = &v;
  });
}

void CatalogReader::read_indexes() {
  model::Index index;                       // the index being assembled
  model::ExclusionConstraint* exclusion = nullptr;
  model::Table* owner_table = nullptr;
  model::View* owner_view = nullptr;
  std::int64_t index_oid = 0;
  int key_count = 0;
  auto flush = [&]() {
    if (index.name.empty() || exclusion) return;
    auto& indexes = owner_table ? owner_table->indexes : owner_view->indexes;
    std::string name = index.name;
    relations_[index_oid].index = &(indexes[name] = std::move(index));
  };
  run("indexes", queries_.indexes, true, [&](const CatalogRow& r) {
    int position = static_cast<int>(r.number(10));
    if (position == 1) {
      flush();
      index = model::Index{};
      exclusion = nullptr;
      auto rel = relations_.find(r.number(0));
      if (rel == relations_.end() || !(rel->second.table || rel->second.view)) return;
      owner_table = rel->second.table;
      owner_view = rel->second.view;
      index_oid = r.number(7);
      index.name = r.text(1);
      index.method = r.text(2);
      index.unique = r.flag(3);
      index.nulls_not_distinct = r.flag(4);
      index.invalid = r.flag(16);
      key_count = static_cast<int>(r.number(5));
      index.where = r.optional(6);
      if (r.text(8) == "x" && owner_table) {
        auto x = owner_table->exclusions.find(r.text(9));
        if (x != owner_table->exclusions.end()) {
          exclusion = &x->second;
          exclusion->method = index.method;
          exclusion->where = index.where;
        }
      }
    }
    if (index.name.empty()) return;  // an index of a relation outside the model
    std::string column = r.text(11);
    if (position > key_count) {
      if (exclusion) exclusion->include.push_back(column);
      else index.include.push_back(column);
      return;
    }
    std::optional<std::string> expression;
    if (r.null(11)) expression = strip_outer_parens(r.text(12));
    std::optional<std::string> opclass = r.optional(14);
    if (exclusion) {
      size_t i = static_cast<size_t>(position - 1);
      if (i >= exclusion->elements.size()) exclusion->elements.resize(i + 1);
      auto& e = exclusion->elements[i];
      // A bare name is a column, "(...)" an expression: a column whose name
      // starts with '(' is kept as the expression naming it (PostgreSQL
      // takes "(column)" for the column).
      if (expression)
        e.expression = "(" + *expression + ")";
      else
        e.expression = column.starts_with('(') ? "(" + sql::quote_ident(column) + ")" : column;
      e.opclass = opclass;
      return;
    }
    model::IndexKey k;
    if (expression) k.expression = expression;
    else k.column = column;
    std::int64_t option = r.number(13);
    k.descending = (option & 1) != 0;
    bool nulls_first = (option & 2) != 0;
    if (nulls_first != k.descending)
      k.nulls = nulls_first ? model::NullsOrder::kFirst : model::NullsOrder::kLast;
    k.opclass = opclass;
    k.collation = r.optional(15);
    index.keys.push_back(std::move(k));
  });
  flush();
}

void CatalogReader::read_comments() {
  run("comments", queries_.comments, true, [&](const CatalogRow& r) {
    auto rel = relations_.find(r.number(0));
    if (rel == relations_.end()) return;
    const Relation& target = rel->second;
    int column = static_cast<int>(r.number(1));
    std::optional<std::string> comment = r.text(2);
    if (column > 0) {
      auto position = target.columns.find(column);
      if (target.table && position != target.columns.end())
        target.table->columns[position->second].comment = comment;
    } else if (target.table) {
      target.table->comment = comment;
    } else if (target.view) {
      target.view->comment = comment;
    } else if (target.index) {
      target.index->comment = comment;
    } else if (!target.sequence_name.empty()) {
      // Sequences of serial and identity columns are not in the model.
      auto& sequences = ns(target.sequence_schema).sequences;
      auto s = sequences.find(target.sequence_name);
      if (s != sequences.end()) s->second.comment = comment;
    }
  });
}

void CatalogReader::read_unmanaged() {
  run("unmanaged objects", queries_.unmanaged, true,
      [&](const CatalogRow& r) { out_.unmanaged[r.text(0)].push_back(r.text(1)); });
}

Inspection CatalogReader::finish() {
  // A sequence owned by a column of a table outside the model (a partitioned
  // table, a child, another schema) goes with that table: named as unmanaged,
  // not in the model.
  for (const auto& [owner, seq] : owned_sequences_) {
    if (seq.deptype != "a") continue;
    auto rel = relations_.find(owner.first);
    bool managed_owner = rel != relations_.end() && rel->second.table &&
                         seq.owner_schema == seq.schema;
    if (managed_owner) continue;
    auto& sequences = ns(seq.schema).sequences;
    if (sequences.erase(seq.sequence.name))
      out_.unmanaged["sequences of unmanaged tables"].push_back(
          sql::quote_qualified(seq.schema, seq.sequence.name));
  }
  for (auto& [kind, names] : out_.unmanaged) std::sort(names.begin(), names.end());
  return std::move(out_);
}

}  // namespace strata::introspect
