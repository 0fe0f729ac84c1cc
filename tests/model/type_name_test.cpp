#include "model/type_name.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace strata::model {
namespace {

struct Case {
  std::string spelled;
  std::string canonical;
};

// Every alias of the table, with the spelling format_type() prints.
const std::vector<Case> kAliases = {
    {"int", "integer"}, {"int4", "integer"}, {"integer", "integer"}, {"INTEGER", "integer"},
    {"int2", "smallint"}, {"smallint", "smallint"}, {"int8", "bigint"}, {"bigint", "bigint"},
    {"BigInt", "bigint"},
    {"smallserial", "smallserial"}, {"serial2", "smallserial"}, {"serial", "serial"},
    {"serial4", "serial"}, {"bigserial", "bigserial"}, {"serial8", "bigserial"},
    {"real", "real"}, {"float4", "real"}, {"float8", "double precision"},
    {"double precision", "double precision"}, {"DOUBLE   PRECISION", "double precision"},
    {"float", "double precision"}, {"float(1)", "real"}, {"float(24)", "real"},
    {"float(25)", "double precision"}, {"float(53)", "double precision"},
    {"decimal", "numeric"}, {"numeric", "numeric"}, {"numeric(10,2)", "numeric(10,2)"},
    {"numeric(10)", "numeric(10,0)"}, {"decimal(8, 3)", "numeric(8,3)"}, {"dec(5)", "numeric(5,0)"},
    {"bool", "boolean"}, {"boolean", "boolean"},
    {"char", "character(1)"}, {"character", "character(1)"}, {"char(5)", "character(5)"},
    {"character(5)", "character(5)"}, {"bpchar(4)", "character(4)"},
    {"varchar", "character varying"}, {"varchar(20)", "character varying(20)"},
    {"character varying(30)", "character varying(30)"}, {"char varying(7)", "character varying(7)"},
    {"text", "text"}, {"bytea", "bytea"}, {"date", "date"},
    {"time", "time without time zone"}, {"time(3)", "time(3) without time zone"},
    {"time without time zone", "time without time zone"},
    {"timetz", "time with time zone"}, {"timetz(2)", "time(2) with time zone"},
    {"time(2) with time zone", "time(2) with time zone"},
    {"timestamp", "timestamp without time zone"},
    {"timestamp(0) without time zone", "timestamp(0) without time zone"},
    {"timestamptz", "timestamp with time zone"}, {"timestamptz(6)", "timestamp(6) with time zone"},
    {"timestamp with time zone", "timestamp with time zone"},
    {"timestamp(3) with time zone", "timestamp(3) with time zone"},
    {"TIMESTAMP(3) WITH TIME ZONE", "timestamp(3) with time zone"},
    {"interval", "interval"}, {"interval(3)", "interval(3)"},
    {"interval year to month", "interval year to month"},
    {"interval day to second(3)", "interval day to second(3)"},
    {"interval second(2)", "interval second(2)"}, {"interval hour", "interval hour"},
    {"interval minute to second", "interval minute to second"},
    {"uuid", "uuid"}, {"json", "json"}, {"jsonb", "jsonb"},
    {"inet", "inet"}, {"cidr", "cidr"}, {"macaddr", "macaddr"}, {"macaddr8", "macaddr8"},
    {"money", "money"}, {"bit", "bit(1)"}, {"bit(4)", "bit(4)"}, {"varbit", "bit varying"},
    {"varbit(5)", "bit varying(5)"}, {"bit varying", "bit varying"},
    {"bit varying(5)", "bit varying(5)"}, {"tsvector", "tsvector"}, {"tsquery", "tsquery"},
    {"xml", "xml"}, {"oid", "oid"}, {"\"char\"", "\"char\""}, {"tstzrange", "tstzrange"},
    // Arrays: one [] whatever the dimensions or sizes.
    {"int[]", "integer[]"}, {"integer[][]", "integer[]"}, {"int[3]", "integer[]"},
    {"integer array", "integer[]"}, {"integer ARRAY[4]", "integer[]"}, {"_int4", "integer[]"},
    {"_varchar", "character varying[]"}, {"varchar(10)[]", "character varying(10)[]"},
    {"timestamptz[]", "timestamp with time zone[]"}, {"numeric(5)[3]", "numeric(5,0)[]"},
    {"double precision[]", "double precision[]"}, {"text [ ] [ ]", "text[]"},
    {"\"char\"[]", "\"char\"[]"}, {"_char", "\"char\"[]"},
    // Catalog names: quoted, or qualified with pg_catalog.
    {"\"int4\"", "integer"}, {"\"timestamp\"", "timestamp without time zone"},
    {"pg_catalog.int8", "bigint"}, {"pg_catalog.varchar(12)", "character varying(12)"},
    {"pg_catalog.timestamptz", "timestamp with time zone"},
    // User types: always schema-qualified, quoted as format_type quotes.
    {"user_role", "app.user_role"}, {"User_Role", "app.user_role"},
    {"user_role[]", "app.user_role[]"}, {"auth.role", "auth.role"},
    {"\"UserRole\"", "app.\"UserRole\""}, {"public.\"Mixed Case\"[]", "public.\"Mixed Case\"[]"},
    {"\"integer\"", "app.\"integer\""}, {"citext", "app.citext"},
};

class TypeAlias : public ::testing::TestWithParam<Case> {};

TEST_P(TypeAlias, CanonicalSpelling) {
  const Case& c = GetParam();
  TypeName t = canonical_type(c.spelled, "app");
  ASSERT_TRUE(t.ok()) << c.spelled << ": " << t.error;
  EXPECT_EQ(t.canonical, c.canonical) << c.spelled;
}

INSTANTIATE_TEST_SUITE_P(AllAliases, TypeAlias, ::testing::ValuesIn(kAliases));

TEST(TypeName, UserTypeParts) {
  TypeName t = canonical_type("Auth.\"Role\"[]", "public");
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t.user_type);
  EXPECT_EQ(t.user_schema, "auth");
  EXPECT_EQ(t.user_name, "Role");
  EXPECT_TRUE(t.array);
  EXPECT_EQ(t.canonical, "auth.\"Role\"[]");

