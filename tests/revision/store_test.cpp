#include "revision/store.h"

#include <gtest/gtest.h>

#include <sys/resource.h>

#include <csignal>

#include "core/error.h"
#include "revision/temp_dir.h"
#include "revision/write_lock.h"

namespace strata::revision {
namespace {

using std::chrono::sys_days;
using namespace std::chrono_literals;

std::string up_text(const std::string& id, const std::string& parent, const std::string& msg) {
  return "-- strata:revision " + id + "\n-- strata:parent " + parent +
         "\n-- strata:message " + msg + "\n\nSELECT 1;\n";
}

void add(const testing::TempDir& dir, const std::string& id, const std::string& parent,
         const std::string& msg = "m") {
  dir.write(id + "_r.up.sql", up_text(id, parent, msg));
  dir.write(id + "_r.down.sql", "SELECT 2;\n");
}

// 2026-11-25 13:42:10 UTC
std::chrono::system_clock::time_point sample_time() {
  return sys_days{std::chrono::year{2026} / 11 / 25} + 13h + 42min + 10s;
}

TEST(Slugify, LowercaseUnderscoresAndLength) {
  EXPECT_EQ(slugify("Add user avatar field"), "add_user_avatar_field");
  EXPECT_EQ(slugify("  Add: users.avatar_url (text)!  "), "add_users_avatar_url_text");
  EXPECT_EQ(slugify("Ünïcödé straße"), "n_c_d_stra_e");
  EXPECT_EQ(slugify("!!!"), "revision");
  std::string longer = slugify(
      "add a rather long description of the change that goes on and on and on");
  EXPECT_LE(longer.size(), 50u);
  EXPECT_EQ(longer, "add_a_rather_long_description_of_the_change_that");
  EXPECT_EQ(slugify(std::string(80, 'x')), std::string(50, 'x'));
}

TEST(FormatStem, DefaultAndCustomTemplates) {
  EXPECT_EQ(format_stem("{date}_{time}_{slug}", "20261125134210", "Add user avatar field"),
            "20261125_134210_add_user_avatar_field");
  EXPECT_EQ(format_stem("{id}-{slug}", "20261125134210", "Add tags"), "20261125134210-add_tags");
  EXPECT_EQ(id_for_time(sample_time()), "20261125134210");
}

TEST(Store, MissingDirectoryIsEmpty) {
  testing::TempDir dir;
  Store store(dir.path() / "migrations");
  EXPECT_TRUE(store.empty());
  EXPECT_EQ(store.head(), std::nullopt);
  EXPECT_TRUE(store.problems().empty());
}

TEST(Store, LinearChain) {
  testing::TempDir dir;
  add(dir, "20260101000000", "none", "first");
  add(dir, "20260102000000", "20260101000000", "second");
  add(dir, "20260103000000", "20260102000000", "third");
  Store store(dir.path());
  ASSERT_EQ(store.revisions().size(), 3u);
  EXPECT_EQ(store.head(), "20260103000000");
  EXPECT_TRUE(store.problems().empty());

  auto all = store.between(std::nullopt, "20260103000000");
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].message, "first");
  EXPECT_EQ(all[2].message, "third");
  auto pending = store.between("20260101000000", "20260103000000");
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_EQ(pending[0].id, "20260102000000");
  EXPECT_TRUE(store.between("20260103000000", "20260103000000").empty());
  EXPECT_THROW(store.between("20260103000000", "20260101000000"), UsageError);
  EXPECT_THROW(store.between(std::nullopt, "20990101000000"), UsageError);

  EXPECT_EQ(store.step_back("20260103000000", 0), "20260103000000");
  EXPECT_EQ(store.step_back("20260103000000", 1), "20260102000000");
  EXPECT_EQ(store.step_back("20260103000000", 3), std::nullopt);
  EXPECT_THROW(store.step_back("20260103000000", 4), UsageError);
}

