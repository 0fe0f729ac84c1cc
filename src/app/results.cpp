#include "app/results.h"

#include "app/error_report.h"

namespace strata::app {

using nlohmann::json;

json or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

void to_json(json& j, const RevisionInfo& r) {
  j = json{{"id", r.id},
           {"parent", or_null(r.parent)},
           {"message", r.message},
           {"up_file", or_null(r.up_file)},
           {"applied", r.applied},
           {"applied_at", or_null(r.applied_at)},
           {"applied_by", or_null(r.applied_by)},
           {"duration_ms", r.applied ? json(r.duration_ms) : json(nullptr)},
           {"edited", r.edited},
           {"missing_file", r.missing_file},
           {"summary", or_null(r.summary)}};
}

void to_json(json& j, const Problem& p) {
  j = json{{"kind", p.kind}, {"message", p.message}, {"file", or_null(p.file)},
           {"line", p.line > 0 ? json(p.line) : json(nullptr)},
           {"column", p.column > 0 ? json(p.column) : json(nullptr)}};
  j["drift"] = p.kind == "drift" ? json(p.drift) : json(nullptr);
}

void to_json(json& j, const InitResult& r) {
  j = json{{"created", r.created}, {"kept", r.kept}, {"database_ready", r.database_ready},
           {"database_note", or_null(r.database_note)}};
}

void to_json(json& j, const InterruptedRevision& r) {
  j = json{{"id", r.id},
           {"direction", r.down ? "down" : "up"},
           {"step", r.step},
           {"statement", r.statement},
           {"updated_at", or_null(r.updated_at)}};
  j["steps"] = r.steps > 0 ? json(r.steps) : json(nullptr);
  j["statements"] = r.statements > 0 ? json(r.statements) : json(nullptr);
}

void to_json(json& j, const ForkBranch& b) {
  j = json{{"first", b.revisions.empty() ? json(nullptr) : json(b.revisions.front())},
           {"head", b.revisions.empty() ? json(nullptr) : json(b.revisions.back())},
           {"revisions", b.revisions},
           {"applied", b.applied}};
}

void to_json(json& j, const ForkInfo& f) {
  j = json{{"parent", f.parent ? json(*f.parent) : json(nullptr)}, {"branches", f.branches}, {"advice", f.advice}};
}

void to_json(json& j, const RebaseResult& r) {
  j = json{{"moved", r.moved},
           {"from", r.from ? json(*r.from) : json(nullptr)},
           {"onto", r.onto},
           {"file", r.file},
           {"database", r.database},
           {"note", r.note}};
}

void to_json(json& j, const StatusResult& r) {
  j = json{{"database", r.database}, {"current", or_null(r.current)}, {"head", or_null(r.head)},
           {"pending", r.pending},   {"edited", r.edited},   {"unknown", r.unknown},
           {"interrupted", r.interrupted},
           {"applied_count", r.applied_count}, {"at_head", r.pending.empty() && r.current == r.head}};
  j["drift"] = r.drift ? json(*r.drift) : json(nullptr);
  j["drift_note"] = or_null(r.drift_note);
  j["drift_changes"] = r.drift_changes;
  j["forks"] = r.forks;
  j["out_of_order"] = r.out_of_order;
  j["drift_items"] = r.drift_items;
}

void to_json(json& j, const PlannedSql& p) {
  j = json{{"changes", p.changes}, {"hazards", p.hazards}, {"up_sql", p.up_sql}, {"down_sql", p.down_sql},
           {"plan", p.plan.empty() ? json{{"changes", json::array()}, {"hazards", json::array()}} : p.plan}};
}

void to_json(json& j, const ProofStep& s) {
  j = json{{"step", s.step}, {"ok", s.ok}, {"detail", or_null(s.detail)},
           {"line", s.line > 0 ? json(s.line) : json(nullptr)}, {"statement", or_null(s.statement)},
           {"sqlstate", or_null(s.sqlstate)}};
}

void to_json(json& j, const PrecheckFinding& f) {
  j = json{{"kind", f.kind},
           {"description", f.description},
           {"checked", f.checked},
           {"failing_rows", f.checked ? json(f.failing_rows) : json(nullptr)},
           {"sample_keys", f.checked ? json(f.sample_keys) : json(nullptr)}};
}

void to_json(json& j, const CreateResult& r) {
  j = json{{"nothing_to_do", r.nothing_to_do}, {"written", r.written}, {"dry_run", r.dry_run},
           {"empty", r.empty}, {"id", or_null(r.id)}, {"parent", or_null(r.parent)},
           {"message", r.message}, {"up_file", or_null(r.up_file)}, {"down_file", or_null(r.down_file)},
           {"sql", r.sql}, {"proof", r.proof}, {"prechecks", r.prechecks},
           {"drift", r.drift}, {"from_head", r.from_head}, {"proof_site", or_null(r.proof_site)},
           {"no_shadow_reason", or_null(r.no_shadow_reason)}, {"drift_note", or_null(r.drift_note)}};
}

void to_json(json& j, const AppliedStep& s) {
  j = json{{"id", s.id}, {"message", s.message}, {"duration_ms", s.duration_ms}, {"hazards", s.hazards}};
}

void to_json(json& j, const ApplyResult& r) {
  j = json{{"from", or_null(r.from)}, {"to", or_null(r.to)}, {"applied", r.applied}, {"sql_only", r.sql_only},
           {"backup_file", or_null(r.backup_file)}, {"sql", r.sql_only ? json(r.sql) : json(nullptr)},
           {"out_of_order", r.out_of_order}, {"recorded_parents", r.recorded_parents}};
}

void to_json(json& j, const RollbackResult& r) {
  j = json{{"from", or_null(r.from)}, {"to", or_null(r.to)}, {"rolled_back", r.rolled_back},
           {"dry_run", r.dry_run}, {"sql_only", r.sql_only}, {"sql", r.sql_only ? json(r.sql) : json(nullptr)}};
}

void to_json(json& j, const HistoryResult& r) {
  j = json{{"revisions", r.revisions}, {"current", or_null(r.current)},
           {"database_reachable", r.database_reachable}, {"database_note", or_null(r.database_note)},
           {"forks", r.forks}};
}

namespace {

json findings_json(const std::vector<lint::Finding>& findings) {
  json out = json::array();
  for (const auto& f : findings)
    out.push_back({{"file", f.file}, {"line", f.line}, {"column", f.column},
                   {"kind", std::string(lint::kind_name(f.kind))}, {"message", f.message},
                   {"error", f.error}});
  return out;
}

}  // namespace

void to_json(json& j, const CheckResult& r) {
  j = json{{"ok", r.ok()},           {"problems", r.problems},
           {"notes", r.notes},        {"unmanaged", r.unmanaged},
           {"hazards", findings_json(r.hazards)}};
}

void to_json(json& j, const ValidateResult& r) {
  j = json{{"valid", true}, {"counts", r.counts}, {"summary", r.summary}, {"revisions", r.revisions},
           {"head", or_null(r.head)}, {"hazards", findings_json(r.hazards)}};
}

void to_json(json& j, const LintResult& r) {
  j = json{{"ok", r.ok()}, {"files", r.files}, {"findings", findings_json(r.findings)}};
}

void to_json(json& j, const DiffResult& r) {
  j = json{{"empty", r.empty}, {"sql", r.sql}, {"unmanaged", r.unmanaged}};
}

void to_json(json& j, const BackupResult& r) {
  j = json{{"file", r.file}, {"sidecar", r.sidecar}, {"revision", or_null(r.revision)}, {"removed", r.removed},
           {"swept", r.swept}};
}

void to_json(json& j, const RestoreResult& r) {
  j = json{{"file", r.file}, {"schemas", r.schemas}, {"status", r.status}};
}

void to_json(json& j, const StampResult& r) { j = json{{"from", or_null(r.from)}, {"to", or_null(r.to)}}; }

int exit_code(const StatusResult& r) {
  return r.edited.empty() && r.unknown.empty() && r.forks.empty() ? kExitOk : kExitProblems;
}

int exit_code(const CheckResult& r) { return r.ok() ? kExitOk : kExitProblems; }

int exit_code(const DiffResult& r, bool changes_are_failure) {
  return changes_are_failure && !r.empty ? kExitProblems : kExitOk;
}

std::string count_of(int n, const std::string& kind) {
  std::string k = kind;
  if (n == 1) {
    // The head noun is the word before " with"/" on"/" of", or the last word.
    std::size_t end = k.size();
    for (const char* sep : {" with ", " on ", " of "})
      if (auto at = k.find(sep); at != std::string::npos) end = std::min(end, at);
    std::string head = k.substr(0, end);
    std::size_t start = head.rfind(' ') == std::string::npos ? 0 : head.rfind(' ') + 1;
    std::string word = head.substr(start);
    if (word == "children") word = "child";
    else if (word.size() > 3 && word.ends_with("ies")) word = word.substr(0, word.size() - 3) + "y";
    else if (word.size() > 1 && word.ends_with("s")) word.pop_back();
    k = head.substr(0, start) + word + k.substr(end);
  }
  return std::to_string(n) + " " + k;
}

std::string unmanaged_summary(const Unmanaged& u) {
  std::string out;
  for (const auto& [kind, names] : u) {
    if (names.empty()) continue;
    out += (out.empty() ? "" : ", ") + count_of(static_cast<int>(names.size()), kind);
  }
  return out.empty() ? out : "not managed: " + out;
}

std::vector<std::string> unmanaged_lines(const Unmanaged& u) {
  std::vector<std::string> out;
  for (const auto& [kind, names] : u) {
    if (names.empty()) continue;
    std::string line = count_of(static_cast<int>(names.size()), kind) + ":";
    for (std::size_t i = 0; i < names.size(); ++i) line += (i ? ", " : " ") + names[i];
    out.push_back(std::move(line));
  }
  return out;
}

void to_json(json& j, const InspectResult& r) {
  j = json{{"files", r.files},         {"counts", r.counts}, {"summary", r.summary},
           {"unmanaged", r.unmanaged}, {"model", r.model},   {"yaml", or_null(r.yaml)}};
}

void to_json(json& j, const LocalResult& r) {
  j = json{{"running", r.running}, {"url", or_null(r.url)}, {"data_dir", or_null(r.data_dir)},
           {"note", or_null(r.note)}};
}

}  // namespace strata::app
