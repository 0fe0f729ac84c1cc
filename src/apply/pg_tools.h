#pragma once

// Finding PostgreSQL's client and server programs (pg_dump, pg_restore,
// initdb, pg_ctl) on this machine.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace strata::apply {

struct PgToolOptions {
  // A directory holding the programs; when set, only this one is used.
  std::filesystem::path bin_dir;
  // Directories searched otherwise, in order after the version-specific
  // ones (`<root>/<major>/bin` under each of version_roots), then PATH.
  std::vector<std::filesystem::path> version_roots = {"/usr/lib/postgresql"};
  // Searched last; the app may pass PATH's directories instead.
  std::vector<std::filesystem::path> search_path = {"/usr/local/pgsql/bin", "/usr/local/bin",
                                                    "/usr/bin"};
};

// The program `name` whose major version is at least `min_major` (0: any),
// preferring exactly `min_major`, then the newest. Throws strata::Error
// naming what was found and what is needed when nothing fits.
std::filesystem::path find_pg_tool(const std::string& name, int min_major,
                                   const PgToolOptions& options = {});

// The major version a program prints with --version ("pg_dump (PostgreSQL)
// 15.18 …" -> 15); nullopt when it cannot be run or read.
std::optional<int> tool_major_version(const std::filesystem::path& program);

}  // namespace strata::apply
