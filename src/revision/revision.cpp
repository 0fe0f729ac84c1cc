#include "revision/revision.h"

#include <cctype>
#include <optional>
#include <fstream>
#include <sstream>
#include <vector>

#include "core/error.h"
#include "core/utf8.h"
#include "revision/precheck.h"
#include "revision/sha256.h"
#include "sql/text.h"

namespace strata::revision {
namespace {

constexpr std::string_view kUpSuffix = ".up.sql";
constexpr std::string_view kDownSuffix = ".down.sql";

// Splits into lines without their terminators ("\n" or "\r\n").
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

bool read_file(const std::filesystem::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return false;
  out = ss.str();
  return true;
}

// A revision file's text must be UTF-8 without a byte order mark: the SQL
// parser and every JSON output depend on it.
std::optional<Diagnostic> encoding_problem(std::string_view text, const std::string& file) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF")
    return Diagnostic{Location{file, 1, 1},
                      "the file starts with a UTF-8 byte order mark (bytes EF BB BF); save it as UTF-8 "
                      "without a BOM"};
  return utf8_problem(text, file, "revision files");
}

constexpr std::string_view kHeaderHelp =
    "an up file starts with the header `strata create` writes:\n"
    "  -- strata:revision <14-digit id>\n"
    "  -- strata:parent   <id of the previous revision, or none>\n"
    "  -- strata:message  <what it does>";

}  // namespace

bool is_valid_id(std::string_view id) {
  if (id.size() != kIdLength) return false;
  for (char c : id)
    if (c < '0' || c > '9') return false;
  return true;
}

Revision parse_header(std::string_view up_text, const std::string& file) {
  Revision r;
  std::vector<Diagnostic> diags;
  bool seen_id = false, seen_parent = false, seen_message = false;
  PrecheckReader prechecks;
  int line_no = 0;
  for (std::string_view line : lines_of(up_text)) {
    ++line_no;
    std::string_view rest = line;
    std::size_t indent = 0;
    while (indent < rest.size() && (rest[indent] == ' ' || rest[indent] == '\t')) ++indent;
    rest.remove_prefix(indent);
    if (rest.substr(0, 2) != "--") break;  // the header is the leading comment block
    std::string_view body = rest.substr(2);
    std::size_t skip = 0;
    while (skip < body.size() && (body[skip] == ' ' || body[skip] == '\t')) ++skip;
    body.remove_prefix(skip);
    if (body.substr(0, 7) != "strata:") {
      r.summary += std::string(line) + "\n";
      continue;
    }
    std::size_t key_end = body.find_first_of(" \t");
    std::string key(body.substr(7, key_end == std::string_view::npos ? std::string_view::npos
                                                                       : key_end - 7));
    std::string value = key_end == std::string_view::npos
                            ? std::string()
                            : std::string(sql::trim(body.substr(key_end)));
    // Column of the value (or of the key when there is none) in the raw line.
    std::size_t col = indent + 2 + skip;
    if (key_end != std::string_view::npos) {
      col += key_end;
      while (col < line.size() && (line[col] == ' ' || line[col] == '\t')) ++col;
    }
    int value_col = static_cast<int>(col) + 1;
    Location at{file, line_no, value_col};
    if (key == "precheck-sql") {
      // Kept exactly as written after the one space: it is SQL.
      std::string_view raw = key_end == std::string_view::npos ? std::string_view()
                                                               : body.substr(key_end + 1);
      prechecks.on_sql(raw, at, diags);
      continue;
    }
    auto duplicate = [&](bool& seen) {
      if (seen) {
        diags.push_back({at, "duplicate `strata:" + key + "` line; keep only one"});
        return true;
      }
      seen = true;
      return false;
    };
    if (key == "revision") {
      if (duplicate(seen_id)) continue;
      if (!is_valid_id(value))
        diags.push_back({at, "revision id '" + value +
                                 "' is not 14 digits (yyyymmddHHMMSS, UTC), e.g. "
                                 "20261125134210"});
      r.id = value;
    } else if (key == "parent") {
      if (duplicate(seen_parent)) continue;
      if (value == "none") {
        r.parent.reset();
      } else if (!is_valid_id(value)) {
        diags.push_back({at, "parent '" + value +
                                 "' is neither a 14-digit revision id nor `none` (for the "
                                 "first revision)"});
      } else {
        r.parent = value;
      }
    } else if (key == "message") {
      if (duplicate(seen_message)) continue;
      if (value.empty())
        diags.push_back({at, "empty `strata:message`; say what the revision does"});
      r.message = value;
    } else if (key == "no-transaction") {
      if (!value.empty())
        diags.push_back({at, "`strata:no-transaction` takes no value; remove what follows it"});
      r.no_transaction = true;
    } else if (key == "allow") {
      std::size_t before = r.allow.size();
      std::string word;
      for (char c : value + " ") {
        if (c == ' ' || c == '\t' || c == ',') {
          if (!word.empty()) r.allow.push_back(word);
          word.clear();
        } else {
          word += c;
        }
      }
      if (r.allow.size() == before)
        diags.push_back({at, "`strata:allow` names no hazard kind; write e.g. `-- strata:allow data-loss`"});
    } else if (key == "precheck") {
      prechecks.on_check(value, at, diags);
    } else {
      diags.push_back({Location{file, line_no, static_cast<int>(indent + 2 + skip) + 1},
                       "unknown header line `strata:" + key +
                           "`; known: strata:revision, strata:parent, strata:message, "
                           "strata:no-transaction, strata:allow, strata:precheck, strata:precheck-sql"});
    }
  }
  r.prechecks = prechecks.finish(diags);
  if (!seen_id)
    diags.push_back({Location{file, 1, 0},
                     "missing `-- strata:revision` line; " + std::string(kHeaderHelp)});
  if (!seen_parent)
    diags.push_back({Location{file, 1, 0},
                     "missing `-- strata:parent` line (write `none` for the first revision)"});
  if (!seen_message)
    diags.push_back({Location{file, 1, 0},
                     "missing `-- strata:message` line; add one saying what the revision does"});
  if (seen_id && r.parent && *r.parent == r.id)
    diags.push_back({Location{file, 1, 0}, "revision " + r.id +
                         " names itself as its parent; set `strata:parent` to the id of the "
                         "revision before it (`none` for the first)"});
  if (!diags.empty()) throw LoadError(std::move(diags));
  return r;
}

