#include "model/yaml_document.h"

#include <yaml.h>

#include <string_view>
#include <unordered_map>

namespace strata::model {

const std::string& YamlNode::scalar() const {
  static const std::string kEmpty;
  return doc_ ? doc_->nodes_[index_].scalar : kEmpty;
}

namespace {

// Deeper nesting than this is refused: the readers walk the tree
// recursively, and no model nests more than a dozen levels.
constexpr std::size_t kMaxDepth = 500;

// A position in the conventions the loader's diagnostics use: 0-based line
// (counting '\n' only), 0-based column and offset in bytes of the text, a
// byte-order mark not counted.
struct Position {
  int line = 0, column = 0, pos = 0;
};

// Turns libyaml's marks (counted in characters, with '\r', U+0085, U+2028
// and U+2029 also breaking lines) into Positions. For ASCII text without a
// lone '\r' the two agree and the mark is taken as it is; otherwise a cursor
// walks the text from the last position asked (marks come in document order,
// so it mostly walks forward).
class Positions {
 public:
  explicit Positions(std::string_view text) : text_(text) {
    if (text_.size() >= 3 && text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
    for (std::size_t i = 0; i < text_.size(); ++i) {
      auto c = static_cast<unsigned char>(text_[i]);
      if (c >= 0x80 || (c == '\r' && (i + 1 == text_.size() || text_[i + 1] != '\n'))) {
        simple_ = false;
        break;
      }
    }
  }

  Position of(const yaml_mark_t& m) {
    if (simple_)
      return {static_cast<int>(m.line), static_cast<int>(m.column), static_cast<int>(m.index)};
    return at_char(m.index);
  }

  // The position of byte `offset` of the text (a reader error's).
  Position at_byte(std::size_t offset) {
    offset = std::min(offset, text_.size());
    if (offset < byte_) rewind();
    while (byte_ < offset) step();
    return current();
  }

 private:
  Position at_char(std::size_t index) {
    if (index < char_) rewind();
    while (char_ < index && byte_ < text_.size()) step();
    return current();
  }
  void rewind() { char_ = byte_ = line_ = line_start_ = 0; }
  // Moves over one character.
  void step() {
    char c = text_[byte_++];
    if (c == '\n') {
      ++line_;
      line_start_ = byte_;
    }
    while (byte_ < text_.size() && (static_cast<unsigned char>(text_[byte_]) & 0xC0) == 0x80)
      ++byte_;
    ++char_;
  }
  Position current() const {
    return {static_cast<int>(line_), static_cast<int>(byte_ - line_start_),
            static_cast<int>(byte_)};
  }

  std::string_view text_;
  bool simple_ = true;
  std::size_t char_ = 0, byte_ = 0, line_ = 0, line_start_ = 0;
};

// A libyaml event, deleted when it goes out of scope.
struct Event {
  yaml_event_t e;
  ~Event() { yaml_event_delete(&e); }
};

// The error a parse stops with: where, and what.
struct ParseError {
  Position where;
  std::string message;
};

}  // namespace

// Builds the YamlDocuments of a text from libyaml's parser events: a node
// per scalar, sequence and mapping, an alias being the index of the node its
// anchor names (so nodes are shared, as the format means).
class YamlDocumentBuilder {
 public:
  explicit YamlDocumentBuilder(const std::string& text) : text_(text), positions_(text) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  ~YamlDocumentBuilder() { yaml_parser_delete(&parser_); }
  YamlDocumentBuilder(const YamlDocumentBuilder&) = delete;
  YamlDocumentBuilder& operator=(const YamlDocumentBuilder&) = delete;

  YamlStream run() {
    YamlStream out;
    try {
      build(out.documents);
    } catch (const ParseError& e) {
      out.documents.clear();
      out.error = YamlStream::Error{e.where.line, e.where.column, e.message};
    }
    return out;
  }

 private:
  void build(std::vector<YamlDocument>& docs) {
    while (true) {
      Event ev;
      if (!yaml_parser_parse(&parser_, &ev.e)) throw parser_error();
      switch (ev.e.type) {
        case YAML_STREAM_END_EVENT: return;
        case YAML_DOCUMENT_START_EVENT:
          doc_ = &docs.emplace_back();
          // About one node per 8 bytes of a model file: reserved for the
          // first document, so the node list is not copied as it grows.
          if (docs.size() == 1) {
            doc_->nodes_.reserve(text_.size() / 8 + 16);
            doc_->children_.reserve(text_.size() / 8 + 16);
          }
          anchors_.clear();
          depth_ = 0;
          break;
        case YAML_DOCUMENT_END_EVENT: doc_ = nullptr; break;
        case YAML_ALIAS_EVENT: alias(ev.e); break;
        case YAML_SCALAR_EVENT: scalar(ev.e); break;
        case YAML_SEQUENCE_START_EVENT:
          open(add(ev.e.start_mark, YamlNode::Kind::kSequence, ev.e.data.sequence_start.anchor));
          break;
        case YAML_MAPPING_START_EVENT:
          open(add(ev.e.start_mark, YamlNode::Kind::kMap, ev.e.data.mapping_start.anchor));
          break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: close(); break;
        default: break;
      }
    }
  }

