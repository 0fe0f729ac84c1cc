#include "server_fixture.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <sstream>

#include <spdlog/sinks/basic_file_sink.h>

#include "app/tokens.h"
#include "apply/applier.h"
#include "db/connection.h"

namespace strata::server::testing {

namespace fs = std::filesystem;

ServerFixture::ServerFixture(ServeOptions options) {
  static std::atomic<int> counter{0};
  dir_ = fs::temp_directory_path() / ("strata_server_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
  fs::remove_all(dir_);
  fs::create_directories(dir_);
  for (const char* part : {"schema", "migrations"})
    fs::copy(strata::testing::source_path(part), dir_ / part, fs::copy_options::recursive);
  fs::copy(strata::testing::source_path("strata.yaml"), dir_ / "strata.yaml");

  app::ConfigRequest request;
  request.file = dir_ / "strata.yaml";
  request.working_dir = dir_;
  request.required = true;
  const std::string url = db_.url();
  app::Config config = app::load_config(request, [&](const std::string& name) -> std::optional<std::string> {
    if (name == "DATABASE_URL") return url;
    return std::nullopt;
  });
  auto admin = app::new_token("deploy-bot", "admin");
  auto reader = app::new_token("dashboard", "reader");
  admin_token_ = admin.token;
  reader_token_ = reader.token;
  config.server.tokens = {{admin.name, admin.role, admin.sha256}, {reader.name, reader.role, reader.sha256}};

  fs::create_directories(dir_ / "logs");
  auto sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>((dir_ / "logs" / "strata.log").string());
  auto log = std::make_shared<spdlog::logger>("strata", sink);
  log->set_level(spdlog::level::trace);
  log->flush_on(spdlog::level::trace);
  auto audit_log = std::make_shared<spdlog::logger>("strata-audit", sink);
  audit_log->flush_on(spdlog::level::trace);

  if (options.listen.empty()) options.listen = "127.0.0.1:0";
  server_ = std::make_unique<Server>(config, options, log, audit_log);
  port_ = server_->bind();
  thread_ = std::thread([this] { server_->run(); });
}

ServerFixture::~ServerFixture() {
  server_->stop();
  thread_.join();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

httplib::Client ServerFixture::client() const {
  httplib::Client c("127.0.0.1", port_);
  c.set_read_timeout(60, 0);
  return c;
}

std::string ServerFixture::log_text() const {
  std::ifstream in(dir_ / "logs" / "strata.log", std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string ServerFixture::query(const std::string& sql) const {
  db::Connection conn(db_.url());
  return conn.query_value(sql);
}

std::string ServerFixture::rows(const std::string& sql) const {
  return query("SELECT coalesce(string_agg(r::text, E'\\n'), '') FROM (" + sql + ") r");
}

bool ServerFixture::applier_lock_held() const {
  return query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 "
               "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
               "AND objid = " + std::to_string(apply::kAdvisoryLockKey & 0xffffffffLL)) != "0";
}

bool ServerFixture::wait_for_applier_lock() const {
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!applier_lock_held()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

void ServerFixture::add_slow_revision(double seconds) const {
  std::ofstream(dir_ / "migrations" / "20261201_000000_slow.up.sql")
      << "-- strata:revision " << kSlowRevision << "\n-- strata:parent   " << kExampleHead
      << "\n-- strata:message  Slow\n-- changes: by hand\n-- hazards: none\n\nSELECT pg_sleep(" << seconds
      << ");\n";
  std::ofstream(dir_ / "migrations" / "20261201_000000_slow.down.sql") << "SELECT 1;\n";
}

}  // namespace strata::server::testing
