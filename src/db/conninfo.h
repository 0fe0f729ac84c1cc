#pragma once

// Keeping a connection string's password out of command lines and messages.
//
// Strata hands pg_dump and pg_restore a connection string without the
// password (command lines are readable by every local user through
// /proc/PID/cmdline) and the password through PGPASSWORD in the child's own
// environment (readable only by the same user). Every message that may echo
// a connection string goes through mask_password().

#include <optional>
#include <string>

namespace strata::db {

struct ChildConnection {
  // keyword='value' pairs for every parameter of the URL but the password.
  std::string conninfo;
  // The password, when the URL carries one.
  std::optional<std::string> password;
};

// Why libpq cannot use `url` (a URI or keyword=value string), in one line, or
// nullopt when it parses and its port is a number. The reason never contains
// the URL's password: libpq quotes parts of the text it cannot parse, and
// those parts are masked.
std::optional<std::string> url_problem(const std::string& url);

// Splits `url` (libpq URI or keyword string) for a child program. Throws
// DatabaseError(kUnreachable) with a masked message when it cannot be parsed.
ChildConnection split_password(const std::string& url);

// `text` with every password masked as "****": the password of `url` (as
// written and as decoded) wherever it appears, and any `user:secret@` of a
// postgres:// or postgresql:// URI and any `password=secret` keyword.
std::string mask_password(const std::string& text, const std::string& url = {});

}  // namespace strata::db
