// The loader's YAML tree (built from libyaml's events) against yaml-cpp's
// LoadAll, which the loader used before: the same documents, node kinds,
// values, quoting, positions and sharing, on every YAML file of the test
// suite and on the corners of the format; malformed text refused by both
// (each in its own words).

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "core/utf8.h"
#include "model/yaml_document.h"

namespace strata::model {
namespace {

std::string kind_name(YamlNode::Kind k) {
  switch (k) {
    case YamlNode::Kind::kNull: return "null";
    case YamlNode::Kind::kScalar: return "scalar";
    case YamlNode::Kind::kSequence: return "sequence";
    case YamlNode::Kind::kMap: return "map";
  }
  return "?";
}

std::string kind_name(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Null: return "null";
    case YAML::NodeType::Scalar: return "scalar";
    case YAML::NodeType::Sequence: return "sequence";
    case YAML::NodeType::Map: return "map";
    case YAML::NodeType::Undefined: return "undefined";
  }
  return "?";
}

// Compares two trees to `depth` levels (aliases can make them cyclic); adds
// every difference to `out`, with the path to it.
void compare(const YAML::Node& want, const YamlNode& got, const std::string& path, int depth,
             std::vector<std::string>& out) {
  if (depth > 40) return;
  auto differ = [&](const std::string& what, const std::string& a, const std::string& b) {
    out.push_back(path + ": " + what + " yaml-cpp '" + a + "', ours '" + b + "'");
  };
  if (kind_name(want) != kind_name(got.kind())) {
    differ("kind", kind_name(want), kind_name(got.kind()));
    return;
  }
  YAML::Mark m = want.Mark();
  if (m.line != got.line() || m.column != got.column() || m.pos != got.pos())
    differ("mark", std::to_string(m.line) + ":" + std::to_string(m.column) + "@" +
                       std::to_string(m.pos),
           std::to_string(got.line()) + ":" + std::to_string(got.column()) + "@" +
               std::to_string(got.pos()));
  if (want.IsScalar()) {
    if (want.Scalar() != got.scalar()) differ("value", want.Scalar(), got.scalar());
    if ((want.Tag() == "!") != got.quoted()) differ("quoted (tag)", want.Tag(), got.quoted() ? "!" : "");
  }
  if (want.size() != got.size()) {
    differ("size", std::to_string(want.size()), std::to_string(got.size()));
    return;
  }
  if (want.IsSequence()) {
    for (std::size_t i = 0; i < want.size(); ++i)
      compare(want[i], got.item(i), path + "/" + std::to_string(i), depth + 1, out);
  } else if (want.IsMap()) {
    std::size_t i = 0;
    for (const auto& kv : want) {
      compare(kv.first, got.key(i), path + "/key" + std::to_string(i), depth + 1, out);
      compare(kv.second, got.value(i), path + "/value" + std::to_string(i), depth + 1, out);
      ++i;
    }
  }
}

// The differences between yaml-cpp's reading of `text` and ours.
std::vector<std::string> differences(const std::string& text) {
  std::vector<std::string> out;
  std::vector<YAML::Node> want;
  std::string want_error;
  try {
    want = YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    want_error = std::to_string(e.mark.line) + ":" + std::to_string(e.mark.column) + " " + e.msg;
  }
  YamlStream got = parse_yaml(text);
  std::string got_error =
      got.error ? std::to_string(got.error->line) + ":" + std::to_string(got.error->column) + " " +
                      got.error->message
                : std::string();
  if (want_error.empty() != got_error.empty())
    out.push_back("error: yaml-cpp '" + want_error + "', ours '" + got_error + "'");
  if (!want_error.empty() || !got_error.empty()) return out;
  if (want.size() != got.documents.size()) {
    out.push_back("documents: yaml-cpp " + std::to_string(want.size()) + ", ours " +
                  std::to_string(got.documents.size()));
    return out;
  }
  for (std::size_t i = 0; i < want.size(); ++i)
    compare(want[i], got.documents[i].root(), "doc" + std::to_string(i), 0, out);
  return out;
}

TEST(YamlDocument, SameTreeAsYamlCppOnEveryTestFile) {
  namespace fs = std::filesystem;
  fs::path root = fs::path(STRATA_MODEL_TEST_DIR).parent_path();
  int files = 0;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    auto ext = e.path().extension();
    if (!e.is_regular_file() || (ext != ".yaml" && ext != ".yml")) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    // The loader refuses text that is not UTF-8 before parsing it.
    if (invalid_utf8_at(ss.str()) != std::string::npos) continue;
    for (const auto& d : differences(ss.str())) ADD_FAILURE() << e.path() << ": " << d;
    ++files;
  }
  EXPECT_GT(files, 100);
}

