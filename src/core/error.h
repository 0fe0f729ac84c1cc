#pragma once

// The one exception hierarchy of Strata. Third-party errors (SOCI, yaml-cpp,
// libpg_query) are translated into these where they enter; `cli` maps them to
// exit codes and `server` to HTTP statuses.

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace strata {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Where a problem was found in an input file. Line and column are 1-based;
// 0 means unknown.
struct Location {
  std::string file;
  int line = 0;
  int column = 0;

  // "file:line:col", dropping the parts that are unknown.
  std::string str() const {
    std::string out = file;
    if (line > 0) {
      out += ":" + std::to_string(line);
      if (column > 0) out += ":" + std::to_string(column);
    }
    return out;
  }
  bool operator==(const Location&) const = default;
};

struct Diagnostic {
  Location where;
  std::string message;

  std::string str() const {
    std::string w = where.str();
    return w.empty() ? message : w + ": " + message;
  }
  bool operator==(const Diagnostic&) const = default;
};

// Bad input: a model file, a revision file, a configuration file. Carries every
// problem found, so the user fixes them all in one go.
class LoadError : public Error {
 public:
  explicit LoadError(std::vector<Diagnostic> diagnostics)
      : Error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}
  LoadError(Location where, std::string message)
      : LoadError(std::vector<Diagnostic>{{std::move(where), std::move(message)}}) {}

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  static std::string join(const std::vector<Diagnostic>& ds) {
    std::string out;
    for (const auto& d : ds) {
      if (!out.empty()) out += "\n";
      out += d.str();
    }
    return out;
  }
  std::vector<Diagnostic> diagnostics_;
};

// Anything the server said no to, or could not be reached for.
class DatabaseError : public Error {
 public:
  enum class Kind { kUnreachable, kStatement, kPermission, kOther };

  DatabaseError(Kind kind, std::string message, std::string sqlstate = {},
                std::string statement = {}, int position = 0)
      : Error(std::move(message)),
        kind_(kind),
        sqlstate_(std::move(sqlstate)),
        statement_(std::move(statement)),
        position_(position) {}

  Kind kind() const { return kind_; }
  const std::string& sqlstate() const { return sqlstate_; }
  const std::string& statement() const { return statement_; }
  // 1-based character position of the error in statement(); 0 if unknown.
  int position() const { return position_; }
  // The server's DETAIL and HINT lines, when it sent them.
  const std::string& detail() const { return detail_; }
  const std::string& hint() const { return hint_; }
  void set_detail(std::string detail, std::string hint) {
    detail_ = std::move(detail);
    hint_ = std::move(hint);
  }

 private:
  Kind kind_;
  std::string sqlstate_;
  std::string statement_;
  int position_;
  std::string detail_;
  std::string hint_;
};

// The command line or an API request asked for something that cannot be done.
class UsageError : public Error {
 public:
  using Error::Error;
};

}  // namespace strata
