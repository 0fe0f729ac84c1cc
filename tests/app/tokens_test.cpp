// API tokens, their configuration under server.tokens, and the error report
// both the command line and the server answer with.

#include "app/tokens.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/error_report.h"
#include "core/error.h"

namespace strata::app {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

TEST(Tokens, NewTokensAreRandomAndHashedLowerHex) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    auto t = new_token("deploy-bot", "admin");
    EXPECT_EQ(t.token.rfind("strata_", 0), 0u);
    EXPECT_EQ(t.token.size(), 7u + 43u);
    EXPECT_TRUE(seen.insert(t.token).second) << "a token repeated";
    EXPECT_EQ(t.sha256, token_sha256(t.token));
    EXPECT_EQ(t.config_line, "- {name: deploy-bot, role: admin, sha256: " + t.sha256 + "}");
  }
  // The design's example: SHA-256 of "test".
  EXPECT_EQ(token_sha256("test"), "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  EXPECT_THROW(new_token("bot", "root"), UsageError);
  EXPECT_THROW(new_token("", "admin"), UsageError);
  EXPECT_THROW(new_token("two words", "reader"), UsageError);
}

TEST(Tokens, FindTokenMatchesOnlyTheExactText) {
  std::vector<ApiToken> tokens = {{"a", "admin", token_sha256("alpha")}, {"r", "reader", token_sha256("beta")}};
  ASSERT_NE(find_token(tokens, "alpha"), nullptr);
  EXPECT_EQ(find_token(tokens, "alpha")->name, "a");
  EXPECT_EQ(find_token(tokens, "beta")->role, "reader");
  EXPECT_EQ(find_token(tokens, "alph"), nullptr);
  EXPECT_EQ(find_token(tokens, "alpha "), nullptr);
  EXPECT_EQ(find_token(tokens, token_sha256("alpha")), nullptr) << "the hash is not the token";
  EXPECT_EQ(find_token(tokens, ""), nullptr);
  EXPECT_EQ(find_token({}, "alpha"), nullptr);
}

class ServerConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("strata_tokens_test_" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  Config load(const std::string& yaml) {
    std::ofstream(dir_ / "strata.yaml") << yaml;
    ConfigRequest req;
    req.working_dir = dir_;
    req.required = true;
    return load_config(req, [](const std::string& name) -> std::optional<std::string> {
      if (name == "READER_HASH") return std::string(64, 'b');
      return std::nullopt;
    });
  }
  fs::path dir_;
};

TEST_F(ServerConfigTest, ReadsListenAndTokensWithVariables) {
  Config c = load("server:\n  listen: 0.0.0.0:9000\n  tokens:\n"
                  "    - {name: bot, role: admin, sha256: " + std::string(64, 'a') + "}\n"
                  "    - {name: dash, role: reader, sha256: \"${READER_HASH}\"}\n");
  EXPECT_EQ(c.server.listen, "0.0.0.0:9000");
  ASSERT_EQ(c.server.tokens.size(), 2u);
  EXPECT_EQ(c.server.tokens[1].name, "dash");
  EXPECT_EQ(c.server.tokens[1].sha256, std::string(64, 'b'));
  EXPECT_EQ(load("schemas: [public]\n").server.listen, "127.0.0.1:8080");
}

TEST_F(ServerConfigTest, EveryBadTokenIsReportedWithItsLine) {
  try {
    load("server:\n  tokens:\n"
         "    - {name: bot, role: root, sha256: " + std::string(64, 'a') + "}\n"
         "    - {name: bot, role: admin, sha256: ABC}\n"
         "    - {name: x, role: reader}\n"
         "    - {name: y, role: reader, sha256: " + std::string(64, 'c') + ", token: secret}\n");
    FAIL() << "bad tokens were accepted";
  } catch (const LoadError& e) {
    const std::string all = e.what();
    EXPECT_THAT(all, HasSubstr("strata.yaml:3:"));
    EXPECT_THAT(all, HasSubstr("role 'root' is not admin or reader"));
    EXPECT_THAT(all, HasSubstr("strata.yaml:4:"));
    EXPECT_THAT(all, HasSubstr("'bot' is used twice"));
    EXPECT_THAT(all, HasSubstr("64 lowercase hex digits"));
    EXPECT_THAT(all, HasSubstr("needs 'sha256'"));
    EXPECT_THAT(all, HasSubstr("unknown key 'token'"));
  }
}

TEST(ErrorReport, ExitCodesAndJsonAsTheCommandLinePrintsThem) {
  auto usage = report_error(UsageError("no"));
  EXPECT_EQ(usage.exit_code, kExitUsage);
  EXPECT_EQ(nlohmann::json(usage),
            nlohmann::json::parse(R"({"ok":false,"exit_code":2,"errors":["no"],"sqlstate":null,"failed_prechecks":null})"));
  auto load = report_error(LoadError({{{"a.yaml", 1, 2}, "bad"}, {{"b.yaml", 3, 0}, "worse"}}));
  EXPECT_EQ(load.exit_code, kExitUsage);
  EXPECT_EQ(load.errors, (std::vector<std::string>{"a.yaml:1:2: bad", "b.yaml:3: worse"}));
  EXPECT_EQ(load.where, (std::vector<Location>{{"a.yaml", 1, 2}, {"b.yaml", 3, 0}}));
  auto down = report_error(DatabaseError(DatabaseError::Kind::kUnreachable, "down"));
  EXPECT_EQ(down.exit_code, kExitUnreachable);
  auto busy = report_error(DatabaseError(DatabaseError::Kind::kOther, "held", "55P03"));
  EXPECT_TRUE(busy.lock_busy);
  EXPECT_EQ(busy.exit_code, kExitProblems);
  auto ddl_timeout = report_error(DatabaseError(DatabaseError::Kind::kStatement, "lock timeout", "55P03"));
  EXPECT_FALSE(ddl_timeout.lock_busy) << "a DDL lock_timeout is not another applier";
  EXPECT_EQ(ddl_timeout.sqlstate, "55P03");
  EXPECT_EQ(nlohmann::json(ddl_timeout)["sqlstate"], "55P03");
  EXPECT_EQ(ddl_timeout.where, std::vector<Location>{Location{}}) << "in no file";
  auto other = report_error(std::runtime_error("boom"));
  EXPECT_EQ(other.errors, std::vector<std::string>{"unexpected: boom"});
}

}  // namespace
}  // namespace strata::app
