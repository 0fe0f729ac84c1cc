#pragma once

// The project configuration, strata.yaml. Read once, by the command line or
// the server, and handed to every app:: command; nothing below app reads the
// environment or the file itself.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::app {

// Looks a variable up in the environment; std::nullopt when it is unset.
using EnvironmentLookup = std::function<std::optional<std::string>(const std::string&)>;

// The process environment (std::getenv).
EnvironmentLookup process_environment();

struct LoggingConfig {
  std::string level = "info";        // trace, debug, info, warn, error, off (the log file's level)
  std::filesystem::path file;        // absolute; default <root>/logs/strata.log
  std::size_t max_size = 5 * 1024 * 1024;  // bytes per file before rotating
  std::size_t max_files = 3;
};

// An API token of `strata serve`: only its SHA-256 is configured.
struct ApiToken {
  std::string name;
  std::string role;    // "admin" (may mutate) or "reader"
  std::string sha256;  // lowercase hex SHA-256 of the token's exact text
};

struct ServerConfig {
  std::string listen = "127.0.0.1:8080";  // host:port
  std::vector<ApiToken> tokens;
};

struct Config {
  std::filesystem::path file;   // the strata.yaml read (absolute); empty when none exists
  std::filesystem::path root;   // the project root: the folder of `file`

  // libpq URI or keyword string, or "local" for the server under .strata/.
  std::string database_url = "local";
  // Where database_url comes from, for messages: "DATABASE_URL (environment)",
  // "<file>:<line>:<col> (database.url)", or empty for the default.
  std::string database_url_source;
  // Where `create` makes its shadow databases (libpq URI or keyword string
  // of any database on that server; the role must have CREATEDB there).
  // Empty: on the target's own server when its role may create databases.
  std::string shadow_url;
  std::string shadow_url_source;  // "<file>:<line>:<col> (database.shadow_url)"
  // Managed schemas; empty means every non-system schema except `strata`.
  std::vector<std::string> schemas;

  std::filesystem::path schema_dir;      // absolute; default <root>/schema
  std::filesystem::path migrations_dir;  // absolute; default <root>/migrations
  std::filesystem::path backups_dir;     // absolute; default <root>/backups
  std::filesystem::path local_dir;       // absolute; <root>/.strata

  // File name template of new revisions: {date} (YYYYMMDD), {time} (HHMMSS),
  // {id} (the 14-digit id), {slug} (the message, lower case, words joined by
  // '_'). Any other {field} is refused when the file is read.
  std::string revision_template = "{date}_{time}_{slug}";

  // The role `create` proves revisions as (SET LOCAL ROLE); empty: the
  // connection's own. Must not be a superuser or able to run programs or
  // touch server files.
  std::string proof_role;

  // `plan: online`: create (and diff) render changes on existing tables in
  // their lock-safe forms, cut into steps; `create --offline` overrides it
  // for one revision. Default offline.
  bool online_plan = false;

  int lock_timeout_ms = 10000;     // SET lock_timeout for DDL; 0 = none
  int lock_retries = 3;            // retries of a step after a lock timeout (1 s, 2 s, 4 s, ...)
  int statement_timeout_ms = 0;    // SET statement_timeout; 0 = none
  int lock_wait_ms = -1;           // wait for the applier lock; -1 = forever, 0 = do not wait
  int backups_keep = 10;           // newest backups kept; 0 = keep all

  // The hazard kinds (lint::kind_name) a revision must acknowledge with a
  // `-- strata:allow KIND` header line: `hazards: {acknowledge: [...]}`.
  std::vector<std::string> hazards_acknowledge{"data-loss", "blocks-reads"};

  // `manage: [owners, privileges]`: object owners and grants are read into
  // the models and diffed. Default neither (many teams leave them to the
  // platform): they are then neither introspected nor compared.
  bool manage_owners = false;
  bool manage_privileges = false;

  LoggingConfig logging;
  ServerConfig server;

  // Where PostgreSQL's programs (pg_dump, pg_restore, initdb, pg_ctl) are
  // looked for after the versioned folders: PATH, split.
  std::vector<std::filesystem::path> tool_path;

  bool is_local() const { return database_url == "local"; }
};

// What the command line (or the server) says about where the configuration is.
struct ConfigRequest {
  std::optional<std::filesystem::path> file;  // --config; default: strata.yaml found
                                              // in the working directory or a parent
  std::filesystem::path working_dir;          // where to start looking
  bool required = false;                      // a missing file is an error (else defaults)
  // For `init`: the file may not exist yet. Config::file is then set to where
  // it will be (--config, else working_dir/strata.yaml) and parents are not searched.
  bool creating = false;
};

// Reads strata.yaml. `${VAR}` and `${VAR:-default}` in any value expand from
// `env`; DATABASE_URL from `env` overrides database.url. Durations are
// "250ms", "10s", "2min" or a bare number of milliseconds.
// Throws LoadError (file:line:col) for malformed YAML, an empty file,
// unknown or repeated keys, values of the wrong kind (a single value where a
// list is expected, and the reverse), bad values, and a variable that is
// unset and has no default; UsageError when --config names a file that does
// not exist or a directory.
Config load_config(const ConfigRequest& request, const EnvironmentLookup& env);

// load_config on text already read: `text` is the content of `file`
// (absolute; its folder is the project root). Reads nothing from disk.
Config parse_config(std::string_view text, const std::filesystem::path& file,
                    const EnvironmentLookup& env);

// Expands `${VAR}` / `${VAR:-default}` in one value. Returns std::nullopt and
// sets `missing` to the variable's name when one is unset without a default.
std::optional<std::string> expand_variables(const std::string& text, const EnvironmentLookup& env,
                                            std::string* missing);

// Parses "250ms", "10s", "2min", "1h" or a bare number (milliseconds).
std::optional<int> parse_duration_ms(const std::string& text);

// The default strata.yaml written by `init`.
std::string default_config_text();

}  // namespace strata::app
