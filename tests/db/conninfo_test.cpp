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

}  // namespace
}  // namespace strata::db
