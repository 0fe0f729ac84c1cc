#include "app/results.h"

namespace strata::app {

using nlohmann::json;

void to_json(json& j, const RevisionInfo& r) {
  j = json{{"id", r.id},           {"parent", r.parent},     {"message", r.message},
           {"up_file", r.up_file}, {"applied", r.applied},   {"applied_at", r.applied_at},
           {"applied_by", r.applied_by}, {"duration_ms", r.duration_ms}, {"edited", r.edited},
           {"missing_file", r.missing_file}, {"summary", r.summary}};
}

void to_json(json& j, const Problem& p) {
  j = json{{"kind", p.kind}, {"message", p.message}};
  if (!p.file.empty()) j["file"] = p.file;
  if (p.line > 0) j["line"] = p.line;
  if (p.column > 0) j["column"] = p.column;
}

void to_json(json& j, const InitResult& r) {
  j = json{{"created", r.created}, {"kept", r.kept}, {"database_ready", r.database_ready}};
  if (!r.database_note.empty()) j["database_note"] = r.database_note;
}

void to_json(json& j, const InterruptedRevision& r) {
  j = json{{"id", r.id},
           {"direction", r.down ? "down" : "up"},
           {"statement", r.statement},
           {"updated_at", r.updated_at}};
  j["statements"] = r.statements > 0 ? json(r.statements) : json(nullptr);
}

void to_json(json& j, const StatusResult& r) {
  j = json{{"database", r.database}, {"current", r.current}, {"head", r.head},
           {"pending", r.pending},   {"edited", r.edited},   {"unknown", r.unknown},
           {"interrupted", r.interrupted},
           {"applied_count", r.applied_count}, {"at_head", r.pending.empty() && r.current == r.head}};
  j["drift"] = r.drift ? json(*r.drift) : json(nullptr);
  if (!r.drift_note.empty()) j["drift_note"] = r.drift_note;
  j["drift_changes"] = r.drift_changes;
}

void to_json(json& j, const PlannedSql& p) {
  j = json{{"changes", p.changes}, {"hazards", p.hazards}, {"up_sql", p.up_sql},
           {"down_sql", p.down_sql}, {"plan", p.plan}};
}

void to_json(json& j, const ProofStep& s) {
  j = json{{"step", s.step}, {"ok", s.ok}};
  if (!s.detail.empty()) j["detail"] = s.detail;
}

void to_json(json& j, const CreateResult& r) {
  j = json{{"nothing_to_do", r.nothing_to_do}, {"written", r.written}, {"dry_run", r.dry_run},
           {"empty", r.empty}, {"id", r.id}, {"parent", r.parent}, {"message", r.message},
           {"up_file", r.up_file}, {"down_file", r.down_file}, {"sql", r.sql}, {"proof", r.proof}};
}

void to_json(json& j, const AppliedStep& s) {
  j = json{{"id", s.id}, {"message", s.message}, {"duration_ms", s.duration_ms}};
}

void to_json(json& j, const ApplyResult& r) {
  j = json{{"from", r.from}, {"to", r.to}, {"applied", r.applied}, {"sql_only", r.sql_only}};
  if (!r.backup_file.empty()) j["backup_file"] = r.backup_file;
  if (r.sql_only) j["sql"] = r.sql;
}

void to_json(json& j, const RollbackResult& r) {
  j = json{{"from", r.from}, {"to", r.to}, {"rolled_back", r.rolled_back}};
}

void to_json(json& j, const HistoryResult& r) {
  j = json{{"revisions", r.revisions}, {"current", r.current},
           {"database_reachable", r.database_reachable}};
  if (!r.database_note.empty()) j["database_note"] = r.database_note;
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
  j = json{{"ok", r.ok()}, {"problems", r.problems}, {"notes", r.notes}, {"hazards", findings_json(r.hazards)}};
}

void to_json(json& j, const ValidateResult& r) {
  j = json{{"valid", true}, {"counts", r.counts}, {"summary", r.summary}, {"revisions", r.revisions},
           {"head", r.head}, {"hazards", findings_json(r.hazards)}};
}

void to_json(json& j, const LintResult& r) {
  j = json{{"ok", r.ok()}, {"files", r.files}, {"findings", findings_json(r.findings)}};
}

void to_json(json& j, const DiffResult& r) {
  j = json{{"empty", r.empty}, {"sql", r.sql}, {"unmanaged", r.unmanaged}};
}

void to_json(json& j, const BackupResult& r) {
  j = json{{"file", r.file}, {"sidecar", r.sidecar}, {"revision", r.revision}, {"removed", r.removed}, {"swept", r.swept}};
}

void to_json(json& j, const RestoreResult& r) {
  j = json{{"file", r.file}, {"schemas", r.schemas}, {"status", r.status}};
}

void to_json(json& j, const StampResult& r) { j = json{{"from", r.from}, {"to", r.to}}; }

std::string count_of(int n, const std::string& kind) {
  std::string k = kind;
  if (n == 1) {
    // The head noun is the word before " with"/" on", or the last word.
    std::size_t end = k.size();
    for (const char* sep : {" with ", " on "})
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

std::string InspectResult::unmanaged_line() const {
  std::string out;
  for (const auto& [kind, n] : unmanaged) {
    if (n == 0) continue;
    out += (out.empty() ? "" : ", ") + count_of(n, kind);
  }
  return out.empty() ? out : "not managed: " + out;
}

void to_json(json& j, const InspectResult& r) {
  j = json{{"files", r.files}, {"counts", r.counts}, {"summary", r.summary}, {"unmanaged", r.unmanaged}, {"model", r.model}};
  if (!r.yaml.empty()) j["yaml"] = r.yaml;
}

void to_json(json& j, const LocalResult& r) {
  j = json{{"running", r.running}, {"url", r.url}, {"data_dir", r.data_dir}};
  if (!r.note.empty()) j["note"] = r.note;
}

}  // namespace strata::app
