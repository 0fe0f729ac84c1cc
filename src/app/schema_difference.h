#pragma once

#include <string>

#include "model/schema.h"

namespace strata::app {

// `schema` as the proof compares catalogs: the columns of each table sorted
// by name. PostgreSQL appends a re-added column at the end, so a down that
// restores a dropped middle column leaves the same table in another physical
// order; nothing the differ, the models or a query by name can tell apart.
// The attributes of each composite type likewise (ADD ATTRIBUTE appends).
model::Schema without_column_order(model::Schema schema);

// Names the first object that differs between two models, with both
// definitions when it is in both, e.g.
//   "table public.users: column email differs: first `email text`, second
//    `email character varying(320)`"
// or "enum public.role is only in the first"; empty when they are equal.
// The order of a table's columns is not compared (see without_column_order).
// For messages (the create proof).
std::string first_difference(const model::Schema& a, const model::Schema& b);

}  // namespace strata::app
