// Which type changes carry a per-row test, which need none, and which have
// no cheap one (a note in the revision).
#include "precheck/cast_check.h"

#include <gtest/gtest.h>

namespace strata::precheck {
namespace {

enum class Verdict { kNone, kChecked, kUnchecked };

Verdict verdict(const std::string& from, const std::string& to,
                std::optional<std::vector<std::string>> labels = std::nullopt) {
  bool checkable = true;
  auto c = cast_check("r.c", from, to, labels, checkable);
  if (c) return Verdict::kChecked;
  return checkable ? Verdict::kNone : Verdict::kUnchecked;
}

TEST(CastCheck, WideningsAndTextNeedNone) {
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"smallint", "integer"},
           {"integer", "bigint"},
           {"integer", "text"},
           {"date", "character varying"},
           {"character varying(10)", "character varying(20)"},
           {"numeric(10,2)", "numeric(12,2)"},
           {"numeric(10,2)", "numeric"},
           {"integer", "numeric"},
           {"integer[]", "bigint[]"},
           {"timestamp without time zone", "timestamp with time zone"},
           {"timestamp with time zone", "timestamp(3) without time zone"},
           {"boolean", "integer"}})
    EXPECT_EQ(verdict(from, to), Verdict::kNone) << from << " -> " << to;
}

TEST(CastCheck, TheCastsPostgreSQLCanTestPerRowAreChecked) {
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"text", "integer"},
           {"character varying(20)", "bigint"},
           {"text", "numeric(5,2)"},
           {"text", "double precision"},
           {"text", "boolean"},
           {"numeric", "integer"},
           {"double precision", "bigint"},
           {"bigint", "integer"},
           {"integer", "numeric(4,1)"},
           {"numeric(10,2)", "numeric(4,2)"},
           {"text", "character varying(10)"},
           {"integer", "character varying(3)"}})
    EXPECT_EQ(verdict(from, to), Verdict::kChecked) << from << " -> " << to;
  EXPECT_EQ(verdict("text", "public.mood", std::vector<std::string>{"happy"}), Verdict::kChecked);
}

TEST(CastCheck, OthersSaySoInsteadOfPretending) {
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"text", "date"},
           {"text", "timestamp with time zone"},
           {"text", "uuid"},
           {"text", "jsonb"},
           {"text", "text[]"},
           {"text[]", "integer[]"},
           {"integer", "boolean[]"}})
    EXPECT_EQ(verdict(from, to), Verdict::kUnchecked) << from << " -> " << to;
}

TEST(CastCheck, ConditionsAreWrittenOnTheColumn) {
  bool checkable = true;
  auto c = cast_check("r.name", "character varying(50)", "character varying(10)", std::nullopt, checkable);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->kind, "narrowing");
  EXPECT_EQ(c->condition, "char_length(r.name) > 10");
  c = cast_check("r.n", "bigint", "smallint", std::nullopt, checkable);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->condition, "r.n NOT BETWEEN -32768 AND 32767");
  c = cast_check("r.s", "text", "public.st", std::vector<std::string>{"a", "it's"}, checkable);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->condition, "r.s::text NOT IN ('a', 'it''s')");
}

}  // namespace
}  // namespace strata::precheck