TEST(YamlDocument, SameTreeAsYamlCppOnTheCorners) {
  const std::vector<std::string> cases = {
      "",
      "---\n",
      "~\n",
      "a: ~\nb: null\nc:\nd: ''\ne: \"\"\n",
      "a: 'x'\nb: \"y\"\nc: z\nd: !!str 5\ne: !custom w\nf: '5'\n",
      "k: |\n  line one\n  line two\nl: >\n  folded\n  text\n",
      "{a: [1, 2, {b: c}], d: {}}\n",
      "- a\n- - b\n  - c\n- {x: y}\n-\n",
      "base: &b {type: text}\nuse: *b\nlist: [*b, *b]\n",
      "&a [*a]\n",
      "? complex\n: value\n? [k]\n: v\n",
      "a: 1\na: 2\n",
      "---\ntables: {}\n---\nschema: app\n...\n---\n",
      "a: 'it''s'\nb: \"tab\\tnew\\nline\"\n",
      "# comment only\n",
      "a: [1, 2\n",
      "a: b: c\n",
      "a: *missing\n",
      "\xef\xbb\xbf" "a: b\n",
      "a:\r\n  b: c\r\n",
      "name: 'caf\xc3\xa9 \xe2\x82\xac'\nnext: {k: \xf0\x9f\x98\x80, l: x}\nlast:\n",
      "{a, b: c}\n",
      "[a: b, c]\n",
      "s:\n-\n- a\n-   # nothing\n\n- b\nc:\n  d:\n  # gone\ne: f\ng:\n- x\n-\n",
      "- &x\n- *x\n- !!str\n- ! ~\n- !!null ~\n",
      "a: |\n  x\nb: >-\n  y\n",
  };
  for (const auto& text : cases)
    for (const auto& d : differences(text)) ADD_FAILURE() << "'" << text << "': " << d;
}

TEST(YamlDocument, NodesOfADocument) {
  YamlStream s = parse_yaml("t:\n  columns: {id: integer, name: 'text'}\n  tags: [a, b]\n");
  ASSERT_FALSE(s.error);
  ASSERT_EQ(s.documents.size(), 1u);
  YamlNode root = s.documents[0].root();
  ASSERT_TRUE(root.is_map());
  ASSERT_EQ(root.size(), 1u);
  EXPECT_EQ(root.key(0).scalar(), "t");
  YamlNode t = root.value(0);
  ASSERT_EQ(t.size(), 2u);
  YamlNode cols = t.value(0);
  EXPECT_EQ(cols.line(), 1);
  EXPECT_EQ(cols.column(), 11);
  EXPECT_EQ(cols.value(1).scalar(), "text");
  EXPECT_TRUE(cols.value(1).quoted());
  EXPECT_FALSE(cols.value(0).quoted());
  std::vector<std::string> tags;
  for (YamlNode n : t.value(1)) tags.push_back(n.scalar());
  EXPECT_EQ(tags, (std::vector<std::string>{"a", "b"}));
  // A map iterates as nothing (its entries are key(i) and value(i)).
  int n = 0;
  for (YamlNode x : cols) n += static_cast<int>(x.size()) + 1;
  EXPECT_EQ(n, 0);
  EXPECT_FALSE(YamlNode());
  EXPECT_TRUE(YamlNode().is_null());
  EXPECT_EQ(YamlNode().scalar(), "");
}

// A lone '\r' breaks a line for libyaml (yaml-cpp refused it); positions
// still count '\n'-ended lines and bytes, as every diagnostic does.
TEST(YamlDocument, CarriageReturnAloneBreaksALine) {
  YamlStream s = parse_yaml("a: x\rb: y\n");
  ASSERT_FALSE(s.error) << s.error->message;
  ASSERT_EQ(s.documents.size(), 1u);
  YamlNode root = s.documents[0].root();
  ASSERT_EQ(root.size(), 2u);
  EXPECT_EQ(root.key(1).scalar(), "b");
  EXPECT_EQ(root.key(1).line(), 0);
  EXPECT_EQ(root.key(1).column(), 5);
  EXPECT_EQ(root.key(1).pos(), 5);
}

// A document starting with a token that cannot start a node (yaml-cpp 0.7
// stood still there, building null documents until memory ran out) is an
// error at that token.
TEST(YamlDocument, DocumentStartingWithACommaIsAnError) {
  struct Case {
    std::string text;
    int line, column;
  };
  for (const Case& c : std::vector<Case>{{",", 0, 0},
                                         {",,", 0, 0},
                                         {"---\ntables: {}\n---\n,\n", 3, 0},
                                         {"\n\n  ,\n", 2, 2}}) {
    YamlStream s = parse_yaml(c.text);
    ASSERT_TRUE(s.error) << c.text;
    EXPECT_TRUE(s.documents.empty());
    EXPECT_EQ(s.error->line, c.line) << c.text;
    EXPECT_EQ(s.error->column, c.column) << c.text;
    EXPECT_NE(s.error->message.find("did not find expected node content"), std::string::npos)
        << s.error->message;
  }
}

}  // namespace
}  // namespace strata::model
