#include "precheck/cast_check.h"

#include "model/type_name.h"
#include "sql/quote.h"

namespace strata::precheck {
namespace {

std::string base(const std::string& type) {
  auto p = type.find('(');
  return p == std::string::npos ? type : type.substr(0, p);
}

bool textual(const std::string& type) {
  std::string b = base(type);
  return b == "text" || b == "character varying" || b == "character";
}

int integer_width(const std::string& type) {
  if (type == "smallint") return 2;
  if (type == "integer") return 4;
  if (type == "bigint") return 8;
  return 0;
}

std::string integer_range(int width) {
  if (width == 2) return "-32768 AND 32767";
  if (width == 4) return "-2147483648 AND 2147483647";
  return "-9223372036854775808 AND 9223372036854775807";
}

bool numeric_like(const std::string& type) {
  std::string b = base(type);
  return b == "numeric" || b == "real" || b == "double precision";
}

// What PostgreSQL's input functions accept, decimal forms only (so a value
// PostgreSQL 16 also reads, 0x1F or 1_000, is counted as failing).
const char* kIntegerText = R"(^\s*([+-]?[0-9]+)\s*$)";
const char* kNumberText = R"(^\s*([+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[+-]?[0-9]+)?)\s*$)";
const char* kSpecialNumberText = R"(^\s*[+-]?(nan|inf|infinity)\s*$)";
const char* kBooleanText = R"(^\s*(t|tr|tru|true|y|ye|yes|on|of|off|1|f|fa|fal|fals|false|n|no|0)\s*$)";

// abs(value) does not fit numeric(p, s) once rounded to s digits.
std::string too_large(const std::string& value, int p, int s) {
  return "round(abs(" + value + "), " + std::to_string(s) + ") >= 1e" + std::to_string(p - s);
}

}  // namespace

std::optional<CastCheck> cast_check(const std::string& column, const std::string& from,
                                    const std::string& to,
                                    const std::optional<std::vector<std::string>>& enum_labels,
                                    bool& checkable) {
  checkable = true;
  if (to == "text" || to == "character varying") return std::nullopt;
  if (from.ends_with("[]") && to.ends_with("[]")) {
    // An array converts element by element: fine when each element does
    // without a check; otherwise there is no cheap per-row test.
    std::string ef = from.substr(0, from.size() - 2), et = to.substr(0, to.size() - 2);
    bool element_checkable = true;
    if (cast_check(column, ef, et, std::nullopt, element_checkable) || !element_checkable) checkable = false;
    return std::nullopt;
  }
  if (from.ends_with("]") || to.ends_with("]")) {
    checkable = false;
    return std::nullopt;
  }
  // timestamp <-> timestamptz, time <-> timetz and a precision change
  // convert every value.
  auto time_family = [](const std::string& t) { return t.starts_with("time") ? base(t).substr(0, 4) : ""; };
  if (!time_family(from).empty() && time_family(from) == time_family(to) &&
      from.starts_with("timestamp") == to.starts_with("timestamp"))
    return std::nullopt;
  std::string to_base = base(to);
  if (enum_labels && (textual(from) || from.find('.') != std::string::npos)) {
    if (enum_labels->empty()) return CastCheck{"cast", "true", "values (the enum has no labels)"};
    std::string list;
    for (const auto& l : *enum_labels) list += (list.empty() ? "" : ", ") + sql::quote_literal(l);
    return CastCheck{"cast", column + "::text NOT IN (" + list + ")", "values that are no label of " + to};
  }
  if (to_base == "character varying" || to_base == "character") {
    int n = model::type_modifier(to, 0);
    if (n < 0) return std::nullopt;
    if (textual(from) && base(from) == to_base && model::type_modifier(from, 0) >= 0 && model::type_modifier(from, 0) <= n)
      return std::nullopt;
    std::string value = textual(from) ? column : column + "::text";
    return CastCheck{"narrowing", "char_length(" + value + ") > " + std::to_string(n),
                     "values longer than " + std::to_string(n) + " characters (the cast would cut them)"};
  }
  if (int wt = integer_width(to)) {
    if (int wf = integer_width(from)) {
      if (wt >= wf) return std::nullopt;
      return CastCheck{"narrowing", column + " NOT BETWEEN " + integer_range(wt),
                       "values out of the range of " + to};
    }
    if (numeric_like(from))
      return CastCheck{"cast",
                       column + "::numeric = 'NaN' OR round(" + column + "::numeric) NOT BETWEEN " +
                           integer_range(wt),
                       "values that do not round to a " + to};
    if (textual(from))
      return CastCheck{"cast",
                       column + " !~ " + sql::quote_literal(kIntegerText) + " OR substring(" + column +
                           " FROM " + sql::quote_literal(kIntegerText) + ")::numeric NOT BETWEEN " +
                           integer_range(wt),
                       "values that are not " + to + " numbers in decimal digits"};
    if (from == "boolean" && to == "integer") return std::nullopt;
    checkable = false;
    return std::nullopt;
  }
  if (numeric_like(to)) {
    int p = to_base == "numeric" ? model::type_modifier(to, 0) : -1;
    int s = to_base == "numeric" ? model::type_modifier(to, 1) : 0;
    if (integer_width(from) || numeric_like(from)) {
      if (p < 0) return std::nullopt;
      // numeric(pf, sf) fits when neither the integer digits nor the scale shrink.
      if (base(from) == "numeric" && model::type_modifier(from, 0) >= 0 && s >= model::type_modifier(from, 1) &&
          p - s >= model::type_modifier(from, 0) - model::type_modifier(from, 1))
        return std::nullopt;
      std::string value = column + "::numeric";
      std::string cond = too_large(value, p, s);
      if (numeric_like(from)) cond = value + " <> 'NaN' AND " + cond;
      return CastCheck{"narrowing", cond, "values that do not fit " + to};
    }
    if (textual(from)) {
      std::string number = sql::quote_literal(kNumberText);
      std::string special = sql::quote_literal(kSpecialNumberText);
      std::string cond = "NOT (" + column + " ~* " + number + " OR " + column + " ~* " + special + ")";
      if (p >= 0)
        cond += " OR " + too_large("substring(" + column + " FROM " + number + ")::numeric", p, s) +
                " OR " + column + " ~* " + sql::quote_literal(R"(^\s*[+-]?inf)");
      return CastCheck{"cast", cond, "values that are not numbers" + std::string(p >= 0 ? " or do not fit " + to : "")};
    }
    checkable = false;
    return std::nullopt;
  }
  if (to == "boolean") {
    if (textual(from))
      return CastCheck{"cast", column + " !~* " + sql::quote_literal(kBooleanText),
                       "values that are not booleans (true/false, yes/no, on/off, 1/0)"};
    if (from == "integer") return std::nullopt;
  }
  checkable = false;
  return std::nullopt;
}

}  // namespace strata::precheck
