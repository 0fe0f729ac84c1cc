#include "app/config.h"

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "core/error.h"
#include "core/utf8.h"
#include "lint/hazard_kind.h"
#include "revision/store.h"

namespace strata::app {

namespace fs = std::filesystem;

EnvironmentLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  };
}

std::optional<std::string> expand_variables(const std::string& text, const EnvironmentLookup& env,
                                            std::string* missing) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      std::size_t close = text.find('}', i + 2);
      if (close == std::string::npos) {
        out += text.substr(i);
        break;
      }
      std::string inner = text.substr(i + 2, close - i - 2);
      std::string name = inner;
      std::optional<std::string> fallback;
      if (auto sep = inner.find(":-"); sep != std::string::npos) {
        name = inner.substr(0, sep);
        fallback = inner.substr(sep + 2);
      }
      std::optional<std::string> value = env(name);
      if (value && value->empty() && fallback) value.reset();  // ":-" also covers empty
      if (!value) value = fallback;
      if (!value) {
        if (missing) *missing = name;
        return std::nullopt;
      }
      out += *value;
      i = close + 1;
      continue;
    }
    out += text[i++];
  }
  return out;
}

std::optional<int> parse_duration_ms(const std::string& raw) {
  std::string text;
  for (char c : raw)
    if (c != ' ') text += c;
  if (text.empty()) return std::nullopt;
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0) {
    if (text == "-1" || text == "forever") return -1;
    return std::nullopt;
  }
  // Beyond an int of milliseconds whatever the unit: refused before
  // multiplying, and without std::stoll's exception for 20 digits.
  long long n = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    n = n * 10 + (text[i] - '0');
    if (n > 2'147'483'647LL) return std::nullopt;
  }
  std::string unit = text.substr(digits);
  long long factor = 0;
  if (unit.empty() || unit == "ms") factor = 1;
  else if (unit == "s") factor = 1000;
  else if (unit == "min" || unit == "m") factor = 60'000;
  else if (unit == "h") factor = 3'600'000;
  else return std::nullopt;
  long long ms = n * factor;
  if (ms > 2'147'483'647LL) return std::nullopt;
  return static_cast<int>(ms);
}

namespace {

Location location_of(const fs::path& file, const YAML::Node& node) {
  YAML::Mark m = node.Mark();
  if (m.line < 0) return Location{file.string(), 0, 0};
  return Location{file.string(), m.line + 1, m.column + 1};
}

// Walks the parsed document, collecting every problem before throwing.
class Reader {
 public:
  Reader(fs::path file, const EnvironmentLookup& env) : file_(std::move(file)), env_(env) {}

  std::optional<std::string> scalar(const YAML::Node& node, const std::string& what) {
    if (!node.IsScalar()) {
      problem(node, what + " must be a single value");
      return std::nullopt;
    }
    std::string missing;
    auto v = expand_variables(node.Scalar(), env_, &missing);
    if (!v) {
      problem(node, "environment variable '" + missing + "' is not set and has no default (write ${" +
                        missing + ":-default})");
    }
    return v;
  }

  std::optional<int> duration(const YAML::Node& node, const std::string& what) {
    auto s = scalar(node, what);
    if (!s) return std::nullopt;
    auto ms = parse_duration_ms(*s);
    if (!ms) problem(node, what + ": '" + *s + "' is not a duration (e.g. 500ms, 10s, 2min)");
    return ms;
  }

  std::optional<long long> number(const YAML::Node& node, const std::string& what) {
    auto s = scalar(node, what);
    if (!s) return std::nullopt;
    try {
      std::size_t used = 0;
      long long v = std::stoll(*s, &used);
      if (used == s->size() && v >= 0) return v;
    } catch (const std::exception&) {
    }
    problem(node, what + ": '" + *s + "' is not a non-negative whole number");
    return std::nullopt;
  }

  void check_keys(const YAML::Node& map, const std::set<std::string>& allowed, const std::string& where) {
    for (const auto& kv : map) {
      if (!kv.first.IsScalar()) {
        problem(kv.first, "a key" + (where.empty() ? "" : " in " + where) +
                              " must be a plain name (found a list, a mapping or nothing)");
        continue;
      }
      std::string key = kv.first.Scalar();
      if (!allowed.count(key)) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        problem(kv.first, "unknown key '" + key + "'" + (where.empty() ? "" : " in " + where) +
                              " (expected one of: " + list + ")");
      }
    }
  }

