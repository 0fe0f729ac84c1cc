#include "sql/script.h"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include "sql/parse_result.h"
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
  // Past a NUL the parser would see nothing; PostgreSQL refuses what is not UTF-8.
  if (auto bad = find_invalid_text(script)) {
    ScriptError e;
    e.message = describe_invalid_byte(static_cast<unsigned char>(script[*bad])) +
                "; SQL text must be UTF-8 without NUL bytes";
    e.offset = static_cast<int>(*bad);
    auto [line, column] = line_column(script, *bad);
    e.line = line;
    e.column = column;
    out.error = e;
    return out;
  }
  std::string text(script);
  SplitGuard g{text};
  if (g.r.error) {
    ScriptError e;
    e.message = g.r.error->message ? g.r.error->message : "syntax error";
    if (g.r.error->cursorpos > 0) {
      e.offset = g.r.error->cursorpos - 1;
      auto [line, column] = line_column(script, static_cast<std::size_t>(e.offset));
      e.line = line;
      e.column = column;
    }
    out.error = e;
    return out;
  }
  // Lines are counted forward from the previous statement, so a script of n
  // statements costs one pass, not n rescans from its start.
  int line = 1;
  std::size_t counted = 0;
  for (int k = 0; k < g.r.n_stmts; ++k) {
    std::size_t begin = static_cast<std::size_t>(g.r.stmts[k]->stmt_location);
    std::size_t end = g.r.stmts[k]->stmt_len > 0
                          ? begin + static_cast<std::size_t>(g.r.stmts[k]->stmt_len)
                          : script.size();
    if (end > script.size()) end = script.size();
    begin = skip_blank(script, begin, end);
    while (end > begin && (is_space(script[end - 1]) || script[end - 1] == ';')) --end;
    if (begin >= end) continue;
    ScriptStatement st;
    st.text = std::string(script.substr(begin, end - begin));
    st.offset = static_cast<int>(begin);
    for (; counted < begin; ++counted)
      if (script[counted] == '\n') ++line;
    st.line = line;
    out.statements.push_back(std::move(st));
  }
  return out;
}

std::vector<Comment> find_comments(std::string_view text) {
  std::string owned(text);
  std::vector<Comment> out;
  PgQueryScanResult r = pg_query_scan(owned.c_str());
  if (!r.error) {
    PgQuery__ScanResult* scan = pg_query__scan_result__unpack(
        nullptr, r.pbuf.len, reinterpret_cast<const uint8_t*>(r.pbuf.data));
    if (scan) {
      for (std::size_t i = 0; i < scan->n_tokens; ++i) {
        const PgQuery__ScanToken* t = scan->tokens[i];
        bool line = t->token == PG_QUERY__TOKEN__SQL_COMMENT;
        if (!line && t->token != PG_QUERY__TOKEN__C_COMMENT) continue;
        if (t->start < 0 || t->end < t->start || static_cast<std::size_t>(t->end) > owned.size())
          continue;
        if (!out.empty() && t->start < out.back().end) continue;
        out.push_back({t->start, t->end, line});
      }
      pg_query__scan_result__free_unpacked(scan, nullptr);
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
