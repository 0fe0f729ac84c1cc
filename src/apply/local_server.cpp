#include "apply/local_server.h"

#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>

#include "apply/process.h"
#include "core/error.h"
#include "db/connection.h"
#include "sql/quote.h"

namespace strata::apply {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxSocketPath = 107;  // sun_path holds 108 bytes with the NUL

// An exclusive flock on a file, released when this goes away.
class FileLock {
 public:
  explicit FileLock(const fs::path& path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) throw Error("cannot open " + path.string() + ": " + std::strerror(errno));
    while (::flock(fd_, LOCK_EX) != 0) {
      if (errno != EINTR) {
        int err = errno;
        ::close(fd_);
        throw Error("cannot lock " + path.string() + ": " + std::strerror(err));
      }
    }
  }
  ~FileLock() { ::close(fd_); }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

// libpq keyword value, quoted when it needs to be.
std::string conninfo_value(const std::string& v) {
  bool plain = !v.empty() && v.find_first_of(" \t\n'\\") == std::string::npos;
  if (plain) return v;
  std::string out = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

// postgresql.conf string literal.
std::string conf_string(const std::string& v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

bool running_as_root() { return ::geteuid() == 0; }

fs::path runuser_path() {
  for (const char* p : {"/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"})
    if (::access(p, X_OK) == 0) return p;
  throw Error("running as root, but runuser (util-linux) was not found to run PostgreSQL as "
              "another user");
}

std::string read_first_line(const fs::path& p) {
  std::ifstream in(p);
  std::string line;
  std::getline(in, line);
  return line;
}

void chown_to(const fs::path& p, uid_t uid, gid_t gid) {
  if (::chown(p.c_str(), uid, gid) != 0)
    throw Error("cannot chown " + p.string() + ": " + std::strerror(errno));
}

}  // namespace

LocalServer::LocalServer(LocalServerOptions options) : options_(std::move(options)) {
  options_.root = fs::absolute(options_.root).lexically_normal();
}

std::string LocalServer::url() const {
  return "host=" + conninfo_value((options_.root / "run").string()) +
         " port=" + std::to_string(options_.port) +
         " dbname=" + conninfo_value(options_.database) + " user=postgres";
}

LocalServerStatus LocalServer::status() const {
  LocalServerStatus s;
  s.data_dir = options_.root / "data";
  s.socket_dir = options_.root / "run";
  s.log_file = options_.root / "server.log";
  s.url = url();
  std::error_code ec;
  s.initialized = fs::exists(s.data_dir / "PG_VERSION", ec);
  std::string pid_line = read_first_line(s.data_dir / "postmaster.pid");
  if (!pid_line.empty()) {
    try {
      long pid = std::stol(pid_line);
      // A live pid and the socket: a stale pid file after a crash may name
      // an unrelated process, but then the socket is gone or refuses.
      bool alive = pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
      bool socket = fs::exists(s.socket_dir / (".s.PGSQL." + std::to_string(options_.port)), ec);
      if (alive && socket) {
        s.running = true;
        s.pid = pid;
      }
    } catch (const std::exception&) {
    }
  }
  return s;
}

std::string LocalServer::start() {
  const fs::path& root = options_.root;
  const fs::path data = root / "data";
  const fs::path run = root / "run";
  const fs::path log = root / "server.log";
  std::string socket_file = (run / (".s.PGSQL." + std::to_string(options_.port))).string();
  if (socket_file.size() > kMaxSocketPath)
    throw Error("the local server's socket path " + socket_file + " is longer than " +
                std::to_string(kMaxSocketPath) +
                " bytes, the limit of Unix sockets; move the project to a shorter path");

  std::error_code ec;
  fs::create_directories(root, ec);
  if (ec) throw Error("cannot create " + root.string() + ": " + ec.message());
  FileLock lock(root / "lock");

  std::vector<std::string> as_owner;
  uid_t uid = ::geteuid();
  gid_t gid = ::getegid();
  if (running_as_root()) {
    passwd* pw = ::getpwnam(options_.os_user.c_str());
    if (!pw)
      throw Error("running as root, so the local PostgreSQL runs as user '" + options_.os_user +
                  "', which does not exist; create it or run strata as another user");
    uid = pw->pw_uid;
    gid = pw->pw_gid;
    as_owner = {runuser_path().string(), "-u", options_.os_user, "--"};
  }
  auto owned = [&](std::vector<std::string> argv) {
    argv.insert(argv.begin(), as_owner.begin(), as_owner.end());
    return argv;
  };
  fs::create_directories(run, ec);
  if (running_as_root()) {
    chown_to(root, uid, gid);
    chown_to(run, uid, gid);
  }
  ::chmod(root.c_str(), 0700);
  ::chmod(run.c_str(), 0700);

  if (!status().running) {
    bool fresh = !fs::exists(data / "PG_VERSION", ec);
    int major = fresh ? 0 : std::atoi(read_first_line(data / "PG_VERSION").c_str());
    fs::path initdb = find_pg_tool("initdb", major, options_.tools);
    fs::path pg_ctl = initdb.parent_path() / "pg_ctl";
    if (!fresh && tool_major_version(pg_ctl) != major)
      throw Error("the local cluster in " + data.string() + " is PostgreSQL " +
                  std::to_string(major) + ", but its programs (" +
                  initdb.parent_path().string() + ") are not; install PostgreSQL " +
                  std::to_string(major) + " or delete " + root.string() + " to start over");
    if (fresh) init_cluster(initdb, owned);
    ProcessResult r = run_process(owned(
        {pg_ctl.string(), "-D", data.string(), "-l", log.string(), "-w", "-t", "60", "start"}));
    if (r.exit_code != 0) {
      std::ifstream in(log);
      std::string server_log((std::istreambuf_iterator<char>(in)), {});
      throw Error("the local PostgreSQL did not start:\n" + tail_lines(r.out + r.err, 10) +
                  "\n" + log.string() + ":\n" + tail_lines(server_log, 10));
    }
  }

  std::string maintenance = "host=" + conninfo_value(run.string()) +
                            " port=" + std::to_string(options_.port) +
                            " dbname=postgres user=postgres";
  db::Connection conn(maintenance);
  std::string exists;
  conn.session() << "SELECT count(*)::text FROM pg_database WHERE datname = :n",
      soci::use(options_.database), soci::into(exists);
  if (exists == "0") conn.execute("CREATE DATABASE " + sql::quote_ident(options_.database));
  return url();
}

void LocalServer::init_cluster(
    const fs::path& initdb,
    const std::function<std::vector<std::string>(std::vector<std::string>)>& owned) {
  // Built under another name and renamed when complete, so an interrupted
  // initdb never leaves a cluster without its settings (which would listen
  // on TCP).
  const fs::path data = options_.root / "data";
  const fs::path building = options_.root / "data.initdb";
  std::error_code ec;
  fs::remove_all(building, ec);
  fs::remove_all(data, ec);
  ProcessResult r = run_process(owned({initdb.string(), "-D", building.string(), "-U",
                                       "postgres", "-A", "trust", "-E", "UTF8", "--locale=C",
                                       "--no-sync"}));
  if (r.exit_code != 0) {
    fs::remove_all(building, ec);
    throw Error("initdb failed for the local PostgreSQL in " + data.string() + ":\n" +
                tail_lines(r.out + r.err, 15) +
                (running_as_root() ? "\n(the user '" + options_.os_user +
                                         "' must be able to reach " + options_.root.string() +
                                         ")"
                                   : std::string()));
  }
  {
    std::ofstream conf(building / "postgresql.conf", std::ios::app);
    conf << "\n# Added by strata: a private server on a Unix socket only.\n"
         << "listen_addresses = ''\n"
         << "unix_socket_directories = " << conf_string((options_.root / "run").string())
         << "\n"
         << "port = " << options_.port << "\n";
    conf.flush();
    if (!conf) {
      fs::remove_all(building, ec);
      throw Error("cannot write " + (building / "postgresql.conf").string());
    }
  }
  fs::rename(building, data, ec);
  if (ec) {
    fs::remove_all(building, ec);
    throw Error("cannot rename " + building.string() + " to " + data.string());
  }
}

bool LocalServer::stop() {
  const fs::path& root = options_.root;
  std::error_code ec;
  if (!fs::exists(root / "data" / "PG_VERSION", ec)) return false;
  FileLock lock(root / "lock");
  if (!status().running) return false;
  int major = std::atoi(read_first_line(root / "data" / "PG_VERSION").c_str());
  fs::path pg_ctl = find_pg_tool("pg_ctl", major, options_.tools);
  std::vector<std::string> argv;
  if (running_as_root())
    argv = {runuser_path().string(), "-u", options_.os_user, "--"};
  for (std::string a : {pg_ctl.string(), std::string("-D"), (root / "data").string(),
                        std::string("-m"), std::string("fast"), std::string("-w"),
                        std::string("stop")})
    argv.push_back(a);
  ProcessResult r = run_process(argv);
  if (r.exit_code != 0)
    throw Error("cannot stop the local PostgreSQL in " + (root / "data").string() + ": " +
                tail_lines(r.out + r.err, 10));
  return true;
}

}  // namespace strata::apply