  void problem(const YAML::Node& node, std::string message) {
    diagnostics_.push_back({location_of(file_, node), std::move(message)});
  }

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  const fs::path& file() const { return file_; }

  // yaml-cpp keeps the last of repeated keys silently: report each repeat
  // with both positions, everywhere in the document.
  void check_duplicates(const YAML::Node& node) {
    if (node.IsSequence()) {
      for (const auto& item : node) check_duplicates(item);
      return;
    }
    if (!node.IsMap()) return;
    std::map<std::string, YAML::Mark> seen;
    for (const auto& kv : node) {
      if (kv.first.IsScalar()) {
        auto [it, fresh] = seen.emplace(kv.first.Scalar(), kv.first.Mark());
        if (!fresh)
          problem(kv.first, "duplicate key '" + kv.first.Scalar() + "' (first at line " +
                                std::to_string(it->second.line + 1) + ", column " +
                                std::to_string(it->second.column + 1) + "); keep only one");
      }
      check_duplicates(kv.second);
    }
  }

 private:
  fs::path file_;
  const EnvironmentLookup& env_;
  std::vector<Diagnostic> diagnostics_;
};

fs::path resolve(const fs::path& root, const std::string& p) {
  fs::path path(p);
  return (path.is_absolute() ? path : root / path).lexically_normal();
}

std::optional<fs::path> find_upwards(fs::path dir) {
  for (int depth = 0; depth < 64; ++depth) {
    fs::path candidate = dir / "strata.yaml";
    if (fs::exists(candidate)) return candidate;
    if (!dir.has_parent_path() || dir.parent_path() == dir) break;
    dir = dir.parent_path();
  }
  return std::nullopt;
}

void apply_defaults(Config& c) {
  if (c.schema_dir.empty()) c.schema_dir = c.root / "schema";
  if (c.migrations_dir.empty()) c.migrations_dir = c.root / "migrations";
  if (c.backups_dir.empty()) c.backups_dir = c.root / "backups";
  if (c.logging.file.empty()) c.logging.file = c.root / "logs" / "strata.log";
  c.local_dir = c.root / ".strata";
}

bool is_lower_hex_sha256(const std::string& s) {
  if (s.size() != 64) return false;
  for (char ch : s)
    if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return false;
  return true;
}

// server: {listen: host:port, tokens: [{name, role, sha256}]}
void read_server(const YAML::Node& sv, Reader& r, Config& c) {
  if (!sv.IsMap()) {
    r.problem(sv, "server must be a mapping (server: {listen: ..., tokens: [...]})");
    return;
  }
  r.check_keys(sv, {"listen", "tokens"}, "server");
  if (sv["listen"])
    if (auto v = r.scalar(sv["listen"], "server.listen")) c.server.listen = *v;
  auto tokens = sv["tokens"];
  if (!tokens || tokens.IsNull()) return;
  if (!tokens.IsSequence()) {
    r.problem(tokens, "server.tokens must be a list of {name, role, sha256}");
    return;
  }
  std::set<std::string> names;
  for (const auto& t : tokens) {
    if (!t.IsMap()) {
      r.problem(t, "a server.tokens entry must be a mapping {name: ..., role: admin|reader, sha256: ...}");
      continue;
    }
    r.check_keys(t, {"name", "role", "sha256"}, "server.tokens entry");
    ApiToken token;
    bool ok = true;
    for (const char* key : {"name", "role", "sha256"}) {
      if (!t[key]) {
        r.problem(t, std::string("a server.tokens entry needs '") + key +
                         "' (strata token new NAME --role ROLE prints one)");
        ok = false;
      }
    }
    if (!ok) continue;
    if (auto v = r.scalar(t["name"], "server.tokens name")) token.name = *v;
    if (auto v = r.scalar(t["role"], "server.tokens role")) token.role = *v;
    if (auto v = r.scalar(t["sha256"], "server.tokens sha256")) token.sha256 = *v;
    if (token.name.empty()) {
      r.problem(t["name"], "a token's name must not be empty");
      ok = false;
    } else if (!names.insert(token.name).second) {
      r.problem(t["name"], "token name '" + token.name + "' is used twice; give each token its own name");
      ok = false;
    }
    if (token.role != "admin" && token.role != "reader") {
      r.problem(t["role"], "token role '" + token.role + "' is not admin or reader");
      ok = false;
    }
    if (!is_lower_hex_sha256(token.sha256)) {
      r.problem(t["sha256"], "token '" + token.name +
                                 "': sha256 must be 64 lowercase hex digits, the SHA-256 of the token "
                                 "(strata token new prints it)");
      ok = false;
    }
    if (ok) c.server.tokens.push_back(std::move(token));
  }
}

