#include "revision/validation_cache.h"

#include <unistd.h>

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

std::string digest_of(std::string_view script, bool in_transaction) {
  Sha256 h;
  h.update(kValidatorVersion);
  h.update(in_transaction ? "\ntransaction\n" : "\nno-transaction\n");
  h.update(script);
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

// An entry's findings, or nullopt when it is missing, for another digest, or
// malformed in any way.
std::optional<std::vector<Diagnostic>> read_entry(const std::filesystem::path& path,
                                                  const std::string& digest,
                                                  const std::string& file) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string line;
  if (!std::getline(in, line) || line != kMagic) return std::nullopt;
  if (!std::getline(in, line) || line != "sha256 " + digest) return std::nullopt;
  if (!std::getline(in, line)) return std::nullopt;
  auto count = number(line);
  if (!count) return std::nullopt;
  std::vector<Diagnostic> out;
  for (int i = 0; i < *count; ++i) {
    if (!std::getline(in, line)) return std::nullopt;
    auto t1 = line.find('\t');
    auto t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string::npos) return std::nullopt;
    auto l = number(line.substr(0, t1));
    auto c = number(line.substr(t1 + 1, t2 - t1 - 1));
    auto message = unescape(std::string_view(line).substr(t2 + 1));
    if (!l || !c || !message) return std::nullopt;
    out.push_back({Location{file, *l, *c}, *message});
  }
  if (!std::getline(in, line) || line != "end" || in.peek() != EOF) return std::nullopt;
  return out;
}

// Writes an entry through a temporary file and a rename, so a reader sees
// a whole entry or none. Failures are ignored: the cache is an optimization.
void write_entry(const std::filesystem::path& dir, const std::filesystem::path& path,
                 const std::string& digest, const std::vector<Diagnostic>& findings) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return;
  std::ostringstream text;
  text << kMagic << "\nsha256 " << digest << "\n" << findings.size() << "\n";
  for (const auto& d : findings)
    text << d.where.line << '\t' << d.where.column << '\t' << escape(d.message) << "\n";
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

}  // namespace

std::filesystem::path ValidationCache::entry_path(std::string_view script,
                                                  bool in_transaction) const {
  return dir_ / digest_of(script, in_transaction);
}

std::vector<Diagnostic> ValidationCache::validate_script(std::string_view script,
                                                         const std::string& file,
                                                         bool in_transaction) {
  const std::string digest = digest_of(script, in_transaction);
  const std::filesystem::path path = dir_ / digest;
  if (auto cached = read_entry(path, digest, file)) {
    ++hits_;
    return *cached;
  }
  ++misses_;
  auto findings = revision::validate_script(script, file, in_transaction);
  write_entry(dir_, path, digest, findings);
  return findings;
}

std::vector<Diagnostic> ValidationCache::validate(const Revision& revision) {
  auto out = validate_script(revision.up_sql, revision.up_path.string(), !revision.no_transaction);
  auto down = validate_script(revision.down_sql, revision.down_path.string(), !revision.no_transaction);
  out.insert(out.end(), down.begin(), down.end());
  return out;
}

}  // namespace strata::revision