TEST(Store, IgnoresHiddenAndOtherFiles) {
  testing::TempDir dir;
  add(dir, "20260101000000", "none");
  dir.write(".20260102_x.up.sql.tmp-abc123", "half written");
  dir.write("README.md", "notes");
  std::filesystem::create_directory(dir.path() / "archive");
  Store store(dir.path());
  EXPECT_EQ(store.revisions().size(), 1u);
}

TEST(Store, ResolvesPrefixes) {
  testing::TempDir dir;
  add(dir, "20260101000000", "none", "first");
  add(dir, "20260102000000", "20260101000000", "second");
  add(dir, "20260201000000", "20260102000000", "third");
  Store store(dir.path());
  EXPECT_EQ(store.resolve("20260102000000").message, "second");
  EXPECT_EQ(store.resolve("202602").message, "third");
  EXPECT_EQ(store.resolve("20260101").message, "first");
  try {
    store.resolve("202601");
    FAIL() << "ambiguous prefix accepted";
  } catch (const UsageError& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("ambiguous"), std::string::npos);
    EXPECT_NE(what.find("20260101000000"), std::string::npos);
    EXPECT_NE(what.find("20260102000000"), std::string::npos);
    EXPECT_EQ(what.find("20260201000000"), std::string::npos);
  }
  try {
    store.resolve("2025");
    FAIL() << "unknown id accepted";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown revision '2025'"), std::string::npos);
  }
  EXPECT_THROW(store.resolve(""), UsageError);
}

TEST(Store, ReportsForks) {
  testing::TempDir dir;
  add(dir, "20260101000000", "none");
  add(dir, "20260102000000", "20260101000000");
  add(dir, "20260103000000", "20260101000000");
  Store store(dir.path());
  auto problems = store.problems();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].kind, ChainProblem::Kind::kFork);
  EXPECT_EQ(problems[0].revisions,
            (std::vector<std::string>{"20260102000000", "20260103000000"}));
  EXPECT_NE(problems[0].message.find("strata rebase"), std::string::npos) << problems[0].message;
  EXPECT_EQ(store.heads().size(), 2u);
  EXPECT_THROW(store.head(), UsageError);
  EXPECT_THROW(store.prepare({"next", "", "", "", false}, sample_time()), UsageError);
}

TEST(Store, ForksListEachBranchToItsHead) {
  testing::TempDir dir;
  add(dir, "20260101000000", "none");
  add(dir, "20260102000000", "20260101000000");
  add(dir, "20260103000000", "20260101000000");
  add(dir, "20260104000000", "20260103000000");
  Store store(dir.path());
  auto fs = forks(store);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].parent, "20260101000000");
  ASSERT_EQ(fs[0].branches.size(), 2u);
  EXPECT_EQ(fs[0].branches[0].revisions, (std::vector<std::string>{"20260102000000"}));
  EXPECT_EQ(fs[0].branches[1].revisions, (std::vector<std::string>{"20260103000000", "20260104000000"}));
  EXPECT_TRUE(fs[0].branches[1].linear);
  EXPECT_TRUE(forks(Store(dir.path())).size() == 1u);
}

TEST(Store, ReparentRewritesOnlyTheParentValue) {
  testing::TempDir dir;
  add(dir, "20260101000000", "none");
  add(dir, "20260102000000", "20260101000000");
  std::string b = "-- strata:revision 20260103000000\r\n--   strata:parent\t20260101000000  \r\n"
                  "-- strata:message m\r\n-- changes: x\r\n\r\nSELECT 3; -- strata:parent 1\r\n";
  dir.write("20260103000000_r.up.sql", b);
  dir.write("20260103000000_r.down.sql", "SELECT 4;\n");
  Store store(dir.path());
  std::string before = store.find("20260103000000")->checksum;
  store.reparent("20260103000000", "20260102000000");
  std::string expected = b;
  expected.replace(expected.find("20260101000000  "), 14, "20260102000000");
  EXPECT_EQ(dir.read("20260103000000_r.up.sql"), expected);
  EXPECT_EQ(dir.read("20260103000000_r.down.sql"), "SELECT 4;\n");
  EXPECT_EQ(store.find("20260103000000")->parent, "20260102000000");
  EXPECT_EQ(store.find("20260103000000")->checksum, before) << "the checksum leaves the parent out";
  Store again(dir.path());
  EXPECT_TRUE(again.problems().empty());
  EXPECT_EQ(again.find("20260103000000")->checksum, before);
  EXPECT_THROW(again.reparent("20260101000000", "20260103000000"), UsageError) << "a cycle";
  EXPECT_THROW(again.reparent("20260103000000", "20990101000000"), UsageError);
  for (const auto& e : std::filesystem::directory_iterator(dir.path()))
    EXPECT_NE(e.path().filename().string()[0], '.') << "no temporary file left";
}

