#include "revision/validation_cache.h"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

#include "revision/sha256.h"
#include "revision/validate.h"

namespace strata::revision {
namespace {

// Changes whenever validate_script's findings could change for the same
// bytes (new checks, another parser), so older entries are not used.
constexpr std::string_view kValidatorVersion = "strata-revision-validate 1 (PostgreSQL 15 parser)";
constexpr std::string_view kMagic = "strata revision validation";
// The same for lint::lint_text's findings.
constexpr std::string_view kLinterVersion = "strata-revision-lint 1 (PostgreSQL 15 parser)";
constexpr std::string_view kLintMagic = "strata revision lint";

std::string digest_of(std::string_view script, bool in_transaction) {
  Sha256 h;
  h.update(kValidatorVersion);
  h.update(in_transaction ? "\ntransaction\n" : "\nno-transaction\n");
  h.update(script);
  return h.hex_digest();
}

std::string lint_digest_of(std::string_view text) {
  Sha256 h;
  h.update(kLinterVersion);
  h.update("\n");
  h.update(text);
  return h.hex_digest();
}

std::string escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else out += c;
  }
  return out;
}

std::optional<std::string> unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out += s[i];
      continue;
    }
    if (++i == s.size()) return std::nullopt;
    if (s[i] == '\\') out += '\\';
    else if (s[i] == 'n') out += '\n';
    else if (s[i] == 'r') out += '\r';
    else return std::nullopt;
  }
  return out;
}

std::optional<int> number(const std::string& s) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  int n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

// An entry's records (each a line of tab-separated fields, the last one
// escaped), or nullopt when it is missing, for another digest, or malformed
// in any way. Each record has `fields` fields.
std::optional<std::vector<std::vector<std::string>>> read_records(const std::filesystem::path& path,
                                                                  std::string_view magic,
                                                                  const std::string& digest,
                                                                  std::size_t fields) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string line;
  if (!std::getline(in, line) || line != magic) return std::nullopt;
  if (!std::getline(in, line) || line != "sha256 " + digest) return std::nullopt;
  if (!std::getline(in, line)) return std::nullopt;
  auto count = number(line);
  if (!count) return std::nullopt;
  std::vector<std::vector<std::string>> out;
  for (int i = 0; i < *count; ++i) {
    if (!std::getline(in, line)) return std::nullopt;
    std::vector<std::string> record;
    std::size_t start = 0;
    for (std::size_t f = 0; f + 1 < fields; ++f) {
      auto tab = line.find('\t', start);
      if (tab == std::string::npos) return std::nullopt;
      record.push_back(line.substr(start, tab - start));
      start = tab + 1;
    }
    auto last = unescape(std::string_view(line).substr(start));
    if (!last) return std::nullopt;
    record.push_back(std::move(*last));
    out.push_back(std::move(record));
  }
  if (!std::getline(in, line) || line != "end" || in.peek() != EOF) return std::nullopt;
  return out;
}

std::optional<std::vector<Diagnostic>> read_entry(const std::filesystem::path& path,
                                                  const std::string& digest,
                                                  const std::string& file) {
  auto records = read_records(path, kMagic, digest, 3);
  if (!records) return std::nullopt;
  std::vector<Diagnostic> out;
  for (const auto& r : *records) {
    auto l = number(r[0]);
    auto c = number(r[1]);
    if (!l || !c) return std::nullopt;
    out.push_back({Location{file, *l, *c}, r[2]});
  }
  return out;
}

// Writes an entry through a temporary file and a rename, so a reader sees
// a whole entry or none. Failures are ignored: the cache is an optimization.
// Each record's last field is escaped; the others hold no tab or newline.
void write_records(const std::filesystem::path& dir, const std::filesystem::path& path,
                   std::string_view magic, const std::string& digest,
                   const std::vector<std::vector<std::string>>& records) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return;
  std::ostringstream text;
  text << magic << "\nsha256 " << digest << "\n" << records.size() << "\n";
  for (const auto& r : records) {
    for (std::size_t f = 0; f + 1 < r.size(); ++f) text << r[f] << '\t';
    text << escape(r.back()) << "\n";
  }
  text << "end\n";
  std::filesystem::path tmp = path;
  tmp += ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return;
    out << text.str();
    if (!out.flush()) {
      out.close();
      std::filesystem::remove(tmp, ec);
      return;
    }
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) std::filesystem::remove(tmp, ec);
}

