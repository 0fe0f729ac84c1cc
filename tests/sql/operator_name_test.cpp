#include "sql/operator_name.h"

#include <gtest/gtest.h>

namespace strata::sql {
namespace {

TEST(ParseOperator, ReadsBareQualifiedAndOperatorForms) {
  struct Case {
    const char* text;
    OperatorName want;
  } cases[] = {
      {"&&", {"", "&&"}},
      {"=", {"", "="}},
      {" <-> ", {"", "<->"}},
      {"-|-", {"", "-|-"}},
      {"public.&&", {"public", "&&"}},
      {"pg_catalog.=", {"pg_catalog", "="}},
      {"\"My Ops\".&&", {"My Ops", "&&"}},
      {"OPERATOR(public.&&)", {"public", "&&"}},
      {"operator( ext.@> )", {"ext", "@>"}},
      {"OPERATOR(&&)", {"", "&&"}},
      {"Ext.&&", {"ext", "&&"}},  // folded as PostgreSQL folds it
  };
  for (const auto& c : cases) {
    std::string error;
    auto op = parse_operator(c.text, &error);
    ASSERT_TRUE(op.has_value()) << c.text << ": " << error;
    EXPECT_EQ(*op, c.want) << c.text;
  }
}

TEST(ParseOperator, RefusesAnythingButOneOperator) {
  for (const char* text :
       {"", "   ", "=)); COPY (SELECT 1) TO PROGRAM 'id > f'; --", "&& =", "=;", "a", "(=)",
        "--", "=--", "/*", "<>/*", "+-", "=+", "'='", "public.", ".&&", "public.&&.x",
        "OPERATOR(public.&&", "OPERATOR(public.&&))", "OPERATOR(x.y.&&)", "\"x.&&", "=\n",
        "&&\u202e", "1.&&",
        "================================================================"}) {
    std::string error;
    EXPECT_FALSE(parse_operator(text, &error).has_value()) << text;
    EXPECT_FALSE(error.empty()) << text;
  }
}

TEST(ParseOperator, KeepsPostgresRulesForTrailingSigns) {
  EXPECT_TRUE(parse_operator("@-").has_value());  // holds @
  EXPECT_TRUE(parse_operator("-").has_value());
  EXPECT_FALSE(parse_operator("<-").has_value());
  EXPECT_FALSE(parse_operator("*+").has_value());
}

TEST(QuoteOperator, QualifiedOperatorsUseTheOperatorForm) {
  EXPECT_EQ(quote_operator({"", "&&"}), "&&");
  EXPECT_EQ(quote_operator({"public", "&&"}), "OPERATOR(public.&&)");
  EXPECT_EQ(quote_operator({"My Ops", "<->"}), "OPERATOR(\"My Ops\".<->)");
  EXPECT_EQ(quote_operator({"select", "="}), "OPERATOR(\"select\".=)");
}

TEST(QuoteOperator, RoundTrips) {
  for (const char* text : {"&&", "OPERATOR(public.&&)", "OPERATOR(\"My Ops\".<->)"}) {
    auto op = parse_operator(text);
    ASSERT_TRUE(op.has_value()) << text;
    EXPECT_EQ(quote_operator(*op), text);
  }
}

}  // namespace
}  // namespace strata::sql