// hazards: {acknowledge: [data-loss, blocks-reads]}
void read_hazards(const YAML::Node& h, Reader& r, Config& c) {
  if (!h.IsMap()) {
    r.problem(h, "hazards must be a mapping (hazards: {acknowledge: [data-loss, blocks-reads]})");
    return;
  }
  r.check_keys(h, {"acknowledge"}, "hazards");
  auto a = h["acknowledge"];
  if (!a) return;
  if (a.IsNull()) {
    c.hazards_acknowledge.clear();
    return;
  }
  if (!a.IsSequence()) {
    r.problem(a, "hazards.acknowledge must be a list of hazard kinds, e.g. [data-loss, blocks-reads] "
                 "(known: " + lint::known_kinds() + ")");
    return;
  }
  std::vector<std::string> kinds;
  for (const auto& item : a) {
    auto v = r.scalar(item, "hazards.acknowledge entry");
    if (!v) continue;
    if (!lint::parse_kind(*v)) {
      r.problem(item, "hazards.acknowledge: unknown hazard kind '" + *v + "'; known: " + lint::known_kinds());
      continue;
    }
    if (std::find(kinds.begin(), kinds.end(), *v) == kinds.end()) kinds.push_back(*v);
  }
  c.hazards_acknowledge = std::move(kinds);
}

