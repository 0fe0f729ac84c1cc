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

#include "app/commands.h"
#include "app/config.h"
#include "cli/logging.h"
#include "cli/render.h"
#include "core/error.h"
#include "db/conninfo.h"

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

constexpr int kExitOk = 0;
constexpr int kExitProblems = 1;
constexpr int kExitUsage = 2;
constexpr int kExitUnreachable = 3;

template <typename Result>
Output ok(const Result& r, std::string text, int code = kExitOk) {
  return Output{code, json(r), std::move(text)};
}

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
  return Context{config, strata::cli::os_user(), logger};
}

void print_error(const std::string& raw, const Globals& g, json& errors) {
  // Messages from the connection are masked where they arise; this masks a
  // password in any URL or keyword string another message might quote.
  const std::string message = strata::db::mask_password(raw);
  std::cerr << "error: " << message << "\n";
  if (g.file_log) g.file_log->error("{}", message);
  if (g.json) errors.push_back(message);
}

// Text that is not UTF-8 (a file name, a quoted input) must not stop the JSON output.
std::string dump(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace); }

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Strata: declarative PostgreSQL schema management", "strata"};
  app.require_subcommand(1);
  app.fallthrough();
  Globals g;
  app.add_option("-c,--config", g.config_file, "Path of strata.yaml (default: found in . or a parent)");
  app.add_flag("-v,--verbose", g.verbose, "Log more (debug) to stderr");
  app.add_flag("-q,--quiet", g.quiet, "Log only errors to stderr");
  app.set_version_flag("--version", "strata 0.1.0");

  std::function<Output()> run;
  auto command = [&](const std::string& name, const std::string& description) {
    CLI::App* sub = app.add_subcommand(name, description);
    sub->add_flag("--json", g.json, "Print the result as JSON");
    return sub;
  };

  // init
  command("init", "Create strata.yaml, schema/, migrations/, backups/ and the strata schema")
      ->callback([&] {
        run = [&] {
          Context ctx = make_context(g, false, true, /*creating=*/true);
          auto r = strata::app::init(ctx);
          return ok(r, strata::cli::render(r));
        };
      });

  command("status", "Show the database's revision, pending revisions, edited files and drift")->callback([&] {
    run = [&] {
      auto r = strata::app::status(make_context(g, true));
      bool problems = !r.edited.empty() || !r.unknown.empty();
      return ok(r, strata::cli::render(r), problems ? kExitProblems : kExitOk);
    };
  });

  strata::app::CreateOptions create_opts;
  auto* create = command("create", "Write a new revision that moves the database to the models");
  create->add_option("message", create_opts.message, "What the revision does")->required();
  create->add_flag("--empty", create_opts.empty, "Write an empty revision to fill in by hand");
  create->add_flag("--dry-run", create_opts.dry_run, "Print the revision; write nothing");
  create->callback([&] {
    run = [&] {
      auto r = strata::app::create(make_context(g, true), create_opts);
      return ok(r, strata::cli::render(r));
    };
  });

  strata::app::ApplyOptions apply_opts;
  auto* apply = command("apply", "Apply pending revisions (to head or to a target)");
  apply->add_option("target", apply_opts.target, "Revision id or unique prefix (default: head)");
  apply->add_flag("--backup", apply_opts.backup, "pg_dump the database into backups/ first");
  apply->add_flag("--sql", apply_opts.sql_only, "Print the SQL that would run; do not connect");
  std::string lock_wait;
  apply->add_option("--lock-wait", lock_wait, "How long to wait for another applier (e.g. 30s; default: forever)");
  apply->callback([&] {
    run = [&] {
      Context ctx = make_context(g, true);
      if (!lock_wait.empty()) {
        auto ms = strata::app::parse_duration_ms(lock_wait);
        if (!ms) throw strata::UsageError("--lock-wait: '" + lock_wait + "' is not a duration (e.g. 30s)");
        ctx.config.lock_wait_ms = *ms;
      }
      auto r = strata::app::apply(ctx, apply_opts);
      return ok(r, strata::cli::render(r));
    };
  });

  std::string rollback_target;
  auto* rollback = command("rollback", "Run down files back to a revision (or -N revisions)");
  rollback->add_option("target", rollback_target, "Revision id, unique prefix, -N, or base")->required();
  bool rollback_force = false;
  rollback->add_flag("--force", rollback_force, "Run down files even if they changed since they were applied");
  rollback->callback([&] {
    run = [&] {
      auto r = strata::app::rollback(make_context(g, true), rollback_target, rollback_force);
      return ok(r, strata::cli::render(r));
    };
  });

  command("history", "List revisions with applied marks, times and who applied them")->callback([&] {
    run = [&] {
      auto r = strata::app::history(make_context(g, true));
      return ok(r, strata::cli::render(r));
    };
  });

  std::string check_format = "text";
  auto* check = command("check", "For CI: fail on invalid models, forks, edited files, pending revisions, drift");
  check->add_option("--format", check_format, "text or github (workflow annotations)")
      ->check(CLI::IsMember({"text", "github"}));
  check->callback([&] {
    run = [&] {
      auto r = strata::app::check(make_context(g, true));
      return ok(r, strata::cli::render(r, check_format == "github"), r.ok() ? kExitOk : kExitProblems);
    };
  });

  command("validate", "Check models and revision files offline")->callback([&] {
    run = [&] {
      auto r = strata::app::validate(make_context(g, true));
      return ok(r, strata::cli::render(r));
    };
  });

  bool diff_sql = false;
  auto* diff = command("diff", "Show the changes from the database to the models; write nothing");
  diff->add_flag("--sql", diff_sql, "Print the up SQL");
  diff->callback([&] {
    run = [&] {
      auto r = strata::app::diff(make_context(g, true));
      return ok(r, strata::cli::render(r, diff_sql));
    };
  });

  command("backup", "pg_dump the database into backups/")->callback([&] {
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
  restore->callback([&] {
    run = [&] {
      auto r = strata::app::restore(make_context(g, true), restore_file, restore_yes, !restore_no_verify);
      return ok(r, strata::cli::render(r));
    };
  });

  std::string stamp_revision;
  auto* stamp = command("stamp", "Record the database as being at a revision without running SQL");
  stamp->add_option("revision", stamp_revision, "Revision id or unique prefix, or base")->required();
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
  inspect->callback([&] {
    run = [&] {
      if (!inspect_out.empty() && inspect_out != "-") inspect_opts.out = inspect_out;
      auto r = strata::app::inspect(make_context(g, true), inspect_opts);
      Output out = ok(r, strata::cli::render(r));
      if (r.files.empty() && !r.unmanaged_line().empty() && !g.json) std::cerr << r.unmanaged_line() << "\n";
      return out;
    };
  });

  auto* local = command("local", "The local PostgreSQL under .strata/ (database.url: local)");
  local->require_subcommand(1);
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
  for (auto* sub : local->get_subcommands({})) sub->add_flag("--json", g.json, "Print the result as JSON");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }

  json errors = json::array();
  int code = kExitOk;
  try {
    Output out = run();
    if (g.json)
      std::cout << dump(out.data) << "\n";
    else
      std::cout << out.text;
    std::cout.flush();
    return out.exit_code;
  } catch (const strata::LoadError& e) {
    for (const auto& d : e.diagnostics()) print_error(d.str(), g, errors);
    code = kExitUsage;
  } catch (const strata::UsageError& e) {
    print_error(e.what(), g, errors);
    code = kExitUsage;
  } catch (const strata::DatabaseError& e) {
    print_error(e.what(), g, errors);
    code = e.kind() == strata::DatabaseError::Kind::kUnreachable ? kExitUnreachable : kExitProblems;
  } catch (const strata::Error& e) {
    print_error(e.what(), g, errors);
    code = kExitProblems;
  } catch (const std::filesystem::filesystem_error& e) {
    // A path of the project that cannot be read or written (permissions, a
    // symlink loop, a file where a folder belongs): bad input, not a bug.
    print_error(strata::cli::describe(e), g, errors);
    code = kExitUsage;
  } catch (const std::exception& e) {
    print_error(std::string("unexpected: ") + e.what(), g, errors);
    code = kExitProblems;
  }
  if (g.json) std::cout << dump(json{{"ok", false}, {"exit_code", code}, {"errors", errors}}) << "\n";
  return code;
}
