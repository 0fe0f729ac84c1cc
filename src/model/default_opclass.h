#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace strata::model {

// The operator class PostgreSQL 15 chooses for an index key of a column of
// `type` under index `method` when none is named ("text_ops" for text under
// btree, "array_ops" for any array, "enum_ops" for an enum), as
// pg_opclass.opcdefault and binary coercion (varchar -> text, cidr -> inet,
// the built-in range types -> anyrange) decide. `type` is canonical (type_name.h): modifiers and serial pseudo types
// are allowed. nullopt when the pair is not one of PostgreSQL's built-ins
// (extension and user types other than enums, unusual methods): the caller
// cannot tell the default then.
std::optional<std::string> default_opclass(std::string_view method, std::string_view type,
                                           bool type_is_enum);

}  // namespace strata::model
