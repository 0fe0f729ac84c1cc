#include "sql/script.h"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <algorithm>

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

// Index of the first character at or after `i` that is neither whitespace nor
// inside a comment ("--" to end of line, nested "/* */").
std::size_t skip_blank(std::string_view s, std::size_t i, std::size_t end) {
  while (i < end) {
    if (is_space(s[i])) {
      ++i;
    } else if (s[i] == '-' && i + 1 < end && s[i + 1] == '-') {
      while (i < end && s[i] != '\n') ++i;
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

bool has_option(PgQuery__Node** items, std::size_t n, std::string_view option) {
  for (std::size_t i = 0; i < n; ++i)
    if (items[i] && items[i]->node_case == PG_QUERY__NODE__NODE_DEF_ELEM &&
        items[i]->def_elem->defname && option == items[i]->def_elem->defname)
      return true;
  return false;
}

// The protobuf twin of cannot_run_in_transaction's tree test.
TransactionUse transaction_use(const PgQuery__Node* node) {
  if (!node) return TransactionUse::kAny;
  auto outside = [](bool refused) {
    return refused ? TransactionUse::kOutsideOnly : TransactionUse::kAny;
  };
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_TRANSACTION_STMT:
      return TransactionUse::kControl;
    case PG_QUERY__NODE__NODE_INDEX_STMT:
      return outside(node->index_stmt->concurrent);
    case PG_QUERY__NODE__NODE_DROP_STMT:
      return outside(node->drop_stmt->concurrent);
    case PG_QUERY__NODE__NODE_REINDEX_STMT:
      return outside(has_option(node->reindex_stmt->params, node->reindex_stmt->n_params,
                                "concurrently"));
    case PG_QUERY__NODE__NODE_VACUUM_STMT:
      return outside(node->vacuum_stmt->is_vacuumcmd);
    case PG_QUERY__NODE__NODE_CREATEDB_STMT:
    case PG_QUERY__NODE__NODE_DROPDB_STMT:
    case PG_QUERY__NODE__NODE_CREATE_TABLE_SPACE_STMT:
    case PG_QUERY__NODE__NODE_DROP_TABLE_SPACE_STMT:
    case PG_QUERY__NODE__NODE_ALTER_SYSTEM_STMT:
    case PG_QUERY__NODE__NODE_CREATE_SUBSCRIPTION_STMT:
    case PG_QUERY__NODE__NODE_DROP_SUBSCRIPTION_STMT:
      return TransactionUse::kOutsideOnly;
    case PG_QUERY__NODE__NODE_CLUSTER_STMT:
      return outside(node->cluster_stmt->relation == nullptr);
    case PG_QUERY__NODE__NODE_ALTER_DATABASE_STMT:
      return outside(has_option(node->alter_database_stmt->options,
                                node->alter_database_stmt->n_options, "tablespace"));
    case PG_QUERY__NODE__NODE_ALTER_SUBSCRIPTION_STMT:
      return outside(node->alter_subscription_stmt->kind ==
                     PG_QUERY__ALTER_SUBSCRIPTION_TYPE__ALTER_SUBSCRIPTION_REFRESH);
    default:
      return TransactionUse::kAny;
  }
}

// analyze_script parses a script in pieces of about this many bytes.
constexpr std::size_t kAnalyzeChunkBytes = 256 * 1024;

// What one parse of a piece of script gives: each statement's span and use.
struct Analysis {
  std::optional<ScriptError> error;
  std::vector<std::pair<int, int>> spans;
  std::vector<TransactionUse> uses;
};

void analyze(const std::string& text, std::string_view script, Analysis& out) {
  PgQueryProtobufParseResult r = pg_query_parse_protobuf(text.c_str());
  if (r.error) {
    out.error = parser_error(script, r.error->message, r.error->cursorpos);
  } else {
    PgQuery__ParseResult* tree = pg_query__parse_result__unpack(
        nullptr, r.parse_tree.len, reinterpret_cast<const uint8_t*>(r.parse_tree.data));
    if (!tree) {
      out.error = ScriptError{"cannot read the parse tree", 0, 0, -1};
    } else {
      for (std::size_t i = 0; i < tree->n_stmts; ++i) {
        const PgQuery__RawStmt* raw = tree->stmts[i];
        out.spans.emplace_back(raw->stmt_location, raw->stmt_len);
        out.uses.push_back(transaction_use(raw->stmt));
      }
      pg_query__parse_result__free_unpacked(tree, nullptr);
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

SplitResult analyze_script(std::string_view script) {
  // Split first (the splitter builds no tree), then parse the statements in
  // pieces of about kAnalyzeChunkBytes, each piece's tree freed before the
  // next: memory follows the piece, not the file (a 10,000-table revision is
  // megabytes of SQL and its whole tree several times that).
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

std::string strip_comments(std::string_view text) {
  std::string owned(text);
  PgQueryScanResult r = pg_query_scan(owned.c_str());
  std::string out = owned;
  if (!r.error) {
    PgQuery__ScanResult* scan = pg_query__scan_result__unpack(
        nullptr, r.pbuf.len, reinterpret_cast<const uint8_t*>(r.pbuf.data));
    if (scan) {
      out.clear();
      std::size_t copied = 0;
      for (std::size_t i = 0; i < scan->n_tokens; ++i) {
        const PgQuery__ScanToken* t = scan->tokens[i];
        if (t->token != PG_QUERY__TOKEN__SQL_COMMENT && t->token != PG_QUERY__TOKEN__C_COMMENT)
          continue;
        auto start = static_cast<std::size_t>(t->start), end = static_cast<std::size_t>(t->end);
        if (start < copied || end > owned.size()) continue;
        out.append(owned, copied, start - copied);
        out += ' ';
        copied = end;
      }
      out.append(owned, copied, std::string::npos);
      pg_query__scan_result__free_unpacked(scan, nullptr);
    }
  }
  pg_query_free_scan_result(r);
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
