#include "e2e/e2e_project.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <nlohmann/json.hpp>

#include "db/connection.h"

namespace strata::e2e {

namespace fs = std::filesystem;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary | std::ios::trunc) << text;
}

E2EProject::E2EProject() {
  static std::atomic<int> counter{0};
  dir_ = fs::temp_directory_path() /
         ("strata_e2e_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
  fs::remove_all(dir_);
  fs::create_directories(dir_ / "schema");
  fs::create_directories(dir_ / "migrations");
  write_file(dir_ / "strata.yaml",
             "database:\n  url: ${DATABASE_URL:-local}\nschemas: [public]\nlock_timeout: 5s\n");
}

E2EProject::~E2EProject() {
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

void E2EProject::write_model(const std::string& name, const std::string& yaml) const {
  write_file(dir_ / "schema" / name, yaml);
}

fs::path E2EProject::write_revision(const std::string& id, const std::string& parent,
                                    const std::string& message, const std::string& up,
                                    const std::string& down) const {
  std::string stem = id + "_" + message;
  std::replace(stem.begin(), stem.end(), ' ', '_');
  fs::path up_path = dir_ / "migrations" / (stem + ".up.sql");
  write_file(up_path, "-- strata:revision " + id + "\n-- strata:parent   " + (parent.empty() ? "none" : parent) +
                          "\n-- strata:message  " + message + "\n-- changes: by hand\n-- hazards: none\n\n" + up);
  write_file(dir_ / "migrations" / (stem + ".down.sql"), down);
  return up_path;
}

std::vector<fs::path> E2EProject::revision_files() const {
  std::vector<fs::path> out;
  if (!fs::exists(dir_ / "migrations")) return out;
  for (const auto& e : fs::directory_iterator(dir_ / "migrations")) {
    std::string name = e.path().filename().string();
    if (name.size() > 7 && name.substr(name.size() - 7) == ".up.sql") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

RunOptions E2EProject::options() const {
  RunOptions o;
  o.cwd = dir_;
  o.env["DATABASE_URL"] = db_.url();
  return o;
}

RunResult E2EProject::strata(const std::vector<std::string>& args) const { return run(options(), args); }

std::string E2EProject::query(const std::string& sql) const {
  db::Connection conn(db_.url());
  return conn.query_value(sql);
}

std::string E2EProject::rows(const std::string& sql) const {
  db::Connection conn(db_.url());
  PGresult* res = PQexec(conn.native(), sql.c_str());
  std::string out;
  if (PQresultStatus(res) == PGRES_TUPLES_OK) {
    for (int r = 0; r < PQntuples(res); ++r) {
      for (int c = 0; c < PQnfields(res); ++c) {
        if (c) out += "|";
        out += PQgetisnull(res, r, c) ? "NULL" : PQgetvalue(res, r, c);
      }
      out += "\n";
    }
  } else {
    out = std::string("query failed: ") + PQerrorMessage(conn.native());
  }
  PQclear(res);
  return out;
}

std::string E2EProject::current_revision() const {
  if (query("SELECT coalesce(to_regclass('strata.revisions')::text, '')").empty()) return "";
  return query(
      "SELECT revision FROM strata.revisions r WHERE NOT EXISTS "
      "(SELECT 1 FROM strata.revisions c WHERE c.parent = r.revision)");
}

void expect_clean_check(const E2EProject& p, const std::string& when) {
  RunResult c = p.strata({"check"});
  EXPECT_EQ(c.exit_code, 0) << when << "\n" << describe(c);
}

void expect_no_difference(const E2EProject& p, const std::string& when) {
  RunResult d = p.strata({"diff", "--json"});
  ASSERT_EQ(d.exit_code, 0) << when << "\n" << describe(d);
  EXPECT_TRUE(nlohmann::json::parse(d.out)["changes"].empty()) << when << "\n" << describe(d);
}

}  // namespace strata::e2e