Revision read_revision(const std::filesystem::path& up_path) {
  std::string name = up_path.filename().string();
  std::filesystem::path down_path = up_path;
  if (name.size() > kUpSuffix.size() &&
      name.compare(name.size() - kUpSuffix.size(), kUpSuffix.size(), kUpSuffix) == 0) {
    down_path.replace_filename(name.substr(0, name.size() - kUpSuffix.size()) +
                               std::string(kDownSuffix));
  } else {
    throw LoadError(Location{up_path.string(), 0, 0},
                    "a revision's up file name ends with .up.sql");
  }
  std::string up, down;
  std::vector<Diagnostic> diags;
  if (!read_file(up_path, up))
    throw LoadError(Location{up_path.string(), 0, 0}, "cannot read the file");
  if (!read_file(down_path, down))
    diags.push_back({Location{down_path.string(), 0, 0},
                     "missing down file for " + up_path.filename().string() +
                         "; every revision has both (an empty down file is allowed)"});
  auto up_encoding = encoding_problem(up, up_path.string());
  if (up_encoding) diags.push_back(*up_encoding);
  if (auto d = encoding_problem(down, down_path.string())) diags.push_back(*d);
  Revision r;
  if (!up_encoding) {
    try {
      r = parse_header(up, up_path.string());
    } catch (const LoadError& e) {
      diags.insert(diags.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!diags.empty()) throw LoadError(std::move(diags));
  r.up_path = up_path;
  r.down_path = down_path;
  r.up_sql = std::move(up);
  r.down_sql = std::move(down);
  r.checksum = checksum_of(r.up_sql, r.down_sql);
  return r;
}

std::string render_header(const Revision& r) {
  std::string out;
  out += "-- strata:revision " + r.id + "\n";
  out += "-- strata:parent   " + (r.parent ? *r.parent : std::string("none")) + "\n";
  out += "-- strata:message  " + r.message + "\n";
  if (r.no_transaction) out += "-- strata:no-transaction\n";
  if (!r.allow.empty()) {
    out += "-- strata:allow   ";
    for (std::size_t i = 0; i < r.allow.size(); ++i) out += (i ? ", " : "") + r.allow[i];
    out += "\n";
  }
  if (!r.summary.empty()) {
    out += r.summary;
    if (out.back() != '\n') out += "\n";
  }
  out += format_prechecks(r.prechecks);
  return out;
}

namespace {

// Where the `-- strata:parent` line of an up file's header is: the byte
// range of the whole line (with its line break) and of its value.
struct ParentLine {
  std::size_t line_begin = 0, line_end = 0;    // [begin, end) with the line break
  std::size_t value_begin = 0, value_end = 0;  // the value, without trailing blanks
};

std::optional<ParentLine> find_parent_line(std::string_view text) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::size_t next = nl == std::string_view::npos ? text.size() : nl + 1;
    std::size_t i = start;
    while (i < end && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (text.substr(i, 2) != "--") break;  // past the header
    i += 2;
    while (i < end && (text[i] == ' ' || text[i] == '\t')) ++i;
    constexpr std::string_view kKey = "strata:parent";
    std::size_t after = i + kKey.size();
    if (text.substr(i, kKey.size()) == kKey &&
        (after == end || text[after] == ' ' || text[after] == '\t' || text[after] == '\r')) {
      ParentLine p;
      p.line_begin = start;
      p.line_end = next;
      std::size_t v = after;
      while (v < end && (text[v] == ' ' || text[v] == '\t')) ++v;
      std::size_t ve = end;
      while (ve > v && (text[ve - 1] == ' ' || text[ve - 1] == '\t' || text[ve - 1] == '\r')) --ve;
      p.value_begin = v;
      p.value_end = ve;
      return p;
    }
    start = next;
  }
  return std::nullopt;
}

}  // namespace

std::string checksum_of(std::string_view up, std::string_view down) {
  Sha256 sha;
  // The leading comment block, line by line, with its allow lines and its
  // parent line skipped; then the rest of the file as it is.
  std::size_t start = 0;
  bool parent_skipped = false;
  while (start < up.size()) {
    std::size_t nl = up.find('\n', start);
    std::size_t end = nl == std::string_view::npos ? up.size() : nl + 1;
    std::string_view line = up.substr(start, end - start);
    std::size_t i = 0;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (line.substr(i, 2) != "--") break;
    i += 2;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    auto is_key = [&](std::string_view key) {
      return line.substr(i, key.size()) == key &&
             (i + key.size() == line.size() ||
              std::isspace(static_cast<unsigned char>(line[i + key.size()])));
    };
    bool skip = is_key("strata:allow");
    if (!skip && !parent_skipped && is_key("strata:parent")) skip = parent_skipped = true;
    if (!skip) sha.update(line);
    start = end;
  }
  sha.update(up.substr(std::min(start, up.size())));
  sha.update(down);
  return sha.hex_digest();
}

std::string legacy_checksum_of(std::string_view up, std::string_view down) {
  Sha256 sha;
  sha.update(up);
  sha.update(down);
  return sha.hex_digest();
}

std::string with_parent(std::string_view up_text, const std::optional<std::string>& parent,
                        const std::string& file) {
  auto p = find_parent_line(up_text);
  if (!p)
    throw LoadError(Location{file, 1, 0},
                    "missing `-- strata:parent` line (write `none` for the first revision)");
  std::string out(up_text.substr(0, p->value_begin));
  out += parent.value_or("none");
  out += up_text.substr(p->value_end);
  return out;
}

bool matches_recorded(const Revision& r, std::string_view recorded,
                      const std::optional<std::string>& recorded_parent) {
  if (recorded == r.checksum) return true;
  if (recorded == legacy_checksum_of(r.up_sql, r.down_sql)) return true;
  if (recorded_parent == r.parent) return false;
  try {
    return recorded ==
           legacy_checksum_of(with_parent(r.up_sql, recorded_parent, r.up_path.string()), r.down_sql);
  } catch (const LoadError&) {
    return false;
  }
}

}  // namespace strata::revision