  TypeName b = canonical_type("integer", "public");
  EXPECT_FALSE(b.user_type);
  EXPECT_FALSE(b.array);
}

struct Bad {
  std::string spelled;
  std::string error;
};

class BadType : public ::testing::TestWithParam<Bad> {};

TEST_P(BadType, Rejected) {
  const Bad& b = GetParam();
  TypeName t = canonical_type(b.spelled, "public");
  EXPECT_FALSE(t.ok()) << b.spelled << " gave " << t.canonical;
  EXPECT_EQ(t.error, b.error);
  EXPECT_TRUE(t.canonical.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Errors, BadType,
    ::testing::Values(
        Bad{"", "invalid type '': empty type"},
        Bad{"float(0)", "invalid type 'float(0)': precision for type float must be at least 1 bit"},
        Bad{"float(54)", "invalid type 'float(54)': precision for type float must be less than 54 bits"},
        Bad{"numeric(0)", "invalid type 'numeric(0)': NUMERIC precision 0 must be between 1 and 1000"},
        Bad{"numeric(1,2,3)", "invalid type 'numeric(1,2,3)': numeric takes a precision and a scale"},
        Bad{"varchar(0)", "invalid type 'varchar(0)': length for type character varying must be at least 1"},
        Bad{"time(7)", "invalid type 'time(7)': precision of time must be between 0 and 6"},
        Bad{"integer(5)", "invalid type 'integer(5)': type integer does not take a modifier"},
        Bad{"double", "invalid type 'double': expected 'precision' after 'double'"},
        Bad{"timestamp with zone", "invalid type 'timestamp with zone': expected 'with time zone' or 'without time zone'"},
        Bad{"interval year to second", "invalid type 'interval year to second': invalid interval fields"},
        Bad{"interval hour(2)", "invalid type 'interval hour(2)': interval precision is only allowed after 'second'"},
        Bad{"int[", "invalid type 'int[': malformed array suffix"},
        Bad{"varchar(", "invalid type 'varchar(': malformed type modifier"},
        Bad{"a.b.c", "invalid type 'a.b.c': too many dotted names"},
        Bad{"\"open", "invalid type '\"open': unterminated quoted name"},
        Bad{"int;", "invalid type 'int;': unexpected character ';'"},
        Bad{"text text", "invalid type 'text text': unexpected 'text'"},
        Bad{"serial[]", "invalid type 'serial[]': array of serial is not implemented"},
        Bad{"user_role(3)", "invalid type 'user_role(3)': type modifier is not allowed for type user_role"},
        Bad{"pg_catalog.nosuch", "invalid type 'pg_catalog.nosuch': unknown type 'pg_catalog.nosuch'"}));

TEST(TypeName, KnownUserTypes) {
  std::vector<std::string> known = {"public.mood", "auth.role"};
  EXPECT_EQ(canonical_type("mood[]", "public", known).canonical, "public.mood[]");
  EXPECT_EQ(canonical_type("auth.role", "public", known).canonical, "auth.role");
  EXPECT_EQ(canonical_type("bigint", "public", known).canonical, "bigint");
  EXPECT_EQ(canonical_type("bigitn", "public", known).error,
            "unknown type 'bigitn' (did you mean 'bigint'?)");
  EXPECT_EQ(canonical_type("mod", "public", known).error,
            "unknown type 'mod' (did you mean 'mood'?)");
  EXPECT_EQ(canonical_type("auth.rol", "public", known).error,
            "unknown type 'auth.rol' (did you mean 'auth.role'?)");
  EXPECT_EQ(canonical_type("zzzzzz", "public", known).error, "unknown type 'zzzzzz'");
  EXPECT_TRUE(canonical_type("numeric(0)", "public", known).error.find("NUMERIC precision") !=
              std::string::npos);
}

TEST(TypeName, Helpers) {
  EXPECT_EQ(serial_base_type("serial"), "integer");
  EXPECT_EQ(serial_base_type("bigserial"), "bigint");
  EXPECT_EQ(serial_base_type("smallserial"), "smallint");
  EXPECT_EQ(serial_base_type("text"), "text");
  EXPECT_TRUE(is_serial_type("bigserial"));
  EXPECT_FALSE(is_serial_type("bigint"));
  EXPECT_EQ(strip_type_modifiers("character varying(20)[]"), "character varying[]");
  EXPECT_EQ(strip_type_modifiers("timestamp(3) with time zone"), "timestamp with time zone");
  EXPECT_EQ(qualify_user_type("public", "Role", true), "public.\"Role\"[]");
  EXPECT_EQ(qualify_user_type("my schema", "order", false), "\"my schema\".\"order\"");
}

}  // namespace
}  // namespace strata::model
