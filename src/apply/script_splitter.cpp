#include "apply/script_splitter.h"

#include "core/error.h"

namespace strata::apply {
namespace {

bool ident_start(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || u >= 0x80;
}

bool ident_char(char c) { return ident_start(c) || (c >= '0' && c <= '9') || c == '$'; }

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

}  // namespace

void ScriptSplitter::feed(std::string_view chunk) {
  pending_.append(chunk);
  std::size_t start = 0;
  for (std::size_t nl = pending_.find('\n'); nl != std::string::npos; nl = pending_.find('\n', start)) {
    line(std::string_view(pending_).substr(start, nl + 1 - start));
    start = nl + 1;
  }
  pending_.erase(0, start);
}

void ScriptSplitter::finish() {
  if (!pending_.empty()) {
    std::string last = std::move(pending_);
    pending_.clear();
    line(last);
  }
  const char* inside = nullptr;
  switch (state_) {
    case State::kCode: break;
    case State::kCopyData: inside = "COPY data (no closing \\. line)"; break;
    case State::kBlockComment: inside = "a /* comment */"; break;
    case State::kString:
    case State::kEscapeString: inside = "a quoted string"; break;
    case State::kIdent: inside = "a quoted identifier"; break;
    case State::kDollar: inside = "a dollar-quoted string"; break;
  }
  if (inside) throw Error("the script ends inside " + std::string(inside));
  close_word();
  if (has_code_) handlers_.statement(statement_);
  statement_.clear();
  has_code_ = false;
}

void ScriptSplitter::line(std::string_view text) {
  ++line_number_;
  if (state_ != State::kCopyData) {
    code_line(text);
    return;
  }
  if (text == "\\.\n" || text == "\\.") {
    state_ = State::kCode;
    handlers_.copy_end();
    return;
  }
  handlers_.copy_data(text);
}

void ScriptSplitter::code_line(std::string_view text) {
  if (state_ == State::kCode && !text.empty() && text[0] == '\\') {
    // A psql command (a backslash outside quotes is never SQL).
    std::string command(text.substr(0, text.find_first_of(" \t\r\n")));
    if (command == "\\restrict" || command == "\\unrestrict") return;
    throw Error("line " + std::to_string(line_number_) + " of the script is the psql command " +
                command + ", which restore does not run");
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    char next = i + 1 < text.size() ? text[i + 1] : '\0';
    switch (state_) {
      case State::kCode:
        if (c == '-' && next == '-') {
          close_word();
          statement_.append(text.substr(i));
          return;
        }
        if (c == '/' && next == '*') {
          close_word();
          state_ = State::kBlockComment;
          comment_depth_ = 1;
          statement_ += "/*";
          ++i;
          continue;
        }
        if (c == '\'') {
          bool escape = word_ == "e" || word_ == "E";
          word_.clear();  // a prefix, not a word
          has_code_ = true;
          state_ = escape ? State::kEscapeString : State::kString;
          statement_ += c;
          continue;
        }
        if (c == '"') {
          close_word();
          has_code_ = true;
          state_ = State::kIdent;
          statement_ += c;
          continue;
        }
        if (c == '$' && word_.empty()) {
          std::size_t end = i + 1;
          if (end < text.size() && ident_start(text[end])) {
            while (end < text.size() && ident_char(text[end]) && text[end] != '$') ++end;
          }
          if (end < text.size() && text[end] == '$') {
            dollar_tag_ = std::string(text.substr(i, end - i + 1));
            state_ = State::kDollar;
            has_code_ = true;
            statement_ += dollar_tag_;
            i = end;
            continue;
          }
        }
        if (c == ';') {
          statement_ += c;
          end_statement();
          if (state_ == State::kCopyData) return;  // the data starts on the next line
          continue;
        }
        if (ident_char(c)) {
          note_word_char(c);
        } else {
          close_word();
          if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') has_code_ = true;
        }
        statement_ += c;
        break;
      case State::kBlockComment:
        statement_ += c;
        if (c == '/' && next == '*') {
          ++comment_depth_;
          statement_ += next;
          ++i;
        } else if (c == '*' && next == '/') {
          statement_ += next;
          ++i;
          if (--comment_depth_ == 0) state_ = State::kCode;
        }
        break;
      case State::kEscapeString:
        statement_ += c;
        if (c == '\\' && next != '\0') {
          statement_ += next;
          ++i;
        } else if (c == '\'') {
          if (next == '\'') {
            statement_ += next;
            ++i;
          } else {
            state_ = State::kCode;
          }
        }
        break;
      case State::kString:
      case State::kIdent: {
        char quote = state_ == State::kString ? '\'' : '"';
        statement_ += c;
        if (c == quote) {
          if (next == quote) {
            statement_ += next;
            ++i;
          } else {
            state_ = State::kCode;
          }
        }
        break;
      }
      case State::kDollar:
        if (text.compare(i, dollar_tag_.size(), dollar_tag_) == 0) {
          statement_ += dollar_tag_;
          i += dollar_tag_.size() - 1;
          state_ = State::kCode;
        } else {
          statement_ += c;
        }
        break;
      case State::kCopyData:
        return;
    }
  }
}

void ScriptSplitter::note_word_char(char c) {
  word_ += c;
  has_code_ = true;
}

void ScriptSplitter::close_word() {
  if (word_.empty()) return;
  std::string w = lower(std::move(word_));
  word_.clear();
  if (first_word_.empty()) first_word_ = w;
  last_words_[0] = std::move(last_words_[1]);
  last_words_[1] = std::move(w);
}

void ScriptSplitter::end_statement() {
  close_word();
  bool copy = first_word_ == "copy" && last_words_[0] == "from" && last_words_[1] == "stdin";
  std::string sql = std::move(statement_);
  bool run = has_code_;
  statement_.clear();
  has_code_ = false;
  first_word_.clear();
  last_words_[0].clear();
  last_words_[1].clear();
  if (!run) return;
  if (copy) {
    state_ = State::kCopyData;
    handlers_.copy_from_stdin(sql);
  } else {
    handlers_.statement(sql);
  }
}

}  // namespace strata::apply