void read_document(const YAML::Node& doc, Reader& r, Config& c) {
  if (!doc.IsMap()) {
    if (doc.IsNull())
      r.problem(doc, "the configuration file is empty; it needs at least `database: {url: ...}` "
                     "(`strata init` writes a complete one)");
    else
      r.problem(doc, "the configuration must be a mapping of keys to values");
    return;
  }
  r.check_duplicates(doc);
  r.check_keys(doc,
               {"database", "schemas", "paths", "revisions", "lock_timeout", "lock_retries",
                "statement_timeout", "lock_wait", "backups", "logging", "proof_role", "server", "hazards", "plan",
                "manage"},
               "");
  if (auto db = doc["database"]) {
    if (!db.IsMap()) {
      r.problem(db, "database must be a mapping (database: {url: ...})");
    } else {
      r.check_keys(db, {"url", "shadow_url"}, "database");
      if (db["url"]) {
        if (auto v = r.scalar(db["url"], "database.url")) {
          c.database_url = *v;
          c.database_url_source = location_of(r.file(), db["url"]).str() + " (database.url)";
        }
      }
      if (db["shadow_url"]) {
        if (auto v = r.scalar(db["shadow_url"], "database.shadow_url")) {
          if (*v == "local")
            r.problem(db["shadow_url"], "database.shadow_url cannot be 'local'; with database.url: local the "
                                        "shadow databases are made on the local server anyway: remove the key");
          c.shadow_url = *v;
          c.shadow_url_source = location_of(r.file(), db["shadow_url"]).str() + " (database.shadow_url)";
        }
      }
    }
  }
  if (auto s = doc["schemas"]) {
    if (s.IsScalar()) {
      r.problem(s, "schemas must be a list of schema names, e.g. schemas: [" + s.Scalar() + "]");
    } else if (s.IsSequence()) {
      for (const auto& item : s)
        if (auto v = r.scalar(item, "schemas entry")) c.schemas.push_back(*v);
    } else if (!s.IsNull()) {
      r.problem(s, "schemas must be a list of schema names");
    }
  }
  if (auto m = doc["manage"]) {
    if (m.IsSequence()) {
      for (const auto& item : m) {
        auto v = r.scalar(item, "manage entry");
        if (!v) continue;
        if (*v == "owners") c.manage_owners = true;
        else if (*v == "privileges") c.manage_privileges = true;
        else r.problem(item, "unknown manage entry '" + *v + "' (use owners, privileges or both)");
      }
    } else if (!m.IsNull()) {
      r.problem(m, "manage must be a list, e.g. manage: [owners, privileges]");
    }
  }
  if (auto p = doc["paths"]) {
    if (!p.IsMap()) {
      r.problem(p, "paths must be a mapping (schema, migrations, backups)");
    } else {
      r.check_keys(p, {"schema", "migrations", "backups"}, "paths");
      if (p["schema"]) if (auto v = r.scalar(p["schema"], "paths.schema")) c.schema_dir = resolve(c.root, *v);
      if (p["migrations"])
        if (auto v = r.scalar(p["migrations"], "paths.migrations")) c.migrations_dir = resolve(c.root, *v);
      if (p["backups"]) if (auto v = r.scalar(p["backups"], "paths.backups")) c.backups_dir = resolve(c.root, *v);
    }
  }
  if (auto rv = doc["revisions"]) {
    if (!rv.IsMap()) {
      r.problem(rv, "revisions must be a mapping (revisions: {template: ...})");
    } else {
      r.check_keys(rv, {"template"}, "revisions");
      if (rv["template"]) {
        if (auto v = r.scalar(rv["template"], "revisions.template")) {
          if (auto problem = revision::template_problem(*v))
            r.problem(rv["template"], "revisions.template: " + *problem);
          else
            c.revision_template = *v;
        }
      }
    }
  }
  if (doc["proof_role"]) if (auto v = r.scalar(doc["proof_role"], "proof_role")) c.proof_role = *v;
  if (doc["plan"]) {
    if (auto v = r.scalar(doc["plan"], "plan")) {
      if (*v == "online" || *v == "offline")
        c.online_plan = *v == "online";
      else
        r.problem(doc["plan"], "plan: '" + *v + "' is not online or offline (online: changes on existing tables "
                               "in lock-safe forms, cut into steps; offline: one transaction of plain DDL)");
    }
  }
  if (doc["lock_timeout"]) if (auto v = r.duration(doc["lock_timeout"], "lock_timeout")) c.lock_timeout_ms = *v;
  if (doc["lock_retries"]) {
    if (auto v = r.number(doc["lock_retries"], "lock_retries")) {
      if (*v > 20)
        r.problem(doc["lock_retries"], "lock_retries: " + std::to_string(*v) +
                                           " is too many (the waits double each retry); use 0 to 20");
      else
        c.lock_retries = static_cast<int>(*v);
    }
  }
  if (doc["statement_timeout"])
    if (auto v = r.duration(doc["statement_timeout"], "statement_timeout")) c.statement_timeout_ms = *v;
  if (doc["lock_wait"]) if (auto v = r.duration(doc["lock_wait"], "lock_wait")) c.lock_wait_ms = *v;
  if (auto b = doc["backups"]) {
    if (!b.IsMap()) {
      r.problem(b, "backups must be a mapping (backups: {keep: N})");
    } else {
      r.check_keys(b, {"keep"}, "backups");
      if (b["keep"]) if (auto v = r.number(b["keep"], "backups.keep")) c.backups_keep = static_cast<int>(*v);
    }
  }
  if (auto sv = doc["server"]) read_server(sv, r, c);
  if (auto h = doc["hazards"]) read_hazards(h, r, c);
  if (auto l = doc["logging"]) {
    if (!l.IsMap()) {
      r.problem(l, "logging must be a mapping (level, file, max_size, max_files)");
    } else {
      r.check_keys(l, {"level", "file", "max_size", "max_files"}, "logging");
      if (l["level"]) {
        if (auto v = r.scalar(l["level"], "logging.level")) {
          static const std::set<std::string> kLevels{"trace", "debug", "info", "warn", "error", "off"};
          if (!kLevels.count(*v))
            r.problem(l["level"], "logging.level: '" + *v + "' is not one of trace, debug, info, warn, error, off");
          else
            c.logging.level = *v;
        }
      }
      if (l["file"]) if (auto v = r.scalar(l["file"], "logging.file")) c.logging.file = resolve(c.root, *v);
      if (l["max_size"]) if (auto v = r.number(l["max_size"], "logging.max_size")) c.logging.max_size = *v;
      if (l["max_files"]) if (auto v = r.number(l["max_files"], "logging.max_files")) c.logging.max_files = *v;
    }
  }
}

