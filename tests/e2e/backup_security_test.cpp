// Backups and restores as an attacker on the same machine would watch them:
// the password never shows (command lines, output, logs, audit rows), and a
// kill -9 leaves no child process and no data file behind.

#include <dirent.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/error.h"
#include "db/connection.h"
#include "e2e/e2e_project.h"

namespace strata::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

struct Process {
  pid_t pid = 0;
  pid_t parent = 0;
  std::string cmdline;  // arguments joined by spaces
};

// Every process on the machine whose command line can be read.
std::vector<Process> processes() {
  std::vector<Process> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    Process p;
    p.pid = std::stoi(name);
    p.cmdline = read_file(entry.path() / "cmdline");
    std::replace(p.cmdline.begin(), p.cmdline.end(), '\0', ' ');
    std::string stat = read_file(entry.path() / "stat");
    std::size_t close = stat.rfind(')');
    if (close == std::string::npos || p.cmdline.empty()) continue;
    std::istringstream rest(stat.substr(close + 2));
    char state = 0;
    rest >> state >> p.parent;
    if (state == 'Z' || state == 'X') continue;
    out.push_back(std::move(p));
  }
  return out;
}

// The running child of `parent` whose command line contains `what`.
std::optional<Process> child_of(pid_t parent, const std::string& what) {
  for (auto& p : processes())
    if (p.parent == parent && p.cmdline.find(what) != std::string::npos) return p;
  return std::nullopt;
}

bool alive(pid_t pid) {
  for (const auto& p : processes())
    if (p.pid == pid) return true;
  return false;
}

template <typename F>
bool eventually(F condition, std::chrono::seconds limit = std::chrono::seconds(30)) {
  auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return condition();
}

std::vector<fs::path> temp_files(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().filename().string().find(".tmp-") != std::string::npos) out.push_back(e.path());
  return out;
}

void one_table(const E2EProject& p) {
  p.write_revision("20260101000001", "", "things",
                   "CREATE TABLE things (id bigint PRIMARY KEY, name text);\n",
                   "DROP TABLE things;\n");
  p.write_model("things.yaml",
                "tables:\n  things:\n    columns:\n      id: {type: bigint}\n      name: {type: text, nullable: true}\n"
                "    primary_key: [id]\n");
}

constexpr const char* kRole = "strata_secret_test";
constexpr const char* kPassword = "Pw7qZ-distinct-9xK";

