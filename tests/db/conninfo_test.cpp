#include "db/conninfo.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "db/connection.h"

namespace strata::db {
namespace {

bool contains(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

TEST(SplitPassword, KeepsEverythingButThePassword) {
  ChildConnection uri = split_password("postgresql://app:s%40cret@db.example:6543/shop?sslmode=require");
  EXPECT_EQ(uri.password, "s@cret");
  EXPECT_FALSE(contains(uri.conninfo, "cret")) << uri.conninfo;
  EXPECT_TRUE(contains(uri.conninfo, "host='db.example'")) << uri.conninfo;
  EXPECT_TRUE(contains(uri.conninfo, "port='6543'")) << uri.conninfo;
  EXPECT_TRUE(contains(uri.conninfo, "dbname='shop'")) << uri.conninfo;
  EXPECT_TRUE(contains(uri.conninfo, "user='app'")) << uri.conninfo;
  EXPECT_TRUE(contains(uri.conninfo, "sslmode='require'")) << uri.conninfo;

  ChildConnection keywords = split_password("host=h dbname='my db' password='it\\'s secret'");
  EXPECT_EQ(keywords.password, "it's secret");
  EXPECT_EQ(keywords.conninfo, "dbname='my db' host='h'");  // libpq's order

  EXPECT_FALSE(split_password("postgresql://app@h/db").password.has_value());
}

TEST(SplitPassword, AnUnparsableUrlIsAnErrorWithoutThePassword) {
  try {
    split_password("postgresql://app:Hunter2Secret@[::1/db");
    FAIL() << "no error";
  } catch (const DatabaseError& e) {
    EXPECT_FALSE(contains(e.what(), "Hunter2Secret")) << e.what();
    EXPECT_TRUE(contains(e.what(), "invalid database URL")) << e.what();
  }
}

TEST(MaskPassword, MasksThePasswordInEverySpelling) {
  const std::string url = "postgresql://app:p%26ss%2Fword@h:5432/db";
  // libpq's messages for malformed URLs quote the URL.
  EXPECT_EQ(mask_password("invalid URI: \"" + url + "\"", url),
            "invalid URI: \"postgresql://app:****@h:5432/db\"");
  EXPECT_EQ(mask_password("got p&ss/word back", url), "got **** back");
  EXPECT_EQ(mask_password("host=h password=abc user=u"), "host=h password=**** user=u");
  EXPECT_EQ(mask_password("url postgres://u:xyz@h/db and more"), "url postgres://u:****@h/db and more");
  EXPECT_EQ(mask_password("nothing secret here", "postgresql://u@h/db"), "nothing secret here");
  // A password libpq cannot decode is still masked as written.
  const std::string bad = "postgresql://u:Zz%zzTop@h/db";
  EXPECT_FALSE(contains(mask_password("invalid percent-encoded token: \"Zz%zzTop\"", bad), "Zz%zzTop"));
}

TEST(Connection, AMalformedUrlErrorDoesNotShowThePassword) {
  for (const std::string url : {"postgresql://u:Hunter2Secret@[::1:5432/db",
                                "postgresql://u:Hunter2Secret@h:5432/db?nosuchparam=1",
                                "postgresql://u:Hunter2Secret%zz@h/db",
                                "postgresql://u:Hunter2Secret@127.0.0.1:notaport/db"}) {
    try {
      Connection c(url);
      FAIL() << "connected to " << url;
    } catch (const DatabaseError& e) {
      EXPECT_FALSE(contains(e.what(), "Hunter2Secret")) << e.what();
    }
  }
}

TEST(UrlProblem, GoodUrlsHaveNone) {
  EXPECT_EQ(url_problem("postgresql://app:pw@db.example:5432/app?sslmode=require"), std::nullopt);
  EXPECT_EQ(url_problem("postgresql:///app?host=/var/run/postgresql"), std::nullopt);
  EXPECT_EQ(url_problem("host=db port=5432 dbname=app password='a b'"), std::nullopt);
  EXPECT_EQ(url_problem("postgresql://h1:5432,h2:5433/app"), std::nullopt);
}

TEST(UrlProblem, BadUrlsAreNamedWithoutTheirPassword) {
  for (const std::string url : {"postgresql://app:s3cret@db:notaport/app", "postgresql://app:s3cret@db:99999/app",
                                "postgresql://app:s3cret@[::1/app", "postgresql://app:s3cret@db/app?bogus=1",
                                "host=db password=s3cret port=5x", "host=db password='s3cret", "nonsense s3cret"}) {
    auto problem = url_problem(url);
    ASSERT_TRUE(problem) << url;
    EXPECT_EQ(problem->find("s3cret"), std::string::npos) << url << " -> " << *problem;
    EXPECT_FALSE(problem->empty());
  }
  EXPECT_EQ(url_problem("postgresql://app:pw@db:99999/app"), "invalid port \"99999\" (a number from 1 to 65535)");
}

TEST(MaskPassword, PercentEncodedAndKeywordForms) {
  EXPECT_EQ(mask_password("at postgresql://u:p%40ss@h/d (p@ss)", "postgresql://u:p%40ss@h/d"),
            "at postgresql://u:****@h/d (****)");
  EXPECT_EQ(mask_password("x password=topsecret y", "host=h password=topsecret"), "x password=**** y");
  EXPECT_EQ(mask_password("text", "postgresql://u@h/d"), "text");
}

}  // namespace
}  // namespace strata::db