TEST(Store, ReportsTwoRootsAsAFork) {
  testing::TempDir dir;
  add(dir, "20260101000000", "none");
  add(dir, "20260102000000", "none");
  auto problems = Store(dir.path()).problems();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].kind, ChainProblem::Kind::kFork);
}

TEST(Store, ReportsMissingParentsAndCycles) {
  testing::TempDir dir;
  add(dir, "20260101000000", "none");
  add(dir, "20260103000000", "20260102000000");
  add(dir, "20260201000000", "20260202000000");
  add(dir, "20260202000000", "20260201000000");
  Store store(dir.path());
  auto problems = store.problems();
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].kind, ChainProblem::Kind::kMissingParent);
  EXPECT_EQ(problems[0].revisions, std::vector<std::string>{"20260103000000"});
  EXPECT_NE(problems[0].message.find("20260102000000"), std::string::npos);
  EXPECT_EQ(problems[1].kind, ChainProblem::Kind::kCycle);
  EXPECT_EQ(problems[1].revisions,
            (std::vector<std::string>{"20260201000000", "20260202000000"}));
  EXPECT_THROW(store.between(std::nullopt, "20260103000000"), UsageError);
  EXPECT_THROW(store.between(std::nullopt, "20260202000000"), UsageError);
}

TEST(Store, BadFilesAreReportedTogether) {
  testing::TempDir dir;
  dir.write("a.up.sql", "-- strata:revision 1\n-- strata:parent none\n-- strata:message m\n");
  dir.write("a.down.sql", "");
  dir.write("b.up.sql", up_text("20260101000000", "none", "b"));  // no down file
  dir.write("c.down.sql", "");                                    // no up file
  add(dir, "20260102000000", "none");
  dir.write("d.up.sql", up_text("20260102000000", "none", "same id"));
  dir.write("d.down.sql", "");
  try {
    Store store(dir.path());
    FAIL() << "no error";
  } catch (const LoadError& e) {
    std::string what = e.what();
    EXPECT_EQ(e.diagnostics().size(), 4u) << what;
    EXPECT_NE(what.find("a.up.sql:1:20: revision id '1' is not 14 digits"), std::string::npos)
        << what;
    EXPECT_NE(what.find("b.down.sql: missing down file"), std::string::npos) << what;
    EXPECT_NE(what.find("c.down.sql: down file without an up file"), std::string::npos) << what;
    EXPECT_NE(what.find("is also used by"), std::string::npos) << what;
  }
}

