#include "sql/script.h"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <algorithm>
#include <cstdint>

#include "sql/parse_result.h"
#include "sql/parser_stack.h"
#include "sql/text.h"

namespace strata::sql {
namespace {

// Owns a PgQuerySplitResult for its lifetime.
struct SplitGuard {
  PgQuerySplitResult r;
  explicit SplitGuard(const std::string& text) : r(pg_query_split_with_parser(text.c_str())) {}
  ~SplitGuard() { pg_query_free_split_result(r); }
  SplitGuard(const SplitGuard&) = delete;
  SplitGuard& operator=(const SplitGuard&) = delete;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Index of the first character at or after `i` (before `end`) that is
// neither whitespace nor inside a comment, as PostgreSQL's scanner reads
// them: "--" up to a line break or carriage return, "/* */" nested. Sets
// `unterminated` (when given) if a "/*" is still open at `end`.
std::size_t skip_blank(std::string_view s, std::size_t i, std::size_t end, bool* unterminated = nullptr) {
  while (i < end) {
    if (is_space(s[i])) {
      ++i;
    } else if (s[i] == '-' && i + 1 < end && s[i + 1] == '-') {
      while (i < end && s[i] != '\n' && s[i] != '\r') ++i;
    } else if (s[i] == '/' && i + 1 < end && s[i + 1] == '*') {
      int depth = 0;
      do {
        if (s[i] == '/' && i + 1 < end && s[i + 1] == '*') {
          ++depth;
          i += 2;
        } else if (s[i] == '*' && i + 1 < end && s[i + 1] == '/') {
          --depth;
          i += 2;
        } else {
          ++i;
        }
      } while (i < end && depth > 0);
      if (depth > 0 && unterminated) *unterminated = true;
    } else {
      break;
    }
  }
  return i;
}

// (line, column), both 1-based, of byte `offset` in `s`.
std::pair<int, int> line_column(std::string_view s, std::size_t offset) {
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < s.size(); ++i) {
    if (s[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, static_cast<int>(offset - line_start) + 1};
}

// Statements of a script from the parser's (location, length) pairs, in
// order: blanks and comments trimmed, positions counted forward from the
// previous statement, so a script of n statements costs one pass.
class StatementBuilder {
 public:
  explicit StatementBuilder(std::string_view script) : script_(script) {}

  std::optional<ScriptStatement> next(int location, int len) {
    std::size_t begin = static_cast<std::size_t>(std::max(location, 0));
    std::size_t end = len > 0 ? begin + static_cast<std::size_t>(len) : script_.size();
    if (end > script_.size()) end = script_.size();
    begin = skip_blank(script_, begin, end);
    while (end > begin && (is_space(script_[end - 1]) || script_[end - 1] == ';')) --end;
    if (begin >= end) return std::nullopt;
    ScriptStatement st;
    st.text = std::string(script_.substr(begin, end - begin));
    st.offset = static_cast<int>(begin);
    for (; counted_ < begin; ++counted_)
      if (script_[counted_] == '\n') {
        ++line_;
        line_start_ = counted_ + 1;
      }
    st.line = line_;
    st.column = static_cast<int>(begin - line_start_) + 1;
    return st;
  }

 private:
  std::string_view script_;
  int line_ = 1;
  std::size_t counted_ = 0, line_start_ = 0;
};

// Bytes the parser cannot be given: past a NUL it would see nothing, and
// PostgreSQL refuses what is not UTF-8.
std::optional<ScriptError> invalid_text_error(std::string_view script) {
  auto bad = find_invalid_text(script);
  if (!bad) return std::nullopt;
  ScriptError e;
  e.message = describe_invalid_byte(static_cast<unsigned char>(script[*bad])) +
              "; SQL text must be UTF-8 without NUL bytes";
  e.offset = static_cast<int>(*bad);
  auto [line, column] = line_column(script, *bad);
  e.line = line;
  e.column = column;
  return e;
}

ScriptError parser_error(std::string_view script, const char* message, int cursorpos) {
  ScriptError e;
  e.message = message ? message : "syntax error";
  if (cursorpos > 0) {
    e.offset = cursorpos - 1;
    auto [line, column] = line_column(script, static_cast<std::size_t>(e.offset));
    e.line = line;
    e.column = column;
  }
  return e;
}

// A protobuf message read field by field, without unpacking what its fields
// hold: a statement's tree nests as deep as its text (`1+1+...` is one level
// per term) and protobuf-c's unpacking recurses once per level with a large
// frame, past any stack sized for the text. analyze_script needs only a few
// fields near each statement's root, reached by walking down, never up.
class WireReader {
 public:
  struct Field {
    std::uint32_t number = 0;
    std::uint64_t value = 0;        // varint and fixed-width fields
    std::string_view bytes;         // length-delimited fields
    bool delimited = false;
  };

  explicit WireReader(std::string_view message) : p_(message.data()), end_(message.data() + message.size()) {}

  // The next field, or false at the end or on malformed bytes.
  bool next(Field& f) {
    if (p_ >= end_) return false;
    std::uint64_t key = 0;
    if (!varint(key)) return false;
    f = Field{};
    f.number = static_cast<std::uint32_t>(key >> 3);
    switch (key & 7) {
      case 0:
        return varint(f.value);
      case 1:
        return fixed(8, f.value);
      case 5:
        return fixed(4, f.value);
      case 2: {
        std::uint64_t len = 0;
        if (!varint(len) || len > static_cast<std::uint64_t>(end_ - p_)) return fail();
        f.bytes = std::string_view(p_, static_cast<std::size_t>(len));
        f.delimited = true;
        p_ += len;
        return true;
      }
      default:  // groups: not written by libpg_query
        return fail();
    }
  }

  // The first field `number` of the message: its value, or its bytes.
  static std::optional<Field> find(std::string_view message, std::uint32_t number) {
    WireReader r(message);
    Field f;
    while (r.next(f))
      if (f.number == number) return f;
    return std::nullopt;
  }

 private:
  bool fail() {
    p_ = end_;
    return false;
  }
  bool varint(std::uint64_t& out) {
    out = 0;
    for (int shift = 0; shift < 64 && p_ < end_; shift += 7) {
      auto byte = static_cast<unsigned char>(*p_++);
      out |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return true;
    }
    return fail();
  }
  bool fixed(int bytes, std::uint64_t& out) {
    if (end_ - p_ < bytes) return fail();
    out = 0;
    for (int i = 0; i < bytes; ++i) out |= static_cast<std::uint64_t>(static_cast<unsigned char>(p_[i])) << (8 * i);
    p_ += bytes;
    return true;
  }

  const char* p_;
  const char* end_;
};

// The number of field `name` of a message type, from libpg_query's
// descriptors (never written out by hand).
std::uint32_t field_number(const ProtobufCMessageDescriptor& type, const char* name) {
  const ProtobufCFieldDescriptor* f = protobuf_c_message_descriptor_get_field_by_name(&type, name);
  return f ? f->id : 0;
}

struct FieldNumbers {
  std::uint32_t parse_stmts = field_number(pg_query__parse_result__descriptor, "stmts");
  std::uint32_t raw_stmt = field_number(pg_query__raw_stmt__descriptor, "stmt");
  std::uint32_t raw_location = field_number(pg_query__raw_stmt__descriptor, "stmt_location");
  std::uint32_t raw_len = field_number(pg_query__raw_stmt__descriptor, "stmt_len");
  std::uint32_t index_concurrent = field_number(pg_query__index_stmt__descriptor, "concurrent");
  std::uint32_t drop_concurrent = field_number(pg_query__drop_stmt__descriptor, "concurrent");
  std::uint32_t reindex_params = field_number(pg_query__reindex_stmt__descriptor, "params");
  std::uint32_t vacuum_is_vacuum = field_number(pg_query__vacuum_stmt__descriptor, "is_vacuumcmd");
  std::uint32_t cluster_relation = field_number(pg_query__cluster_stmt__descriptor, "relation");
  std::uint32_t alter_database_options = field_number(pg_query__alter_database_stmt__descriptor, "options");
  std::uint32_t alter_subscription_kind = field_number(pg_query__alter_subscription_stmt__descriptor, "kind");
  std::uint32_t def_elem_name = field_number(pg_query__def_elem__descriptor, "defname");
  std::uint32_t create_relation = field_number(pg_query__create_stmt__descriptor, "relation");
  std::uint32_t create_as_into = field_number(pg_query__create_table_as_stmt__descriptor, "into");
  std::uint32_t into_rel = field_number(pg_query__into_clause__descriptor, "rel");
  std::uint32_t index_relation = field_number(pg_query__index_stmt__descriptor, "relation");
  std::uint32_t range_var_schema = field_number(pg_query__range_var__descriptor, "schemaname");
  std::uint32_t range_var_name = field_number(pg_query__range_var__descriptor, "relname");
  std::uint32_t scan_tokens = field_number(pg_query__scan_result__descriptor, "tokens");
  std::uint32_t token_start = field_number(pg_query__scan_token__descriptor, "start");
  std::uint32_t token_end = field_number(pg_query__scan_token__descriptor, "end");
  std::uint32_t token_kind = field_number(pg_query__scan_token__descriptor, "token");
};

const FieldNumbers& numbers() {
  static const FieldNumbers n;
  return n;
}

bool wire_flag(std::string_view message, std::uint32_t number) {
  auto f = WireReader::find(message, number);
  return f && !f->delimited && f->value != 0;
}

// True when the list field `number` of `message` (Nodes holding DefElems,
// as REINDEX and ALTER DATABASE keep their options) names `option`.
bool wire_has_option(std::string_view message, std::uint32_t number, std::string_view option) {
  WireReader r(message);
  WireReader::Field item;
  while (r.next(item)) {
    if (item.number != number || !item.delimited) continue;
    auto def = WireReader::find(item.bytes, PG_QUERY__NODE__NODE_DEF_ELEM);
    if (!def || !def->delimited) continue;
    auto name = WireReader::find(def->bytes, numbers().def_elem_name);
    if (name && name->delimited && name->bytes == option) return true;
  }
  return false;
}

// The protobuf twin of cannot_run_in_transaction's tree test, on a Node's
// bytes: its one field is the statement, numbered as its kind.
TransactionUse transaction_use(std::string_view node) {
  WireReader r(node);
  WireReader::Field stmt;
  if (!r.next(stmt) || !stmt.delimited) return TransactionUse::kAny;
  const FieldNumbers& n = numbers();
  const std::string_view body = stmt.bytes;
  auto outside = [](bool refused) {
    return refused ? TransactionUse::kOutsideOnly : TransactionUse::kAny;
  };
  switch (stmt.number) {
    case PG_QUERY__NODE__NODE_TRANSACTION_STMT:
      return TransactionUse::kControl;
    case PG_QUERY__NODE__NODE_INDEX_STMT:
      return outside(wire_flag(body, n.index_concurrent));
    case PG_QUERY__NODE__NODE_DROP_STMT:
      return outside(wire_flag(body, n.drop_concurrent));
    case PG_QUERY__NODE__NODE_REINDEX_STMT:
      return outside(wire_has_option(body, n.reindex_params, "concurrently"));
    case PG_QUERY__NODE__NODE_VACUUM_STMT:
      return outside(wire_flag(body, n.vacuum_is_vacuum));
    case PG_QUERY__NODE__NODE_CREATEDB_STMT:
    case PG_QUERY__NODE__NODE_DROPDB_STMT:
    case PG_QUERY__NODE__NODE_CREATE_TABLE_SPACE_STMT:
    case PG_QUERY__NODE__NODE_DROP_TABLE_SPACE_STMT:
    case PG_QUERY__NODE__NODE_ALTER_SYSTEM_STMT:
    case PG_QUERY__NODE__NODE_CREATE_SUBSCRIPTION_STMT:
    case PG_QUERY__NODE__NODE_DROP_SUBSCRIPTION_STMT:
      return TransactionUse::kOutsideOnly;
    case PG_QUERY__NODE__NODE_CLUSTER_STMT:
      return outside(!WireReader::find(body, n.cluster_relation));
    case PG_QUERY__NODE__NODE_ALTER_DATABASE_STMT:
      return outside(wire_has_option(body, n.alter_database_options, "tablespace"));
    case PG_QUERY__NODE__NODE_ALTER_SUBSCRIPTION_STMT: {
      auto kind = WireReader::find(body, n.alter_subscription_kind);
      return outside(kind && !kind->delimited &&
                     kind->value == PG_QUERY__ALTER_SUBSCRIPTION_TYPE__ALTER_SUBSCRIPTION_REFRESH);
    }
    default:
      return TransactionUse::kAny;
  }
}

// The name of the node kind numbered `number` in a Node ("CreateStmt" for
// create_stmt), from libpg_query's descriptors; empty when unknown.
std::string_view node_kind_name(std::uint32_t number) {
  const ProtobufCFieldDescriptor* f =
      protobuf_c_message_descriptor_get_field(&pg_query__node__descriptor, static_cast<unsigned>(number));
  if (!f || f->type != PROTOBUF_C_TYPE_MESSAGE || !f->descriptor) return {};
  return static_cast<const ProtobufCMessageDescriptor*>(f->descriptor)->short_name;
}

// A RangeVar's schema and table into `head`.
void read_range_var(std::string_view range_var, StatementHead& head) {
  const FieldNumbers& n = numbers();
  if (auto f = WireReader::find(range_var, n.range_var_schema); f && f->delimited) head.schema = f->bytes;
  if (auto f = WireReader::find(range_var, n.range_var_name); f && f->delimited) head.table = f->bytes;
}

// The head of a statement from its Node's bytes.
StatementHead statement_head(std::string_view node) {
  StatementHead head;
  WireReader r(node);
  WireReader::Field stmt;
  if (!r.next(stmt) || !stmt.delimited) return head;
  head.kind = node_kind_name(stmt.number);
  const FieldNumbers& n = numbers();
  std::optional<WireReader::Field> relation;
  switch (stmt.number) {
    case PG_QUERY__NODE__NODE_CREATE_STMT:
      relation = WireReader::find(stmt.bytes, n.create_relation);
      break;
    case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
      if (auto into = WireReader::find(stmt.bytes, n.create_as_into); into && into->delimited)
        relation = WireReader::find(into->bytes, n.into_rel);
      break;
    case PG_QUERY__NODE__NODE_INDEX_STMT:
      relation = WireReader::find(stmt.bytes, n.index_relation);
      break;
    default:
      break;
  }
  if (relation && relation->delimited) read_range_var(relation->bytes, head);
  return head;
}

// analyze_script parses a script in pieces of about this many bytes.
constexpr std::size_t kAnalyzeChunkBytes = 256 * 1024;

// What one parse of a piece of script gives: each statement's span and use.
struct Analysis {
  std::optional<ScriptError> error;
  std::vector<std::pair<int, int>> spans;
  std::vector<TransactionUse> uses;
  std::vector<StatementHead> heads;
};

void analyze(const std::string& text, std::string_view script, Analysis& out) {
  PgQueryProtobufParseResult r = pg_query_parse_protobuf(text.c_str());
  if (r.error) {
    out.error = parser_error(script, r.error->message, r.error->cursorpos);
  } else {
    // ParseResult { repeated RawStmt stmts }, RawStmt { Node stmt; int32
    // stmt_location; int32 stmt_len }: read level by level, no recursion.
    const FieldNumbers& n = numbers();
    WireReader tree(std::string_view(r.parse_tree.data, r.parse_tree.len));
    WireReader::Field raw;
    while (tree.next(raw)) {
      if (raw.number != n.parse_stmts || !raw.delimited) continue;
      WireReader fields(raw.bytes);
      WireReader::Field f;
      int location = 0, len = 0;
      TransactionUse use = TransactionUse::kAny;
      StatementHead head;
      while (fields.next(f)) {
        if (f.number == n.raw_stmt && f.delimited) {
          use = transaction_use(f.bytes);
          head = statement_head(f.bytes);
        }
        else if (f.number == n.raw_location && !f.delimited) location = static_cast<std::int32_t>(f.value);
        else if (f.number == n.raw_len && !f.delimited) len = static_cast<std::int32_t>(f.value);
      }
      out.spans.emplace_back(location, len);
      out.uses.push_back(use);
      out.heads.push_back(std::move(head));
    }
  }
  pg_query_free_protobuf_parse_result(r);
}

// The single statement node of `statement`, e.g. {"IndexStmt": {...}}; null
// when it does not parse or holds more or fewer than one statement.
nlohmann::json statement_node(std::string_view statement) {
  auto r = parse(statement);
  if (!r.ok()) return nullptr;
  const auto& stmts = (*r.tree)["stmts"];
  if (!stmts.is_array() || stmts.size() != 1) return nullptr;
  return stmts[0].value("stmt", nlohmann::json());
}

bool flag(const nlohmann::json& node, const char* key) {
  auto it = node.find(key);
  return it != node.end() && it->is_boolean() && it->get<bool>();
}

// True when a DefElem list (REINDEX/VACUUM options) names `option`.
bool has_option(const nlohmann::json& list, std::string_view option) {
  if (!list.is_array()) return false;
  for (const auto& item : list) {
    auto d = item.find("DefElem");
    if (d != item.end() && d->value("defname", "") == option) return true;
  }
  return false;
}

}  // namespace

std::string ScriptError::str() const {
  if (line <= 0) return message;
  return std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

SplitResult split_script(std::string_view script) {
  SplitResult out;
  if ((out.error = invalid_text_error(script))) return out;
  std::string text(script);
  SplitGuard g{text};
  if (g.r.error) {
    out.error = parser_error(script, g.r.error->message, g.r.error->cursorpos);
    return out;
  }
  std::vector<std::pair<int, int>> spans;
  spans.reserve(static_cast<std::size_t>(g.r.n_stmts));
  for (int k = 0; k < g.r.n_stmts; ++k)
    spans.emplace_back(g.r.stmts[k]->stmt_location, g.r.stmts[k]->stmt_len);
  StatementBuilder build(script);
  for (const auto& [location, len] : spans)
    if (auto st = build.next(location, len)) out.statements.push_back(std::move(*st));
  return out;
}

namespace {

// analyze_script when its pieces could not be cut by the scanner: split by
// the parser first (one parse of the whole script, its tree freed before
// anything else is held), then the statements parsed in pieces of about
// kAnalyzeChunkBytes, each piece's tree freed before the next.
SplitResult analyze_after_split(std::string_view script) {
  SplitResult out = split_script(script);
  if (!out.ok()) return out;
  auto& sts = out.statements;
  auto judge_alone = [](ScriptStatement& st) {
    st.transaction = is_transaction_control(st.text)       ? TransactionUse::kControl
                     : cannot_run_in_transaction(st.text) ? TransactionUse::kOutsideOnly
                                                           : TransactionUse::kAny;
  };
  for (std::size_t i = 0; i < sts.size();) {
    const auto begin = static_cast<std::size_t>(sts[i].offset);
    std::size_t j = i + 1;
    while (j < sts.size() && static_cast<std::size_t>(sts[j].offset) - begin < kAnalyzeChunkBytes) ++j;
    const std::size_t end = j < sts.size() ? static_cast<std::size_t>(sts[j].offset) : script.size();
    const std::string text(script.substr(begin, end - begin));
    Analysis a;
    std::vector<bool> judged(j - i, false);
    if (run_with_parser_stack(text.size(), [&] { analyze(text, text, a); }) && !a.error) {
      // Each tree statement belongs to the split statement starting where
      // its text starts (both come in order).
      std::size_t k = i;
      for (std::size_t t = 0; t < a.spans.size(); ++t) {
        std::size_t from = begin + static_cast<std::size_t>(std::max(a.spans[t].first, 0));
        std::size_t to = a.spans[t].second > 0 ? from + static_cast<std::size_t>(a.spans[t].second) : end;
        from = skip_blank(script, from, std::min(to, end));
        while (k < j && static_cast<std::size_t>(sts[k].offset) < from) ++k;
        if (k < j && static_cast<std::size_t>(sts[k].offset) == from) {
          sts[k].transaction = a.uses[t];
          sts[k].head = std::move(a.heads[t]);
          judged[k - i] = true;
        }
      }
    }
    // What the piece's parse did not place (it should place everything) is
    // judged statement by statement.
    for (std::size_t k = i; k < j; ++k)
      if (!judged[k - i]) judge_alone(sts[k]);
    i = j;
  }
  return out;
}


// analyze_script's usual way: the scanner finds the semicolons between
// statements (no tree), the script is cut after one every
// kAnalyzeChunkBytes or so, and each piece is parsed alone, its tree read
// and freed before the next. nullopt when the scanner refuses the script or
// a piece does not parse: a cut inside a statement (the scanner does not
// know BEGIN ATOMIC bodies) leaves a piece that ends mid-statement, and a
// syntax error is reported as the parser finds it in the whole script.
std::optional<SplitResult> analyze_in_pieces(std::string_view script) {
  std::vector<std::size_t> ends;
  {
    const std::string text(script);
    PgQuerySplitResult split = pg_query_split_with_scanner(text.c_str());
    const bool scanned = split.error == nullptr;
    std::size_t begin = 0;
    for (int k = 0; scanned && k < split.n_stmts; ++k) {
      const std::size_t at = static_cast<std::size_t>(std::max(split.stmts[k]->stmt_location, 0));
      if (at < script.size() && at > begin && at - begin >= kAnalyzeChunkBytes && script[at - 1] == ';') {
        ends.push_back(at);
        begin = at;
      }
    }
    pg_query_free_split_result(split);
    if (!scanned) return std::nullopt;
  }
  ends.push_back(script.size());
  SplitResult out;
  StatementBuilder build(script);
  std::size_t begin = 0;
  for (std::size_t end : ends) {
    const std::string piece(script.substr(begin, end - begin));
    Analysis a;
    if (!run_with_parser_stack(piece.size(), [&] { analyze(piece, piece, a); }) || a.error) return std::nullopt;
    for (std::size_t t = 0; t < a.spans.size(); ++t) {
      const std::size_t from = begin + static_cast<std::size_t>(std::max(a.spans[t].first, 0));
      if (from >= end) continue;
      // The last statement of a piece may run to the piece's end unterminated.
      const std::size_t len = a.spans[t].second > 0 ? static_cast<std::size_t>(a.spans[t].second) : end - from;
      auto st = build.next(static_cast<int>(from), static_cast<int>(std::min(len, end - from)));
      if (!st) continue;
      st->transaction = a.uses[t];
      st->head = std::move(a.heads[t]);
      out.statements.push_back(std::move(*st));
    }
    begin = end;
  }
  return out;
}

}  // namespace

SplitResult analyze_script(std::string_view script) {
  if (auto bad = invalid_text_error(script)) {
    SplitResult out;
    out.error = std::move(bad);
    return out;
  }
  if (auto pieces = analyze_in_pieces(script)) return std::move(*pieces);
  return analyze_after_split(script);
}

std::optional<std::size_t> first_sql_offset(std::string_view text) {
  // The scanner reads a C string: a NUL ends what it sees.
  const std::size_t end = std::min(text.find('\0'), text.size());
  bool unterminated = false;
  const std::size_t at = skip_blank(text, 0, end, &unterminated);
  // The scanner refuses the text: its first non-blank character counts, for
  // the parser to report the comment.
  if (unterminated) return std::min(text.find_first_not_of(" \t\n\r\f\v"), text.size());
  if (at < end) return at;
  if (end < text.size()) return end;  // a NUL: SQL for the parser to report
  return std::nullopt;
}

std::vector<Comment> find_comments(std::string_view text) {
  std::string owned(text);
  std::vector<Comment> out;
  PgQueryScanResult r = pg_query_scan(owned.c_str());
  if (!r.error) {
    // ScanResult { repeated ScanToken tokens }, ScanToken { int32 start;
    // int32 end; Token token }: read in place, one token at a time, rather
    // than unpacked into a structure per token of the whole text.
    const FieldNumbers& n = numbers();
    WireReader scan(std::string_view(r.pbuf.data, r.pbuf.len));
    WireReader::Field token;
    while (scan.next(token)) {
      if (token.number != n.scan_tokens || !token.delimited) continue;
      WireReader fields(token.bytes);
      WireReader::Field f;
      std::int64_t start = 0, end = 0, kind = 0;
      while (fields.next(f)) {
        if (f.delimited) continue;
        if (f.number == n.token_start) start = static_cast<std::int32_t>(f.value);
        else if (f.number == n.token_end) end = static_cast<std::int32_t>(f.value);
        else if (f.number == n.token_kind) kind = static_cast<std::int64_t>(f.value);
      }
      bool line = kind == PG_QUERY__TOKEN__SQL_COMMENT;
      if (!line && kind != PG_QUERY__TOKEN__C_COMMENT) continue;
      if (start < 0 || end < start || static_cast<std::size_t>(end) > owned.size()) continue;
      if (!out.empty() && start < out.back().end) continue;
      out.push_back({static_cast<int>(start), static_cast<int>(end), line});
    }
  }
  pg_query_free_scan_result(r);
  return out;
}

std::string strip_comments(std::string_view text) {
  std::vector<Comment> comments = find_comments(text);
  if (comments.empty()) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::size_t copied = 0;
  for (const Comment& c : comments) {
    out.append(text.substr(copied, static_cast<std::size_t>(c.offset) - copied));
    out += ' ';
    copied = static_cast<std::size_t>(c.end);
  }
  out.append(text.substr(copied));
  return out;
}

bool is_transaction_control(std::string_view statement) {
  auto node = statement_node(statement);
  return node.is_object() && node.contains("TransactionStmt");
}

bool cannot_run_in_transaction(std::string_view statement) {
  auto node = statement_node(statement);
  if (!node.is_object() || node.empty()) return false;
  const std::string kind = node.begin().key();
  const nlohmann::json& body = node.begin().value();
  if (kind == "IndexStmt") return flag(body, "concurrent");
  if (kind == "DropStmt") return flag(body, "concurrent");
  if (kind == "ReindexStmt") return has_option(body.value("params", nlohmann::json()), "concurrently");
  // VACUUM and ANALYZE share a node; only VACUUM refuses a transaction block.
  if (kind == "VacuumStmt") return flag(body, "is_vacuumcmd");
  if (kind == "CreatedbStmt" || kind == "DropdbStmt") return true;
  if (kind == "CreateTableSpaceStmt" || kind == "DropTableSpaceStmt") return true;
  if (kind == "AlterSystemStmt") return true;
  if (kind == "ClusterStmt") return !body.contains("relation");
  if (kind == "AlterDatabaseStmt") return has_option(body.value("options", nlohmann::json()), "tablespace");
  if (kind == "CreateSubscriptionStmt" || kind == "DropSubscriptionStmt") return true;
  if (kind == "AlterSubscriptionStmt")
    return body.value("kind", "") == "ALTER_SUBSCRIPTION_REFRESH";
  return false;
}

}  // namespace strata::sql
