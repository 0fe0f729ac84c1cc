// The `strata:precheck` block of an up file's header: format and parse.
#include <gtest/gtest.h>

#include "core/error.h"
#include "revision/precheck.h"
#include "revision/revision.h"

namespace strata::revision {
namespace {

const std::string kHead =
    "-- strata:revision 20261125134210\n"
    "-- strata:parent   none\n"
    "-- strata:message  Tighten users\n";

Revision sample() {
  Revision r;
  r.id = "20261125134210";
  r.message = "Tighten users";
  r.summary = "-- changes:\n--   ~ column public.users.email: NOT NULL\n-- hazards: none\n";
  r.prechecks = {
      {"not-null", "public.users.email gets NOT NULL: rows where it is NULL",
       "SELECT concat('(id)=(', r.id, ')')\nFROM public.users AS r\nWHERE r.email IS NULL\nORDER BY r.id"},
      {"unchecked", "public.users.age changes type with using: x; not checked", ""},
      // Leading spaces inside a quoted name survive a line break.
      {"check", "check on a hostile name", "SELECT 1 FROM public.\"a\n   b\" AS r WHERE NOT (r.n > 0)"},
  };
  return r;
}

std::string diagnostics_of(const std::string& text) {
  try {
    parse_header(text, "x.up.sql");
  } catch (const LoadError& e) {
    return e.what();
  }
  return "";
}

TEST(PrecheckBlock, FormatThenParseGivesTheSameChecks) {
  Revision r = sample();
  std::string header = render_header(r);
  Revision back = parse_header(header + "\nALTER TABLE public.users ALTER COLUMN email SET NOT NULL;\n", "x.up.sql");
  EXPECT_EQ(back.prechecks, r.prechecks);
  EXPECT_EQ(back.summary, r.summary);
  // And again, byte for byte.
  EXPECT_EQ(render_header(back), header);
}

TEST(PrecheckBlock, IsReadableLines) {
  std::string block = format_prechecks(sample().prechecks);
  EXPECT_EQ(block.substr(0, block.find("-- strata:precheck unchecked")),
            "-- strata:precheck not-null public.users.email gets NOT NULL: rows where it is NULL\n"
            "-- strata:precheck-sql SELECT concat('(id)=(', r.id, ')')\n"
            "-- strata:precheck-sql FROM public.users AS r\n"
            "-- strata:precheck-sql WHERE r.email IS NULL\n"
            "-- strata:precheck-sql ORDER BY r.id\n");
}

TEST(PrecheckBlock, AHandWrittenRevisionMayHaveNone) {
  Revision r = parse_header(kHead + "\nSELECT 1;\n", "x.up.sql");
  EXPECT_TRUE(r.prechecks.empty());
}

TEST(PrecheckBlock, UnknownKindIsAnErrorListingTheKinds) {
  std::string e = diagnostics_of(kHead + "-- strata:precheck dupes rows\n-- strata:precheck-sql SELECT 1\n");
  EXPECT_NE(e.find("x.up.sql:4:"), std::string::npos) << e;
  EXPECT_NE(e.find("unknown pre-check kind 'dupes'"), std::string::npos) << e;
  EXPECT_NE(e.find("not-null, has-rows, unique"), std::string::npos) << e;
}

TEST(PrecheckBlock, ACheckNeedsADescriptionAndAQuery) {
  EXPECT_NE(diagnostics_of(kHead + "-- strata:precheck unique\n-- strata:precheck-sql SELECT 1\n")
                .find("needs a description"),
            std::string::npos);
  std::string e = diagnostics_of(kHead + "-- strata:precheck unique rows sharing email\n");
  EXPECT_NE(e.find("x.up.sql:4:"), std::string::npos) << e;
  EXPECT_NE(e.find("has no query"), std::string::npos) << e;
}

TEST(PrecheckBlock, SqlWithoutACheckIsAnError) {
  std::string e = diagnostics_of(kHead + "-- strata:precheck-sql SELECT 1\n");
  EXPECT_NE(e.find("x.up.sql:4:"), std::string::npos) << e;
  EXPECT_NE(e.find("without a `strata:precheck KIND DESCRIPTION` line"), std::string::npos) << e;
}

TEST(PrecheckBlock, ANoteHasNoQuery) {
  std::string e = diagnostics_of(kHead + "-- strata:precheck unchecked a note\n-- strata:precheck-sql SELECT 1\n");
  EXPECT_NE(e.find("x.up.sql:5:"), std::string::npos) << e;
  EXPECT_NE(e.find("is a note and has no query"), std::string::npos) << e;
}

TEST(PrecheckBlock, TheQueryIsOneSelect) {
  std::string e = diagnostics_of(kHead + "-- strata:precheck check rows\n-- strata:precheck-sql DELETE FROM t\n");
  EXPECT_NE(e.find("must be exactly one SELECT"), std::string::npos) << e;
  e = diagnostics_of(kHead + "-- strata:precheck check rows\n-- strata:precheck-sql SELECT 1; SELECT 2\n");
  EXPECT_NE(e.find("must be exactly one SELECT"), std::string::npos) << e;
  e = diagnostics_of(kHead + "-- strata:precheck check rows\n-- strata:precheck-sql SELECT 1 INTO t2\n");
  EXPECT_NE(e.find("must be exactly one SELECT"), std::string::npos) << e;
  e = diagnostics_of(kHead + "-- strata:precheck check rows\n-- strata:precheck-sql SELECT FROM WHERE (\n");
  EXPECT_NE(e.find("does not parse"), std::string::npos) << e;
}

}  // namespace
}  // namespace strata::revision