TEST(Store, PrepareAndWriteANewRevision) {
  testing::TempDir dir;
  Store store(dir.path() / "migrations");
  RevisionDraft first{"Initial", "-- changes:\n--   + table public.users\n-- hazards: none\n",
                      "CREATE TABLE users (id bigint);", "DROP TABLE users;", false};
  Revision r = store.prepare(first, sample_time());
  EXPECT_EQ(r.id, "20261125134210");
  EXPECT_EQ(r.parent, std::nullopt);
  EXPECT_EQ(r.up_path, dir.path() / "migrations" / "20261125_134210_initial.up.sql");
  EXPECT_EQ(r.down_path, dir.path() / "migrations" / "20261125_134210_initial.down.sql");
  EXPECT_FALSE(std::filesystem::exists(r.up_path)) << "prepare writes nothing";
  store.write(r);
  ASSERT_TRUE(std::filesystem::exists(r.up_path));
  ASSERT_TRUE(std::filesystem::exists(r.down_path));

  // Read back from disk: the same revision.
  Store reread(dir.path() / "migrations");
  ASSERT_EQ(reread.revisions().size(), 1u);
  EXPECT_EQ(reread.revisions()[0], r);
  EXPECT_NE(r.up_sql.find("\nCREATE TABLE users (id bigint);\n"), std::string::npos);

  // Same second again: the id moves on by one second; the parent is the head.
  Revision second = store.prepare({"Add user avatar field", "", "ALTER TABLE users ADD c int;",
                                   "ALTER TABLE users DROP c;", false},
                                  sample_time());
  EXPECT_EQ(second.id, "20261125134211");
  EXPECT_EQ(second.parent, r.id);
  EXPECT_EQ(second.up_path.filename(), "20261125_134211_add_user_avatar_field.up.sql");
  store.write(second);
  EXPECT_EQ(store.head(), second.id);
  EXPECT_EQ(Store(dir.path() / "migrations").head(), second.id);
  EXPECT_THROW(store.write(second), UsageError) << "never overwrites";
  EXPECT_THROW(store.prepare({"  \n", "", "", "", false}, sample_time()), UsageError);

  // A clock behind the parent still yields a later id.
  Revision third = store.prepare({"third", "", "", "", false}, sample_time() - 24h);
  EXPECT_EQ(third.id, "20261125134212");
}

TEST(Store, MessageStaysOneVisibleHeaderLine) {
  testing::TempDir dir;
  Store store(dir.path() / "migrations");
  Revision r = store.prepare({"Add x\nDROP TABLE victim;\x1b[31m\u202e", "", "SELECT 1;", "SELECT 1;", false},
                             sample_time());
  EXPECT_EQ(r.message, "Add x DROP TABLE victim;\\x1b[31m\\u202e");
  EXPECT_NE(r.up_sql.find("-- strata:message  Add x DROP TABLE victim;\\x1b[31m\\u202e\n"),
            std::string::npos)
      << r.up_sql;
  EXPECT_EQ(r.up_sql.find('\x1b'), std::string::npos);
  EXPECT_EQ(r.down_sql.find('\x1b'), std::string::npos);
}

TEST(Store, FailedWriteLeavesNothing) {
  testing::TempDir dir;
  Store store(dir.path());
  Revision r = store.prepare({"x", "", std::string(4096, ' ') + "SELECT 1;", "SELECT 2;", false},
                             sample_time());
  ASSERT_GT(r.up_sql.size(), r.down_sql.size());
  // A file size limit that lets the down file through and stops the up file
  // halfway: a real write failure after one temporary file exists.
  rlimit old{};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &old), 0);
  auto old_handler = signal(SIGXFSZ, SIG_IGN);
  rlimit small = old;
  small.rlim_cur = r.down_sql.size();
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
  EXPECT_THROW(store.write(r), Error);
  setrlimit(RLIMIT_FSIZE, &old);
  signal(SIGXFSZ, old_handler);
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
  EXPECT_TRUE(store.empty());
}

TEST(Store, WriteLeavesNoTemporaryFiles) {
  testing::TempDir dir;
  Store store(dir.path());
  store.write(store.prepare({"x", "", "SELECT 1;", "SELECT 2;", false}, sample_time()));
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    ++files;
    EXPECT_NE(e.path().filename().string()[0], '.') << e.path();
  }
  EXPECT_EQ(files, 2);
}

TEST(Store, WriteOntoAnExistingFileFailsAndLeavesNothing) {
  testing::TempDir dir;
  Store store(dir.path());
  Revision r = store.prepare({"x", "", "SELECT 1;", "SELECT 2;", false}, sample_time());
  dir.write(r.down_path.filename().string(), "someone else's");
  EXPECT_THROW(store.write(r), UsageError);
  EXPECT_FALSE(std::filesystem::exists(r.up_path));
  int files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++files;
  EXPECT_EQ(files, 1);
}

