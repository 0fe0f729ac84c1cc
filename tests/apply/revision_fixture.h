#pragma once

#include <optional>
#include <string>

#include "revision/revision.h"

namespace strata::testing {

// A revision held in memory (files named m/<id>.up.sql / .down.sql).
revision::Revision make_revision(const std::string& id, std::optional<std::string> parent,
                                 const std::string& up, const std::string& down,
                                 bool no_transaction = false);

}  // namespace strata::testing
