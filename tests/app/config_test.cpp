#include "app/config.h"

#include <filesystem>
#include <fstream>
#include <map>

#include <gtest/gtest.h>

#include "core/error.h"

namespace strata::app {
namespace {

namespace fs = std::filesystem;

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("strata_config_test_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "sub" / "deeper");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& text, const std::string& name = "strata.yaml") {
    std::ofstream(dir_ / name) << text;
  }

  EnvironmentLookup env() const {
    return [this](const std::string& name) -> std::optional<std::string> {
      auto it = vars_.find(name);
      if (it == vars_.end()) return std::nullopt;
      return it->second;
    };
  }

  Config load(bool required = true) {
    ConfigRequest req;
    req.working_dir = dir_;
    req.required = required;
    return load_config(req, env());
  }

  fs::path dir_;
  std::map<std::string, std::string> vars_;
};

TEST_F(ConfigTest, DefaultsWhenKeysAreAbsent) {
  write("{}\n");
  Config c = load();
  EXPECT_EQ(c.database_url, "local");
  EXPECT_TRUE(c.is_local());
  EXPECT_EQ(c.root, dir_);
  EXPECT_EQ(c.schema_dir, dir_ / "schema");
  EXPECT_EQ(c.migrations_dir, dir_ / "migrations");
  EXPECT_EQ(c.backups_dir, dir_ / "backups");
  EXPECT_EQ(c.local_dir, dir_ / ".strata");
  EXPECT_EQ(c.logging.file, dir_ / "logs" / "strata.log");
  EXPECT_EQ(c.lock_wait_ms, -1);
  EXPECT_EQ(c.backups_keep, 10);
}

TEST_F(ConfigTest, ReadsEveryKey) {
  write(R"(database:
  url: postgresql://app@db/app
schemas: [public, billing]
paths: {schema: models, migrations: db/revisions, backups: /var/backups/app}
revisions: {template: "{id}_{slug}"}
lock_timeout: 3s
statement_timeout: 2min
lock_wait: 500ms
backups: {keep: 4}
logging: {level: debug, file: var/log.txt, max_size: 1000, max_files: 2}
)");
  Config c = load();
  EXPECT_EQ(c.database_url, "postgresql://app@db/app");
  EXPECT_EQ(c.schemas, (std::vector<std::string>{"public", "billing"}));
  EXPECT_EQ(c.schema_dir, dir_ / "models");
  EXPECT_EQ(c.migrations_dir, dir_ / "db" / "revisions");
  EXPECT_EQ(c.backups_dir, fs::path("/var/backups/app"));
  EXPECT_EQ(c.revision_template, "{id}_{slug}");
  EXPECT_EQ(c.lock_timeout_ms, 3000);
  EXPECT_EQ(c.statement_timeout_ms, 120000);
  EXPECT_EQ(c.lock_wait_ms, 500);
  EXPECT_EQ(c.backups_keep, 4);
  EXPECT_EQ(c.logging.level, "debug");
  EXPECT_EQ(c.logging.file, dir_ / "var" / "log.txt");
  EXPECT_EQ(c.logging.max_size, 1000u);
  EXPECT_EQ(c.logging.max_files, 2u);
}

TEST_F(ConfigTest, FoundFromASubfolderAndRootIsItsFolder) {
  write("database: {url: 'host=x'}\n");
  ConfigRequest req;
  req.working_dir = dir_ / "sub" / "deeper";
  Config c = load_config(req, env());
  EXPECT_EQ(c.file, dir_ / "strata.yaml");
  EXPECT_EQ(c.root, dir_);
  EXPECT_EQ(c.database_url, "host=x");
}

TEST_F(ConfigTest, ExplicitFileSetsTheRoot) {
  write("paths: {schema: m}\n", "sub/other.yaml");
  ConfigRequest req;
  req.working_dir = dir_;
  req.file = "sub/other.yaml";
  Config c = load_config(req, env());
  EXPECT_EQ(c.root, dir_ / "sub");
  EXPECT_EQ(c.schema_dir, dir_ / "sub" / "m");
}

TEST_F(ConfigTest, MissingExplicitFileIsAUsageError) {
  ConfigRequest req;
  req.working_dir = dir_;
  req.file = "nope.yaml";
  EXPECT_THROW(load_config(req, env()), UsageError);
}

TEST_F(ConfigTest, MissingRequiredFileIsAUsageError) {
  EXPECT_THROW(load(true), UsageError);
  Config c = load(false);
  EXPECT_TRUE(c.file.empty());
  EXPECT_EQ(c.root, dir_);
}

TEST_F(ConfigTest, ExpandsVariablesWithDefaults) {
  vars_["DB_HOST"] = "db.internal";
  vars_["EMPTY"] = "";
  write("database:\n  url: postgresql://${DB_USER:-app}@${DB_HOST}/${DB_NAME:-appdb}${EMPTY}\n"
        "lock_timeout: ${LOCK:-7s}\n");
  Config c = load();
  EXPECT_EQ(c.database_url, "postgresql://app@db.internal/appdb");
  EXPECT_EQ(c.lock_timeout_ms, 7000);
}

TEST_F(ConfigTest, UnsetVariableWithoutDefaultNamesFileAndLine) {
  write("# comment\ndatabase:\n  url: postgresql://${DB_PASSWORD}@h/d\n");
  try {
    load();
    FAIL() << "expected LoadError";
  } catch (const LoadError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    const auto& d = e.diagnostics()[0];
    EXPECT_EQ(d.where.file, (dir_ / "strata.yaml").string());
    EXPECT_EQ(d.where.line, 3);
    EXPECT_NE(d.message.find("DB_PASSWORD"), std::string::npos) << d.message;
  }
}

TEST_F(ConfigTest, DatabaseUrlFromEnvironmentWins) {
  vars_["DATABASE_URL"] = "postgresql://override/db";
  write("database: {url: postgresql://file/db}\n");
  EXPECT_EQ(load().database_url, "postgresql://override/db");
}

TEST_F(ConfigTest, EveryProblemIsReportedWithItsLine) {
  write("databse: {url: x}\nlock_timeout: soon\nbackups: {keep: -3}\nlogging: {level: loud}\n");
  try {
    load();
    FAIL() << "expected LoadError";
  } catch (const LoadError& e) {
    ASSERT_EQ(e.diagnostics().size(), 4u) << e.what();
    EXPECT_EQ(e.diagnostics()[0].where.line, 1);
    EXPECT_NE(e.diagnostics()[0].message.find("unknown key 'databse'"), std::string::npos);
    EXPECT_EQ(e.diagnostics()[1].where.line, 2);
    EXPECT_NE(e.diagnostics()[1].message.find("not a duration"), std::string::npos);
    EXPECT_EQ(e.diagnostics()[2].where.line, 3);
    EXPECT_EQ(e.diagnostics()[3].where.line, 4);
  }
}

TEST_F(ConfigTest, MalformedYamlIsALoadErrorWithPosition) {
  write("database:\n  url: [unclosed\n");
  try {
    load();
    FAIL() << "expected LoadError";
  } catch (const LoadError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_GT(e.diagnostics()[0].where.line, 1);
  }
}

TEST_F(ConfigTest, CreatingWhenMissingPointsAtTheNewFile) {
  ConfigRequest req;
  req.working_dir = dir_ / "sub";
  req.creating = true;
  write("database: {url: parent}\n");  // a parent's file must not be used
  Config c = load_config(req, env());
  EXPECT_EQ(c.file, dir_ / "sub" / "strata.yaml");
  EXPECT_EQ(c.root, dir_ / "sub");
  EXPECT_EQ(c.database_url, "local");
}

TEST_F(ConfigTest, DefaultConfigTextLoads) {
  write(default_config_text());
  Config c = load();
  EXPECT_EQ(c.database_url, "local");
  EXPECT_EQ(c.schemas, (std::vector<std::string>{"public"}));
  EXPECT_EQ(c.lock_wait_ms, -1);
}

TEST_F(ConfigTest, ReadsTheProofRole) {
  write("{}\n");
  EXPECT_EQ(load().proof_role, "");
  write("proof_role: strata_proof\n");
  EXPECT_EQ(load().proof_role, "strata_proof");
}

TEST_F(ConfigTest, ReadsTheShadowUrlWithWhereItCameFrom) {
  write("database:\n  url: local\n");
  EXPECT_EQ(load().shadow_url, "");
  vars_["SHADOW"] = "postgresql://me@scratch/postgres";
  write("database:\n  url: local\n  shadow_url: ${SHADOW}\n");
  Config c = load();
  EXPECT_EQ(c.shadow_url, "postgresql://me@scratch/postgres");
  EXPECT_EQ(c.shadow_url_source, (dir_ / "strata.yaml").string() + ":3:15 (database.shadow_url)");
}

TEST_F(ConfigTest, ABadShadowUrlIsRefusedAtItsPosition) {
  for (const char* text : {"database:\n  url: local\n  shadow_url: [a, b]\n",
                           "database:\n  url: local\n  shadow_url: local\n"}) {
    write(text);
    try {
      load();
      FAIL() << "accepted " << text;
    } catch (const LoadError& e) {
      ASSERT_EQ(e.diagnostics().size(), 1u) << e.what();
      EXPECT_EQ(e.diagnostics()[0].where.line, 3) << e.what();
      EXPECT_NE(e.diagnostics()[0].message.find("shadow_url"), std::string::npos) << e.what();
    }
  }
}

TEST_F(ConfigTest, ParsesTextWithoutReadingAFile) {
  vars_["PATH"] = "/usr/bin";
  fs::path file = dir_ / "nowhere" / "strata.yaml";  // never created
  Config c = parse_config("schemas: [app]\nlock_timeout: 2s\n", file, env());
  EXPECT_EQ(c.file, file);
  EXPECT_EQ(c.root, dir_ / "nowhere");
  EXPECT_EQ(c.schemas, (std::vector<std::string>{"app"}));
  EXPECT_EQ(c.lock_timeout_ms, 2000);
  EXPECT_EQ(c.migrations_dir, dir_ / "nowhere" / "migrations");
  EXPECT_EQ(c.tool_path, (std::vector<fs::path>{"/usr/bin"}));
  EXPECT_FALSE(fs::exists(dir_ / "nowhere"));
}

TEST_F(ConfigTest, ParsedTextErrorsNameTheFile) {
  try {
    parse_config("lock_timeout: [\n", dir_ / "strata.yaml", env());
    FAIL() << "expected a LoadError";
  } catch (const LoadError& e) {
    EXPECT_NE(std::string(e.what()).find((dir_ / "strata.yaml").string()), std::string::npos)
        << e.what();
  }
}

// Found by fuzzing: a key that is not a scalar (`? [a, b]`) threw yaml-cpp's
// bad conversion out of the loader, reported as "unexpected".
TEST_F(ConfigTest, KeyThatIsNotAScalarIsALoadError) {
  for (std::string text : {"? [a, b]\n: 1\n", "logging:\n  ? {x: 1}\n  : 2\n"}) {
    try {
      parse_config(text, dir_ / "strata.yaml", env());
      FAIL() << "expected a LoadError for " << text;
    } catch (const LoadError& e) {
      ASSERT_EQ(e.diagnostics().size(), 1u) << e.what();
      EXPECT_GT(e.diagnostics()[0].where.line, 0) << e.what();
      EXPECT_NE(e.diagnostics()[0].message.find("key"), std::string::npos) << e.what();
    }
  }
}

TEST(Durations, Parse) {
  EXPECT_EQ(parse_duration_ms("250ms"), 250);
  EXPECT_EQ(parse_duration_ms("10s"), 10000);
  EXPECT_EQ(parse_duration_ms("2min"), 120000);
  EXPECT_EQ(parse_duration_ms("1h"), 3600000);
  EXPECT_EQ(parse_duration_ms("42"), 42);
  EXPECT_EQ(parse_duration_ms("forever"), -1);
  EXPECT_EQ(parse_duration_ms("0"), 0);
  EXPECT_FALSE(parse_duration_ms("soon"));
  EXPECT_FALSE(parse_duration_ms("10 parsecs"));
  EXPECT_FALSE(parse_duration_ms(""));
}

// Found by fuzzing: 20 digits made std::stoll throw out_of_range (an
// "unexpected" error), and a large count of hours overflowed long long.
TEST(Durations, TooLargeIsNotADuration) {
  EXPECT_FALSE(parse_duration_ms("99999999999999999999h"));
  EXPECT_FALSE(parse_duration_ms("777777777777777777777777777777"));
  EXPECT_FALSE(parse_duration_ms("9999999999999h"));
  EXPECT_FALSE(parse_duration_ms("2147484s"));
  EXPECT_FALSE(parse_duration_ms("2147483648"));
  EXPECT_EQ(parse_duration_ms("2147483647"), 2147483647);
  EXPECT_EQ(parse_duration_ms("00000000000000000000010s"), 10000);
  EXPECT_EQ(parse_duration_ms("596h"), 596 * 3600000);
}

TEST_F(ConfigTest, TooLargeDurationIsALoadErrorAtItsLine) {
  try {
    parse_config("lock_wait: 10s\nlock_timeout: 99999999999999999999h\n", dir_ / "strata.yaml", env());
    FAIL() << "expected a LoadError";
  } catch (const LoadError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u) << e.what();
    EXPECT_EQ(e.diagnostics()[0].where.line, 2) << e.what();
  }
}

