#include "db/conninfo.h"

#include <gtest/gtest.h>

namespace strata::db {
namespace {

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

TEST(MaskPassword, EveryFormOfThePassword) {
  EXPECT_EQ(mask_password("at postgresql://u:p%40ss@h/d (p@ss)", "postgresql://u:p%40ss@h/d"),
            "at postgresql://u:****@h/d (****)");
  EXPECT_EQ(mask_password("x password=topsecret y", "host=h password=topsecret"), "x password=**** y");
  EXPECT_EQ(mask_password("text", "postgresql://u@h/d"), "text");
}

}  // namespace
}  // namespace strata::db
