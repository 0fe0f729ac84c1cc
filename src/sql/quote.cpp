#include "sql/quote.h"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include "sql/text.h"

namespace strata::sql {
namespace {

bool is_plain_word(std::string_view s) {
  if (s.empty()) return false;
  if (!(s[0] == '_' || (s[0] >= 'a' && s[0] <= 'z'))) return false;
  for (char c : s)
    if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  return true;
}

}  // namespace

bool is_reserved_keyword(std::string_view word) {
  // Ask PostgreSQL's own scanner how it classifies the word.
  std::string text(word);
  PgQueryScanResult r = pg_query_scan(text.c_str());
  bool reserved = false;
  if (!r.error) {
    PgQuery__ScanResult* scan = pg_query__scan_result__unpack(
        nullptr, r.pbuf.len, reinterpret_cast<const uint8_t*>(r.pbuf.data));
    if (scan) {
      if (scan->n_tokens == 1) {
        auto kind = scan->tokens[0]->keyword_kind;
        reserved = kind != PG_QUERY__KEYWORD_KIND__NO_KEYWORD &&
                   kind != PG_QUERY__KEYWORD_KIND__UNRESERVED_KEYWORD;
      }
      pg_query__scan_result__free_unpacked(scan, nullptr);
    }
  }
  pg_query_free_scan_result(r);
  return reserved;
}

std::string quote_ident(std::string_view ident) {
  if (is_plain_word(ident) && !is_reserved_keyword(ident)) return std::string(ident);
  std::string out = "\"";
  for (char c : ident) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string quote_qualified(std::string_view schema, std::string_view name) {
  return quote_ident(schema) + "." + quote_ident(name);
}

std::string view_search_path(std::string_view schema) {
  if (schema.empty() || schema == "public") return "public";
  return quote_ident(schema) + ", public";
}

std::string quote_literal(std::string_view text) {
  bool has_backslash = text.find('\\') != std::string_view::npos;
  std::string out = has_backslash ? "E'" : "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    if (c == '\\') out += '\\';
    out += c;
  }
  out += '\'';
  return out;
}

std::string comment_line(std::string_view text) { return "-- " + visible(text) + "\n"; }

}  // namespace strata::sql