// Parses the text of c.file into c; throws LoadError.
void read_text(const std::string& text, const EnvironmentLookup& env, Config& c) {
  if (auto bad = utf8_problem(text, c.file.string(), "the configuration file")) throw LoadError({*bad});
  YAML::Node doc;
  try {
    doc = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw LoadError(Location{c.file.string(), e.mark.line + 1, e.mark.column + 1}, e.msg);
  }
  Reader reader(c.file, env);
  read_document(doc, reader, c);
  if (!reader.diagnostics().empty()) throw LoadError(reader.diagnostics());
}

// What every configuration gets after its file: the environment's overrides
// and the default paths.
void finish(const EnvironmentLookup& env, Config& c) {
  if (auto url = env("DATABASE_URL"); url && !url->empty()) {
    c.database_url = *url;
    c.database_url_source = "DATABASE_URL (environment)";
  }
  if (auto path = env("PATH")) {
    std::stringstream parts(*path);
    std::string part;
    while (std::getline(parts, part, ':'))
      if (!part.empty()) c.tool_path.emplace_back(part);
  }
  apply_defaults(c);
}

}  // namespace

Config load_config(const ConfigRequest& request, const EnvironmentLookup& env) {
  Config c;
  std::optional<fs::path> file;
  if (request.creating) {
    fs::path f = request.file ? *request.file : fs::path("strata.yaml");
    if (!f.is_absolute()) f = request.working_dir / f;
    if (fs::exists(f)) {
      file = f;
    } else {
      c.file = fs::absolute(f).lexically_normal();
      c.root = c.file.parent_path();
    }
  } else if (request.file) {
    fs::path f = request.file->is_absolute() ? *request.file : request.working_dir / *request.file;
    if (!fs::exists(f)) throw UsageError("configuration file " + f.string() + " does not exist");
    file = f;
  } else {
    file = find_upwards(request.working_dir);
    if (!file && request.required)
      throw UsageError("no strata.yaml in " + request.working_dir.string() +
                       " or its parents (run `strata init`, or pass --config)");
  }

  if (file && fs::is_directory(*file))
    throw UsageError((request.file ? "--config " : "") + file->string() +
                     " is a directory; the configuration must be a file, e.g. " + (*file / "strata.yaml").string());
  if (file) {
    c.file = fs::absolute(*file).lexically_normal();
    c.root = c.file.parent_path();
    std::ifstream in(c.file);
    if (!in) throw LoadError(Location{c.file.string(), 0, 0}, "cannot read the configuration file");
    std::stringstream text;
    text << in.rdbuf();
    read_text(text.str(), env, c);
  } else if (c.root.empty()) {
    c.root = fs::absolute(request.working_dir).lexically_normal();
  }
  finish(env, c);
  return c;
}

Config parse_config(std::string_view text, const fs::path& file, const EnvironmentLookup& env) {
  Config c;
  c.file = file.lexically_normal();
  c.root = c.file.parent_path();
  read_text(std::string(text), env, c);
  finish(env, c);
  return c;
}

std::string default_config_text() {
  return R"(# Strata project configuration.
database:
  # A libpq URI or keyword string; `local` runs a PostgreSQL under .strata/.
  # DATABASE_URL in the environment overrides it. ${VAR:-default} expands.
  url: local

# The schemas Strata manages (default: every schema but the system ones and strata).
schemas: [public]

paths:
  schema: schema
  migrations: migrations
  backups: backups

revisions:
  template: "{date}_{time}_{slug}"

lock_timeout: 10s
lock_retries: 3
statement_timeout: 0
lock_wait: forever

# How create writes revisions: offline (one transaction of plain DDL) or online
# (changes on existing tables in lock-safe forms, as steps; see docs/REVISIONS.md).
plan: offline

backups:
  keep: 10

# Hazard kinds a revision must acknowledge with a `-- strata:allow KIND` line
# in its header (`strata create --allow KIND` writes it); `check` fails otherwise.
# Kinds: data-loss, rewrite, blocks-writes, blocks-reads, may-fail, breaks-running-code.
hazards:
  acknowledge: [data-loss, blocks-reads]

logging:
  level: info
  file: logs/strata.log
)";
}

}  // namespace strata::app
