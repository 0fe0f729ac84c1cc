#include "revision/revision.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "revision/temp_dir.h"

namespace strata::revision {
namespace {

TEST(ParseHeader, ReadsEveryField) {
  Revision r = parse_header(
      "-- strata:revision 20261125134210\n"
      "-- strata:parent   20261120091500\n"
      "-- strata:message  Add user avatar field\n"
      "-- changes:\n"
      "--   + column public.users.avatar_url text\n"
      "-- hazards: none\n"
      "\n"
      "ALTER TABLE users ADD COLUMN avatar_url text;\n",
      "x.up.sql");
  EXPECT_EQ(r.id, "20261125134210");
  EXPECT_EQ(r.parent, "20261120091500");
  EXPECT_EQ(r.message, "Add user avatar field");
  EXPECT_FALSE(r.no_transaction);
  EXPECT_EQ(r.summary,
            "-- changes:\n--   + column public.users.avatar_url text\n-- hazards: none\n");
}

TEST(ParseHeader, NoneParentAndNoTransaction) {
  Revision r = parse_header(
      "-- strata:revision 20261120091500\r\n"
      "-- strata:parent none\r\n"
      "-- strata:message Initial\r\n"
      "-- strata:no-transaction\r\n"
      "CREATE INDEX CONCURRENTLY i ON t (a);\r\n",
      "x.up.sql");
  EXPECT_EQ(r.parent, std::nullopt);
  EXPECT_EQ(r.message, "Initial");
  EXPECT_TRUE(r.no_transaction);
}

TEST(ParseHeader, HeaderEndsAtFirstNonComment) {
  // A strata: line after SQL is not part of the header.
  EXPECT_THROW(parse_header("SELECT 1;\n-- strata:revision 20261120091500\n"
                            "-- strata:parent none\n-- strata:message m\n",
                            "x.up.sql"),
               LoadError);
}

TEST(ParseHeader, ReportsEveryProblemWithLineAndColumn) {
  try {
    parse_header(
        "-- strata:revision 2026112\n"
        "-- strata:parent   last\n"
        "-- strata:mesage  typo\n",
        "m/x.up.sql");
    FAIL() << "no error";
  } catch (const LoadError& e) {
    const auto& d = e.diagnostics();
    ASSERT_EQ(d.size(), 4u) << e.what();
    EXPECT_EQ(d[0].where, (Location{"m/x.up.sql", 1, 20}));
    EXPECT_NE(d[0].message.find("not 14 digits"), std::string::npos);
    EXPECT_EQ(d[1].where, (Location{"m/x.up.sql", 2, 20}));
    EXPECT_NE(d[1].message.find("none"), std::string::npos);
    EXPECT_EQ(d[2].where.line, 3);
    EXPECT_NE(d[2].message.find("unknown header line `strata:mesage`"), std::string::npos);
    EXPECT_NE(d[3].message.find("missing `-- strata:message`"), std::string::npos);
  }
}

TEST(ParseHeader, DuplicateAndSelfParent) {
  try {
    parse_header(
        "-- strata:revision 20261120091500\n"
        "-- strata:parent 20261120091500\n"
        "-- strata:message a\n"
        "-- strata:message b\n",
        "x.up.sql");
    FAIL() << "no error";
  } catch (const LoadError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2u) << e.what();
    EXPECT_EQ(e.diagnostics()[0].where.line, 4);
    EXPECT_NE(e.diagnostics()[0].message.find("duplicate"), std::string::npos);
    EXPECT_NE(e.diagnostics()[1].message.find("names itself"), std::string::npos);
  }
}

TEST(RenderHeader, RoundTripsThroughParse) {
  Revision r;
  r.id = "20261125134210";
  r.parent = "20261120091500";
  r.message = "Add tags";
  r.summary = "-- changes:\n--   + table public.tags\n-- hazards: none";
  r.no_transaction = true;
  std::string text = render_header(r);
  EXPECT_EQ(text,
            "-- strata:revision 20261125134210\n"
            "-- strata:parent   20261120091500\n"
            "-- strata:message  Add tags\n"
            "-- strata:no-transaction\n"
            "-- changes:\n"
            "--   + table public.tags\n"
            "-- hazards: none\n");
  Revision back = parse_header(text + "\nCREATE TABLE tags ();\n", "x");
  EXPECT_EQ(back.id, r.id);
  EXPECT_EQ(back.parent, r.parent);
  EXPECT_EQ(back.message, r.message);
  EXPECT_EQ(back.summary, r.summary + "\n");
  EXPECT_TRUE(back.no_transaction);
}

TEST(Checksum, LeavesOutTheAllowLinesOfTheHeaderOnly) {
  std::string head = "-- strata:revision 20261125134210\n-- strata:parent   none\n";
  std::string body = "\nDROP TABLE t;\n";
  std::string plain = checksum_of(head + body, "CREATE TABLE t ();\n");
  EXPECT_EQ(checksum_of(head + "-- strata:allow data-loss\n" + body, "CREATE TABLE t ();\n"), plain);
  EXPECT_EQ(checksum_of(head + "  --strata:allow   data-loss, rewrite\r\n" + body, "CREATE TABLE t ();\n"), plain);
  // Anything else still counts: the same line after the header, another key.
  EXPECT_NE(checksum_of(head + body + "-- strata:allow data-loss\n", "CREATE TABLE t ();\n"), plain);
  EXPECT_NE(checksum_of(head + "-- strata:allowed data-loss\n" + body, "CREATE TABLE t ();\n"), plain);
  EXPECT_NE(checksum_of(head + "\nDROP TABLE u;\n", "CREATE TABLE t ();\n"), plain);
}

TEST(ParseHeader, AllowLinesListTheAcknowledgedKinds) {
  std::string head =
      "-- strata:revision 20261125134210\n"
      "-- strata:parent   none\n"
      "-- strata:message  Drop things\n";
  Revision r = parse_header(head + "-- strata:allow data-loss, blocks-reads\n-- strata:allow rewrite\n", "x");
  EXPECT_EQ(r.allow, (std::vector<std::string>{"data-loss", "blocks-reads", "rewrite"}));
  EXPECT_EQ(render_header(r), head + "-- strata:allow   data-loss, blocks-reads, rewrite\n");
  EXPECT_EQ(parse_header(render_header(r), "x").allow, r.allow);
  try {
    parse_header(head + "-- strata:allow\n", "x");
    FAIL() << "expected a LoadError";
  } catch (const LoadError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].where.line, 4);
    EXPECT_NE(e.diagnostics()[0].message.find("names no hazard kind"), std::string::npos);
  }
}

