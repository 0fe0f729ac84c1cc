#include "cli/render.h"

#include <algorithm>
#include <sstream>

#include "app/revision_lint.h"
#include "cli/terminal.h"

namespace strata::cli {

namespace {

std::string or_none(const std::string& s) { return s.empty() ? "(none)" : s; }

std::string plural(std::size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// A change line ("+ table ...", "- column ...", "~ column ...") in its
// colour: additions green, removals red, alterations yellow.
std::string paint_change(const std::string& line, bool color) {
  if (line.starts_with("+ ")) return paint(line, "32", color);
  if (line.starts_with("- ")) return paint(line, "31", color);
  if (line.starts_with("~ ")) return paint(line, "33", color);
  return line;
}

void list_changes(std::ostringstream& out, const app::PlannedSql& sql, bool color) {
  out << "changes:\n";
  for (const auto& c : sql.changes) out << "  " << paint_change(c, color) << "\n";
  out << "hazards:" << (sql.hazards.empty() ? " none" : "") << "\n";
  for (const auto& h : sql.hazards) out << "  " << paint(h, "1;31", color) << "\n";
}

// The header of a revision file, its change and hazard lines in colour.
std::string paint_header(const std::string& sql, bool color) {
  if (!color) return sql;
  std::istringstream in(sql);
  std::ostringstream out;
  std::string line;
  bool hazards = false;
  while (std::getline(in, line)) {
    if (!line.starts_with("--")) hazards = false;
    if (line.starts_with("-- hazards:")) hazards = true;
    if (line.starts_with("--   ")) {
      std::string item = line.substr(5);
      line = "--   " + (hazards ? paint(item, "1;31", true) : paint_change(item, true));
    }
    out << line << "\n";
  }
  return out.str();
}

// Workflow commands end at a newline; escape as GitHub documents (a
// property value also escapes ',' and ':').
std::string escape_annotation(const std::string& text, bool property) {
  std::string out;
  for (char c : text) {
    if (c == '%') out += "%25";
    else if (c == '\n') out += "%0A";
    else if (c == '\r') out += "%0D";
    else if (property && c == ',') out += "%2C";
    else if (property && c == ':') out += "%3A";
    else out += c;
  }
  return out;
}

void list_forks(std::ostringstream& out, const std::vector<app::ForkInfo>& forks) {
  for (const auto& f : forks) {
    out << "fork:     after " << (f.parent ? *f.parent : std::string("the start (several first revisions)")) << ", "
        << f.branches.size() << " branches:\n";
    for (const auto& b : f.branches) {
      out << "  branch";
      for (const auto& id : b.revisions) {
        bool applied = std::find(b.applied.begin(), b.applied.end(), id) != b.applied.end();
        out << " " << id << (applied ? " (applied)" : "");
      }
      out << "\n";
    }
    out << "  " << f.advice << "\n";
  }
}

}  // namespace

std::string annotation(const std::string& level, const Location& where, const std::string& message) {
  std::string out = "::" + level;
  if (!where.file.empty()) {
    out += " file=" + escape_annotation(where.file, true);
    if (where.line > 0) out += ",line=" + std::to_string(where.line);
    if (where.line > 0 && where.column > 0) out += ",col=" + std::to_string(where.column);
  }
  return out + "::" + escape_annotation(message, false) + "\n";
}

std::string annotations(const app::ErrorReport& r) {
  std::string out;
  for (std::size_t i = 0; i < r.errors.size(); ++i) {
    Location where = i < r.where.size() ? r.where[i] : Location{};
    std::string message = r.errors[i];
    // The message repeats its place ("file:1:2: ..."); the annotation carries it.
    std::string prefix = where.str() + ": ";
    if (!where.file.empty() && message.starts_with(prefix)) message = message.substr(prefix.size());
    out += annotation("error", where, message);
  }
  return out;
}

std::string render(const app::InitResult& r) {
  std::ostringstream out;
  for (const auto& p : r.created) out << "created " << p << "\n";
  for (const auto& p : r.kept) out << "kept    " << p << " (exists)\n";
  if (r.database_ready)
    out << "database ready (schema strata)\n";
  else
    out << "database not prepared: " << r.database_note << "\n";
  return out.str();
}

std::string render(const app::StatusResult& r) {
  std::ostringstream out;
  out << "database: " << r.database << "\n";
  out << "current:  " << or_none(r.current) << "\n";
  out << "head:     " << (r.head.empty() && !r.forks.empty() ? "(several: a fork, below)" : or_none(r.head)) << "\n";
  if (r.pending.empty()) {
    out << "pending:  none\n";
  } else {
    out << "pending:  " << r.pending.size() << "\n";
    for (const auto& p : r.pending) {
      out << "  " << p.id << "  " << p.message;
      if (std::find(r.out_of_order.begin(), r.out_of_order.end(), p.id) != r.out_of_order.end())
        out << "  (before the database's revision: `strata apply --out-of-order`)";
      out << "\n";
    }
  }
  list_forks(out, r.forks);
  for (const auto& e : r.edited) out << "edited:   " << e.id << " (" << e.up_file << " changed after it was applied)\n";
  for (const auto& u : r.unknown) out << "unknown:  " << u << " (applied, but no file in migrations/)\n";
  for (const auto& i : r.interrupted) {
    out << "interrupted: " << i.id << (i.down ? " (rollback)" : "") << " at statement " << i.statement;
    if (i.statements > 0) out << " of " << i.statements;
    out << "; run `strata " << (i.down ? "rollback" : "apply") << "` to resume\n";
  }
  if (r.drift)
    out << "drift:    " << (*r.drift ? "yes (the database differs from the models)" : "no") << "\n";
  else
    out << "drift:    unknown (" << r.drift_note << ")\n";
  for (const auto& line : r.drift_changes) out << "  " << line << "\n";
  return out.str();
}

std::string render(const app::CreateResult& r, bool color) {
  std::ostringstream out;
  if (r.nothing_to_do) {
    out << "no changes: the database already matches the models; nothing written\n";
    return out.str();
  }
  if (r.dry_run) {
    out << "-- " << r.up_file << " (dry run, not written)\n" << paint_header(r.sql.up_sql, color);
    out << "\n-- " << r.down_file << " (dry run, not written)\n" << r.sql.down_sql;
    return out.str();
  }
  out << "created revision " << r.id << ": " << r.message << "\n";
  out << "  " << r.up_file << "\n  " << r.down_file << "\n";
  if (!r.empty) {
    list_changes(out, r.sql, color);
    out << "proof:";
    for (const auto& s : r.proof) out << " " << s.step << (s.ok ? " ok;" : " FAILED;");
    out << "\n";
  }
  return out.str();
}

std::string render(const app::ApplyResult& r) {
  std::ostringstream out;
  if (r.sql_only) return r.sql;
  if (!r.backup_file.empty()) out << "backup: " << r.backup_file << "\n";
  if (r.applied.empty()) {
    out << "nothing to apply: the database is at " << or_none(r.to) << "\n";
    return out.str();
  }
  for (const auto& s : r.applied) {
    bool early = std::find(r.out_of_order.begin(), r.out_of_order.end(), s.id) != r.out_of_order.end();
    out << "applied " << s.id << "  " << s.message << " (" << s.duration_ms << " ms)"
        << (early ? " (out of order)" : "") << "\n";
  }
  out << "database is now at " << r.to << "\n";
  return out.str();
}

std::string render(const app::RollbackResult& r) {
  std::ostringstream out;
  if (r.sql_only) return r.sql;
  if (r.dry_run) {
    for (const auto& s : r.rolled_back) {
      out << "would roll back " << s.id << "  " << s.message << "\n";
      for (const auto& h : s.hazards) out << "    " << h << "\n";
    }
    out << "nothing was rolled back (dry run); the database stays at " << or_none(r.from) << ", a rollback would end at "
        << or_none(r.to) << "\n";
    return out.str();
  }
  for (const auto& s : r.rolled_back)
    out << "rolled back " << s.id << "  " << s.message << " (" << s.duration_ms << " ms)\n";
  out << "database is now at " << or_none(r.to) << "\n";
  return out.str();
}

std::string render(const app::HistoryResult& r) {
  std::ostringstream out;
  if (r.revisions.empty()) out << "no revisions\n";
  for (const auto& rev : r.revisions) {
    out << (rev.id == r.current ? "* " : (rev.applied ? "+ " : "  ")) << rev.id << "  " << rev.message;
    if (rev.applied) out << "  [applied " << rev.applied_at << " by " << rev.applied_by << ", " << rev.duration_ms << " ms]";
    if (rev.edited) out << "  [EDITED since applied]";
    if (rev.missing_file) out << "  [no file]";
    out << "\n";
  }
  list_forks(out, r.forks);
  if (!r.database_reachable) out << "(database not reachable: " << r.database_note << ")\n";
  return out.str();
}

namespace {

std::string finding_body(const lint::Finding& f) {
  return std::string(lint::kind_name(f.kind)) + ": " + f.message;
}

}  // namespace

std::string render(const app::CheckResult& r, bool github) {
  std::ostringstream out;
  if (github) {
    for (const auto& p : r.problems) out << annotation("error", {p.file, p.line, p.column}, p.message);
    for (const auto& f : r.hazards) out << annotation("warning", {f.file, f.line, f.column}, finding_body(f));
    for (const auto& n : r.notes) out << annotation("notice", {}, n);
    return out.str();
  }
  for (const auto& p : r.problems) {
    out << "problem: ";
    if (!p.file.empty()) {
      out << p.file;
      if (p.line > 0) out << ":" << p.line;
      if (p.line > 0 && p.column > 0) out << ":" << p.column;
      out << ": ";
    }
    out << p.message << "\n";
  }
  for (const auto& f : r.hazards) out << "warning: " << f.str() << "\n";
  for (const auto& n : r.notes) out << "note: " << n << "\n";
  out << (r.ok() ? "check passed\n" : "check failed: " + plural(r.problems.size(), "problem", "problems") + "\n");
  return out.str();
}

std::string render(const app::LintResult& r, bool github) {
  std::ostringstream out;
  int errors = 0;
  for (const auto& f : r.findings) {
    if (f.error) ++errors;
    if (github) {
      out << annotation(f.error ? "error" : "warning", {f.file, f.line, f.column},
                        finding_body(f) + (f.error ? " (not acknowledged: " + app::acknowledge_hint(f.kind) + ")" : ""));
    } else {
      out << f.str();
      if (f.error) out << " [not acknowledged: " << app::acknowledge_hint(f.kind) << "]";
      out << "\n";
    }
  }
  if (!github)
    out << plural(r.findings.size(), "finding", "findings") << " in " << plural(r.files, "file", "files")
        << (errors ? ", " + std::to_string(errors) + " not acknowledged" : std::string()) << "\n";
  return out.str();
}

std::string render(const app::ValidateResult& r) {
  std::ostringstream out;
  out << "valid: " << r.summary << "\n";
  out << plural(r.revisions, "revision", "revisions") << " in a linear chain";
  if (!r.head.empty()) out << ", head " << r.head;
  out << "\n";
  for (const auto& f : r.hazards) {
    out << "warning: " << f.str();
    if (f.error) out << " [not acknowledged: " << app::acknowledge_hint(f.kind) << "; check fails on it]";
    out << "\n";
  }
  return out.str();
}

std::string render(const app::DiffResult& r, bool sql_only, bool color) {
  std::ostringstream out;
  if (r.empty) {
    out << (sql_only ? "-- no changes\n" : "no changes: the database matches the models\n");
  } else if (sql_only) {
    out << r.sql.up_sql;
  } else {
    list_changes(out, r.sql, color);
  }
  if (!sql_only && !r.unmanaged.empty()) {
    out << "not managed:";
    for (std::size_t i = 0; i < r.unmanaged.size(); ++i) out << (i ? ", " : " ") << r.unmanaged[i];
    out << "\n";
  }
  return out.str();
}

std::string render(const app::BackupResult& r) {
  std::ostringstream out;
  out << "backup written: " << r.file << " (revision " << or_none(r.revision) << ")\n";
  for (const auto& f : r.swept) out << "removed " << f << ", left by an interrupted backup\n";
  for (const auto& f : r.removed) out << "removed old backup " << f << "\n";
  return out.str();
}

std::string render(const app::RestoreResult& r) {
  std::string which = "every schema";
  if (!r.schemas.empty()) {
    which = "schema" + std::string(r.schemas.size() == 1 ? " " : "s ");
    for (std::size_t i = 0; i < r.schemas.size(); ++i) which += (i ? ", " : "") + r.schemas[i];
  }
  return "restored " + r.file + " (" + which + ")\n" + render(r.status);
}

std::string render(const app::StampResult& r) {
  return "stamped: " + or_none(r.from) + " -> " + or_none(r.to) + " (no SQL was run)\n";
}

std::string render(const app::InspectResult& r) {
  std::ostringstream out;
  if (r.files.empty()) {
    out << r.yaml;
  } else {
    for (const auto& f : r.files) out << "wrote " << f << "\n";
    if (!r.unmanaged_line().empty()) out << r.unmanaged_line() << "\n";
  }
  return out.str();
}

std::string render(const app::LocalResult& r) {
  std::ostringstream out;
  out << "local server: " << (r.running ? "running" : "stopped") << "\n";
  if (!r.data_dir.empty()) out << "data:  " << r.data_dir << "\n";
  if (r.running) out << "url:   " << r.url << "\n";
  if (!r.note.empty()) out << r.note << "\n";
  return out.str();
}

}  // namespace strata::cli

namespace strata::cli {

std::string render(const app::RebaseResult& r) {
  std::ostringstream out;
  out << "rebased " << r.moved.front();
  if (r.moved.size() > 1) out << " (and " << r.moved.size() - 1 << " after it)";
  out << ": now follows " << r.onto << " (was " << (r.from ? *r.from : std::string("none")) << ")\n";
  out << "  " << r.file << " (only its -- strata:parent line changed)\n";
  out << r.note << "\n";
  return out.str();
}

std::string render(const app::AuditResult& r) {
  std::ostringstream out;
  if (r.entries.empty()) out << "no audit entries\n";
  for (const auto& a : r.entries) {
    const auto& e = a.entry;
    out << a.at << "  " << (e.ok ? "ok   " : "ERROR") << "  " << e.who << " (" << e.source;
    if (!e.client.empty()) out << " from " << e.client;
    if (!e.host.empty()) out << " on " << e.host;
    out << ")  " << e.operation;
    if (!e.arguments.empty()) out << "  [" << e.arguments << "]";
    out << "  " << e.duration_ms << " ms";
    if (!e.revisions.empty()) out << "  revisions " << e.revisions;
    if (!e.database.empty()) out << "  on " << e.database;
    out << "\n";
    if (!e.detail.empty() && !e.ok) {
      std::istringstream lines(e.detail);
      std::string line;
      while (std::getline(lines, line)) out << "    " << line << "\n";
    }
  }
  return out.str();
}

std::string render(const app::AdoptResult& r) {
  std::ostringstream out;
  for (const auto& f : r.models) out << "wrote " << f << "\n";
  out << "wrote " << r.up_file << " and " << r.down_file << " (the baseline: " << r.changes.size()
      << (r.changes.size() == 1 ? " change" : " changes") << ")\n";
  out << "proved on the database (rolled back): ";
  for (std::size_t i = 0; i < r.proof.size(); ++i) out << (i ? ", " : "") << r.proof[i].step;
  out << "\n";
  out << "stamped: the database is at " << r.revision << " (no SQL was run)\n";
  out << "adopted: " << r.summary << "\n";
  app::InspectResult counted;
  counted.unmanaged = r.unmanaged;
  if (std::string line = counted.unmanaged_line(); !line.empty())
    out << line << " (left out of the models and the baseline)\n";
  return out.str();
}

}  // namespace strata::cli
