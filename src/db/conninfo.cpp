#include "db/conninfo.h"

#include <libpq-fe.h>

#include <cctype>
#include <vector>

namespace strata::db {
namespace {

std::string percent_decode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// The passwords written in `url`, as written.
std::vector<std::string> passwords_in(const std::string& url) {
  std::vector<std::string> out;
  if (auto scheme = url.find("://"); scheme != std::string::npos) {
    std::size_t start = scheme + 3;
    std::size_t end = url.find_first_of("/?", start);
    std::string authority = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
    std::size_t at = authority.rfind('@');
    if (at != std::string::npos) {
      std::string userinfo = authority.substr(0, at);
      if (auto colon = userinfo.find(':'); colon != std::string::npos) out.push_back(userinfo.substr(colon + 1));
    }
  }
  // password=... in a keyword string, or as a URI query parameter.
  for (std::size_t pos = 0; (pos = url.find("password", pos)) != std::string::npos; pos += 8) {
    std::size_t i = pos + 8;
    while (i < url.size() && url[i] == ' ') ++i;
    if (i >= url.size() || url[i] != '=') continue;
    ++i;
    while (i < url.size() && url[i] == ' ') ++i;
    std::string value;
    if (i < url.size() && url[i] == '\'') {
      for (++i; i < url.size() && url[i] != '\''; ++i) {
        if (url[i] == '\\' && i + 1 < url.size()) ++i;
        value += url[i];
      }
    } else {
      while (i < url.size() && url[i] != ' ' && url[i] != '&') value += url[i++];
    }
    out.push_back(value);
  }
  return out;
}

void replace_all(std::string& text, const std::string& what, const std::string& with) {
  if (what.empty()) return;
  for (std::size_t pos = 0; (pos = text.find(what, pos)) != std::string::npos; pos += with.size())
    text.replace(pos, what.size(), with);
}

}  // namespace

std::string mask_password(const std::string& text, const std::string& url) {
  std::string out = text;
  for (const auto& p : passwords_in(url)) {
    replace_all(out, p, "****");
    replace_all(out, percent_decode(p), "****");
  }
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

}  // namespace strata::db