TEST(TemplateProblem, OnlyTheDocumentedFields) {
  EXPECT_EQ(template_problem("{date}_{time}_{slug}"), std::nullopt);
  EXPECT_EQ(template_problem("{id}"), std::nullopt);
  EXPECT_EQ(template_problem("{date}_{bogus}"),
            "unknown field {bogus} in '{date}_{bogus}'; the fields are {date}, {time}, {id} and {slug}");
  EXPECT_NE(template_problem("{date}_{slug"), std::nullopt);
  EXPECT_NE(template_problem("{date}}"), std::nullopt);
  EXPECT_NE(template_problem("{date}/{slug}"), std::nullopt);
  EXPECT_NE(template_problem("fixed"), std::nullopt);
  Store store(testing::TempDir().path(), StoreOptions{"{date}_{bogus}"});
  try {
    store.prepare({"x", "", "", "", false}, sample_time());
    FAIL() << "no error";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown field {bogus}"), std::string::npos) << e.what();
  }
}

// What a kill between Store::write's two renames leaves: the down file in
// place, the up file still under its temporary name.
void leave_interrupted_write(const testing::TempDir& dir, Revision r) {
  dir.write(r.down_path.filename().string(), r.down_sql);
  dir.write("." + r.up_path.filename().string() + ".tmp-Ab12Cd", r.up_sql);
}

TEST(Store, AnInterruptedWriteNeitherBlocksNorSurvivesTheSweep) {
  testing::TempDir dir;
  add(dir, "20260101000000", "none");
  Revision r = Store(dir.path()).prepare({"half", "", "SELECT 1;", "SELECT 2;", false}, sample_time());
  leave_interrupted_write(dir, r);
  dir.write(".other.down.sql.tmp-Zz99Yy", "partial");  // a kill while writing a temp file

  Store before(dir.path());  // not an error: the down file is Strata's own
  EXPECT_EQ(before.revisions().size(), 1u);
  EXPECT_EQ(before.head(), "20260101000000");

  auto lock = WriteLock::try_acquire(dir.path());
  ASSERT_TRUE(lock);
  auto lines = sweep_interrupted_writes(dir.path());
  ASSERT_EQ(lines.size(), 3u);
  std::string all = lines[0] + "\n" + lines[1] + "\n" + lines[2];
  EXPECT_NE(all.find(r.down_path.filename().string() + ": a down file without its up file"), std::string::npos)
      << all;
  EXPECT_NE(all.find("a temporary file left by an interrupted `strata create`"), std::string::npos) << all;
  int files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++files;
  EXPECT_EQ(files, 2);  // the one whole revision
  EXPECT_TRUE(sweep_interrupted_writes(dir.path()).empty());

  // The next revision gets the id the interrupted one would have had.
  Store after(dir.path());
  Revision again = after.prepare({"half", "", "SELECT 1;", "SELECT 2;", false}, sample_time());
  EXPECT_EQ(again.id, r.id);
  after.write(again);
  EXPECT_EQ(Store(dir.path()).head(), r.id);
}

TEST(Store, ADownFileStrataDidNotWriteIsStillReported) {
  testing::TempDir dir;
  add(dir, "20260101000000", "none");
  dir.write("x.down.sql", "DROP TABLE x;\n");
  EXPECT_THROW(Store{dir.path()}, LoadError);
  EXPECT_TRUE(sweep_interrupted_writes(dir.path()).empty());
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "x.down.sql"));
}

TEST(WriteLock, OneHolderAtATime) {
  testing::TempDir dir;
  auto first = WriteLock::try_acquire(dir.path());
  ASSERT_TRUE(first);
  EXPECT_FALSE(WriteLock::try_acquire(dir.path()));
  try {
    WriteLock::acquire(dir.path(), std::chrono::milliseconds(50));
    FAIL() << "acquired a held lock";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("another `strata create` is writing"), std::string::npos) << e.what();
  }
  first.reset();
  EXPECT_TRUE(WriteLock::try_acquire(dir.path()));
  auto created = WriteLock::acquire(dir.path() / "new" / "migrations", std::chrono::milliseconds(-1));
  EXPECT_TRUE(std::filesystem::is_directory(dir.path() / "new" / "migrations"));
}

}  // namespace
}  // namespace strata::revision