void write_entry(const std::filesystem::path& dir, const std::filesystem::path& path,
                 const std::string& digest, const std::vector<Diagnostic>& findings) {
  std::vector<std::vector<std::string>> records;
  for (const auto& d : findings)
    records.push_back({std::to_string(d.where.line), std::to_string(d.where.column), d.message});
  write_records(dir, path, kMagic, digest, records);
}

}  // namespace

std::filesystem::path ValidationCache::entry_path(std::string_view script,
                                                  bool in_transaction) const {
  return dir_ / digest_of(script, in_transaction);
}

std::vector<Diagnostic> ValidationCache::validate_script(std::string_view script,
                                                         const std::string& file,
                                                         bool in_transaction) {
  return validate_script(script, file, in_transaction, false);
}

std::vector<Diagnostic> ValidationCache::validate_script(std::string_view script, const std::string& file,
                                                         bool in_transaction, bool keep) {
  const std::string digest = digest_of(script, in_transaction);
  const std::filesystem::path path = dir_ / digest;
  if (auto cached = read_entry(path, digest, file)) {
    ++hits_;
    return *cached;
  }
  ++misses_;
  std::optional<sql::SplitResult> whole;
  auto findings = revision::validate_script(script, file, in_transaction, whole);
  write_entry(dir_, path, digest, findings);
  if (keep && whole) kept_ = KeptAnalysis{lint_digest_of(script), std::move(*whole)};
  return findings;
}

std::filesystem::path ValidationCache::lint_entry_path(std::string_view text) const {
  return dir_ / lint_digest_of(text);
}

std::vector<lint::Finding> ValidationCache::lint_text(std::string_view text, const std::string& file,
                                                      const std::vector<lint::HazardKind>& acknowledge) {
  const std::string digest = lint_digest_of(text);
  const std::filesystem::path path = dir_ / digest;
  std::optional<std::vector<lint::Finding>> found;
  if (auto records = read_records(path, kLintMagic, digest, 4)) {
    found.emplace();
    for (const auto& r : *records) {
      auto l = number(r[0]);
      auto c = number(r[1]);
      auto kind = lint::parse_kind(r[2]);
      if (!l || !c || !kind) {
        found.reset();
        break;
      }
      found->push_back({file, *l, *c, *kind, r[3], false});
    }
  }
  std::optional<KeptAnalysis> kept = std::move(kept_);
  kept_.reset();
  if (found) {
    ++hits_;
  } else {
    ++misses_;
    // Found with nothing acknowledged, so no finding is an error yet; from
    // the analysis validate() made of these bytes when it has one.
    found = kept && kept->lint_digest == digest ? lint::lint_analyzed(text, file, {}, kept->analysis)
                                                : lint::lint_text(text, file, {});
    kept.reset();
    std::vector<std::vector<std::string>> records;
    for (const auto& f : *found)
      records.push_back({std::to_string(f.line), std::to_string(f.column),
                         std::string(lint::kind_name(f.kind)), f.message});
    write_records(dir_, path, kLintMagic, digest, records);
  }
  // As lint_text decides it (and throws for a bad allow line, even on a hit).
  std::vector<lint::HazardKind> allowed = lint::allowed_kinds(text, file);
  for (auto& f : *found) {
    bool needs = std::find(acknowledge.begin(), acknowledge.end(), f.kind) != acknowledge.end();
    bool allows = std::find(allowed.begin(), allowed.end(), f.kind) != allowed.end();
    f.error = needs && !allows;
  }
  return std::move(*found);
}

std::vector<Diagnostic> ValidationCache::validate(const Revision& revision) {
  kept_.reset();
  auto out = validate_script(revision.up_sql, revision.up_path.string(), !revision.no_transaction, true);
  auto down = validate_script(revision.down_sql, revision.down_path.string(), !revision.no_transaction);
  out.insert(out.end(), down.begin(), down.end());
  return out;
}

}  // namespace strata::revision
