#pragma once

#include <map>
#include <optional>
#include <string>

#include "model/index.h"

namespace strata::model {

struct View {
  std::string name;
  std::string query;  // the SELECT, as pg_get_viewdef prints it once applied
  bool materialized = false;
  std::map<std::string, Index> indexes;  // materialized views only
  std::optional<std::string> comment;

  bool operator==(const View&) const = default;
};

}  // namespace strata::model
