#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diff/change.h"
#include "diff/plan.h"

namespace strata::codegen {

struct RenderOptions {
  // The online plan (`plan: online`): changes on existing tables in their
  // lock-safe forms, cut into steps (see codegen/online.h). Off: the one
  // transaction of plain DDL, as always.
  bool online = false;
  bool operator==(const RenderOptions&) const = default;
};

// A plan as SQL text. Statements end with ";\n"; each change is introduced by
// a blank line and nothing else. A data-losing change carries a
// "-- WARNING: ..." comment line right before its statements (in up_body for
// the change, in down_body for the inverse). The same plan always renders to
// the same bytes. An online plan's bodies are steps, each starting with a
// `-- strata:step` marker, when a change of that side takes an online form;
// its hazard lines leave out what the online forms avoid.
struct Rendered {
  std::string up_body;    // the changes in order
  std::string down_body;  // the inverses in reverse order
  std::vector<std::string> change_lines;  // "+ column public.users.bio text", one per change
  std::vector<std::string> hazard_lines;  // "data loss: drops column public.users.bio"
  // Online plans only: "plan: online (up: 4 steps, 2 outside a transaction;
  // down: ...)", the first header line; "" for an offline plan.
  std::string plan_line;

  bool operator==(const Rendered&) const = default;
};

Rendered render(const diff::Plan& plan, const RenderOptions& options = {});

// The SQL statements of one change, each ending with ";\n" (no comments).
std::string render_change(const diff::Change& change);

// One line for a reviewer, e.g. "+ table public.users",
// "~ column public.users.email: type text -> character varying(320)".
std::string describe(const diff::Change& change);

// The header lines of an up revision below the strata:revision lines:
//   -- plan: online (...)      (online plans only)
//   -- changes:
//   --   + column public.users.avatar_url text
//   -- hazards: none
// or "-- hazards:" followed by "--   data loss: ..." lines. Ends with "\n".
std::string header_body(const Rendered& rendered);

// The plan for `--json`: {"changes":[{"op":"add_column","description":...,
// "sql":...,"inverse_sql":...,"hazards":[{"kind":...,"detail":...}]}],
// "hazards":[...]}.
nlohmann::json to_json(const diff::Plan& plan);

}  // namespace strata::codegen
