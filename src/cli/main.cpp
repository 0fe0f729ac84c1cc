// The `strata` command line: parses arguments, reads the configuration once,
// calls one app:: command, prints its result as text or JSON, and maps errors
// to exit codes (0 fine, 1 problems found, 2 bad usage or input, 3 database
// unreachable). All logic lives in app::.

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <iostream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "app/adopt.h"
#include "app/audit.h"
#include "app/commands.h"
#include "app/config.h"
#include "app/error_report.h"
#include "app/tokens.h"
#include "cli/logging.h"
#include "cli/reference.h"
#include "cli/render.h"
#include "cli/terminal.h"
#include "cli/usage.h"
#include "core/error.h"
#include "server/server.h"

namespace {

using strata::app::Context;
using nlohmann::json;

struct Globals {
  std::string config_file;
  bool verbose = false;
  bool quiet = false;
  bool json = false;
  std::shared_ptr<spdlog::logger> file_log;  // the log file only, once the configuration is read
};

// What a command hands back to main: exit code, JSON, text.
struct Output {
  int exit_code = 0;
  json data;
  std::string text;
};

using strata::app::kExitOk;
using strata::app::kExitProblems;
using strata::app::kExitUsage;

template <typename Result>
Output ok(const Result& r, std::string text, int code = kExitOk) {
  return Output{code, strata::app::document(r, code), std::move(text)};
}

// The command being run, recorded in the audit trail when it ends.
std::shared_ptr<strata::app::Invocation> g_invocation = std::make_shared<strata::app::Invocation>();
// The context of the command, once made (the audit record needs it).
std::optional<Context> g_context;

Context make_context(Globals& g, bool require_config, bool file_log = true,
                     bool creating = false) {
  strata::app::ConfigRequest req;
  req.creating = creating;
  if (!g.config_file.empty()) req.file = g.config_file;
  req.working_dir = std::filesystem::current_path();
  req.required = require_config;
  strata::app::Config config = strata::app::load_config(req, strata::app::process_environment());
  auto verbosity = g.quiet ? strata::cli::Verbosity::kQuiet
                           : (g.verbose ? strata::cli::Verbosity::kVerbose : strata::cli::Verbosity::kNormal);
  bool log_to_file = file_log && !config.file.empty();
  auto logger = strata::cli::make_logger(config, verbosity, log_to_file);
  g.file_log = strata::cli::file_only(*logger);
  Context ctx{config, strata::cli::os_user(), logger, g_invocation,
              strata::cli::make_audit_logger(config, log_to_file, false)};
  ctx.process_ends = true;  // one command per process
  g_context = ctx;
  return ctx;
}

void print_error(const std::string& message, const Globals& g) {
  std::cerr << strata::cli::paint("error:", "31", strata::cli::stderr_color()) << " " << message << "\n";
  if (g.file_log) g.file_log->error("{}", message);
}

// Text that is not UTF-8 (a file name, a quoted input) must not stop the JSON output.
std::string dump(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace); }

}  // namespace

