#include "revision/validation_cache.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "revision/temp_dir.h"
#include "revision/validate.h"

namespace strata::revision {
namespace {

const std::string kBad = "CREATE TABLE a (id int);\nCOMMIT;\n  CREATE INDEX CONCURRENTLY i ON a (id);\n";
const std::string kGood = "CREATE TABLE a (id int);\nCREATE INDEX i ON a (id);\n";

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary | std::ios::trunc) << text;
}

TEST(ValidationCache, RemembersFindingsAndGivesThemBackForTheFileAsked) {
  testing::TempDir dir;
  ValidationCache cache(dir.path() / "cache");
  auto want = validate_script(kBad, "m/x.up.sql", true);
  ASSERT_EQ(want.size(), 2u);
  EXPECT_EQ(cache.validate_script(kBad, "m/x.up.sql", true), want);
  EXPECT_EQ(cache.misses(), 1);
  EXPECT_TRUE(std::filesystem::exists(cache.entry_path(kBad, true)));
  // Answered from the entry: same findings, located in the file asked about.
  ValidationCache again(dir.path() / "cache");
  EXPECT_EQ(again.validate_script(kBad, "m/x.up.sql", true), want);
  EXPECT_EQ(again.validate_script(kBad, "other/y.up.sql", true),
            validate_script(kBad, "other/y.up.sql", true));
  EXPECT_EQ(again.hits(), 2);
  EXPECT_EQ(again.misses(), 0);
  // Running outside a transaction is another question (only the COMMIT is
  // refused there: the concurrent build may run).
  EXPECT_EQ(again.validate_script(kBad, "m/x.up.sql", false), validate_script(kBad, "m/x.up.sql", false));
  EXPECT_EQ(again.validate_script(kBad, "m/x.up.sql", false).size(), 1u);
  EXPECT_EQ(again.misses(), 1);
}

TEST(ValidationCache, AnEditedFileIsCheckedAgain) {
  testing::TempDir dir;
  ValidationCache cache(dir.path());
  EXPECT_TRUE(cache.validate_script(kGood, "f.sql", true).empty());
  EXPECT_EQ(cache.validate_script(kBad, "f.sql", true), validate_script(kBad, "f.sql", true));
  EXPECT_EQ(cache.misses(), 2);
  EXPECT_NE(cache.entry_path(kGood, true), cache.entry_path(kBad, true));
}

TEST(ValidationCache, AnEntryForAnotherDigestIsNotTrusted) {
  testing::TempDir dir;
  ValidationCache cache(dir.path());
  // An entry holding "no findings" for the clean file, copied over the bad
  // file's entry: its recorded digest is not the bad file's, so it is ignored.
  cache.validate_script(kGood, "f.sql", true);
  write(cache.entry_path(kBad, true), read(cache.entry_path(kGood, true)));
  EXPECT_EQ(cache.validate_script(kBad, "f.sql", true), validate_script(kBad, "f.sql", true));
  EXPECT_EQ(cache.hits(), 0);
  // And it was rewritten with the right answer.
  ValidationCache again(dir.path());
  EXPECT_EQ(again.validate_script(kBad, "f.sql", true).size(), 2u);
  EXPECT_EQ(again.hits(), 1);
}

TEST(ValidationCache, CorruptEntriesAreIgnoredAndRewritten) {
  testing::TempDir dir;
  ValidationCache cache(dir.path());
  auto want = validate_script(kBad, "f.sql", true);
  cache.validate_script(kBad, "f.sql", true);
  const auto path = cache.entry_path(kBad, true);
  const std::string good = read(path);
  std::vector<std::string> corrupt = {
      "",
      "garbage\n",
      good.substr(0, good.size() / 2),                          // cut short
      good.substr(0, good.size() - 4),                          // no end line
      good + "trailing\n",                                      // more than it says
      std::string(good).replace(good.find("\n2\n"), 3, "\n9\n"),  // wrong count
      std::string(good).replace(good.find("\n2\n"), 3, "\nx\n"),  // not a number
      std::string(good).replace(good.find('\t'), 1, " "),         // no column field
      std::string(good).replace(good.find("transaction control"), 1, "\\q"),  // bad escape
  };
  for (const auto& text : corrupt) {
    write(path, text);
    ValidationCache fresh(dir.path());
    EXPECT_EQ(fresh.validate_script(kBad, "f.sql", true), want) << text;
    EXPECT_EQ(fresh.hits(), 0) << text;
    EXPECT_EQ(read(path), good) << text;
  }
}

