#include "model/table_properties.h"

#include <set>

namespace strata::model {

std::string default_storage(const std::string& type) {
  static const std::set<std::string> kPlain = {
      "smallint", "integer", "bigint", "smallserial", "serial", "bigserial", "real",
      "double precision", "boolean", "date", "uuid", "money", "oid", "\"char\"", "point"};
  if (kPlain.count(type) || type.starts_with("timestamp") || type.starts_with("time") ||
      type.starts_with("interval"))
    return type.ends_with("[]") ? "extended" : "plain";
  if (type == "numeric" || type.starts_with("numeric(") || type == "inet" || type == "cidr")
    return "main";
  return "extended";
}

}  // namespace strata::model