// Makes kRole log in with kPassword over TCP (scram-sha-256), whatever the
// rest of the test server's pg_hba.conf says: a line for this role alone is
// put first and the server reloads its configuration.
void require_password_login(const std::string& admin_url) {
  db::Connection admin(admin_url);
  admin.execute(std::string("DO $$ BEGIN CREATE ROLE ") + kRole +
                " LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
  admin.execute(std::string("SET password_encryption = 'scram-sha-256'; ALTER ROLE ") + kRole +
                " LOGIN PASSWORD '" + kPassword + "'");
  const std::string line = std::string("host all ") + kRole + " 0.0.0.0/0 scram-sha-256\nhost all " + kRole +
                           " ::/0 scram-sha-256\n";
  std::string current = admin.query_value("SELECT pg_read_file(current_setting('hba_file'))");
  if (current.find(line) == std::string::npos) {
    // lo_export writes the file as the server's OS user, the file's owner.
    admin.execute("DO $$ DECLARE o oid; BEGIN "
                  "o := lo_from_bytea(0, convert_to('" + line + "' || pg_read_file(current_setting('hba_file')), 'UTF8')); "
                  "PERFORM lo_export(o, current_setting('hba_file')); PERFORM lo_unlink(o); END $$");
    admin.execute("SELECT pg_reload_conf()");
  }
}

// The test server's URL with kRole:kPassword as the user.
std::string with_role(const std::string& url, const std::string& password) {
  std::size_t scheme = url.find("://");
  std::size_t at = url.find('@', scheme + 3);
  std::size_t slash = url.find('/', scheme + 3);
  std::size_t host = (at != std::string::npos && at < slash) ? at + 1 : scheme + 3;
  return url.substr(0, scheme + 3) + kRole + ":" + password + "@" + url.substr(host);
}

TEST(E2ESecrets, ThePasswordNeverShows) {
  E2EProject p;
  require_password_login(testing::server_url());
  p.db().execute(std::string("ALTER DATABASE ") + p.db().name() + " OWNER TO " + kRole);
  const std::string url = with_role(p.url(), kPassword);
  // The server really asks for the password now.
  ASSERT_TRUE(eventually([&] {
    try {
      db::Connection wrong(with_role(p.url(), "not-the-password"));
      return false;
    } catch (const DatabaseError&) {
      return true;
    }
  })) << "the test server still lets " << kRole << " in without its password";
  db::Connection as_role(url);

  RunOptions opts = p.options();
  opts.env["DATABASE_URL"] = url;
  one_table(p);
  RunResult applied = run(opts, {"apply"});
  ASSERT_EQ(applied.exit_code, 0) << describe(applied);
  as_role.execute("INSERT INTO things SELECT g, 'row ' || g FROM generate_series(1, 1000) g");

  // A backup held up by a lock, so its pg_dump can be watched.
  db::Connection holder(p.url());
  holder.execute("BEGIN; LOCK TABLE things IN ACCESS EXCLUSIVE MODE");
  pid_t strata = spawn(opts, {"backup"});
  std::optional<Process> pg_dump;
  std::vector<std::string> leaks;
  bool seen = eventually([&] {
    for (const auto& proc : processes())
      if (proc.cmdline.find(kPassword) != std::string::npos) leaks.push_back(proc.cmdline);
    pg_dump = child_of(strata, "--format=custom");
    return pg_dump.has_value();
  });
  holder.execute("COMMIT");
  EXPECT_EQ(wait_for(strata), 0);
  ASSERT_TRUE(seen) << "no pg_dump was seen";
  EXPECT_THAT(pg_dump->cmdline, HasSubstr(p.db().name()));
  EXPECT_TRUE(leaks.empty()) << "a command line shows the password: " << leaks.front();

  // Text and JSON output of a good and a failing backup, of a malformed URL.
  std::vector<RunResult> results;
  results.push_back(run(opts, {"--verbose", "backup"}));
  EXPECT_EQ(results.back().exit_code, 0) << describe(results.back());
  results.push_back(run(opts, {"backup", "--json"}));
  EXPECT_EQ(results.back().exit_code, 0) << describe(results.back());
  p.db().execute("CREATE TABLE hidden (x int)");  // owned by the superuser: pg_dump may not read it
  results.push_back(run(opts, {"--verbose", "backup", "--json"}));
  EXPECT_NE(results.back().exit_code, 0) << describe(results.back());
  EXPECT_THAT(results.back().err, HasSubstr("hidden"));
  p.db().execute("DROP TABLE hidden");
  for (const std::string bad : {"[::1", "h:notaport", "h?nosuchparam=1"}) {
    RunOptions broken = opts;
    std::string u = with_role("postgresql://x@" + bad + "/db", kPassword);
    broken.env["DATABASE_URL"] = u;
    results.push_back(run(broken, {"status", "--json"}));
    EXPECT_NE(results.back().exit_code, 0) << describe(results.back());
    results.push_back(run(broken, {"backup"}));
  }
  for (const auto& r : results) EXPECT_THAT(r.out + r.err, Not(HasSubstr(kPassword))) << describe(r);

  // Every file Strata wrote: the log, backups, sidecars, .strata/.
  for (const auto& e : fs::recursive_directory_iterator(p.dir())) {
    if (!e.is_regular_file()) continue;
    EXPECT_THAT(read_file(e.path()), Not(HasSubstr(kPassword))) << e.path();
  }
  EXPECT_THAT(read_file(p.dir() / "logs" / "strata.log"), HasSubstr("applied 20260101000001"));
  // And the audit log.
  EXPECT_NE(p.query("SELECT count(*) FROM strata.audit_log WHERE result <> 'ok'"), "0");
  EXPECT_EQ(p.query(std::string("SELECT count(*) FROM strata.audit_log a WHERE a::text LIKE '%") + kPassword + "%'"),
            "0");
}

TEST(E2EBackup, Kill9LeavesNoPgDumpAndTheNextBackupSweepsItsFile) {
  E2EProject p;
  one_table(p);
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  p.db().execute("INSERT INTO things SELECT g, 'row ' || g FROM generate_series(1, 1000) g");
  db::Connection holder(p.url());
  holder.execute("BEGIN; LOCK TABLE things IN ACCESS EXCLUSIVE MODE");
  pid_t strata = spawn(p.options(), {"backup"});
  std::optional<Process> pg_dump;
  bool started = eventually([&] {
    pg_dump = child_of(strata, "--format=custom");
    return pg_dump.has_value() && !temp_files(p.dir() / "backups").empty();
  });
  ::kill(strata, SIGKILL);
  EXPECT_EQ(wait_for(strata), -SIGKILL);
  ASSERT_TRUE(started) << "pg_dump never started";
  bool gone = eventually([&] { return !alive(pg_dump->pid); }, std::chrono::seconds(10));
  holder.execute("COMMIT");
  EXPECT_TRUE(gone) << "pg_dump " << pg_dump->pid << " outlived strata";
  auto left = temp_files(p.dir() / "backups");
  ASSERT_EQ(left.size(), 1u);

  RunResult next = p.strata({"backup"});
  ASSERT_EQ(next.exit_code, 0) << describe(next);
  EXPECT_THAT(next.out, HasSubstr("left by an interrupted backup"));
  EXPECT_THAT(next.out, HasSubstr(left[0].filename().string()));
  EXPECT_TRUE(temp_files(p.dir() / "backups").empty());
  int dumps = 0;
  for (const auto& e : fs::directory_iterator(p.dir() / "backups")) dumps += e.path().extension() == ".dump";
  EXPECT_EQ(dumps, 1);
}

TEST(E2EBackup, Kill9DuringRestoreLeavesNoPgRestoreAndNoFile) {
  E2EProject p;
  one_table(p);
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  p.db().execute("INSERT INTO things SELECT g, repeat('x', 200) FROM generate_series(1, 300000) g");
  RunResult b = p.strata({"backup", "--json"});
  ASSERT_EQ(b.exit_code, 0) << describe(b);
  const std::string file = nlohmann::json::parse(b.out)["file"];
  const fs::path tmp = p.dir() / "tmp";
  fs::create_directories(tmp);
  RunOptions opts = p.options();
  opts.env["TMPDIR"] = tmp.string();
  pid_t strata = spawn(opts, {"restore", file, "--yes"});
  std::optional<Process> pg_restore;
  bool started = eventually([&] {
    pg_restore = child_of(strata, "--no-owner");
    return pg_restore.has_value();
  });
  ::kill(strata, SIGKILL);
  wait_for(strata);
  ASSERT_TRUE(started) << "pg_restore never started";
  EXPECT_TRUE(eventually([&] { return !alive(pg_restore->pid); }, std::chrono::seconds(10)))
      << "pg_restore " << pg_restore->pid << " outlived strata";
  EXPECT_TRUE(fs::is_empty(tmp));
  // The transaction died with the connection: the database is as it was.
  EXPECT_EQ(p.query("SELECT count(*) FROM things"), "300000");
}

}  // namespace
}  // namespace strata::e2e