TEST(ValidationCache, MessagesWithLineBreaksSurviveTheRoundTrip) {
  testing::TempDir dir;
  // A syntax error whose message the parser gives; and one with a newline
  // and a backslash, as a hand-made finding could carry.
  ValidationCache cache(dir.path());
  std::string broken = "SELECT 1;\nSELEC 2;\n";
  auto want = validate_script(broken, "f.sql", true);
  ASSERT_EQ(want.size(), 1u);
  cache.validate_script(broken, "f.sql", true);
  ValidationCache again(dir.path());
  EXPECT_EQ(again.validate_script(broken, "f.sql", true), want);
  EXPECT_EQ(again.hits(), 1);
}

TEST(ValidationCache, AnUnwritableFolderOnlyCostsTheCache) {
  testing::TempDir dir;
  write(dir.path() / "blocked", "a file where the folder should be");
  ValidationCache cache(dir.path() / "blocked" / "cache");
  EXPECT_EQ(cache.validate_script(kBad, "f.sql", true), validate_script(kBad, "f.sql", true));
  EXPECT_EQ(cache.validate_script(kBad, "f.sql", true), validate_script(kBad, "f.sql", true));
  EXPECT_EQ(cache.misses(), 2);
}

TEST(ValidationCache, ValidatesBothFilesOfARevision) {
  testing::TempDir dir;
  Revision r;
  r.up_sql = kBad;
  r.down_sql = "DROP TABLE a;\nBEGIN;\n";
  r.up_path = "m/1.up.sql";
  r.down_path = "m/1.down.sql";
  ValidationCache cache(dir.path());
  EXPECT_EQ(cache.validate(r), validate(r));
  EXPECT_EQ(cache.validate(r), validate(r));
  EXPECT_EQ(cache.hits(), 2);
  r.no_transaction = true;
  EXPECT_EQ(cache.validate(r), validate(r));
}

// Hazards: the entry keeps what was found; whether a finding is an error
// comes from the project's acknowledged kinds and the file's allow lines,
// on every call, as lint_text decides it.
const std::string kHazards =
    "-- strata:allow data-loss\nDROP TABLE a;\nALTER TABLE b ALTER COLUMN c TYPE bigint;\n";

TEST(ValidationCache, LintFindingsAreKeptAndJudgedOnEveryCall) {
  testing::TempDir dir;
  const std::vector<lint::HazardKind> acknowledge = {lint::HazardKind::kDataLoss, lint::HazardKind::kRewrite};
  auto want = lint::lint_text(kHazards, "m/x.up.sql", acknowledge);
  ASSERT_GE(want.size(), 2u);
  ValidationCache cache(dir.path());
  EXPECT_EQ(cache.lint_text(kHazards, "m/x.up.sql", acknowledge), want);
  EXPECT_EQ(cache.misses(), 1);
  EXPECT_TRUE(std::filesystem::exists(cache.lint_entry_path(kHazards)));
  ValidationCache again(dir.path());
  EXPECT_EQ(again.lint_text(kHazards, "m/x.up.sql", acknowledge), want);
  // Another file name, other acknowledged kinds: same entry, other answer.
  EXPECT_EQ(again.lint_text(kHazards, "y.up.sql", {}), lint::lint_text(kHazards, "y.up.sql", {}));
  EXPECT_EQ(again.hits(), 2);
  EXPECT_EQ(again.misses(), 0);
  int errors = 0;
  for (const auto& f : again.lint_text(kHazards, "m/x.up.sql", acknowledge)) errors += f.error ? 1 : 0;
  EXPECT_EQ(errors, 1);  // the rewrite; data-loss is allowed by the header
}

