// Inputs the fuzz targets of fuzz/ found, kept so the normal build checks them.

#include <gtest/gtest.h>

#include "revision/validate.h"

namespace strata::revision {
namespace {

// A statement with bytes that are not UTF-8 threw nlohmann::json::parse_error
// out of validate_script (from the transaction-control check).
TEST(FuzzRegression, NonUtf8StatementIsReportedAtItsPosition) {
  std::vector<Diagnostic> d;
  ASSERT_NO_THROW(d = validate_script("-- ~ column public.items.valset\n"
                                      "ALTER TABLE public.it\x91\x91\x91 ADD a int;\n",
                                      "r.up.sql", true));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].where, (Location{"r.up.sql", 2, 22}));
  EXPECT_NE(d[0].message.find("0x91, which is not UTF-8"), std::string::npos) << d[0].message;
}

}  // namespace
}  // namespace strata::revision
