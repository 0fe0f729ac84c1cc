#pragma once

// Splits the SQL script pg_restore writes into statements and COPY data, fed
// in chunks of any size as pg_restore produces them.
//
// A lexer, not a line matcher: it knows SQL's quoting (standard and E''
// strings, quoted identifiers, dollar quotes, -- and nested /* */
// comments), so text inside a literal or a comment never ends a statement,
// never starts COPY data and is never taken for a psql command. A statement
// is COPY data's header when its first word is COPY and its last two are
// FROM STDIN (outside quotes); the data then runs, line by line, up to a
// line `\.`. psql's \restrict and \unrestrict lines are skipped; any other
// line that starts with a psql command (a backslash outside quotes) is an
// error.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::apply {

class ScriptSplitter {
 public:
  struct Handlers {
    std::function<void(const std::string& sql)> statement;  // ends with ';'
    std::function<void(const std::string& sql)> copy_from_stdin;
    std::function<void(std::string_view line)> copy_data;  // one line, with its '\n'
    std::function<void()> copy_end;
  };

  explicit ScriptSplitter(Handlers handlers) : handlers_(std::move(handlers)) {}

  // Takes the next chunk of the script.
  void feed(std::string_view chunk);
  // The script ended: a last statement without ';' is run; throws
  // strata::Error when it ends inside a literal, a comment or COPY data.
  void finish();

 private:
  enum class State { kCode, kBlockComment, kString, kEscapeString, kIdent, kDollar, kCopyData };

  void line(std::string_view text);  // one line, with its '\n' when it has one
  void code_line(std::string_view text);
  void end_statement();
  void note_word_char(char c);
  void close_word();

  Handlers handlers_;
  std::string pending_;  // an incomplete line
  State state_ = State::kCode;
  int comment_depth_ = 0;
  std::string dollar_tag_;
  std::string statement_;
  bool has_code_ = false;  // the statement holds more than blanks and comments
  std::string word_;       // the top-level word being read
  std::string first_word_;
  std::string last_words_[2];
  int line_number_ = 0;
};

}  // namespace strata::apply