// validate() keeps the up file's analysis for the lint that follows; the
// lint's answer must be lint_text's for the bytes it is asked about.
TEST(ValidationCache, TheLintAfterValidateAnswersForTheTextAsked) {
  testing::TempDir dir;
  const std::vector<lint::HazardKind> acknowledge = {lint::HazardKind::kRewrite};
  Revision r;
  r.up_sql = kHazards + "CREATE TABLE n (id int);\nCREATE INDEX ON n (id);\nCREATE INDEX ON b (c);\n";
  r.down_sql = "DROP TABLE n;\n";
  r.up_path = "m/1.up.sql";
  r.down_path = "m/1.down.sql";
  ValidationCache cache(dir.path());
  EXPECT_EQ(cache.validate(r), validate(r));
  auto found = cache.lint_text(r.up_sql, "m/1.up.sql", acknowledge);
  EXPECT_EQ(found, lint::lint_text(r.up_sql, "m/1.up.sql", acknowledge));
  EXPECT_EQ(found.size(), 3u);
  // Validated one text, linted another: the other's findings.
  EXPECT_EQ(cache.validate(r), validate(r));
  EXPECT_EQ(cache.lint_text(kHazards, "m/2.up.sql", acknowledge), lint::lint_text(kHazards, "m/2.up.sql", acknowledge));
  // A fresh cache: validated, then linted with a bad allow line.
  ValidationCache fresh(dir.path() / "fresh");
  r.up_sql = "-- strata:allow nothing-known\n" + r.up_sql;
  fresh.validate(r);
  EXPECT_THROW(fresh.lint_text(r.up_sql, "m/1.up.sql", acknowledge), LoadError);
  // With step markers, validate keeps nothing; the lint parses the file.
  ValidationCache stepped(dir.path() / "stepped");
  r.up_sql = "DROP TABLE a;\n-- strata:step no-transaction\nCREATE INDEX CONCURRENTLY i ON a (id);\n";
  EXPECT_EQ(stepped.validate(r), validate(r));
  EXPECT_EQ(stepped.lint_text(r.up_sql, "m/1.up.sql", acknowledge), lint::lint_text(r.up_sql, "m/1.up.sql", acknowledge));
}

TEST(ValidationCache, ABadAllowLineThrowsEvenWhenTheHazardsAreKept) {
  testing::TempDir dir;
  ValidationCache cache(dir.path());
  const std::string bad = "-- strata:allow data-los\nDROP TABLE a;\n";
  EXPECT_THROW(cache.lint_text(bad, "f.sql", {}), LoadError);
  EXPECT_FALSE(std::filesystem::exists(cache.lint_entry_path(bad)));
  // An entry planted for its digest (a clean file's entry, with that file's
  // digest inside) is not trusted, and the allow line is still read.
  cache.lint_text("SELECT 1;\n", "g.sql", {});
  write(cache.lint_entry_path(kHazards), read(cache.lint_entry_path("SELECT 1;\n")));
  EXPECT_EQ(cache.lint_text(kHazards, "f.sql", {}), lint::lint_text(kHazards, "f.sql", {}));
}

TEST(ValidationCache, AMalformedLintEntryIsIgnoredAndRewritten) {
  testing::TempDir dir;
  ValidationCache cache(dir.path());
  auto want = cache.lint_text(kHazards, "f.sql", {});
  std::string entry = read(cache.lint_entry_path(kHazards));
  auto tab = entry.find("\tdata-loss\t");
  ASSERT_NE(tab, std::string::npos) << entry;
  entry.replace(tab, 11, "\tno-such-kind\t");
  write(cache.lint_entry_path(kHazards), entry);
  ValidationCache again(dir.path());
  EXPECT_EQ(again.lint_text(kHazards, "f.sql", {}), want);
  EXPECT_EQ(again.misses(), 1);
  ValidationCache third(dir.path());
  EXPECT_EQ(third.lint_text(kHazards, "f.sql", {}), want);
  EXPECT_EQ(third.hits(), 1);
}

}  // namespace
}  // namespace strata::revision
