// Two expressions compared as the differ compares a model's with the
// database's. The first byte picks what is compared (expression, view query,
// index definition) and the column type of the context; the rest is split at
// its first newline into the two spellings. The answer may be anything; it
// must come back.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sql/expression.h"

namespace {

constexpr std::array<const char*, 8> kColumnTypes{
    "", "integer", "text", "boolean", "character varying(320)", "public.user_role",
    "integer[]", "timestamp with time zone"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::uint8_t selector = data[0];
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::size_t nl = rest.find('\n');
  std::string_view a = rest.substr(0, nl);
  std::string_view b = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);

  strata::sql::ExpressionContext ctx;
  ctx.column_type = kColumnTypes[(selector >> 2) % kColumnTypes.size()];
  if (selector & 0x20) ctx.schema = "app";

  using Compare = bool (*)(std::string_view, std::string_view, const strata::sql::ExpressionContext&);
  Compare same = strata::sql::same_expression;
  if ((selector & 3) == 2) same = strata::sql::same_select;
  if ((selector & 3) == 3) same = strata::sql::same_index;

  same(a, b, ctx);
  return 0;
}