  void scalar(const yaml_event_t& e) {
    const auto& s = e.data.scalar;
    std::string_view value(reinterpret_cast<const char*>(s.value), s.length);
    const char* tag = reinterpret_cast<const char*>(s.tag);
    // Without a tag, a plain scalar spelling null ("", "~", "null", "Null",
    // "NULL") is a null; a quoted or block scalar is a string whatever it
    // spells, and so is one tagged with the non-specific "!". Any other tag
    // makes a plain scalar.
    const bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
    if (!tag && plain &&
        (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL")) {
      std::uint32_t i = add(e.start_mark, YamlNode::Kind::kNull, s.anchor);
      // A node left out after "key:" or "-" is an empty scalar where that
      // indicator ends; the loader places it at what comes next.
      if (value.empty() && e.start_mark.index == e.end_mark.index) place_left_out(i);
      attach(i);
      return;
    }
    std::uint32_t i = add(e.start_mark, YamlNode::Kind::kScalar, s.anchor);
    auto& n = doc_->nodes_[i];
    n.scalar.assign(value);
    n.quoted = tag ? std::string_view(tag) == "!" : !plain;
    attach(i);
  }

  void alias(const yaml_event_t& e) {
    std::string name(reinterpret_cast<const char*>(e.data.alias.anchor));
    auto it = anchors_.find(name);
    if (it == anchors_.end())
      throw ParseError{positions_.of(e.start_mark),
                       "unknown anchor '" + name + "' (define it with &" + name +
                           " before this *" + name + ")"};
    attach(it->second);
  }

  std::uint32_t add(const yaml_mark_t& mark, YamlNode::Kind kind, const yaml_char_t* anchor) {
    auto i = static_cast<std::uint32_t>(doc_->nodes_.size());
    doc_->nodes_.emplace_back().kind = kind;
    place(i, mark);
    // Registered when the node starts: an alias inside its own anchor makes
    // a cycle (the reader walks with a budget). A later anchor of the same
    // name replaces it.
    if (anchor) anchors_[reinterpret_cast<const char*>(anchor)] = i;
    return i;
  }
  void place(std::uint32_t i, const yaml_mark_t& mark) {
    auto& n = doc_->nodes_[i];
    Position p = positions_.of(mark);
    n.line = p.line;
    n.column = p.column;
    n.pos = p.pos;
  }
  void place_left_out(std::uint32_t i) {
    auto& n = doc_->nodes_[i];
    const std::size_t bom = text_.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    std::size_t at = bom + static_cast<std::size_t>(n.pos);
    if (at == bom || at > text_.size() || (text_[at - 1] != ':' && text_[at - 1] != '-')) return;
    while (at < text_.size()) {
      char c = text_[at];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        ++at;
      } else if (c == '#') {
        while (at < text_.size() && text_[at] != '\n') ++at;
      } else {
        break;
      }
    }
    Position p = positions_.at_byte(at - bom);
    n.line = p.line;
    n.column = p.column;
    n.pos = p.pos;
  }
  void attach(std::uint32_t i) {
    if (depth_ == 0) {
      doc_->root_ = i;
      return;
    }
    open_[depth_ - 1].second.push_back(i);
  }
  void open(std::uint32_t i) {
    if (depth_ >= kMaxDepth) {
      const auto& n = doc_->nodes_[i];
      throw ParseError{{n.line, n.column, n.pos},
                       "collections nested more than " + std::to_string(kMaxDepth) +
                           " levels deep"};
    }
    attach(i);
    // The child lists are reused from one collection to the next.
    if (open_.size() == depth_) open_.emplace_back();
    open_[depth_].first = i;
    open_[depth_].second.clear();
    ++depth_;
  }
  void close() {
    auto& [i, kids] = open_[--depth_];
    auto& n = doc_->nodes_[i];
    n.first = static_cast<std::uint32_t>(doc_->children_.size());
    n.count = static_cast<std::uint32_t>(kids.size());
    doc_->children_.insert(doc_->children_.end(), kids.begin(), kids.end());
  }

  // libyaml's description of why it stopped, with the construct it was in.
  ParseError parser_error() {
    std::string what = parser_.problem ? parser_.problem : "cannot read the text";
    if (parser_.error == YAML_READER_ERROR)
      return {positions_.at_byte(parser_.problem_offset), what};
    if (parser_.error == YAML_MEMORY_ERROR) return {Position{}, "out of memory"};
    Position where = positions_.of(parser_.problem_mark);
    if (parser_.context) {
      Position c = positions_.of(parser_.context_mark);
      what += " (" + std::string(parser_.context) + " that starts at line " +
              std::to_string(c.line + 1) + ", column " + std::to_string(c.column + 1) + ")";
    }
    return {where, what};
  }

  const std::string& text_;
  Positions positions_;
  yaml_parser_t parser_;
  YamlDocument* doc_ = nullptr;
  std::unordered_map<std::string, std::uint32_t> anchors_;
  std::vector<std::pair<std::uint32_t, std::vector<std::uint32_t>>> open_;
  std::size_t depth_ = 0;
};

YamlStream parse_yaml(const std::string& text) {
  YamlDocumentBuilder builder(text);
  return builder.run();
}

}  // namespace strata::model
