#pragma once

// Internal to the YAML loader: model files parsed on a few threads, ahead
// of the one thread that reads them into the model in file order.

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "model/yaml_document.h"

namespace strata::model {

class ParseAhead {
 public:
  // Starts parsing `texts` (which must outlive this; a null one is not
  // parsed and gives an empty stream) on `threads` threads
  // (none: take() parses on the caller's thread). At most `ahead` parsed
  // files wait to be taken, so memory stays bounded whatever the number of
  // files.
  ParseAhead(const std::vector<const std::string*>& texts, std::size_t threads,
             std::size_t ahead = 4);
  ~ParseAhead();
  ParseAhead(const ParseAhead&) = delete;
  ParseAhead& operator=(const ParseAhead&) = delete;

  // parse_yaml(*texts[i]), waiting for it when it is not done yet.
  // Requires: called for i = 0, 1, 2, ... in order, once each.
  YamlStream take(std::size_t i);

  // The threads worth starting for `files` files on this machine: none for
  // one file, else one fewer than the cores (the reader is busy too), at
  // least one, at most three.
  static std::size_t threads_for(std::size_t files);

 private:
  void work();

  std::vector<const std::string*> texts_;
  std::size_t ahead_;
  std::mutex mu_;
  std::condition_variable ready_;   // a result is in
  std::condition_variable room_;    // a result was taken, or stopping
  std::vector<std::optional<YamlStream>> results_;
  std::vector<std::exception_ptr> errors_;
  std::size_t next_ = 0;   // the next file to claim
  std::size_t taken_ = 0;  // files taken so far
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace strata::model
