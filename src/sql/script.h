#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::sql {

// How a statement stands towards a transaction block (see analyze_script).
enum class TransactionUse {
  kAny,          // runs inside a transaction like any statement
  kControl,      // transaction control: BEGIN, COMMIT, ROLLBACK, SAVEPOINT, ...
  kOutsideOnly,  // refused inside a transaction block: CREATE INDEX CONCURRENTLY, VACUUM, ...
};

// What a statement is, read from the root of its parse tree: the node's
// kind as libpg_query names it ("CreateStmt", "IndexStmt", "CommentStmt",
// ...), and for CREATE TABLE, CREATE TABLE AS and CREATE INDEX the table it
// names (schema empty when the statement writes none).
struct StatementHead {
  std::string_view kind;  // empty when not known
  std::string schema, table;

  bool operator==(const StatementHead&) const = default;
};

// One statement of a script, as PostgreSQL's parser delimits it.
struct ScriptStatement {
  // The statement without leading whitespace/comments and without its
  // terminating ';' or trailing whitespace.
  std::string text;
  int line = 1;    // 1-based line of the statement's first character in the script
  int offset = 0;  // 0-based byte offset of that character in the script
  int column = 1;  // 1-based byte column of that character in its line
  // Filled by analyze_script only; split_script leaves kAny.
  TransactionUse transaction = TransactionUse::kAny;
  // Filled by analyze_script only, and only when it read the statement from
  // a parse of its piece of the script; split_script leaves it empty.
  StatementHead head;

  bool operator==(const ScriptStatement&) const = default;
};

// A syntax error located in the script.
struct ScriptError {
  std::string message;
  int line = 0;    // 1-based; 0 when the parser gave no position
  int column = 0;  // 1-based byte column in that line; 0 when unknown
  int offset = -1; // 0-based byte offset in the script; -1 when unknown

  // "line:column: message" (or just the message when there is no position).
  std::string str() const;

  bool operator==(const ScriptError&) const = default;
};

struct SplitResult {
  std::vector<ScriptStatement> statements;
  std::optional<ScriptError> error;  // set: the script does not parse; no statements

  bool ok() const { return !error.has_value(); }
};

// Splits `script` into statements with PostgreSQL's parser: dollar quoting,
// string literals, nested comments and BEGIN/COMMIT inside function bodies
// are handled as the server handles them. Empty statements (";;") and
// comment-only tails are dropped. A script that does not parse returns the
// error with its line and column.
SplitResult split_script(std::string_view script);

// split_script, and each statement's TransactionUse (the same decisions as
// is_transaction_control and cannot_run_in_transaction) and head, from one
// parse of the script in pieces of a few hundred kilobytes, so a large
// file's tree is never held whole. The pieces are cut after semicolons the
// scanner finds between statements; when a piece does not parse (a cut
// inside a BEGIN ATOMIC body, or a syntax error), the script is split by the
// parser as a whole instead, with the same statements and errors.
SplitResult analyze_script(std::string_view script);

// `text` with each comment ("-- ..." to the end of its line, "/* ... */")
// replaced by one space, as PostgreSQL's scanner finds them (never inside a
// string, quoted name or dollar quote). Text the scanner refuses comes back
// unchanged. Generated SQL pastes model expressions through this, so a
// trailing "--" comment cannot swallow what follows on the line.
std::string strip_comments(std::string_view text);

// Where the SQL of `text` starts: the offset of its first character that is
// neither blank nor inside a comment, reading the comments at its start as
// PostgreSQL's scanner does ("--" up to a line break or carriage return,
// "/* */" nested); nullopt when it holds only blanks and comments. Reads the
// leading comments alone, not the whole text. The scanner reads a C string,
// so a NUL byte ends what it sees and counts as SQL (the parser then reports
// it); an unterminated "/*" makes the scanner refuse the text, so its first
// non-blank character counts (the parser reports the comment).
std::optional<std::size_t> first_sql_offset(std::string_view text);

// One comment of a text, as PostgreSQL's scanner finds it.
struct Comment {
  int offset = 0;  // 0-based byte offset of its first character ("--" or "/*")
  int end = 0;     // one past its last character (a line comment stops before the line break)
  bool line = true;  // "-- ..." (true) or "/* ... */" (false)
  bool operator==(const Comment&) const = default;
};

// The comments of `text`, in order, never inside a string, quoted name or
// dollar quote. Empty when the scanner refuses the text (an unterminated
// quote): callers then see no comments, and parsing reports the error.
std::vector<Comment> find_comments(std::string_view text);

// True when `statement` (one statement) is transaction control: BEGIN, START
// TRANSACTION, COMMIT, END, ROLLBACK, ABORT, SAVEPOINT, RELEASE, ROLLBACK TO,
// PREPARE TRANSACTION, COMMIT/ROLLBACK PREPARED. False when it does not parse.
bool is_transaction_control(std::string_view statement);

// True when the server refuses to run `statement` inside a transaction block:
// CREATE/DROP INDEX CONCURRENTLY, REINDEX ... CONCURRENTLY, VACUUM,
// CREATE/DROP DATABASE, ALTER DATABASE ... SET TABLESPACE, CREATE/DROP
// TABLESPACE, ALTER SYSTEM, CLUSTER without a table, CREATE SUBSCRIPTION,
// DROP SUBSCRIPTION, ALTER SUBSCRIPTION ... REFRESH. Decided from the parse
// tree, not by matching text. False when it does not parse.
bool cannot_run_in_transaction(std::string_view statement);

}  // namespace strata::sql