int main(int argc, char** argv) {
  using strata::cli::help_footer;
  CLI::App app{"Strata: declarative PostgreSQL schema management", "strata"};
  app.require_subcommand(1);
  app.fallthrough();
  Globals g;
  app.add_option("-c,--config", g.config_file, "Path of strata.yaml (default: found in . or a parent)");
  app.add_flag("-v,--verbose", g.verbose, "Log more (debug) to stderr");
  app.add_flag("-q,--quiet", g.quiet, "Log only errors to stderr (and no progress line)");
  app.add_flag("--json", g.json, "Print the result (or the error) as one JSON document on stdout");
  app.set_version_flag("--version", "strata " STRATA_VERSION);
  app.footer(help_footer({"strata init", "strata create \"add users\"   # a revision from schema/*.yaml",
                          "strata apply", "strata check --format github", "strata status --json",
                          "strata COMMAND --help"}));

  std::function<Output()> run;
  auto command = [&](const std::string& name, const std::string& description) {
    CLI::App* sub = app.add_subcommand(name, description);
    sub->add_flag("--json", g.json, "Print the result as JSON");
    return sub;
  };

  // init
  command("init", "Create strata.yaml, schema/, migrations/, backups/ and the strata schema")
      ->footer(help_footer({"strata init", "DATABASE_URL=postgresql://app@db/app strata init --json"}))
      ->callback([&] {
        run = [&] {
          Context ctx = make_context(g, false, true, /*creating=*/true);
          auto r = strata::app::init(ctx);
          return ok(r, strata::cli::render(r));
        };
      });

  command("status", "Show the database's revision, pending revisions, edited files and drift")
      ->footer(help_footer({"strata status", "strata status --json | jq .pending"},
                           {"(1: an applied file was edited or is missing from migrations/, or the chain forks)"}))
      ->callback([&] {
        run = [&] {
          auto r = strata::app::status(make_context(g, true));
          return ok(r, strata::cli::render(r), strata::app::exit_code(r));
        };
      });

  strata::app::CreateOptions create_opts;
  auto* create = command("create", "Write a new revision that moves the database to the models");
  create->add_option("message", create_opts.message, "What the revision does")->required();
  create->add_flag("--empty", create_opts.empty, "Write an empty revision to fill in by hand");
  create->add_flag("--dry-run", create_opts.dry_run, "Print the revision; write nothing");
  create->add_option("--allow", create_opts.allow,
                     "Acknowledge a hazard kind (data-loss, blocks-reads, ...): writes -- strata:allow KIND")
      ->delimiter(',');
  create->add_flag("--keep-failed", create_opts.keep_failed,
                   "When the proof fails, keep the revision's files in migrations/.failed/");
  create->add_flag("--from-head", create_opts.from_head,
                   "Plan from the applied revisions replayed on a shadow database, not the live catalog");
  bool create_online = false, create_offline = false;
  auto* create_online_flag = create->add_flag(
      "--online", create_online,
      "Lock-safe forms for changes on existing tables (CONCURRENTLY, NOT VALID + VALIDATE), as steps");
  create->add_flag("--offline", create_offline, "One transaction of plain DDL (overrides plan: online)")
      ->excludes(create_online_flag);
  create->footer(help_footer({"strata create \"add user avatars\"", "strata create \"add users\" --dry-run",
                              "strata create \"add users\" --from-head   # ignore changes made by hand on the database",
                              "strata create \"backfill emails\" --empty   # a skeleton to write by hand",
                              "strata create \"drop legacy column\" --allow data-loss   # acknowledge a hazard",
                              "strata create \"index orders by customer\" --online   # no write-blocking locks"},
                             {"(1: the revision failed its proof; 2 also: the database is behind head)"}));
  create->callback([&] {
    run = [&] {
      if (create_online || create_offline) create_opts.online = create_online;
      auto r = strata::app::create(make_context(g, true), create_opts);
      return ok(r, strata::cli::render(r, strata::cli::stdout_color() && !g.json));
    };
  });

  strata::app::ApplyOptions apply_opts;
  auto* apply = command("apply", "Apply pending revisions (to head or to a target)");
  apply->add_option("target", apply_opts.target, "Revision id or unique prefix (default: head)");
  apply->add_flag("--backup", apply_opts.backup, "pg_dump the database into backups/ first");
  apply->add_flag("--sql", apply_opts.sql_only,
                  "Print the script that would run (each step with its BEGIN/COMMIT, SET lock_timeout, checks, "
                  "bookkeeping rows) for psql; do not connect");
  apply->add_option("--from", apply_opts.from,
                    "With --sql: the revision the database is at (default: none, from the first revision)");
  apply->add_option("--to", apply_opts.to, "With --sql: the last revision to run (default: TARGET, else head)");
  apply->add_flag("--out-of-order", apply_opts.out_of_order,
                  "Also apply revisions that come before the database's revision in the chain (a branch merged "
                  "later); they run after revisions that follow them");
  std::string lock_wait;
  apply->add_option("--lock-wait", lock_wait, "How long to wait for another applier (e.g. 30s; default: forever)");
  apply->footer(help_footer({"strata apply", "strata apply 20261130120000   # up to this revision",
                             "strata apply --backup --lock-wait 30s", "strata apply --sql > deploy.sql"},
                            {"(1: a revision failed and its failing step was rolled back, also after lock_retries",
                             "lock timeouts; or the lock was not obtained; the next apply resumes at that step)",
                             "A progress line (revision k of n, statement, elapsed) goes to stderr when an",
                             "apply takes more than 2 s; none with --quiet, --json or CI=true."}));
  apply->callback([&] {
    run = [&] {
      Context ctx = make_context(g, true);
      if (!lock_wait.empty()) {
        auto ms = strata::app::parse_duration_ms(lock_wait);
        if (!ms) throw strata::UsageError("--lock-wait: '" + lock_wait + "' is not a duration (e.g. 30s)");
        ctx.config.lock_wait_ms = *ms;
      }
      strata::cli::ProgressLine progress(!g.quiet && !g.json && !strata::cli::running_in_ci());
      apply_opts.on_progress = [&progress](const strata::apply::Progress& p) { progress.update(p); };
      auto r = strata::app::apply(ctx, apply_opts);
      progress.finish();
      return ok(r, strata::cli::render(r));
    };
  });

  std::string rollback_target;
  auto* rollback = command("rollback", "Run down files back to a revision (or -N revisions)");
  rollback->add_option("target", rollback_target, "Revision id, unique prefix, -N, or base")->required();
  strata::app::RollbackOptions rollback_opts;
  rollback->add_flag("--force", rollback_opts.force, "Run down files even if they changed since they were applied");
  rollback->add_flag("--dry-run", rollback_opts.dry_run,
                     "List what would be undone and the data it would lose; change nothing");
  rollback->add_flag("--sql", rollback_opts.sql_only, "Print the script that would run (for psql); change nothing");
  rollback->add_option("--from", rollback_opts.from,
                       "With --sql: the database's revision, so Strata need not connect");
  rollback->add_flag("--yes", rollback_opts.yes,
                     "Run down files that lose data without asking (without a terminal such a rollback "
                     "is refused unless --yes is given)");
  rollback->footer(help_footer({"strata rollback -1          # undo the last revision",
                                "strata rollback 20261130120000   # back to this revision", "strata rollback base",
                                "strata rollback -1 --dry-run", "strata rollback -1 --sql > undo.sql",
                                "strata rollback -1 --yes     # its down file drops a column; no question"},
                               {"(2 also: an unknown target, a down file edited since it was applied, or a down "
                                "file that loses data without --yes and no terminal to ask on)"}));
  rollback->callback([&] {
    run = [&] {
      if (!rollback_opts.yes && !rollback_opts.dry_run && !rollback_opts.sql_only)
        rollback_opts.confirm = strata::cli::terminal_confirm();
      auto r = strata::app::rollback(make_context(g, true), rollback_target, rollback_opts);
      return ok(r, strata::cli::render(r));
    };
  });

  std::string rebase_revision;
  auto* rebase = command("rebase", "Resolve a fork: move the branch the database has not applied onto the other's head");
  rebase->add_option("revision", rebase_revision,
                     "A revision of the branch to move (default: the one the database has not applied)");
  rebase->footer(help_footer({"strata rebase                 # move the branch the database has not applied",
                              "strata rebase 20261130120000  # move the branch this revision starts"},
                             {"(2 also: there is no fork, or the revision to move is applied on this database)"}));
  rebase->callback([&] {
    run = [&] {
      auto r = strata::app::rebase(make_context(g, true), rebase_revision);
      return ok(r, strata::cli::render(r));
    };
  });

  command("history", "List revisions with applied marks, times and who applied them")
      ->footer(help_footer({"strata history", "strata history --json"}))
      ->callback([&] {
    run = [&] {
      auto r = strata::app::history(make_context(g, true));
      return ok(r, strata::cli::render(r));
    };
  });

  std::string check_format = "text";
  auto* check = command("check", "For CI: fail on invalid models, forks, edited files, pending revisions, drift");
  check->add_option("--format", check_format, "text or github (workflow annotations)")
      ->check(CLI::IsMember({"text", "github"}));
  check->footer(help_footer({"strata check", "strata check --format github   # in a GitHub Actions step",
                             "strata check --json"},
                            {"(1: any problem: invalid models, a fork, an edited file, pending revisions, drift)"}));
  check->callback([&] {
    run = [&] {
      auto r = strata::app::check(make_context(g, true));
      return ok(r, strata::cli::render(r, check_format == "github"), strata::app::exit_code(r));
    };
  });

  command("validate", "Check models and revision files offline")
      ->footer(help_footer({"strata validate", "strata validate --json"},
                           {"(2: every problem is printed as file:line:col: message)"}))
      ->callback([&] {
    run = [&] {
      auto r = strata::app::validate(make_context(g, true));
      return ok(r, strata::cli::render(r));
    };
  });

  strata::app::LintOptions lint_opts;
  std::string lint_format = "text";
  auto* lint = command("lint", "Report the hazards of SQL files (default: the revisions in migrations/)");
  lint->add_option("files", lint_opts.files, "SQL files to lint");
  lint->add_option("--format", lint_format, "text or github (workflow annotations)")
      ->check(CLI::IsMember({"text", "github"}));
  lint->footer(
      "\nEach finding is printed as file:line:col: kind: message, with the safe alternative.\n"
      "Kinds: data-loss, rewrite, blocks-writes, blocks-reads, may-fail, breaks-running-code.\n"
      "A kind listed in strata.yaml's hazards.acknowledge (default: data-loss, blocks-reads) is an\n"
      "error unless the file's header allows it: -- strata:allow data-loss\n" +
      help_footer({"strata lint", "strata lint migrations/20261125_134210_backfill.up.sql --format github",
                   "strata lint --json"},
                  {"(1: findings not acknowledged; 2 also: a file that cannot be read or parsed, with its position)"}));
  lint->callback([&] {
    run = [&] {
      auto r = strata::app::lint(make_context(g, false), lint_opts);
      return ok(r, strata::cli::render(r, lint_format == "github"), r.ok() ? kExitOk : kExitProblems);
    };
  });

  bool diff_sql = false;
  auto* diff = command("diff", "Show the changes from the database to the models; write nothing");
  diff->add_flag("--sql", diff_sql, "Print the up SQL");
  bool diff_exit_code = false;
  diff->add_flag("--exit-code", diff_exit_code, "Exit 1 when there are changes (0 when none)");
  bool diff_online = false, diff_offline = false;
  auto* diff_online_flag =
      diff->add_flag("--online", diff_online, "Show the SQL in the online plan's lock-safe forms, as steps");
  diff->add_flag("--offline", diff_offline, "Show the SQL as one transaction of plain DDL (overrides plan: online)")
      ->excludes(diff_online_flag);
  diff->footer(help_footer({"strata diff", "strata diff --sql", "strata diff --exit-code >/dev/null || echo drift"},
                           {"(1: only with --exit-code, when there are changes)"}));
  diff->callback([&] {
    run = [&] {
      auto r = strata::app::diff(make_context(g, true), diff_online || diff_offline
                                                            ? std::optional<bool>(diff_online)
                                                            : std::nullopt);
      return ok(r, strata::cli::render(r, diff_sql, strata::cli::stdout_color() && !g.json),
                strata::app::exit_code(r, diff_exit_code));
    };
  });

  command("backup", "pg_dump the database into backups/")
      ->footer(help_footer({"strata backup", "strata backup --json"}))
      ->callback([&] {
    run = [&] {
      auto r = strata::app::backup(make_context(g, true));
      return ok(r, strata::cli::render(r));
    };
  });

  std::string restore_file;
  bool restore_yes = false;
  bool restore_no_verify = false;
  auto* restore = command("restore",
                          "Restore a backup: replaces the managed schemas and strata; other schemas are left alone");
  restore->add_option("file", restore_file, "The .dump file")->required();
  restore->add_flag("--yes", restore_yes, "Confirm: the managed schemas are overwritten");
  restore->add_flag("--no-verify", restore_no_verify,
                    "Restore a dump without checking it against its sidecar (.json)");
  restore->footer(help_footer({"strata restore backups/20261130_120000_20261130110000.dump --yes"}));
  restore->callback([&] {
    run = [&] {
      auto r = strata::app::restore(make_context(g, true), restore_file, restore_yes, !restore_no_verify);
      return ok(r, strata::cli::render(r));
    };
  });

  std::string stamp_revision;
  auto* stamp = command("stamp", "Record the database as being at a revision without running SQL");
  stamp->add_option("revision", stamp_revision, "Revision id or unique prefix, or base")->required();
  stamp->footer(help_footer({"strata stamp 20261130120000   # adopt a database already at this revision",
                             "strata stamp base"}));
  stamp->callback([&] {
    run = [&] {
      auto r = strata::app::stamp(make_context(g, true), stamp_revision);
      return ok(r, strata::cli::render(r));
    };
  });

  strata::app::InspectOptions inspect_opts;
  std::string inspect_out;
  auto* inspect = command("inspect", "Write the live database as YAML models");
  inspect->add_option("--out", inspect_out, "Folder to write into, or - for stdout (default)");
  inspect->add_flag("--split", inspect_opts.split, "One file per table");
  inspect->footer(help_footer({"strata inspect", "strata inspect --out schema --split"}));
  inspect->callback([&] {
    run = [&] {
      if (!inspect_out.empty() && inspect_out != "-") inspect_opts.out = inspect_out;
      auto r = strata::app::inspect(make_context(g, true), inspect_opts);
      Output out = ok(r, strata::cli::render(r));
      if (r.files.empty() && !r.unmanaged_line().empty() && !g.json) {
        std::cerr << r.unmanaged_line() << "\n";
        for (const auto& line : strata::app::unmanaged_lines(r.unmanaged)) std::cerr << "  " << line << "\n";
      }
      return out;
    };
  });

  strata::app::AdoptOptions adopt_opts;
  auto* adopt = command("adopt",
                        "Take an existing database under management: write its models and a baseline revision, "
                        "and stamp it there");
  adopt->add_option("-m,--message", adopt_opts.message, "The baseline revision's message")
      ->default_str(adopt_opts.message);
  adopt->add_flag("--split", adopt_opts.split, "One model file per table");
  adopt->footer(help_footer({"strata adopt", "strata adopt --split -m \"Baseline\""}));
  adopt->callback([&] {
    run = [&] {
      auto r = strata::app::adopt(make_context(g, true), adopt_opts);
      return ok(r, strata::cli::render(r));
    };
  });

  auto* local = command("local", "The local PostgreSQL under .strata/ (database.url: local)");
  local->require_subcommand(1);
  local->footer(help_footer({"strata local start", "strata local status", "strata local stop"}));
  local->add_subcommand("start", "Start it (initdb on first use)")->callback([&] {
    run = [&] {
      auto r = strata::app::local_start(make_context(g, true));
      return ok(r, strata::cli::render(r));
    };
  });
  local->add_subcommand("stop", "Stop it")->callback([&] {
    run = [&] {
      auto r = strata::app::local_stop(make_context(g, true));
      return ok(r, strata::cli::render(r));
    };
  });
  local->add_subcommand("status", "Say whether it runs")->callback([&] {
    run = [&] {
      auto r = strata::app::local_status(make_context(g, true));
      return ok(r, strata::cli::render(r));
    };
  });
  for (auto* sub : local->get_subcommands({})) {
    sub->add_flag("--json", g.json, "Print the result as JSON");
    sub->footer(help_footer({"strata local " + sub->get_name()}));
  }

  strata::server::ServeOptions serve_opts;
  auto* serve = app.add_subcommand("serve", "Run the HTTP API and the status page (until SIGTERM or SIGINT)");
  serve->add_option("--listen", serve_opts.listen, "host:port (default: server.listen, else 127.0.0.1:8080)");
  serve->add_option("--tls-cert", serve_opts.tls_cert, "PEM certificate: serve HTTPS");
  serve->add_option("--tls-key", serve_opts.tls_key, "PEM private key of --tls-cert");
  serve->add_flag("--insecure-listen", serve_opts.insecure_listen,
                  "Allow a non-loopback address without TLS (tokens cross the network in clear)");
  serve->footer(help_footer({"strata serve", "strata serve --listen 0.0.0.0:8443 --tls-cert cert.pem --tls-key key.pem"},
                            {"(0 also: stopped by SIGTERM or SIGINT after the requests under way)"}));
  serve->callback([&] {
    run = [&] {
      Context ctx = make_context(g, true);
      g_context.reset();  // each request is recorded instead
      bool file_log = !ctx.config.file.empty();
      int code = strata::server::serve(ctx.config, serve_opts, ctx.log,
                                       strata::cli::make_audit_logger(ctx.config, file_log, !g.quiet));
      return Output{code, json{{"ok", code == kExitOk}, {"exit_code", code}}, ""};
    };
  });

  auto* token = app.add_subcommand("token", "API tokens for `strata serve`");
  token->require_subcommand(1);
  token->footer(help_footer({"strata token new deploy-bot --role admin"}));
  std::string token_name, token_role;
  auto* token_new = token->add_subcommand("new", "Print a fresh random token once, and its line for strata.yaml");
  token_new->add_option("name", token_name, "What the token is for (e.g. deploy-bot)")->required();
  token_new->add_option("--role", token_role, "admin (may apply, roll back, create) or reader")->required();
  token_new->add_flag("--json", g.json, "Print the result as JSON");
  token_new->footer(help_footer({"strata token new deploy-bot --role admin",
                                 "strata token new dashboard --role reader --json"}));
  token_new->callback([&] {
    run = [&] {
      make_context(g, false);  // for the audit trail, when there is a project
      auto r = strata::app::new_token(token_name, token_role);
      std::string text = "token (shown only now; keep it secret):\n  " + r.token +
                         "\n\nadd under server.tokens in strata.yaml:\n  " + r.config_line + "\n";
      return ok(r, text);
    };
  });

  strata::app::AuditQuery audit_query;
  auto* audit = command("audit", "Show the audit trail: every command and API request, newest first");
  audit->add_option("--since", audit_query.since, "A time (2026-11-30, \"2026-11-30 12:00Z\") or an age (2h, 7d)");
  audit->add_option("--limit", audit_query.limit, "At most this many entries (default 50)");
  audit->footer(help_footer({"strata audit", "strata audit --since 2h", "strata audit --since 2026-11-30 --limit 500 --json"}));
  audit->callback([&] {
    run = [&] {
      auto r = strata::app::audit(make_context(g, true), audit_query);
      return ok(r, strata::cli::render(r));
    };
  });

  // Hidden: the build writes the manual page and the shell completions with
  // these, from the definitions above.
  auto* help_man = app.add_subcommand("help-man", "Print the manual page strata(1) in roff")->group("");
  help_man->callback([&] {
    run = [&] { return Output{kExitOk, json{{"ok", true}}, strata::cli::man_page(app, "strata " STRATA_VERSION)}; };
  });
  std::string completion_shell;
  auto* help_completion =
      app.add_subcommand("help-completion", "Print the completion script for a shell")->group("");
  help_completion->add_option("shell", completion_shell, "bash or zsh")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh"}));
  help_completion->callback([&] {
    run = [&] {
      std::string text = completion_shell == "bash" ? strata::cli::bash_completion(app)
                                                    : strata::cli::zsh_completion(app);
      return Output{kExitOk, json{{"ok", true}}, text};
    };
  });

  // Bad usage reads like every other error: `error: ...`, exit 2, and the
  // JSON error document when --json was asked for.
  auto usage_error = [&](const std::string& message) {
    strata::app::ErrorReport report;
    report.exit_code = kExitUsage;
    report.errors.push_back(message);
    report.where.resize(1);
    print_error(message, g);
    if (strata::cli::wants_json(argc, argv)) std::cout << dump(json(report)) << "\n";
    else if (strata::cli::wants_github(argc, argv)) std::cout << strata::cli::annotations(report);
    return kExitUsage;
  };
  if (auto problem = strata::cli::command_problem(app, argc, argv, {"-c", "--config"}))
    return usage_error(*problem);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    return usage_error(strata::cli::parse_problem(app, e));
  }

  g_invocation->command = app.get_subcommands().front()->get_name();
  for (auto* sub = app.get_subcommands().front(); sub != nullptr;) {
    auto subs = sub->get_subcommands();
    if (subs.empty()) break;
    sub = subs.front();
    g_invocation->command += " " + sub->get_name();
  }
  for (int i = 1; i < argc; ++i) g_invocation->arguments += (i > 1 ? " " : "") + std::string(argv[i]);
  g_invocation->host = strata::app::host_name();

  try {
    Output out = run();
    if (g.json)
      std::cout << dump(out.data) << "\n";
    else
      std::cout << out.text;
    std::cout.flush();
    if (g_context) strata::app::record_invocation(*g_context, nullptr);
    return out.exit_code;
  } catch (...) {
    // One serializer for errors, shared with the server.
    strata::app::ErrorReport report = strata::app::report_error(std::current_exception());
    for (const auto& message : report.errors) print_error(message, g);
    if (g.json)
      std::cout << dump(json(report)) << "\n";
    else if (strata::cli::wants_github(argc, argv))
      std::cout << strata::cli::annotations(report);
    if (g_context) strata::app::record_invocation(*g_context, &report);
    return report.exit_code;
  }
}
