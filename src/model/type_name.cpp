#include "model/type_name.h"

#include <cctype>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "model/suggestion.h"
#include "sql/quote.h"

namespace strata::model {
namespace {

struct Token {
  enum Kind { kWord, kNumber, kPunct } kind;
  std::string text;  // words: folded to lower case unless quoted
  bool quoted = false;
  long long number = 0;
};

// Splits a type spelling into words, numbers and punctuation. Returns an
// error message on a character no type spelling holds.
std::optional<std::string> tokenize(std::string_view s, std::vector<Token>& out) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isspace(c)) {
      ++i;
    } else if (c == '"') {
      std::string word;
      ++i;
      bool closed = false;
      while (i < s.size()) {
        if (s[i] == '"') {
          if (i + 1 < s.size() && s[i + 1] == '"') {
            word += '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        word += s[i++];
      }
      if (!closed) return "unterminated quoted name";
      if (word.empty()) return "empty quoted name";
      out.push_back({Token::kWord, word, true, 0});
    } else if (std::isalpha(c) || c == '_' || c >= 0x80) {
      std::string word;
      while (i < s.size()) {
        unsigned char d = static_cast<unsigned char>(s[i]);
        if (!(std::isalnum(d) || d == '_' || d == '$' || d >= 0x80)) break;
        word += static_cast<char>(std::tolower(d));
        ++i;
      }
      out.push_back({Token::kWord, word, false, 0});
    } else if (std::isdigit(c) || ((c == '-' || c == '+') && i + 1 < s.size() &&
                                   std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      size_t start = i++;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
      std::string digits(s.substr(start, i - start));
      if (digits.size() > 12) return "number too large";
      out.push_back({Token::kNumber, digits, false, std::stoll(digits)});
    } else if (c == '(' || c == ')' || c == ',' || c == '[' || c == ']' || c == '.') {
      out.push_back({Token::kPunct, std::string(1, static_cast<char>(c)), false, 0});
      ++i;
    } else {
      return std::string("unexpected character '") + static_cast<char>(c) + "'";
    }
  }
  return std::nullopt;
}

// Builtins that take no modifier: spelling -> canonical.
const std::map<std::string, std::string>& simple_types() {
  static const std::map<std::string, std::string> m = {
      {"int", "integer"}, {"integer", "integer"}, {"int4", "integer"},
      {"smallint", "smallint"}, {"int2", "smallint"},
      {"bigint", "bigint"}, {"int8", "bigint"},
      {"real", "real"}, {"float4", "real"}, {"float8", "double precision"},
      {"bool", "boolean"}, {"boolean", "boolean"},
      {"text", "text"}, {"bytea", "bytea"}, {"date", "date"}, {"uuid", "uuid"},
      {"json", "json"}, {"jsonb", "jsonb"}, {"jsonpath", "jsonpath"},
      {"inet", "inet"}, {"cidr", "cidr"}, {"macaddr", "macaddr"}, {"macaddr8", "macaddr8"},
      {"money", "money"}, {"tsvector", "tsvector"}, {"tsquery", "tsquery"}, {"xml", "xml"},
      {"oid", "oid"}, {"name", "name"}, {"regclass", "regclass"}, {"regtype", "regtype"},
      {"regproc", "regproc"}, {"regprocedure", "regprocedure"}, {"regconfig", "regconfig"},
      {"point", "point"}, {"line", "line"}, {"lseg", "lseg"}, {"box", "box"},
      {"path", "path"}, {"polygon", "polygon"}, {"circle", "circle"},
      {"int4range", "int4range"}, {"int8range", "int8range"}, {"numrange", "numrange"},
      {"tsrange", "tsrange"}, {"tstzrange", "tstzrange"}, {"daterange", "daterange"},
      {"int4multirange", "int4multirange"}, {"int8multirange", "int8multirange"},
      {"nummultirange", "nummultirange"}, {"tsmultirange", "tsmultirange"},
      {"tstzmultirange", "tstzmultirange"}, {"datemultirange", "datemultirange"},
      {"pg_lsn", "pg_lsn"}, {"txid_snapshot", "txid_snapshot"}, {"pg_snapshot", "pg_snapshot"},
      // The rest of pg_catalog's base types a column may have (system
      // columns, catalogs, statistics); the live test that lists pg_type
      // fails when one is missing here.
      {"tid", "tid"}, {"xid", "xid"}, {"xid8", "xid8"}, {"cid", "cid"},
      {"oidvector", "oidvector"}, {"int2vector", "int2vector"}, {"aclitem", "aclitem"},
      {"refcursor", "refcursor"}, {"pg_node_tree", "pg_node_tree"},
      {"regoper", "regoper"}, {"regoperator", "regoperator"}, {"regnamespace", "regnamespace"},
      {"regrole", "regrole"}, {"regcollation", "regcollation"},
      {"regdictionary", "regdictionary"}, {"gtsvector", "gtsvector"},
      {"pg_ndistinct", "pg_ndistinct"}, {"pg_dependencies", "pg_dependencies"},
      {"pg_mcv_list", "pg_mcv_list"}, {"pg_brin_bloom_summary", "pg_brin_bloom_summary"},
      {"pg_brin_minmax_multi_summary", "pg_brin_minmax_multi_summary"},
      {"serial", "serial"}, {"serial4", "serial"},
      {"smallserial", "smallserial"}, {"serial2", "smallserial"},
      {"bigserial", "bigserial"}, {"serial8", "bigserial"},
  };
  return m;
}

// Names as pg_type spells them, usable quoted, after pg_catalog. or after "_"
// (the array type's name).
bool is_catalog_name(const std::string& n) {
  static const std::set<std::string> names = {
      "int2", "int4", "int8", "float4", "float8", "bool", "bpchar", "varchar", "numeric",
      "time", "timetz", "timestamp", "timestamptz", "interval", "bit", "varbit", "char"};
  if (names.count(n)) return true;
  // Spellings that are SQL keywords, not pg_type names.
  static const std::set<std::string> keywords = {"integer", "smallint", "bigint", "real",
                                                 "boolean"};
  auto it = simple_types().find(n);
  return it != simple_types().end() && it->first == it->second && !keywords.count(n) &&
         n.find("serial") == std::string::npos;
}

class TypeParser {
 public:
  TypeParser(std::vector<Token> tokens, std::string_view default_schema)
      : t_(std::move(tokens)), default_schema_(default_schema) {}

  TypeName run() {
    TypeName out;
    std::string base;
    if (!parse_base(out, base)) return out;
    bool array = false;
    if (!parse_array(array)) return fail(out, "malformed array suffix");
    if (pos_ != t_.size()) return fail(out, "unexpected '" + t_[pos_].text + "'");
    if (array && (base == "serial" || base == "smallserial" || base == "bigserial"))
      return fail(out, "array of serial is not implemented");
    out.array = array;
    if (out.user_type)
      out.canonical = qualify_user_type(out.user_schema, out.user_name, array);
    else
      out.canonical = array ? base + "[]" : base;
    return out;
  }

 private:
  TypeName& fail(TypeName& out, std::string message) {
    out.error = std::move(message);
    out.canonical.clear();
    return out;
  }

  const Token* peek(size_t ahead = 0) const {
    return pos_ + ahead < t_.size() ? &t_[pos_ + ahead] : nullptr;
  }
  bool peek_word(std::string_view w, size_t ahead = 0) const {
    const Token* t = peek(ahead);
    return t && t->kind == Token::kWord && !t->quoted && t->text == w;
  }
  bool peek_punct(char c) const {
    const Token* t = peek();
    return t && t->kind == Token::kPunct && t->text[0] == c;
  }

  // "(n)" or "(n, m)"; returns false on a malformed list. Absent: empty.
  bool parse_modifiers(std::vector<long long>& mods) {
    if (!peek_punct('(')) return true;
    ++pos_;
    while (true) {
      const Token* t = peek();
      if (!t || t->kind != Token::kNumber) return false;
      mods.push_back(t->number);
      ++pos_;
      if (peek_punct(',')) {
        ++pos_;
        continue;
      }
      if (peek_punct(')')) {
        ++pos_;
        return true;
      }
      return false;
    }
  }

  bool parse_array(bool& array) {
    if (peek_word("array")) {
      ++pos_;
      array = true;
      if (peek_punct('[')) {
        ++pos_;
        const Token* t = peek();
        if (!t || t->kind != Token::kNumber) return false;
        ++pos_;
        if (!peek_punct(']')) return false;
        ++pos_;
      }
      return true;
    }
    while (peek_punct('[')) {
      ++pos_;
      const Token* t = peek();
      if (t && t->kind == Token::kNumber) ++pos_;
      if (!peek_punct(']')) return false;
      ++pos_;
      array = true;
    }
    return true;
  }

  // "with time zone" / "without time zone"; returns false when malformed.
  bool parse_zone(bool& with_zone) {
    if (peek_word("with") || peek_word("without")) {
      with_zone = peek_word("with");
      if (!peek_word("time", 1) || !peek_word("zone", 2)) return false;
      pos_ += 3;
    }
    return true;
  }

  bool no_modifiers(TypeName& out, const std::string& canonical) {
    if (peek_punct('(')) {
      fail(out, "type " + canonical + " does not take a modifier");
      return false;
    }
    return true;
  }

  bool parse_base(TypeName& out, std::string& base) {
    const Token* first = peek();
    if (!first) return fail(out, "empty type"), false;
    if (first->kind != Token::kWord) return fail(out, "expected a type name"), false;
    std::vector<Token> parts{*first};
    ++pos_;
    while (peek_punct('.')) {
      ++pos_;
      const Token* t = peek();
      if (!t || t->kind != Token::kWord) return fail(out, "expected a name after '.'"), false;
      parts.push_back(*t);
      ++pos_;
    }
    if (parts.size() > 2) return fail(out, "too many dotted names"), false;
    if (parts.size() == 2) {
      if (parts[0].text == "pg_catalog") {
        if (parts[1].text == "char") {  // a qualified name is no keyword: the one-byte type
          base = "\"char\"";
          return no_modifiers(out, base);
        }
        if (!is_catalog_name(parts[1].text))
          return fail(out, "unknown type 'pg_catalog." + parts[1].text + "'"), false;
        return parse_keyword(out, parts[1].text, true, base);
      }
      return user(out, parts[0].text, parts[1].text);
    }
    const Token& w = parts[0];
    if (w.quoted) {
      if (w.text == "char") {
        base = "\"char\"";
        return no_modifiers(out, base);
      }
      if (is_catalog_name(w.text)) return parse_keyword(out, w.text, true, base);
      return user(out, default_schema_, w.text);
    }
    if (w.text.size() > 1 && w.text[0] == '_' && is_catalog_name(w.text.substr(1))) {
      if (w.text == "_char") {
        base = "\"char\"[]";
      } else {
        if (!parse_keyword(out, w.text.substr(1), true, base)) return false;
        base += "[]";
      }
      return true;
    }
    return parse_keyword(out, w.text, false, base);
  }

  bool user(TypeName& out, std::string schema, std::string name) {
    if (peek_punct('(')) {
      fail(out, "type modifier is not allowed for type " + name);
      return false;
    }
    out.user_type = true;
    out.user_schema = std::move(schema);
    out.user_name = std::move(name);
    return true;
  }

  // The first word has been consumed; `word` is it, lower-cased.
  bool parse_keyword(TypeName& out, const std::string& word, bool catalog_only,
                     std::string& base) {
    std::vector<long long> mods;
    auto modifiers = [&]() {
      if (!parse_modifiers(mods)) {
        fail(out, "malformed type modifier");
        return false;
      }
      return true;
    };
    if (word == "double" && !catalog_only) {
      if (!peek_word("precision")) return fail(out, "expected 'precision' after 'double'"), false;
      ++pos_;
      base = "double precision";
      return no_modifiers(out, base);
    }
    if (word == "float" && !catalog_only) {
      if (!modifiers()) return false;
      if (mods.empty()) {
        base = "double precision";
        return true;
      }
      if (mods.size() != 1) return fail(out, "float takes one precision"), false;
      if (mods[0] < 1) return fail(out, "precision for type float must be at least 1 bit"), false;
      if (mods[0] > 53) return fail(out, "precision for type float must be less than 54 bits"), false;
      base = mods[0] <= 24 ? "real" : "double precision";
      return true;
    }
    if (word == "numeric" || (!catalog_only && (word == "decimal" || word == "dec"))) {
      if (!modifiers()) return false;
      base = "numeric";
      if (mods.empty()) return true;
      if (mods.size() > 2) return fail(out, "numeric takes a precision and a scale"), false;
      if (mods[0] < 1 || mods[0] > 1000)
        return fail(out, "NUMERIC precision " + std::to_string(mods[0]) +
                             " must be between 1 and 1000"), false;
      long long scale = mods.size() == 2 ? mods[1] : 0;
      if (scale < -1000 || scale > 1000)
        return fail(out, "NUMERIC scale " + std::to_string(scale) +
                             " must be between -1000 and 1000"), false;
      base = "numeric(" + std::to_string(mods[0]) + "," + std::to_string(scale) + ")";
      return true;
    }
    bool varying = false;
    if (!catalog_only && (word == "char" || word == "character")) {
      if (peek_word("varying")) {
        ++pos_;
        varying = true;
      }
      return length_type(out, varying ? "character varying" : "character", !varying, base);
    }
    if (word == "varchar") return length_type(out, "character varying", false, base);
    if (word == "bpchar") {
      if (peek_punct('(')) return length_type(out, "character", true, base);
      base = "bpchar";
      return true;
    }
    if (word == "bit") {
      if (!catalog_only && peek_word("varying")) {
        ++pos_;
        varying = true;
      }
      return length_type(out, varying ? "bit varying" : "bit", !varying, base);
    }
    if (word == "varbit") return length_type(out, "bit varying", false, base);
    if (word == "time" || word == "timestamp" || word == "timetz" || word == "timestamptz") {
      bool zone = word == "timetz" || word == "timestamptz";
      std::string name = word == "time" || word == "timetz" ? "time" : "timestamp";
      if (!modifiers()) return false;
      if (mods.size() > 1) return fail(out, name + " takes one precision"), false;
      if (!mods.empty() && (mods[0] < 0 || mods[0] > 6))
        return fail(out, "precision of " + name + " must be between 0 and 6"), false;
      if (!zone && !catalog_only && !parse_zone(zone))
        return fail(out, "expected 'with time zone' or 'without time zone'"), false;
      base = name;
      if (!mods.empty()) base += "(" + std::to_string(mods[0]) + ")";
      base += zone ? " with time zone" : " without time zone";
      return true;
    }
    if (word == "interval") return interval(out, catalog_only, base);
    auto it = simple_types().find(word);
    if (it != simple_types().end()) {
      base = it->second;
      return no_modifiers(out, base);
    }
    return user(out, default_schema_, word);
  }

  // character(n), character varying(n), bit(n), bit varying(n).
  bool length_type(TypeName& out, const std::string& name, bool default_one, std::string& base) {
    std::vector<long long> mods;
    if (!parse_modifiers(mods)) return fail(out, "malformed type modifier"), false;
    if (mods.size() > 1) return fail(out, name + " takes one length"), false;
    if (!mods.empty() && mods[0] < 1)
      return fail(out, "length for type " + name + " must be at least 1"), false;
    if (!mods.empty() && mods[0] > 10485760)
      return fail(out, "length for type " + name + " cannot exceed 10485760"), false;
    base = name;
    if (!mods.empty())
      base += "(" + std::to_string(mods[0]) + ")";
    else if (default_one)
      base += "(1)";
    return true;
  }

  bool interval(TypeName& out, bool catalog_only, std::string& base) {
    static const std::vector<std::string> units = {"year", "month", "day", "hour", "minute",
                                                   "second"};
    auto unit_index = [&](size_t ahead) -> int {
      for (size_t u = 0; u < units.size(); ++u)
        if (peek_word(units[u], ahead)) return static_cast<int>(u);
      return -1;
    };
    std::string fields;
    bool ends_in_second = false;
    int from = catalog_only ? -1 : unit_index(0);
    if (from >= 0) {
      ++pos_;
      fields = units[from];
      ends_in_second = from == 5;
      if (peek_word("to")) {
        ++pos_;
        int to = unit_index(0);
        static const std::set<std::pair<int, int>> valid = {{0, 1}, {2, 3}, {2, 4}, {2, 5},
                                                            {3, 4}, {3, 5}, {4, 5}};
        if (to < 0 || !valid.count({from, to}))
          return fail(out, "invalid interval fields"), false;
        ++pos_;
        fields += " to " + units[to];
        ends_in_second = to == 5;
      }
    }
    std::vector<long long> mods;
    if (!parse_modifiers(mods)) return fail(out, "malformed type modifier"), false;
    if (mods.size() > 1) return fail(out, "interval takes one precision"), false;
    if (!mods.empty() && !fields.empty() && !ends_in_second)
      return fail(out, "interval precision is only allowed after 'second'"), false;
    if (!mods.empty() && (mods[0] < 0 || mods[0] > 6))
      return fail(out, "precision of interval must be between 0 and 6"), false;
    base = "interval";
    if (!fields.empty()) base += " " + fields;
    if (!mods.empty()) base += "(" + std::to_string(mods[0]) + ")";
    return true;
  }

  std::vector<Token> t_;
  size_t pos_ = 0;
  std::string default_schema_;
};

}  // namespace

TypeName canonical_type(std::string_view spelled, std::string_view default_schema) {
  std::vector<Token> tokens;
  if (auto e = tokenize(spelled, tokens)) {
    TypeName out;
    out.error = "invalid type '" + std::string(spelled) + "': " + *e;
    return out;
  }
  TypeName out = TypeParser(std::move(tokens), default_schema).run();
  if (!out.ok()) out.error = "invalid type '" + std::string(spelled) + "': " + out.error;
  return out;
}

TypeName canonical_type(std::string_view spelled, std::string_view default_schema,
                        const std::vector<std::string>& known_user_types) {
  TypeName t = canonical_type(spelled, default_schema);
  if (!t.ok() || !t.user_type) return t;
  std::string base = qualify_user_type(t.user_schema, t.user_name, false);
  for (const auto& k : known_user_types)
    if (k == base) return t;
  std::vector<std::string> candidates = builtin_type_spellings();
  for (const auto& k : known_user_types) {
    candidates.push_back(k);
    size_t dot = k.find('.');
    if (dot != std::string::npos && k.substr(0, dot) == default_schema)
      candidates.push_back(k.substr(dot + 1));
  }
  std::string shown = spelled.find('.') == std::string_view::npos ? t.user_name : base;
  TypeName out;
  out.error = "unknown type '" + shown + "'" + did_you_mean(shown, candidates);
  return out;
}

std::string qualify_user_type(std::string_view schema, std::string_view name, bool array) {
  std::string out = sql::quote_qualified(schema, name);
  if (array) out += "[]";
  return out;
}

std::string serial_base_type(std::string_view canonical) {
  if (canonical == "serial") return "integer";
  if (canonical == "bigserial") return "bigint";
  if (canonical == "smallserial") return "smallint";
  return std::string(canonical);
}

bool is_serial_type(std::string_view canonical) {
  return canonical == "serial" || canonical == "bigserial" || canonical == "smallserial";
}

std::string strip_type_modifiers(std::string_view canonical) {
  std::string out;
  int depth = 0;
  for (char c : canonical) {
    if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (depth == 0) {
      out += c;
    }
  }
  return out;
}

int type_modifier(const std::string& type, int which) {
  static const std::regex re(R"(\((\d+)(?:,(\d+))?\))");
  std::smatch m;
  if (!std::regex_search(type, m, re)) return -1;
  if (which == 1 && !m[2].matched) return 0;
  return std::stoi(m[which + 1].str());
}

const std::vector<std::string>& builtin_type_spellings() {
  static const std::vector<std::string> v = [] {
    std::vector<std::string> out = {"double precision", "float", "numeric", "decimal",
                                    "character", "char", "varchar", "character varying",
                                    "bit", "varbit", "bit varying", "time", "timetz",
                                    "timestamp", "timestamptz", "interval"};
    for (const auto& [k, _] : simple_types()) out.push_back(k);
    return out;
  }();
  return v;
}

}  // namespace strata::model
