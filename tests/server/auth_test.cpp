// Who may call what: every route against no token, a malformed header, an
// unknown token, a reader and an admin; and no token text anywhere after.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/tokens.h"
#include "server_fixture.h"

namespace strata::server::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct Call {
  std::string method, path, body;
  bool mutation;
};

// Every authenticated route, with parameters that make sense for it.
std::vector<Call> calls() {
  return {{"GET", "/api/v1/migrations/status", "", false},
          {"GET", "/api/v1/migrations/history", "", false},
          {"GET", "/api/v1/migrations/check", "", false},
          {"GET", "/api/v1/migrations/diff", "", false},
          {"GET", "/api/v1/audit?limit=5", "", false},
          {"GET", "/api/v1/whoami", "", false},
          {"POST", "/api/v1/migrations/apply", "{}", true},
          {"POST", "/api/v1/migrations/create?message=Nothing%20new", "{}", true},
          {"POST", "/api/v1/migrations/rollback", R"({"target": "-1", "yes": true})", true}};
}

httplib::Result send(httplib::Client& c, const Call& call, const httplib::Headers& headers) {
  if (call.method == "GET") return c.Get(call.path, headers);
  return c.Post(call.path, headers, call.body, "application/json");
}

void expect_error_json(const httplib::Result& r, int status, const std::string& what) {
  ASSERT_TRUE(r) << what;
  EXPECT_EQ(r->status, status) << what << "\n" << r->body;
  auto doc = nlohmann::json::parse(r->body);
  EXPECT_EQ(doc["ok"], false) << what;
  EXPECT_EQ(doc["exit_code"], 2) << what;
  ASSERT_TRUE(doc["errors"].is_array()) << what;
  EXPECT_FALSE(doc["errors"].empty()) << what;
}

TEST(ServerAuth, EveryRouteForEveryKindOfCaller) {
  ServerFixture f;
  auto c = f.client();
  std::string bodies;
  const std::string wrong = "strata_" + std::string(43, 'x');
  const std::vector<std::pair<std::string, httplib::Headers>> refused = {
      {"no token", {}},
      {"basic scheme", {{"Authorization", "Basic " + f.admin_token()}}},
      {"bearer without token", {{"Authorization", "Bearer "}}},
      {"token with a space", {{"Authorization", "Bearer " + f.admin_token() + " x"}}},
      {"lower-case scheme", {{"Authorization", "bearer " + f.admin_token()}}},
      {"unknown token", {{"Authorization", "Bearer " + wrong}}},
      {"admin token's hash as token", {{"Authorization", "Bearer " + app::token_sha256(f.admin_token())}}},
  };
  for (const auto& call : calls()) {
    for (const auto& [label, headers] : refused) {
      auto r = send(c, call, headers);
      expect_error_json(r, 401, call.method + " " + call.path + " with " + label);
      if (r) bodies += r->body;
    }
  }
  // A reader reads, and is refused every mutation with 403.
  const httplib::Headers reader = {{"Authorization", "Bearer " + f.reader_token()}};
  for (const auto& call : calls()) {
    auto r = send(c, call, reader);
    ASSERT_TRUE(r);
    bodies += r->body;
    if (call.mutation) {
      expect_error_json(r, 403, "reader on " + call.path);
      EXPECT_THAT(r->body, HasSubstr("needs an admin token"));
    } else {
      EXPECT_EQ(r->status, 200) << call.path << "\n" << r->body;
    }
  }
  EXPECT_EQ(f.query("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "0")
      << "a refused mutation changed the database";
  // An admin does everything, in order: apply, create (nothing to do), rollback.
  const httplib::Headers admin = {{"Authorization", "Bearer " + f.admin_token()}};
  for (const auto& call : calls()) {
    auto r = send(c, call, admin);
    ASSERT_TRUE(r);
    bodies += r->body;
    EXPECT_EQ(r->status, 200) << call.path << "\n" << r->body;
  }
  EXPECT_EQ(f.query("SELECT string_agg(revision, ',' ORDER BY seq) FROM strata.revisions"),
            "20261125160643,20261125160645");
  // whoami tells the page the role.
  auto who = c.Get("/api/v1/whoami", reader);
  ASSERT_TRUE(who);
  EXPECT_EQ(nlohmann::json::parse(who->body)["role"], "reader");

  // Every request is in the audit log, under the token's name or 'anonymous'.
  // The reader's refusals came before the strata schema existed: in the log
  // file. Once it exists, in the table as well.
  EXPECT_THAT(f.log_text(), HasSubstr("who=dashboard host="));
  EXPECT_THAT(f.log_text(), HasSubstr("command=\"POST /api/v1/migrations/apply\" result=error"));
  auto refused_again = c.Post("/api/v1/migrations/apply", reader, "{}", "application/json");
  ASSERT_TRUE(refused_again);
  EXPECT_EQ(refused_again->status, 403);
  EXPECT_EQ(f.query("SELECT count(*) FROM strata.audit_log WHERE source = 'api' AND who = 'dashboard' "
                    "AND operation = 'POST /api/v1/migrations/apply' AND result = 'error'"),
            "1");
  EXPECT_EQ(f.query("SELECT count(*) FROM strata.audit_log WHERE who = 'deploy-bot' AND operation = 'apply' "
                    "AND result = 'ok' AND revisions = '20261125160643,20261125160645,20261125160647' "
                    "AND client LIKE '127.0.0.1:%' AND database LIKE '%/" + f.db().name() + "'"),
            "1");
  // Refusals before the strata schema existed are in the log file; now they
  // are in the table too.
  auto late = c.Get("/api/v1/migrations/status", {{"Authorization", "Bearer " + wrong}});
  ASSERT_TRUE(late);
  EXPECT_EQ(late->status, 401);
  EXPECT_EQ(f.query("SELECT count(*) FROM strata.audit_log WHERE who = 'anonymous' AND result = 'error' "
                    "AND operation = 'GET /api/v1/migrations/status' AND detail = 'unknown token'"),
            "1");
  std::size_t anonymous_lines = 0;
  const std::string text = f.log_text();
  for (std::size_t at = text.find("who=anonymous"); at != std::string::npos; at = text.find("who=anonymous", at + 1))
    ++anonymous_lines;
  EXPECT_EQ(anonymous_lines, calls().size() * refused.size() + 1);

  // The tokens' text is nowhere: responses, the log file, the audit table.
  const std::string log = f.log_text();
  const std::string audit = f.rows("SELECT * FROM strata.audit_log");
  EXPECT_THAT(log, HasSubstr("who=dashboard"));
  EXPECT_THAT(log, HasSubstr("who=anonymous"));
  for (const std::string& token : {f.admin_token(), f.reader_token(), wrong}) {
    const std::string secret = token.substr(7);  // the random part
    EXPECT_THAT(bodies, Not(HasSubstr(secret)));
    EXPECT_THAT(log, Not(HasSubstr(secret)));
    EXPECT_THAT(audit, Not(HasSubstr(secret)));
  }
}

}  // namespace
}  // namespace strata::server::testing
