// The migra fixtures (corpus/migra and corpus/pgkit-migra): a.sql is the
// database, b.sql loaded into a second database and introspected is the
// desired model. For every case in scope: up gives b, down gives back a,
// and nothing is left to do after either. Prints how many cases passed.
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include <gtest/gtest.h>

#include "codegen/render.h"
#include "db/connection.h"
#include "diff/plan.h"
#include "golden/schema_shape.h"
#include "introspect/inspector.h"
#include "introspect/server_oracle.h"
#include "support/test_database.h"

namespace strata::golden {
namespace {

namespace fs = std::filesystem;

// Cases whose objects Strata does not manage (yet), with the reason.
const std::map<std::string, std::string> kOutOfScope = {
    {"generated_added", "stale fixture: migra itself does not run it (its expected.sql fails)"},
    {"singleschema_ext", "--create-extensions-only output mode"},
};

// Cases run with owners and privileges managed (`manage: [owners,
// privileges]`): their fixtures grant and revoke.
const std::set<std::string> kManageAccess = {"everything", "privileges"};

// Cases that compare one schema only (migra's --schema): the project
// manages that schema (`schemas:` in strata.yaml), the others are outside it.
const std::map<std::string, std::vector<std::string>> kOnlySchemas = {{"singleschema", {"goodschema"}}};

// Schemas the migra harness excludes for a case.
const std::map<std::string, std::set<std::string>> kExcluded = {
    {"excludeschema", {"excludedschema"}},
    {"excludemultipleschemas", {"excludedschema", "excludedschema2"}},
};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct CorpusCase {
  std::string name;
  fs::path dir;
};

void PrintTo(const CorpusCase& c, std::ostream* os) { *os << c.name; }

std::vector<CorpusCase> corpus_cases() {
  std::vector<CorpusCase> out;
  for (const char* set : {"migra", "pgkit-migra"}) {
    fs::path root = fs::path(testing::source_path("")) / ".." / "shared" / "corpus" / set;
    if (!fs::exists(root)) continue;
    for (const auto& e : fs::directory_iterator(root))
      if (e.is_directory() && fs::exists(e.path() / "a.sql") && fs::exists(e.path() / "b.sql") &&
          !kOutOfScope.count(e.path().filename().string()))
        out.push_back({e.path().filename().string(), e.path()});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

void ensure_role(db::Connection& conn) {
  conn.execute(
      "DO $$ BEGIN CREATE ROLE schemainspect_test_role; "
      "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
}

std::string pending(db::Connection& conn, const model::Schema& catalog, const model::Schema& want,
                    const diff::Options& options) {
  introspect::ServerOracle oracle(conn);
  diff::Plan p = diff::plan(catalog, want, options, &oracle);
  return p.empty() ? "" : codegen::render(p).up_body;
}

class MigraCorpus : public ::testing::TestWithParam<CorpusCase> {
 public:
  static inline int passed = 0;

  static void TearDownTestSuite() {
    std::cout << "migra corpus: " << passed << " of " << corpus_cases().size()
              << " in-scope case(s) passed; out of scope:\n";
    for (const auto& [name, reason] : kOutOfScope) std::cout << "  " << name << ": " << reason << "\n";
  }
};

TEST_P(MigraCorpus, UpGivesBDownGivesA) {
  const CorpusCase& c = GetParam();
  diff::Options options;
  if (auto it = kExcluded.find(c.name); it != kExcluded.end()) options.ignored_schemas = it->second;
  introspect::Options reading;
  if (auto it = kOnlySchemas.find(c.name); it != kOnlySchemas.end()) reading.schemas = it->second;
  if (kManageAccess.count(c.name)) {
    options.manage_owners = options.manage_privileges = true;
    reading.manage_owners = reading.manage_privileges = true;
  }

  testing::TestDatabase db_a, db_b;
  db::Connection a(db_a.url()), b(db_b.url());
  ensure_role(a);
  a.execute(read(c.dir / "a.sql"));
  b.execute(read(c.dir / "b.sql"));
  introspect::Inspection ia = introspect::inspect(a, reading);
  introspect::Inspection ib = introspect::inspect(b, reading);
  for (const auto* i : {&ia, &ib})
    for (const auto& [kind, names] : i->unmanaged)
      for (const auto& n : names) ADD_FAILURE() << "in-scope case holds " << kind << ": " << n;
  model::Schema at_a = ia.schema, want = ib.schema;

  introspect::ServerOracle oracle(a);
  codegen::Rendered r = codegen::render(diff::plan(at_a, want, options, &oracle));
  try {
    a.execute(r.up_body);
  } catch (const std::exception& e) {
    FAIL() << "up failed: " << e.what() << "\n" << r.up_body;
  }
  model::Schema after_up = introspect::inspect(a, reading).schema;
  EXPECT_EQ(shape(diff::normalized(after_up, options)), shape(diff::normalized(want, options)));
  EXPECT_EQ(pending(a, after_up, want, options), "") << "up was:\n" << r.up_body;
  try {
    a.execute(r.down_body);
  } catch (const std::exception& e) {
    FAIL() << "down failed: " << e.what() << "\n" << r.down_body;
  }
  model::Schema after_down = introspect::inspect(a, reading).schema;
  EXPECT_EQ(shape(diff::normalized(after_down, options)), shape(diff::normalized(at_a, options)));
  EXPECT_EQ(pending(a, after_down, at_a, options), "") << "down was:\n" << r.down_body;
  if (!HasFailure()) ++passed;
}

INSTANTIATE_TEST_SUITE_P(Cases, MigraCorpus, ::testing::ValuesIn(corpus_cases()),
                         [](const auto& info) {
                           std::string n;
                           for (char ch : info.param.name) n += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
                           return n;
                         });

}  // namespace
}  // namespace strata::golden
