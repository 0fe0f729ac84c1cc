#pragma once

// Helpers shared by backup.cpp and restore.cpp (not part of the interface).

#include <filesystem>
#include <optional>
#include <string>

#include "apply/backup.h"
#include "db/connection.h"

namespace strata::apply {

// Lowercase hex SHA-256 of a file's bytes. Throws Error when unreadable.
std::string file_sha256(const std::filesystem::path& file);

// The backup a sidecar describes; nullopt when load_sidecar() would throw.
std::optional<BackupInfo> read_sidecar(const std::filesystem::path& sidecar);

// Whether `name` is a backup's file name: `<yyyymmdd>_<HHMMSS>_<revision or
// none>[_N]` + `extension` (".dump" or ".json").
bool is_backup_name(const std::string& name, const std::string& extension);

// The server's major version (15 for 15.4).
int server_major(db::Connection& conn);

}  // namespace strata::apply
