#include "model/yaml_stream.h"

#include <sstream>

#include <yaml-cpp/eventhandler.h>

namespace strata::model {
namespace {

// Remembers where the last document started; ignores everything else.
class DocumentStarts : public YAML::EventHandler {
 public:
  YAML::Mark start;

  void OnDocumentStart(const YAML::Mark& mark) override { start = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

}  // namespace

std::vector<YAML::Node> load_all_documents(const std::string& text) {
  // A first pass over the events only: a document that starts where the one
  // before it started is the parser standing still.
  std::istringstream in(text);
  YAML::Parser parser(in);
  DocumentStarts starts;
  bool first = true;
  int last = -1;
  while (parser.HandleNextDocument(starts)) {
    if (!first && starts.start.pos == last)
      throw YAML::ParserException(starts.start, "unexpected character; a document cannot start here");
    first = false;
    last = starts.start.pos;
  }
  return YAML::LoadAll(text);
}

}  // namespace strata::model
