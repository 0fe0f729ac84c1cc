#include "db/conninfo.h"

#include <libpq-fe.h>

#include <regex>
#include <vector>

#include "core/error.h"

namespace strata::db {
namespace {

constexpr const char* kMask = "****";

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// The password of a URI as written (percent-encoded), found the way libpq
// finds it: the user info ends at the first '@' before any '/'.
std::optional<std::string> raw_uri_password(const std::string& url) {
  std::size_t start = 0;
  if (starts_with(url, "postgresql://")) start = 13;
  else if (starts_with(url, "postgres://")) start = 11;
  else return std::nullopt;
  std::size_t end = url.find_first_of("@/", start);
  if (end == std::string::npos || url[end] != '@') return std::nullopt;
  std::size_t colon = url.find(':', start);
  if (colon == std::string::npos || colon > end) return std::nullopt;
  return url.substr(colon + 1, end - colon - 1);
}

// The password of a keyword string as written (quoted or not).
std::optional<std::string> raw_keyword_password(const std::string& url) {
  static const std::regex kPassword(R"((?:^|\s)password\s*=\s*('(?:[^'\\]|\\.)*'?|\S+))");
  std::smatch m;
  if (!std::regex_search(url, m, kPassword)) return std::nullopt;
  return m[1].str();
}

std::string percent_decoded(const std::string& s) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

void replace_all(std::string& text, const std::string& what, const std::string& with) {
  if (what.empty()) return;
  for (std::size_t pos = text.find(what); pos != std::string::npos;
       pos = text.find(what, pos + with.size()))
    text.replace(pos, what.size(), with);
}

// libpq's own reading of the password (decoded, unquoted).
std::optional<std::string> parsed_password(const std::string& url) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &err);
  if (err) PQfreemem(err);
  if (!opts) return std::nullopt;
  std::optional<std::string> out;
  for (auto* o = opts; o->keyword; ++o)
    if (o->val && std::string(o->keyword) == "password") out = o->val;
  PQconninfoFree(opts);
  return out;
}

}  // namespace

std::string mask_password(const std::string& text, const std::string& url) {
  std::string out = text;
  // Structured forms first, so the masked text still reads as a URL.
  static const std::regex kUri(R"(((?:postgres|postgresql)://[^:@/\s"']*:)[^@/\s"']*@)");
  out = std::regex_replace(out, kUri, std::string("$1") + kMask + "@");
  static const std::regex kKeyword(R"(((?:^|[\s"'])password\s*=\s*)('(?:[^'\\]|\\.)*'?|[^\s"']+))");
  out = std::regex_replace(out, kKeyword, std::string("$1") + kMask);
  if (url.empty()) return out;
  // Then the password itself wherever a message put it, in every spelling.
  std::vector<std::string> spellings;
  if (auto raw = raw_uri_password(url)) {
    spellings.push_back(*raw);
    spellings.push_back(percent_decoded(*raw));
  }
  if (auto raw = raw_keyword_password(url)) {
    spellings.push_back(*raw);
    if (raw->size() >= 2 && raw->front() == '\'') spellings.push_back(raw->substr(1, raw->size() - 2));
  }
  if (auto parsed = parsed_password(url)) spellings.push_back(*parsed);
  for (const auto& s : spellings)
    if (!s.empty() && s != kMask) replace_all(out, s, kMask);
  return out;
}

std::optional<std::string> url_problem(const std::string& url) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &err);
  if (!opts) {
    std::string reason = err ? err : "libpq cannot parse it";
    if (err) PQfreemem(err);
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
    for (char& c : reason)
      if (c == '\n' || c == '\t') c = ' ';
    return mask_password(reason, url);
  }
  std::optional<std::string> problem;
  for (auto* o = opts; o->keyword; ++o) {
    if (!o->val || std::string(o->keyword) != "port") continue;
    // Several hosts take a comma-separated list of ports.
    std::string port = o->val;
    bool ok = true;
    std::size_t start = 0;
    while (ok) {
      std::size_t comma = port.find(',', start);
      std::string one = port.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      ok = one.empty() || (one.size() <= 5 && one.find_first_not_of("0123456789") == std::string::npos &&
                           std::stoi(one) <= 65535);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    if (!ok) problem = mask_password("invalid port \"" + port + "\" (a number from 1 to 65535)", url);
  }
  PQconninfoFree(opts);
  return problem;
}

ChildConnection split_password(const std::string& url) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &err);
  if (!opts) {
    std::string reason = err ? err : "cannot parse";
    if (err) PQfreemem(err);
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
    throw DatabaseError(DatabaseError::Kind::kUnreachable,
                        "invalid database URL: " + mask_password(reason, url));
  }
  ChildConnection out;
  for (auto* o = opts; o->keyword; ++o) {
    if (!o->val) continue;
    std::string keyword = o->keyword;
    if (keyword == "password") {
      out.password = o->val;
      continue;
    }
    std::string value;
    for (const char* c = o->val; *c; ++c) {
      if (*c == '\\' || *c == '\'') value += '\\';
      value += *c;
    }
    out.conninfo += (out.conninfo.empty() ? "" : " ") + keyword + "='" + value + "'";
  }
  PQconninfoFree(opts);
  return out;
}

}  // namespace strata::db
