#include "model/default_names.h"

#include <gtest/gtest.h>

#include <string>

#include "model/suggestion.h"

namespace strata::model {
namespace {

TEST(DefaultNames, ShortNames) {
  EXPECT_EQ(primary_key_name("users"), "users_pkey");
  EXPECT_EQ(unique_name("users", {"email"}), "users_email_key");
  EXPECT_EQ(unique_name("users", {"org_id", "email"}), "users_org_id_email_key");
  EXPECT_EQ(foreign_key_name("posts", {"author_id"}), "posts_author_id_fkey");
  EXPECT_EQ(check_name("users", "age"), "users_age_check");
  EXPECT_EQ(check_name("users", ""), "users_check");
  EXPECT_EQ(index_name("users", {"created_at"}), "users_created_at_idx");
  EXPECT_EQ(exclusion_name("bookings", {"room", "during"}), "bookings_room_during_excl");
  EXPECT_EQ(sequence_name("users", "id"), "users_id_seq");
}

TEST(DefaultNames, TruncatesTheLongerPartFirst) {
  std::string table(60, 't');
  // 63 - len("_x_key") = 57 bytes for the table part; the column part keeps 1.
  EXPECT_EQ(unique_name(table, {"x"}), std::string(57, 't') + "_x_key");
  std::string col(70, 'c');
  // Table "users" (5) stays; the column part is cut to 63 - 5 - 2 - 3 = 53.
  EXPECT_EQ(unique_name("users", {col}), "users_" + std::string(53, 'c') + "_key");
  // Equal lengths: the second part is shortened first, so it ends one shorter.
  std::string a(40, 'a'), b(40, 'b');
  std::string n = make_object_name(a, b, "fkey");
  EXPECT_EQ(n.size(), 63u);
  EXPECT_EQ(n, std::string(29, 'a') + "_" + std::string(28, 'b') + "_fkey");
  EXPECT_EQ(primary_key_name(std::string(70, 'p')), std::string(58, 'p') + "_pkey");
}

TEST(DefaultNames, TruncationKeepsUtf8Characters) {
  // "é" is two bytes; 30 of them are 60 bytes.
  std::string table;
  for (int i = 0; i < 30; ++i) table += "\xC3\xA9";
  std::string n = primary_key_name(table);
  // 63 - 5 = 58 bytes: 29 whole characters.
  EXPECT_EQ(n, table.substr(0, 58) + "_pkey");
  std::string odd = "x" + table;  // 61 bytes; 58 would cut a character in half
  EXPECT_EQ(primary_key_name(odd), odd.substr(0, 57) + "_pkey");
}

TEST(DefaultNames, ColumnAdditionStopsPastSixtyFourBytes) {
  std::vector<std::string> cols = {std::string(40, 'a'), std::string(40, 'b'), "c"};
  std::string add = column_name_addition(cols);
  EXPECT_EQ(add, std::string(40, 'a') + "_" + std::string(40, 'b'));
}

TEST(DefaultNames, IndexKeyColumnNames) {
  EXPECT_EQ(index_key_column_name("lower(email)"), "lower");
  EXPECT_EQ(index_key_column_name("(email)"), "email");
  EXPECT_EQ(index_key_column_name("email::text"), "email");
  EXPECT_EQ(index_key_column_name("a + b"), "expr");
  EXPECT_EQ(index_key_column_name("coalesce(a, b)"), "coalesce");
  EXPECT_EQ(index_key_column_name("public.f(x)"), "f");
  EXPECT_EQ(index_key_column_name("(1)::text"), "text");
  EXPECT_EQ(dedupe_index_column_names({"lower", "lower", "lower", "a"}),
            (std::vector<std::string>{"lower", "lower1", "lower2", "a"}));
}

TEST(DefaultNames, SingleReferencedColumn) {
  EXPECT_EQ(single_referenced_column("age > 0"), "age");
  EXPECT_EQ(single_referenced_column("age > 0 AND age < 200"), "age");
  EXPECT_EQ(single_referenced_column("a < b"), "");
  EXPECT_EQ(single_referenced_column("true"), "");
  EXPECT_EQ(single_referenced_column("position('@' in email) > 0"), "email");
  // The same text again (worked out once per thread, then remembered).
  EXPECT_EQ(single_referenced_column("age > 0"), "age");
  EXPECT_EQ(single_referenced_column("a < b"), "");
}

TEST(Suggestion, ClosestMatch) {
  EXPECT_EQ(did_you_mean("bigitn", {"bigint", "integer"}), " (did you mean 'bigint'?)");
  EXPECT_EQ(did_you_mean("colums", {"columns", "comment"}), " (did you mean 'columns'?)");
  EXPECT_EQ(did_you_mean("zzz", {"columns", "comment"}), "");
  EXPECT_EQ(edit_distance("ab", "ba"), 1);
  EXPECT_EQ(edit_distance("Text", "text"), 0);
  EXPECT_FALSE(closest_match("ab", {"xy"}).has_value());
}

}  // namespace
}  // namespace strata::model
