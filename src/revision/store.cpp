#include "revision/store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <set>

#include "core/error.h"
#include "revision/write_lock.h"
#include "sql/text.h"

namespace strata::revision {
namespace {

namespace fs = std::filesystem;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string describe(const Revision& r) {
  return r.id + " (" + r.up_path.filename().string() + ")";
}

// Writes `text` to a new temporary file in `dir` and fsyncs it; returns its path.
fs::path write_temp(const fs::path& dir, const std::string& final_name, const std::string& text) {
  std::string tmpl = (dir / ("." + final_name + ".tmp-XXXXXX")).string();
  int fd = mkstemp(tmpl.data());
  if (fd < 0)
    throw Error("cannot create a temporary file in " + dir.string() + ": " +
                std::strerror(errno));
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = errno;
      ::close(fd);
      ::unlink(tmpl.c_str());
      throw Error("cannot write " + tmpl + ": " + std::strerror(err));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, 0644) != 0 || ::fsync(fd) != 0) {
    int err = errno;
    ::close(fd);
    ::unlink(tmpl.c_str());
    throw Error("cannot sync " + tmpl + ": " + std::strerror(err));
  }
  ::close(fd);
  return tmpl;
}

void sync_dir(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// The message as its header line holds it: line breaks and tabs become
// spaces, other control and bidi characters escapes (sql::visible), so the
// header stays one comment line and shows on a terminal as written.
std::string one_line(std::string_view s) {
  std::string out;
  for (char c : s) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  std::size_t b = out.find_first_not_of(' ');
  if (b == std::string::npos) return {};
  return sql::visible(out.substr(b, out.find_last_not_of(' ') - b + 1));
}

std::chrono::sys_seconds time_of_id(const std::string& id) {
  std::tm tm{};
  tm.tm_year = std::stoi(id.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(id.substr(4, 2)) - 1;
  tm.tm_mday = std::stoi(id.substr(6, 2));
  tm.tm_hour = std::stoi(id.substr(8, 2));
  tm.tm_min = std::stoi(id.substr(10, 2));
  tm.tm_sec = std::stoi(id.substr(12, 2));
  return std::chrono::sys_seconds(std::chrono::seconds(timegm(&tm)));
}

}  // namespace

Store::Store(fs::path dir, StoreOptions options)
    : dir_(std::move(dir)), options_(std::move(options)) {
  std::error_code ec;
  if (!fs::exists(dir_, ec)) return;
  if (!fs::is_directory(dir_, ec))
    throw LoadError(Location{dir_.string(), 0, 0}, "not a directory");
  std::vector<fs::path> ups;
  std::set<std::string> stems;
  std::vector<fs::path> downs;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    std::string name = entry.path().filename().string();
    if (name.empty() || name[0] == '.') continue;  // hidden and temporary files
    if (ends_with(name, ".up.sql")) {
      ups.push_back(entry.path());
      stems.insert(name.substr(0, name.size() - 7));
    } else if (ends_with(name, ".down.sql")) {
      downs.push_back(entry.path());
    }
  }
  if (ec) throw LoadError(Location{dir_.string(), 0, 0}, "cannot list: " + ec.message());
  std::sort(ups.begin(), ups.end());
  std::sort(downs.begin(), downs.end());

  std::vector<Diagnostic> diags;
  for (const auto& d : downs) {
    std::string name = d.filename().string();
    if (stems.count(name.substr(0, name.size() - 9))) continue;
    // Strata's own down file without its up file is a write under way or
    // one that was killed part way (the next run sweeps it): no revision.
    std::string text;
    if (std::ifstream in(d, std::ios::binary); in) std::getline(in, text);
    if (is_generated_down(text)) continue;
    diags.push_back({Location{d.string(), 0, 0},
                     "down file without an up file; restore the up file or delete this one"});
  }
  std::map<std::string, fs::path> by_id;
  for (const auto& up : ups) {
    try {
      Revision r = read_revision(up);
      auto [it, inserted] = by_id.emplace(r.id, up);
      if (!inserted) {
        diags.push_back({Location{up.string(), 1, 0},
                         "revision id " + r.id + " is also used by " + it->second.string() +
                             "; give one of them a new id (and fix its children's parent)"});
        continue;
      }
      revisions_.push_back(std::move(r));
    } catch (const LoadError& e) {
      diags.insert(diags.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!diags.empty()) throw LoadError(std::move(diags));
  std::sort(revisions_.begin(), revisions_.end(),
            [](const Revision& a, const Revision& b) { return a.id < b.id; });
}

const Revision* Store::find(std::string_view id) const {
  auto it = std::lower_bound(revisions_.begin(), revisions_.end(), id,
                             [](const Revision& r, std::string_view v) { return r.id < v; });
  return it != revisions_.end() && it->id == id ? &*it : nullptr;
}

const Revision& Store::resolve(std::string_view id_or_prefix) const {
  if (const Revision* exact = find(id_or_prefix)) return *exact;
  std::vector<const Revision*> matches;
  if (!id_or_prefix.empty())
    for (const auto& r : revisions_)
      if (r.id.compare(0, id_or_prefix.size(), id_or_prefix) == 0) matches.push_back(&r);
  if (matches.size() == 1) return *matches.front();
  std::string ref(id_or_prefix);
  if (matches.empty()) {
    std::string known;
    for (const auto& r : revisions_) known += "\n  " + r.id + "  " + r.message;
    throw UsageError("unknown revision '" + ref + "' in " + dir_.string() +
                     (known.empty() ? " (the directory has no revisions)"
                                    : "; known revisions:" + known));
  }
  std::string candidates;
  for (const auto* r : matches) candidates += "\n  " + r->id + "  " + r->message;
  throw UsageError("revision prefix '" + ref + "' is ambiguous; it matches " +
                   std::to_string(matches.size()) + " revisions:" + candidates +
                   "\ngive more digits");
}

std::vector<const Revision*> Store::heads() const {
  std::set<std::string> parents;
  for (const auto& r : revisions_)
    if (r.parent) parents.insert(*r.parent);
  std::vector<const Revision*> out;
  for (const auto& r : revisions_)
    if (!parents.count(r.id)) out.push_back(&r);
  return out;
}

std::optional<std::string> Store::head() const {
  auto hs = heads();
  if (hs.empty()) {
    if (!revisions_.empty())
      throw UsageError("the revisions in " + dir_.string() +
                       " form a cycle and have no head; run `strata check`");
    return std::nullopt;
  }
  if (hs.size() > 1) {
    std::string list;
    for (const auto* r : hs) list += "\n  " + describe(*r);
    throw UsageError("the revisions in " + dir_.string() + " have " + std::to_string(hs.size()) +
                     " heads (a fork):" + list +
                     "\nrun `strata rebase` to put the branch the database has not applied on top "
                     "of the other (`strata status` shows which)");
  }
  return hs.front()->id;
}

std::vector<ChainProblem> Store::problems() const {
  std::vector<ChainProblem> out;
  std::map<std::string, std::vector<const Revision*>> children;  // "" = roots
  for (const auto& r : revisions_) children[r.parent.value_or("")].push_back(&r);
  for (const auto& [parent, kids] : children) {
    if (kids.size() < 2) continue;
    ChainProblem p{ChainProblem::Kind::kFork, {}, {}};
    std::string list;
    for (const auto* k : kids) {
      p.revisions.push_back(k->id);
      list += (list.empty() ? "" : ", ") + describe(*k);
    }
    p.message = (parent.empty() ? "fork: several first revisions (parent none): "
                                : "fork: " + std::to_string(kids.size()) +
                                      " revisions follow " + parent + ": ") +
                list + "; run `strata rebase` to move the branch that is not applied onto the "
                "other's head (`strata rebase REVISION` names the branch to move)";
    out.push_back(std::move(p));
  }
  for (const auto& r : revisions_) {
    if (r.parent && !find(*r.parent))
      out.push_back({ChainProblem::Kind::kMissingParent,
                     {r.id},
                     "missing parent: " + describe(r) + " follows " + *r.parent +
                         ", which is not in " + dir_.string() +
                         "; restore that revision's files or fix the parent line"});
  }
  // Cycles: a walk up the parents that comes back to a revision it has seen.
  std::set<std::string> reported;
  for (const auto& r : revisions_) {
    std::vector<std::string> path;
    std::set<std::string> seen;
    const Revision* cur = &r;
    while (cur && !reported.count(cur->id)) {
      if (!seen.insert(cur->id).second) {
        auto start = std::find(path.begin(), path.end(), cur->id);
        std::vector<std::string> cycle(start, path.end());
        std::sort(cycle.begin(), cycle.end());
        for (const auto& id : cycle) reported.insert(id);
        out.push_back({ChainProblem::Kind::kCycle, cycle,
                       "cycle: revisions " + sql::join(cycle) +
                           " are each other's ancestors; fix their parent lines"});
        break;
      }
      path.push_back(cur->id);
      cur = cur->parent ? find(*cur->parent) : nullptr;
    }
  }
  return out;
}

std::vector<Revision> Store::between(const std::optional<std::string>& base,
                                     const std::string& tip) const {
  std::vector<Revision> out;
  if (base && *base == tip) return out;
  const Revision* cur = find(tip);
  if (!cur) throw UsageError("unknown revision '" + tip + "' in " + dir_.string());
  std::set<std::string> seen;
  while (true) {
    if (!seen.insert(cur->id).second)
      throw UsageError("the parent chain of " + tip + " loops at " + cur->id +
                       "; run `strata check`");
    out.push_back(*cur);
    if (!cur->parent) {
      if (base)
        throw UsageError("revision " + *base + " is not an ancestor of " + tip +
                         " (they are on different branches, or " + *base +
                         " comes later)");
      break;
    }
    if (base && *cur->parent == *base) break;
    const Revision* next = find(*cur->parent);
    if (!next)
      throw UsageError("the chain of " + tip + " is broken: " + describe(*cur) + " follows " +
                       *cur->parent + ", which is not in " + dir_.string() +
                       "; restore that revision's files or correct the `strata:parent` line");
    cur = next;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::optional<std::string> Store::step_back(const std::string& from, int steps) const {
  if (steps < 0) throw UsageError("cannot step back a negative number of revisions");
  std::optional<std::string> cur = from;
  for (int i = 0; i < steps; ++i) {
    if (!cur)
      throw UsageError("cannot go back " + std::to_string(steps) + " revisions from " + from +
                       ": going back " + std::to_string(i) +
                       " already undoes the first revision");
    const Revision* r = find(*cur);
    if (!r) throw UsageError("unknown revision '" + *cur + "' in " + dir_.string());
    cur = r->parent;
  }
  return cur;
}

Revision Store::prepare(const RevisionDraft& draft,
                        std::chrono::system_clock::time_point now) const {
  Revision r;
  r.message = one_line(draft.message);
  if (r.message.empty()) throw UsageError("a revision needs a message");
  if (auto problem = template_problem(options_.name_template))
    throw UsageError("the revision name template: " + *problem);
  r.parent = head();
  r.summary = draft.summary;
  r.no_transaction = draft.no_transaction;
  r.allow = draft.allow;
  r.prechecks = draft.prechecks;
  auto t = std::chrono::time_point_cast<std::chrono::seconds>(now);
  // Ids grow along the chain even when this clock is behind the parent's.
  if (r.parent && id_for_time(t) <= *r.parent) t = time_of_id(*r.parent) + std::chrono::seconds(1);
  for (int attempt = 0;; ++attempt, t += std::chrono::seconds(1)) {
    if (attempt == 1000)
      throw UsageError("cannot find a free file name with template '" + options_.name_template +
                       "'; include {time} or {id} in it");
    r.id = id_for_time(t);
    std::string stem = format_stem(options_.name_template, r.id, r.message);
    r.up_path = dir_ / (stem + ".up.sql");
    r.down_path = dir_ / (stem + ".down.sql");
    std::error_code ec;
    bool taken = find(r.id) || (r.parent && *r.parent >= r.id) ||
                 fs::exists(r.up_path, ec) || fs::exists(r.down_path, ec);
    if (!taken) break;
  }
  std::string up_body = draft.up_body, down_body = draft.down_body;
  if (!up_body.empty() && up_body.back() != '\n') up_body += '\n';
  if (!down_body.empty() && down_body.back() != '\n') down_body += '\n';
  r.up_sql = render_header(r) + "\n" + up_body;
  r.down_sql = "-- strata:down " + r.id + " (reverts: " + r.message + ")\n\n" + down_body;
  r.checksum = checksum_of(r.up_sql, r.down_sql);
  return r;
}

void Store::write(const Revision& revision) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) throw Error("cannot create " + dir_.string() + ": " + ec.message());
  if (fs::exists(revision.up_path, ec) || fs::exists(revision.down_path, ec))
    throw UsageError("refusing to overwrite " + revision.up_path.string() + " or its down file");
  if (find(revision.id))
    throw UsageError("revision " + revision.id + " already exists in " + dir_.string());
  fs::path tmp_down = write_temp(dir_, revision.down_path.filename().string(), revision.down_sql);
  fs::path tmp_up;
  try {
    tmp_up = write_temp(dir_, revision.up_path.filename().string(), revision.up_sql);
  } catch (...) {
    fs::remove(tmp_down, ec);
    throw;
  }
  if (::rename(tmp_down.c_str(), revision.down_path.c_str()) != 0) {
    int err = errno;
    fs::remove(tmp_down, ec);
    fs::remove(tmp_up, ec);
    throw Error("cannot rename into " + revision.down_path.string() + ": " + std::strerror(err));
  }
  if (::rename(tmp_up.c_str(), revision.up_path.c_str()) != 0) {
    int err = errno;
    fs::remove(tmp_up, ec);
    fs::remove(revision.down_path, ec);
    throw Error("cannot rename into " + revision.up_path.string() + ": " + std::strerror(err));
  }
  sync_dir(dir_);
  auto pos = std::lower_bound(revisions_.begin(), revisions_.end(), revision.id,
                              [](const Revision& r, const std::string& v) { return r.id < v; });
  revisions_.insert(pos, revision);
}

void Store::reparent(const std::string& id, const std::optional<std::string>& parent) {
  auto it = std::find_if(revisions_.begin(), revisions_.end(),
                         [&](const Revision& r) { return r.id == id; });
  if (it == revisions_.end()) throw UsageError("unknown revision '" + id + "' in " + dir_.string());
  if (parent) {
    if (!find(*parent))
      throw UsageError("cannot make " + id + " follow " + *parent + ": no such revision in " +
                       dir_.string());
    // The new parent must not descend from `id`.
    std::set<std::string> seen;
    for (const Revision* cur = find(*parent); cur && seen.insert(cur->id).second;
         cur = cur->parent ? find(*cur->parent) : nullptr) {
      if (cur->id == id)
        throw UsageError("cannot make " + id + " follow " + *parent + ": " + *parent +
                         " comes after " + id + " (that would be a cycle)");
    }
  }
  std::string text = with_parent(it->up_sql, parent, it->up_path.string());
  fs::path tmp = write_temp(dir_, it->up_path.filename().string(), text);
  if (::rename(tmp.c_str(), it->up_path.c_str()) != 0) {
    int err = errno;
    std::error_code ec;
    fs::remove(tmp, ec);
    throw Error("cannot rename into " + it->up_path.string() + ": " + std::strerror(err));
  }
  sync_dir(dir_);
  it->up_sql = std::move(text);
  it->parent = parent;
  it->checksum = checksum_of(it->up_sql, it->down_sql);
}

std::vector<Fork> forks(const Store& store) {
  std::map<std::string, std::vector<std::string>> children;  // "" = no parent
  for (const auto& r : store.revisions()) children[r.parent.value_or("")].push_back(r.id);
  std::vector<Fork> out;
  for (const auto& [parent, kids] : children) {
    if (kids.size() < 2) continue;
    Fork f;
    if (!parent.empty()) f.parent = parent;
    for (const auto& kid : kids) {
      Branch b;
      std::set<std::string> seen;
      std::string cur = kid;
      while (seen.insert(cur).second) {
        b.revisions.push_back(cur);
        auto next = children.find(cur);
        if (next == children.end()) break;
        if (next->second.size() > 1) {
          b.linear = false;
          break;
        }
        cur = next->second.front();
      }
      f.branches.push_back(std::move(b));
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace strata::revision
