#pragma once

// The YAML documents of a model file as a compact tree of the loader's own,
// built in one pass from libyaml's parser events, every node keeping its
// position for diagnostics.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace strata::model {

class YamlDocument;

// A node of a YamlDocument: a cheap handle (document and index), valid while
// its document lives. A default-constructed node is "no node" (false).
class YamlNode {
 public:
  enum class Kind : std::uint8_t { kNull, kScalar, kSequence, kMap };

  YamlNode() = default;
  explicit operator bool() const { return doc_ != nullptr; }

  Kind kind() const;
  bool is_null() const { return !doc_ || kind() == Kind::kNull; }
  bool is_scalar() const { return doc_ && kind() == Kind::kScalar; }
  bool is_sequence() const { return doc_ && kind() == Kind::kSequence; }
  bool is_map() const { return doc_ && kind() == Kind::kMap; }

  // A scalar's value; empty for any other node.
  const std::string& scalar() const;
  // True for a quoted or block scalar ('...', "...", | or >) without an
  // explicit tag, or tagged with the non-specific "!": a string whatever it
  // spells ("false", "5").
  bool quoted() const;

  // 0-based line, column and byte offset of the node's first character in
  // the file (for an alias: of the node it names); -1 when unknown.
  int line() const;
  int column() const;
  int pos() const;

  // Items of a sequence, entries of a mapping; 0 for other nodes.
  std::size_t size() const;
  // The i-th item of a sequence. Requires: is_sequence(), i < size().
  YamlNode item(std::size_t i) const;
  // The i-th key and value of a mapping, in document order (repeated keys
  // are kept). Requires: is_map(), i < size().
  YamlNode key(std::size_t i) const;
  YamlNode value(std::size_t i) const;

  // Iterates the items of a sequence (nothing for other nodes).
  class Iterator {
   public:
    Iterator(const YamlNode* n, std::size_t i) : n_(n), i_(i) {}
    YamlNode operator*() const { return n_->item(i_); }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const Iterator& o) const { return i_ != o.i_; }

   private:
    const YamlNode* n_;
    std::size_t i_;
  };
  Iterator begin() const { return {this, 0}; }
  Iterator end() const { return {this, is_sequence() ? size() : 0}; }

 private:
  friend class YamlDocument;
  YamlNode(const YamlDocument* doc, std::uint32_t index) : doc_(doc), index_(index) {}

  const YamlDocument* doc_ = nullptr;
  std::uint32_t index_ = 0;
};

// One document's nodes. Nodes refer to their children by index; an alias is
// the index of the node it names, so nodes may be shared (and, through an
// alias inside its own anchor, cyclic: walk with a budget).
class YamlDocument {
 public:
  // The document's root (a null node for an empty document).
  YamlNode root() const { return nodes_.empty() ? YamlNode() : YamlNode(this, root_); }
  // Number of distinct nodes (aliases not expanded).
  std::size_t node_count() const { return nodes_.size(); }

 private:
  friend class YamlNode;
  friend class YamlDocumentBuilder;

  struct Item {
    std::string scalar;
    std::int32_t line = -1, column = -1, pos = -1;
    std::uint32_t first = 0;  // index of the first child in children_
    std::uint32_t count = 0;  // children (two per mapping entry)
    YamlNode::Kind kind = YamlNode::Kind::kNull;
    bool quoted = false;
  };
  std::vector<Item> nodes_;
  std::vector<std::uint32_t> children_;
  std::uint32_t root_ = 0;
};

// The documents of a YAML text, or why it is not YAML.
struct YamlStream {
  struct Error {
    int line = 0, column = 0;  // 0-based
    std::string message;
  };
  std::vector<YamlDocument> documents;  // empty when there is an error
  std::optional<Error> error;
};

// Every YAML document of `text` (UTF-8), read in one pass of libyaml's
// parser. Malformed YAML gives libyaml's description of the problem, where
// it is, and no documents; so do an alias to an anchor not defined before it
// and collections nested more than 500 levels deep. Positions count bytes
// and '\n'-ended lines (a byte-order mark not counted). Safe to call from
// several threads at once (on different texts).
YamlStream parse_yaml(const std::string& text);

inline YamlNode::Kind YamlNode::kind() const { return doc_->nodes_[index_].kind; }
inline int YamlNode::line() const { return doc_ ? doc_->nodes_[index_].line : -1; }
inline int YamlNode::column() const { return doc_ ? doc_->nodes_[index_].column : -1; }
inline int YamlNode::pos() const { return doc_ ? doc_->nodes_[index_].pos : -1; }
inline bool YamlNode::quoted() const { return doc_ && doc_->nodes_[index_].quoted; }
inline std::size_t YamlNode::size() const {
  if (!doc_) return 0;
  const auto& n = doc_->nodes_[index_];
  return n.kind == Kind::kMap ? n.count / 2 : n.kind == Kind::kSequence ? n.count : 0;
}
inline YamlNode YamlNode::item(std::size_t i) const {
  return {doc_, doc_->children_[doc_->nodes_[index_].first + i]};
}
inline YamlNode YamlNode::key(std::size_t i) const {
  return {doc_, doc_->children_[doc_->nodes_[index_].first + 2 * i]};
}
inline YamlNode YamlNode::value(std::size_t i) const {
  return {doc_, doc_->children_[doc_->nodes_[index_].first + 2 * i + 1]};
}

}  // namespace strata::model
