#pragma once

// Checking a database URL before connecting, without echoing its password.

#include <optional>
#include <string>

namespace strata::db {

// Why libpq cannot use `url` (a URI or keyword=value string), in one line, or
// nullopt when it parses and its port is a number. The reason never contains
// the URL's password: libpq quotes parts of the text it cannot parse, and
// those parts are masked.
std::optional<std::string> url_problem(const std::string& url);

// `text` with every occurrence of the password written in `url` (as written
// and percent-decoded) replaced by "****". Finds the password even when the
// URL does not parse: `scheme://user:PASSWORD@host` or `password=PASSWORD`.
std::string mask_password(const std::string& text, const std::string& url);

}  // namespace strata::db
