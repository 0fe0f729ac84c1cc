// bench_introspect URL [SCHEMA...]
//
// Introspects the database at URL once (all non-system schemas, or the ones
// named) and prints one line:
//   seconds=<wall time of inspect()> peak_rss_mb=<process peak RSS>
//   tables=<n> columns=<n> indexes=<n> functions=<n> triggers=<n> statements=<n>
// Exit 2 on bad usage, 3 when the database cannot be read.

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <string>

#include "core/error.h"
#include "db/connection.h"
#include "introspect/inspector.h"

namespace {

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_introspect URL [SCHEMA...]\n");
    return 2;
  }
  try {
    strata::db::Connection connection(argv[1]);
    strata::introspect::Options options;
    for (int i = 2; i < argc; ++i) options.schemas.emplace_back(argv[i]);
    auto start = std::chrono::steady_clock::now();
    strata::introspect::Inspection result = strata::introspect::inspect(connection, options);
    std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    size_t tables = 0, columns = 0, indexes = 0, functions = 0, triggers = 0;
    for (const auto& [name, ns] : result.schema.namespaces) {
      tables += ns.tables.size();
      functions += ns.functions.size();
      for (const auto& [tn, t] : ns.tables) {
        columns += t.columns.size();
        indexes += t.indexes.size();
        triggers += t.triggers.size();
      }
    }
    std::printf(
        "seconds=%.3f peak_rss_mb=%.1f tables=%zu columns=%zu indexes=%zu functions=%zu "
        "triggers=%zu statements=%d\n",
        took.count(), peak_rss_mb(), tables, columns, indexes, functions, triggers,
        result.statements);
    return 0;
  } catch (const strata::UsageError& e) {
    std::fprintf(stderr, "bench_introspect: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_introspect: %s\n", e.what());
    return 3;
  }
}