TEST(Expansion, LeavesPlainTextAlone) {
  auto env = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
  std::string missing;
  EXPECT_EQ(expand_variables("a $b {c} ${", env, &missing), "a $b {c} ${");
  EXPECT_FALSE(expand_variables("${X}", env, &missing));
  EXPECT_EQ(missing, "X");
}

// The first diagnostic of a LoadError from load(), or "" when it loads.
class ConfigErrorsTest : public ConfigTest {
 protected:
  Diagnostic first_problem() {
    try {
      load();
    } catch (const LoadError& e) {
      return e.diagnostics().front();
    }
    return {};
  }
};

TEST_F(ConfigErrorsTest, AnEmptyFileIsAnError) {
  write("");
  EXPECT_NE(first_problem().message.find("the configuration file is empty"), std::string::npos);
  write("# only a comment\n");
  EXPECT_NE(first_problem().message.find("the configuration file is empty"), std::string::npos);
}

TEST_F(ConfigErrorsTest, ConfigMustNameAFileNotADirectory) {
  ConfigRequest req;
  req.working_dir = dir_;
  req.file = dir_ / "sub";
  try {
    load_config(req, env());
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("is a directory"), std::string::npos) << e.what();
  }
}

TEST_F(ConfigErrorsTest, SchemasMustBeAList) {
  write("schemas: public\n");
  Diagnostic d = first_problem();
  EXPECT_EQ(d.where.line, 1);
  EXPECT_NE(d.message.find("schemas must be a list"), std::string::npos) << d.message;
  write("schemas: [public]\n");
  EXPECT_EQ(load().schemas, (std::vector<std::string>{"public"}));
}

