#include "sql/type_name.h"

#include <gtest/gtest.h>

namespace strata::sql {
namespace {

TEST(ParseTypeName, GivesNamesTypmodsAndArrays) {
  auto t = parse_type_name("character varying(320)");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->names, (std::vector<std::string>{"pg_catalog", "varchar"}));
  EXPECT_EQ(t->typmods, (std::vector<std::string>{"320"}));
  EXPECT_EQ(t->array_dimensions, 0);

  t = parse_type_name("numeric(10, 2)[][]");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->names, (std::vector<std::string>{"pg_catalog", "numeric"}));
  EXPECT_EQ(t->typmods, (std::vector<std::string>{"10", "2"}));
  EXPECT_EQ(t->array_dimensions, 2);

  t = parse_type_name("\"My Schema\".\"Mood\"");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->names, (std::vector<std::string>{"My Schema", "Mood"}));

  t = parse_type_name("integer ARRAY");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->array_dimensions, 1);
}

TEST(ParseTypeName, RefusesWhatIsNotOneTypeName) {
  for (const char* s : {"", "integer, text", "int) FROM pg_class --", "text::int", "1", "int4 x",
                        "varchar(", "integer; DROP TABLE t"})
    EXPECT_FALSE(parse_type_name(s)) << s;
}

TEST(TypeKey, OneKeyForEverySpellingOfAType) {
  const std::vector<std::vector<std::string>> groups = {
      {"integer", "int", "int4", "INTEGER", "pg_catalog.int4"},
      {"bigint", "int8", "pg_catalog.int8"},
      {"smallint", "int2"},
      {"character varying(320)", "varchar(320)", "VARCHAR (320)"},
      {"character varying", "varchar"},
      {"timestamp with time zone", "timestamptz"},
      {"timestamp without time zone", "timestamp"},
      {"time without time zone", "time"},
      {"double precision", "float8", "float"},
      {"real", "float4"},
      {"boolean", "bool"},
      {"numeric(10,2)", "decimal(10, 2)", "NUMERIC(10,2)"},
      {"integer[]", "int4[]", "int[3]", "integer ARRAY"},
      {"public.user_role", "user_role", "\"user_role\""},
      {"text", "pg_catalog.text", "TEXT"},
  };
  for (const auto& group : groups) {
    auto first = type_key(group[0]);
    ASSERT_TRUE(first) << group[0];
    for (const auto& spelling : group) EXPECT_EQ(type_key(spelling), first) << spelling;
  }
}

TEST(TypeKey, DistinguishesDifferentTypes) {
  const std::vector<std::string> types = {
      "integer", "bigint", "text", "character varying(20)", "character varying(21)",
      "character varying", "timestamp with time zone", "timestamp", "numeric(10,2)",
      "numeric(10,3)", "numeric", "integer[]", "integer[][]", "public.user_role",
      "other.user_role", "\"User_role\"", "character(1)", "bytea"};
  for (std::size_t i = 0; i < types.size(); ++i)
    for (std::size_t j = i + 1; j < types.size(); ++j)
      EXPECT_NE(type_key(types[i]), type_key(types[j])) << types[i] << " vs " << types[j];
}

TEST(TypeKey, QualifiesUserTypesWithTheDefaultSchema) {
  EXPECT_EQ(type_key("mood", "app"), type_key("app.mood"));
  EXPECT_NE(type_key("mood", "app"), type_key("public.mood"));
  EXPECT_EQ(type_key("integer", "app"), type_key("integer"));
  EXPECT_EQ(*type_key("public.user_role"), "public.user_role");
}

}  // namespace
}  // namespace strata::sql
