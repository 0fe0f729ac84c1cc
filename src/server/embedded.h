#pragma once

// Files built into the binary (see src/server/CMakeLists.txt): the status
// page and the OpenAPI document, so the server needs nothing on disk.

#include <string_view>

namespace strata::server {

std::string_view status_page_html();
std::string_view openapi_json();

}  // namespace strata::server