TEST(Checksum, LeavesOutTheParentAndAllowLinesTogether) {
  std::string up = "-- strata:revision 20260102000000\n-- strata:parent   20260101000000\n"
                   "-- strata:message m\n-- strata:allow data-loss\n\nDROP TABLE t;\n";
  std::string moved = with_parent(up, std::string("20260101120000"), "f");
  std::string bare = "-- strata:revision 20260102000000\n-- strata:message m\n\nDROP TABLE t;\n";
  EXPECT_EQ(checksum_of(up, "d"), checksum_of(moved, "d"));
  EXPECT_EQ(checksum_of(up, "d"), legacy_checksum_of(bare, "d"));
  EXPECT_NE(checksum_of(up, "d"), checksum_of(up + "SELECT 2;\n", "d"));
}

TEST(Checksum, LeavesOutTheParentLineOnly) {
  std::string up = "-- strata:revision 20260102000000\n-- strata:parent   20260101000000\n"
                   "-- strata:message m\n\nSELECT 1;\n";
  std::string moved = with_parent(up, std::string("20260101120000"), "f");
  EXPECT_EQ(moved, "-- strata:revision 20260102000000\n-- strata:parent   20260101120000\n"
                   "-- strata:message m\n\nSELECT 1;\n");
  EXPECT_EQ(with_parent(up, std::nullopt, "f").find("-- strata:parent   none\n"), 34u);
  EXPECT_EQ(checksum_of(up, "d"), checksum_of(moved, "d"));
  EXPECT_EQ(checksum_of(up, "d"), legacy_checksum_of("-- strata:revision 20260102000000\n"
                                                     "-- strata:message m\n\nSELECT 1;\n", "d"));
  EXPECT_NE(checksum_of(up, "d"), checksum_of(up + "SELECT 2;\n", "d"));
  EXPECT_NE(checksum_of(up, "d"), checksum_of(up, "e"));
  EXPECT_THROW(with_parent("SELECT 1;\n", std::nullopt, "f"), LoadError);

  // Checksums recorded before the parent line was left out still match,
  // also after a rebase moved the revision; an edit of the SQL does not.
  Revision r = parse_header(moved, "f");
  r.up_sql = moved;
  r.down_sql = "d";
  r.checksum = checksum_of(r.up_sql, r.down_sql);
  std::string legacy = legacy_checksum_of(up, "d");
  EXPECT_TRUE(matches_recorded(r, r.checksum, std::string("20260101000000")));
  EXPECT_TRUE(matches_recorded(r, legacy, std::string("20260101000000")));
  EXPECT_FALSE(matches_recorded(r, legacy, std::string("20260101120000")));
  r.up_sql += "SELECT 2;\n";
  r.checksum = checksum_of(r.up_sql, r.down_sql);
  EXPECT_FALSE(matches_recorded(r, legacy, std::string("20260101000000")));
}