TEST_F(ConfigErrorsTest, DuplicateKeysAreRefusedWithBothPositions) {
  write("database: {url: postgresql://a/db}\nlock_timeout: 1s\ndatabase: {url: postgresql://b/db}\n");
  Diagnostic d = first_problem();
  EXPECT_EQ(d.where.line, 3);
  EXPECT_NE(d.message.find("duplicate key 'database' (first at line 1, column 1)"), std::string::npos)
      << d.message;
  write("logging:\n  level: info\n  level: debug\n");
  d = first_problem();
  EXPECT_EQ(d.where.line, 3);
  EXPECT_NE(d.message.find("first at line 2"), std::string::npos) << d.message;
}

TEST_F(ConfigErrorsTest, AHugeDurationIsAPositionedError) {
  write("lock_timeout: 99999999999999999999h\n");
  Diagnostic d = first_problem();
  EXPECT_EQ(d.where.line, 1);
  EXPECT_NE(d.message.find("not a duration"), std::string::npos) << d.message;
  EXPECT_FALSE(parse_duration_ms("99999999999999999999h"));
  EXPECT_FALSE(parse_duration_ms("9999999999999999999999999"));
  EXPECT_FALSE(parse_duration_ms("600h"));  // past the int milliseconds range
}

TEST_F(ConfigErrorsTest, TemplateAcceptsOnlyItsFields) {
  write("revisions: {template: \"{date}_{bogus}_{slug}\"}\n");
  Diagnostic d = first_problem();
  EXPECT_EQ(d.where.line, 1);
  EXPECT_NE(d.message.find("unknown field {bogus}"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("{date}, {time}, {id} and {slug}"), std::string::npos) << d.message;
  write("revisions: {template: \"{id}-{slug}\"}\n");
  EXPECT_EQ(load().revision_template, "{id}-{slug}");
}

TEST_F(ConfigErrorsTest, TheUrlRemembersWhereItCameFrom) {
  write("database:\n  url: postgresql://file/db\n");
  EXPECT_EQ(load().database_url_source, (dir_ / "strata.yaml").string() + ":2:8 (database.url)");
  vars_["DATABASE_URL"] = "postgresql://env/db";
  EXPECT_EQ(load().database_url_source, "DATABASE_URL (environment)");
}

TEST_F(ConfigErrorsTest, BytesThatAreNotUtf8AreNamed) {
  write("database:\n  url: postgresql://h/caf\xE9\n");
  Diagnostic d = first_problem();
  EXPECT_EQ(d.where.line, 2);
  EXPECT_EQ(d.where.column, 26);
  EXPECT_NE(d.message.find("(0xE9) is not valid UTF-8"), std::string::npos) << d.message;
}


TEST_F(ConfigTest, HazardsToAcknowledgeDefaultAndAreRead) {
  fs::path file = dir_ / "strata.yaml";
  EXPECT_EQ(parse_config("{}\n", file, env()).hazards_acknowledge,
            (std::vector<std::string>{"data-loss", "blocks-reads"}));
  EXPECT_EQ(parse_config("hazards: {acknowledge: [rewrite, data-loss, rewrite]}\n", file, env())
                .hazards_acknowledge,
            (std::vector<std::string>{"rewrite", "data-loss"}));
  EXPECT_EQ(parse_config("hazards: {acknowledge: []}\n", file, env()).hazards_acknowledge,
            std::vector<std::string>{});
}

TEST_F(ConfigTest, AWrongHazardKindIsRefusedWithItsPosition) {
  struct Bad {
    std::string text;
    int line, column;
    std::string message;
  };
  for (const Bad& b : {Bad{"schemas: [a]\nhazards:\n  acknowledge: [data-loss, dataloss]\n", 3, 28,
                           "unknown hazard kind 'dataloss'; known: data-loss, rewrite"},
                       Bad{"hazards: {acknowledge: data-loss}\n", 1, 24, "must be a list"},
                       Bad{"hazards: {acknowlege: [data-loss]}\n", 1, 11, "acknowlege"},
                       Bad{"hazards: [data-loss]\n", 1, 10, "must be a mapping"}}) {
    try {
      parse_config(b.text, dir_ / "strata.yaml", env());
      FAIL() << "expected a LoadError for " << b.text;
    } catch (const LoadError& e) {
      ASSERT_EQ(e.diagnostics().size(), 1u) << e.what();
      EXPECT_EQ(e.diagnostics()[0].where.line, b.line) << e.what();
      EXPECT_EQ(e.diagnostics()[0].where.column, b.column) << e.what();
      EXPECT_NE(e.diagnostics()[0].message.find(b.message), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace strata::app
