#include "model/privilege.h"

namespace strata::model {

const std::vector<std::string>& known_privileges(PrivilegeObject kind) {
  static const std::vector<std::string> schema = {"USAGE", "CREATE"};
  static const std::vector<std::string> table = {"SELECT",   "INSERT",     "UPDATE", "DELETE",
                                                 "TRUNCATE", "REFERENCES", "TRIGGER"};
  static const std::vector<std::string> sequence = {"USAGE", "SELECT", "UPDATE"};
  static const std::vector<std::string> type = {"USAGE"};
  static const std::vector<std::string> function = {"EXECUTE"};
  switch (kind) {
    case PrivilegeObject::kSchema: return schema;
    case PrivilegeObject::kTable: return table;
    case PrivilegeObject::kSequence: return sequence;
    case PrivilegeObject::kType: return type;
    case PrivilegeObject::kFunction: return function;
  }
  return table;
}

}  // namespace strata::model