TEST(Checksum, IsSha256OfBothFiles) {
  // sha256("abc")
  EXPECT_EQ(checksum_of("ab", "c"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(checksum_of("", ""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(ReadRevision, MissingDownFileIsReported) {
  testing::TempDir dir;
  dir.write("a.up.sql", "-- strata:revision 20261120091500\n-- strata:parent none\n"
                        "-- strata:message m\n");
  try {
    read_revision(dir.path() / "a.up.sql");
    FAIL() << "no error";
  } catch (const LoadError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_NE(e.diagnostics()[0].message.find("missing down file"), std::string::npos);
  }
  dir.write("a.down.sql", "DROP TABLE t;\n");
  Revision r = read_revision(dir.path() / "a.up.sql");
  EXPECT_EQ(r.down_sql, "DROP TABLE t;\n");
  EXPECT_EQ(r.checksum, checksum_of(r.up_sql, r.down_sql));
  EXPECT_EQ(r.down_path, dir.path() / "a.down.sql");
}

std::string read_error(const std::string& up, const std::string& down) {
  testing::TempDir dir;
  dir.write("a.up.sql", up);
  dir.write("a.down.sql", down);
  try {
    read_revision(dir.path() / "a.up.sql");
  } catch (const LoadError& e) {
    std::string out;
    for (const auto& d : e.diagnostics()) {
      // Paths without the temporary folder.
      std::string line = d.str();
      out += line.substr(line.rfind('/') + 1) + "\n";
    }
    return out;
  }
  return "";
}

const char* kHeader = "-- strata:revision 20261120091500\n-- strata:parent none\n-- strata:message m\n";

TEST(ReadRevision, BytesThatAreNotUtf8AreNamedWithFileLineAndOffset) {
  std::string up = std::string(kHeader) + "\nSELECT 'caf\xE9';\n";
  std::size_t offset = up.find('\xE9');
  EXPECT_EQ(read_error(up, ""),
            "a.up.sql:5:12: byte " + std::to_string(offset) +
                " (0xE9) is not valid UTF-8; revision files must be UTF-8 (convert the file, e.g. with iconv)\n");
  EXPECT_EQ(read_error(kHeader, "SELECT 1;\n-- \xC0\xAF\n"),
            "a.down.sql:2:4: byte 13 (0xC0) is not valid UTF-8; revision files must be UTF-8 (convert the file, "
            "e.g. with iconv)\n");
  // Truncated sequences, surrogates and code points past U+10FFFF.
  for (std::string bad : {"\xE2\x82", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF"})
    EXPECT_NE(read_error(kHeader, "-- " + bad + "\n").find("a.down.sql:1:4: byte 3"), std::string::npos) << bad;
  // Valid multi-byte text is fine.
  EXPECT_EQ(read_error(std::string(kHeader) + "SELECT 'straße €  𝄞';\n", ""), "");
}

TEST(ReadRevision, AByteOrderMarkIsNamed) {
  EXPECT_EQ(read_error("\xEF\xBB\xBF" + std::string(kHeader), ""),
            "a.up.sql:1:1: the file starts with a UTF-8 byte order mark (bytes EF BB BF); save it as UTF-8 without "
            "a BOM\n");
}

}  // namespace
}  // namespace strata::revision
