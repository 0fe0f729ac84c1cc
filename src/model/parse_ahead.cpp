#include "model/parse_ahead.h"

#include <algorithm>

namespace strata::model {

ParseAhead::ParseAhead(const std::vector<const std::string*>& texts, std::size_t threads,
                       std::size_t ahead)
    : texts_(texts),
      ahead_(std::max<std::size_t>(ahead, 1)),
      results_(texts.size()),
      errors_(texts.size()) {
  for (std::size_t t = 0; t < threads; ++t) threads_.emplace_back([this] { work(); });
}

ParseAhead::~ParseAhead() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  room_.notify_all();
  for (auto& t : threads_) t.join();
}

std::size_t ParseAhead::threads_for(std::size_t files) {
  if (files < 2) return 0;
  std::size_t cores = std::thread::hardware_concurrency();
  return std::clamp<std::size_t>(cores > 1 ? cores - 1 : 1, 1, 3);
}

void ParseAhead::work() {
  while (true) {
    std::size_t i;
    {
      std::unique_lock lock(mu_);
      room_.wait(lock, [&] { return stop_ || (next_ < texts_.size() && next_ < taken_ + ahead_); });
      if (stop_) return;
      i = next_++;
    }
    std::optional<YamlStream> parsed;
    std::exception_ptr error;
    try {
      parsed = texts_[i] ? parse_yaml(*texts_[i]) : YamlStream{};
    } catch (...) {
      error = std::current_exception();
    }
    {
      std::lock_guard lock(mu_);
      results_[i] = std::move(parsed);
      errors_[i] = error;
    }
    ready_.notify_all();
  }
}

YamlStream ParseAhead::take(std::size_t i) {
  if (threads_.empty()) {
    ++taken_;
    return texts_[i] ? parse_yaml(*texts_[i]) : YamlStream{};
  }
  std::unique_lock lock(mu_);
  ready_.wait(lock, [&] { return results_[i].has_value() || errors_[i] != nullptr; });
  ++taken_;
  std::exception_ptr error = errors_[i];
  std::optional<YamlStream> out = std::move(results_[i]);
  results_[i].reset();
  lock.unlock();
  room_.notify_all();
  if (error) std::rethrow_exception(error);
  return std::move(*out);
}

}  // namespace strata::model
