#pragma once

// The hazard kinds as the linter names them: the one vocabulary of
// core/hazard_kind.h, which the differ's hazards carry too.

#include "core/hazard_kind.h"

namespace strata::lint {

using strata::all_kinds;
using strata::default_acknowledged;
using strata::HazardKind;
using strata::kind_name;
using strata::known_kinds;
using strata::parse_kind;

}  // namespace strata::lint
