#include "apply/pg_tools.h"

#include <unistd.h>

#include <algorithm>
#include <regex>

#include "apply/process.h"
#include "core/error.h"

namespace strata::apply {
namespace {

namespace fs = std::filesystem;

bool executable(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

}  // namespace

std::optional<int> tool_major_version(const fs::path& program) {
  try {
    ProcessResult r = run_process({program.string(), "--version"});
    if (r.exit_code != 0) return std::nullopt;
    static const std::regex kVersion(R"(\(PostgreSQL\)\s+(\d+))");
    std::smatch m;
    if (!std::regex_search(r.out, m, kVersion)) return std::nullopt;
    return std::stoi(m[1]);
  } catch (const Error&) {
    return std::nullopt;
  }
}

fs::path find_pg_tool(const std::string& name, int min_major, const PgToolOptions& options) {
  std::vector<fs::path> candidates;
  if (!options.bin_dir.empty()) {
    candidates.push_back(options.bin_dir / name);
  } else {
    // Version directories (Debian/Ubuntu layout): the server's own major
    // first, then newer ones, newest first.
    std::vector<std::pair<int, fs::path>> versioned;
    for (const auto& root : options.version_roots) {
      std::error_code ec;
      for (const auto& entry : fs::directory_iterator(root, ec)) {
        const std::string v = entry.path().filename().string();
        if (v.empty() || !std::all_of(v.begin(), v.end(), [](unsigned char c) { return c >= '0' && c <= '9'; })) continue;
        versioned.emplace_back(std::stoi(v), entry.path() / "bin" / name);
      }
    }
    std::sort(versioned.begin(), versioned.end(), [&](const auto& a, const auto& b) {
      bool a_exact = a.first == min_major, b_exact = b.first == min_major;
      if (a_exact != b_exact) return a_exact;
      return a.first > b.first;
    });
    for (const auto& [major, path] : versioned) candidates.push_back(path);
    for (const auto& dir : options.search_path) candidates.push_back(dir / name);
  }
  std::string found;
  for (const auto& c : candidates) {
    if (!executable(c)) continue;
    std::optional<int> major = tool_major_version(c);
    if (!major) continue;
    if (*major >= min_major) return c;
    found += (found.empty() ? "" : ", ") + c.string() + " (" + std::to_string(*major) + ")";
  }
  std::string need = min_major > 0 ? " of PostgreSQL " + std::to_string(min_major) + " or newer"
                                   : std::string();
  if (!found.empty())
    throw Error(name + need + " is needed (the server is PostgreSQL " +
                std::to_string(min_major) + "), but only older ones were found: " + found +
                "; install the client programs of PostgreSQL " + std::to_string(min_major) +
                " (e.g. postgresql-client-" + std::to_string(min_major) + ")");
  throw Error(name + need + " was not found; install PostgreSQL's client programs" +
              (min_major > 0 ? " (e.g. postgresql-client-" + std::to_string(min_major) + ")"
                             : std::string()));
}

}  // namespace strata::apply
