#include "model/access_reader.h"

#include <algorithm>
#include <cctype>

namespace strata::model {

const char* const kAccessKeys[2] = {"owner", "grants"};

std::vector<std::string> with_access_keys(std::vector<std::string> keys) {
  keys.insert(keys.end(), std::begin(kAccessKeys), std::end(kAccessKeys));
  return keys;
}

namespace {

constexpr std::string_view kGrantOption = " with grant option";

std::string upper(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

std::string known_list(PrivilegeObject kind) {
  std::string out;
  for (const auto& p : known_privileges(kind)) out += (out.empty() ? "" : ", ") + lower(p);
  return out;
}

void read_grants(YamlFields& y, const YamlNode& n, PrivilegeObject kind, Access& a) {
  for (auto& [grantee_text, e] : y.entries(n, "grants", "grantee")) {
    auto read = read_role(y, e.key, grantee_text);
    if (!read) continue;
    const std::string& grantee = *read;
    PrivilegeSet set;
    for (const auto& item : items(e.value)) {
      auto text = y.string(item, "privilege");
      if (!text) continue;
      std::string word = lower(*text);
      bool grantable = word.size() > kGrantOption.size() && word.ends_with(kGrantOption);
      if (grantable) word = word.substr(0, word.size() - kGrantOption.size());
      std::string privilege = upper(word);
      const auto& known = known_privileges(kind);
      if (std::find(known.begin(), known.end(), privilege) == known.end()) {
        y.error(item, "unknown privilege '" + *text + "' for this object (use " + known_list(kind) +
                          ", each optionally followed by 'with grant option')");
        continue;
      }
      set[privilege] = set[privilege] || grantable;
    }
    if (set.empty()) {
      y.error(e.key, "grantee '" + grantee_text + "' has no privileges (list them, e.g. [" +
                         lower(known_privileges(kind).front()) + "], or remove the grantee)");
      continue;
    }
    a.grants[grantee] = std::move(set);
  }
}

}  // namespace

std::optional<std::string> read_role(YamlFields& y, const YamlNode& at, const std::string& name) {
  if (lower(name) == "public") return "public";
  if (!y.identifier(at, name, "role")) return std::nullopt;
  y.ctx().mark(loc_key("role", name), y.loc(at));
  return name;
}

void read_access(YamlFields& y, std::map<std::string, YamlFields::Entry>& f, PrivilegeObject kind,
                 Access& a) {
  if (auto it = f.find("owner"); it != f.end()) {
    if (auto name = y.name(it->second.value, "owner")) {
      if (lower(*name) == "public")
        y.error(it->second.value, "public cannot own an object (name a role)");
      else if (auto owner = read_role(y, it->second.value, *name))
        a.owner = std::move(*owner);
    }
  }
  if (auto it = f.find("grants"); it != f.end()) read_grants(y, it->second.value, kind, a);
}

}  // namespace strata::model
