// Model files parsed on other threads come back in file order, each as
// parse_yaml would give it, and loading many files gives the same model and
// the same diagnostics, in file order, as loading them one by one.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.h"
#include "model/parse_ahead.h"
#include "model/yaml_loader.h"

namespace strata::model {
namespace {

std::string table_file(int i) {
  return "tables:\n  t" + std::to_string(i) + ":\n    columns: {id: integer, v" +
         std::to_string(i) + ": text}\n";
}

TEST(ParseAhead, ResultsInFileOrderWhateverTheThreads) {
  std::vector<std::string> texts;
  for (int i = 0; i < 40; ++i) texts.push_back(i % 7 == 3 ? "a: [1, 2\n" : table_file(i));
  std::vector<const std::string*> ptrs;
  for (const auto& t : texts) ptrs.push_back(&t);
  ptrs[5] = nullptr;  // not parsed (a file that is not UTF-8)
  for (std::size_t threads : {0u, 1u, 3u}) {
    ParseAhead ahead(ptrs, threads, 2);
    for (std::size_t i = 0; i < texts.size(); ++i) {
      YamlStream got = ahead.take(i);
      if (i == 5) {
        EXPECT_TRUE(got.documents.empty());
        EXPECT_FALSE(got.error);
        continue;
      }
      YamlStream want = parse_yaml(texts[i]);
      ASSERT_EQ(got.error.has_value(), want.error.has_value()) << i;
      if (want.error) {
        EXPECT_EQ(got.error->message, want.error->message);
        EXPECT_EQ(got.error->line, want.error->line);
        continue;
      }
      ASSERT_EQ(got.documents.size(), 1u) << i;
      YamlNode root = got.documents[0].root();
      ASSERT_TRUE(root.is_map());
      EXPECT_EQ(root.value(0).key(0).scalar(), "t" + std::to_string(i)) << "threads " << threads;
      EXPECT_EQ(root.value(0).key(0).line(), 1);
    }
  }
}

TEST(ParseAhead, StopsWhenNotEverythingIsTaken) {
  std::vector<std::string> texts(20, table_file(1));
  std::vector<const std::string*> ptrs;
  for (const auto& t : texts) ptrs.push_back(&t);
  ParseAhead ahead(ptrs, 2, 3);
  EXPECT_TRUE(ahead.take(0).documents.size() == 1);
  // The destructor stops the threads with files left unparsed.
}

TEST(ParseAhead, ThreadsOnlyForSeveralFiles) {
  EXPECT_EQ(ParseAhead::threads_for(0), 0u);
  EXPECT_EQ(ParseAhead::threads_for(1), 0u);
  EXPECT_GE(ParseAhead::threads_for(2), 1u);
  EXPECT_LE(ParseAhead::threads_for(100), 3u);
}

TEST(ParseAhead, ManyFilesLoadAsOneByOneWithErrorsInFileOrder) {
  std::vector<SourceFile> good, bad;
  for (int i = 0; i < 30; ++i) good.push_back({"f" + std::to_string(i) + ".yaml", table_file(i)});
  Schema s = load_sources(good);
  ASSERT_EQ(s.namespaces.at("public").tables.size(), 30u);
  for (int i = 0; i < 30; ++i) {
    const Table* t = s.find_table({"public", "t" + std::to_string(i)});
    ASSERT_NE(t, nullptr) << i;
    EXPECT_EQ(t->columns.at(1).name, "v" + std::to_string(i));
  }
  // Errors in several files (malformed YAML, bad UTF-8, an unknown type, a
  // duplicate of an earlier file's table) come by file order.
  bad = good;
  bad[4].text = "tables: [\n";
  bad[9].text = "tables:\n  x:\n    columns: {a: \xff}\n";
  bad[17].text = "tables:\n  y:\n    columns: {a: nosuchtype}\n";
  bad[23].text = table_file(2);
  std::string message;
  try {
    load_sources(bad);
  } catch (const LoadError& e) {
    message = e.what();
  }
  auto at = [&](const std::string& s) { return message.find(s); };
  ASSERT_NE(at("f4.yaml:"), std::string::npos) << message;
  ASSERT_NE(at("f9.yaml:"), std::string::npos) << message;
  ASSERT_NE(at("f17.yaml:"), std::string::npos) << message;
  ASSERT_NE(at("f23.yaml:"), std::string::npos) << message;
  EXPECT_LT(at("f4.yaml:"), at("f9.yaml:"));
  EXPECT_LT(at("f9.yaml:"), at("f17.yaml:"));
  EXPECT_LT(at("f17.yaml:"), at("f23.yaml:"));
  EXPECT_NE(message.find("duplicate"), std::string::npos) << message;
  EXPECT_NE(message.find("malformed YAML"), std::string::npos) << message;
}

}  // namespace
}  // namespace strata::model
