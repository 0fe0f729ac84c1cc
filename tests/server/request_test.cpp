// Bad requests get a 4xx JSON error that says where and what, and change
// nothing; the OpenAPI document lists exactly the routes served.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/config.h"
#include "core/error.h"
#include "server_fixture.h"

namespace strata::server::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::size_t count_files(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

void expect_refused(const httplib::Result& r, int status, const std::string& says) {
  ASSERT_TRUE(r) << says;
  EXPECT_EQ(r->status, status) << r->body;
  auto doc = nlohmann::json::parse(r->body);
  EXPECT_EQ(doc["ok"], false);
  ASSERT_FALSE(doc["errors"].empty());
  EXPECT_THAT(doc["errors"][0].get<std::string>(), HasSubstr(says));
}

TEST(ServerRequests, BadInputIsRefusedAndChangesNothing) {
  ServerFixture f;
  auto c = f.client();
  const httplib::Headers admin = {{"Authorization", "Bearer " + f.admin_token()}};
  const std::size_t files = count_files(f.dir() / "migrations");
  const std::string apply = "/api/v1/migrations/apply";

  expect_refused(c.Post(apply, admin, std::string(100 * 1024, ' '), "application/json"), 413, "over 65536 bytes");
  expect_refused(c.Post(apply, admin, "{\"target\": ", "application/json"), 400, "not JSON: at byte");
  expect_refused(c.Post(apply, admin, "[1, 2]", "application/json"), 400, "must be a JSON object");
  expect_refused(c.Post(apply, admin, R"({"tagret": "x"})", "application/json"), 400,
                 "body field 'tagret' is not known here (expected: backup, target)");
  expect_refused(c.Post(apply, admin, R"({"backup": "yes"})", "application/json"), 400,
                 "'backup' must be true or false");
  expect_refused(c.Post(apply, admin, R"({"target": "99999999999999"})", "application/json"), 400, "99999999999999");
  expect_refused(c.Post(apply + "?target=x", admin, "{}", "application/json"), 400,
                 "query parameter 'target' is not known here");
  expect_refused(c.Post("/api/v1/migrations/rollback", admin, "{}", "application/json"), 400,
                 "'target' is required");
  expect_refused(c.Get("/api/v1/migrations/status?verbose=1", admin), 400, "query parameter 'verbose'");
  expect_refused(c.Get("/api/v1/audit?limit=lots", admin), 400, "'limit' must be a whole number from 1 to 10000");
  expect_refused(c.Get("/api/v1/audit?limit=0", admin), 400, "'limit' must be a whole number");
  expect_refused(c.Get("/api/v1/audit?limit=5&limit=6", admin), 400, "given twice");
  expect_refused(c.Get("/api/v1/nothing/here", admin), 404, "no route GET /api/v1/nothing/here");
  expect_refused(c.Delete("/api/v1/migrations/status", admin), 404, "no route DELETE");

  // Messages that cannot be a one-line header and a file name.
  const std::string create = "/api/v1/migrations/create";
  expect_refused(c.Post(create, admin, "{}", "application/json"), 400, "'message' is required");
  expect_refused(c.Post(create + "?message=", admin, "{}", "application/json"), 400, "'message' is required");
  expect_refused(c.Post(create + "?message=Add%0A--%20strata:parent%20none", admin, "{}", "application/json"), 400,
                 "control character");
  expect_refused(c.Post(create + "?message=..%2F..%2Fetc%00passwd", admin, "{}", "application/json"), 400,
                 "control character");
  expect_refused(c.Post(create + "?message=" + std::string(300, 'a'), admin, "{}", "application/json"), 400,
                 "keep it under 200");
  expect_refused(c.Post(create + "?message=Index&online=maybe", admin, "{}", "application/json"), 400,
                 "query parameter 'online' must be true or false");

  EXPECT_EQ(count_files(f.dir() / "migrations"), files) << "a refused request wrote a file";
  EXPECT_EQ(f.query("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "0");
  EXPECT_EQ(f.query("SELECT (to_regclass('strata.revisions') IS NULL)::text"), "true");
}

TEST(ServerRequests, SlowClientIsDropped) {
  ServeOptions o;
  o.read_timeout_s = 1;
  ServerFixture f(o);
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(f.port()));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  const std::string partial = "GET /api/v1/migrations/status HTTP/1.1\r\nHost: x\r\n";  // never finished
  ASSERT_EQ(send(fd, partial.data(), partial.size(), 0), static_cast<ssize_t>(partial.size()));
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  auto start = std::chrono::steady_clock::now();
  // The server gives up after its read timeout: a 4xx answer (the request
  // was never run), or the connection closed.
  char buf[512];
  ssize_t n = recv(fd, buf, sizeof buf, 0);
  auto waited = std::chrono::steady_clock::now() - start;
  close(fd);
  EXPECT_LT(waited, std::chrono::seconds(4)) << "the slow client was not dropped";
  if (n > 0) EXPECT_THAT(std::string(buf, static_cast<std::size_t>(n)), ::testing::StartsWith("HTTP/1.1 4"));
  else EXPECT_EQ(n, 0);
}

TEST(ServerRequests, HugeHeaderIsRefused) {
  ServerFixture f;
  auto c = f.client();
  auto r = c.Get("/api/v1/migrations/status",
                 {{"Authorization", "Bearer " + f.reader_token()}, {"X-Filler", std::string(16 * 1024, 'h')}});
  // httplib drops the connection or answers 4xx; never 200.
  if (r) EXPECT_GE(r->status, 400);
}

TEST(ServerRequests, OpenApiListsExactlyTheRoutesServed) {
  ServerFixture f;
  auto c = f.client();
  auto r = c.Get("/api/v1/openapi.json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  auto doc = nlohmann::json::parse(r->body);
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  std::set<std::string> documented, served;
  for (const auto& [path, ops] : doc["paths"].items())
    for (const auto& [method, op] : ops.items()) {
      std::string m = method;
      for (auto& ch : m) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      documented.insert(m + " " + path);
      // Routes without a token say so; mutations document 403 and 409.
      bool open = op.contains("security") && op["security"].empty();
      for (const auto& route : f.server().routes())
        if (route.method == m && route.path == path) {
          EXPECT_EQ(open, !route.authenticated) << m << " " << path;
          if (route.mutation) {
            EXPECT_TRUE(op["responses"].contains("403")) << path;
            EXPECT_TRUE(op["responses"].contains("409")) << path;
          }
        }
    }
  for (const auto& route : f.server().routes()) served.insert(route.method + " " + route.path);
  EXPECT_EQ(documented, served);
}

TEST(ServerRequests, HealthzNeedsNoTokenAndSaysOnlyUp) {
  ServerFixture f;
  auto c = f.client();
  auto r = c.Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(nlohmann::json::parse(r->body), nlohmann::json({{"ok", true}}));
  auto page = c.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_THAT(page->get_header_value("Content-Type"), HasSubstr("text/html"));
}

TEST(ServerListen, RefusesANonLoopbackAddressWithoutTls) {
  app::Config config;
  auto log = std::make_shared<spdlog::logger>("t");
  ServeOptions o;
  o.listen = "0.0.0.0:0";
  try {
    Server s(config, o, log, nullptr);
    FAIL() << "a non-loopback address without TLS was accepted";
  } catch (const UsageError& e) {
    EXPECT_THAT(e.what(), HasSubstr("without TLS"));
  }
  o.tls_cert = "cert.pem";
  try {
    Server s(config, o, log, nullptr);
    FAIL() << "a certificate without a key was accepted";
  } catch (const UsageError& e) {
    EXPECT_THAT(e.what(), HasSubstr("go together"));
  }
  o.tls_cert.clear();
  o.insecure_listen = true;
  EXPECT_NO_THROW(Server(config, o, log, nullptr));
  EXPECT_THROW(parse_listen("127.0.0.1"), UsageError);
  EXPECT_THROW(parse_listen("127.0.0.1:99999"), UsageError);
  EXPECT_TRUE(parse_listen("[::1]:8080").loopback);
  EXPECT_TRUE(parse_listen("localhost:8080").loopback);
  EXPECT_FALSE(parse_listen("10.1.2.3:8080").loopback);
}

}  // namespace
}  // namespace strata::server::testing

namespace strata::server::testing {
namespace {

TEST(ServerTls, ServesHttpsWithTheGivenCertificateAndMayThenListenBeyondLoopback) {
  const auto dir = std::filesystem::temp_directory_path() / ("strata_tls_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string cert = (dir / "cert.pem").string(), key = (dir / "key.pem").string();
  const std::string make = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -keyout " + key +
                           " -out " + cert + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(make.c_str()), 0) << "openssl could not make a test certificate";
  {
    ServeOptions o;
    o.tls_cert = cert;
    o.tls_key = key;
    ServerFixture f(o);
    httplib::SSLClient tls("127.0.0.1", f.port());
    tls.enable_server_certificate_verification(false);
    auto r = tls.Get("/api/v1/migrations/status", {{"Authorization", "Bearer " + f.reader_token()}});
    ASSERT_TRUE(r) << "no HTTPS answer";
    EXPECT_EQ(r->status, 200) << r->body;
    auto plain = f.client().Get("/healthz");
    EXPECT_FALSE(plain && plain->status == 200) << "plain HTTP was answered on the TLS port";
  }
  app::Config config;
  auto log = std::make_shared<spdlog::logger>("t");
  ServeOptions o;
  o.listen = "0.0.0.0:0";
  o.tls_cert = cert;
  o.tls_key = key;
  EXPECT_NO_THROW(Server(config, o, log, nullptr));
  o.tls_key = cert;  // not a key
  EXPECT_THROW(Server(config, o, log, nullptr), UsageError);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace strata::server::testing
