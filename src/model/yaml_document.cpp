#include "model/yaml_document.h"

#include <map>
#include <sstream>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

namespace strata::model {

const std::string& YamlNode::scalar() const {
  static const std::string kEmpty;
  return doc_ ? doc_->nodes_[index_].scalar : kEmpty;
}

// Builds one YamlDocument from the events of one document, as yaml-cpp's own
// (private) NodeBuilder builds its nodes: same kinds, positions and sharing.
class YamlDocumentBuilder : public YAML::EventHandler {
 public:
  YamlDocumentBuilder(YamlDocument& doc, std::size_t expected_nodes) : doc_(doc) {
    doc_.nodes_.reserve(expected_nodes);
    doc_.children_.reserve(expected_nodes);
  }

  YAML::Mark start;  // where the document started

  void OnDocumentStart(const YAML::Mark& mark) override { start = mark; }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    attach(add(mark, YamlNode::Kind::kNull, anchor));
  }
  void OnAlias(const YAML::Mark&, YAML::anchor_t anchor) override {
    // The parser refuses an alias to an unknown anchor before this.
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) throw YAML::ParserException(YAML::Mark(), "unknown anchor");
    attach(it->second);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    std::uint32_t i = add(mark, YamlNode::Kind::kScalar, anchor);
    auto& n = doc_.nodes_[i];
    n.scalar = value;
    // yaml-cpp tags a quoted scalar without an explicit tag "!", a plain one "?".
    n.quoted = tag == "!";
    attach(i);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(add(mark, YamlNode::Kind::kSequence, anchor));
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(add(mark, YamlNode::Kind::kMap, anchor));
  }
  void OnMapEnd() override { close(); }

 private:
  std::uint32_t add(const YAML::Mark& mark, YamlNode::Kind kind, YAML::anchor_t anchor) {
    auto i = static_cast<std::uint32_t>(doc_.nodes_.size());
    auto& n = doc_.nodes_.emplace_back();
    n.kind = kind;
    n.line = mark.line;
    n.column = mark.column;
    n.pos = mark.pos;
    // Registered when the node starts, as yaml-cpp does: an alias inside its
    // own anchor makes a cycle (the reader walks with a budget).
    if (anchor != YAML::NullAnchor) anchors_[anchor] = i;
    return i;
  }
  void attach(std::uint32_t i) {
    if (depth_ == 0) {
      doc_.root_ = i;
      return;
    }
    open_[depth_ - 1].second.push_back(i);
  }
  void open(std::uint32_t i) {
    attach(i);
    // The child lists are reused from one collection to the next.
    if (open_.size() == depth_) open_.emplace_back();
    open_[depth_].first = i;
    open_[depth_].second.clear();
    ++depth_;
  }
  void close() {
    auto& [i, kids] = open_[--depth_];
    auto& n = doc_.nodes_[i];
    n.first = static_cast<std::uint32_t>(doc_.children_.size());
    n.count = static_cast<std::uint32_t>(kids.size());
    doc_.children_.insert(doc_.children_.end(), kids.begin(), kids.end());
  }

  YamlDocument& doc_;
  std::map<YAML::anchor_t, std::uint32_t> anchors_;
  std::vector<std::pair<std::uint32_t, std::vector<std::uint32_t>>> open_;
  std::size_t depth_ = 0;
};

namespace {

std::vector<YamlDocument> load_all_documents(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  std::vector<YamlDocument> docs;
  bool first = true;
  // About one node per 8 bytes of a model file: reserved, so the node list
  // is not copied as it grows.
  const std::size_t expected_nodes = text.size() / 8 + 16;
  int last = -1;
  while (true) {
    YamlDocument doc;
    YamlDocumentBuilder builder(doc, docs.empty() ? expected_nodes : 0);
    if (!parser.HandleNextDocument(builder)) break;
    // A document that starts where the one before it started is the parser
    // standing still (yaml-cpp 0.7 on a token it does not consume).
    if (!first && builder.start.pos == last)
      throw YAML::ParserException(builder.start,
                                  "unexpected character; a document cannot start here");
    first = false;
    last = builder.start.pos;
    docs.push_back(std::move(doc));
  }
  return docs;
}

}  // namespace

YamlStream parse_yaml(const std::string& text) {
  YamlStream out;
  try {
    out.documents = load_all_documents(text);
  } catch (const YAML::Exception& e) {
    out.documents.clear();
    out.error = YamlStream::Error{e.mark.line, e.mark.column, e.msg};
  }
  return out;
}

}  // namespace strata::model
