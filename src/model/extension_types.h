#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace strata::model {

// The extension that creates type `name` (unqualified), among the contrib
// extensions whose types the loader knows ("citext" -> "citext", "ltree",
// "lquery" -> "ltree", "hstore", "cube", "seg", "isn" types); nothing for
// any other name. A column may use such a type when the model declares the
// extension; it lives in the extension's schema.
std::optional<std::string> extension_of_type(std::string_view name);

}  // namespace strata::model
