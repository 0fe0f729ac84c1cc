#include "model/yaml_loader.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <tuple>
#include <sstream>

#include "core/error.h"
#include "core/utf8.h"
#include "model/document_reader.h"
#include "model/function_reader.h"
#include "model/load_context.h"
#include "model/model_validator.h"
#include "model/parse_ahead.h"

namespace strata::model {
namespace {

std::string generic(const std::filesystem::path& p) { return p.generic_string(); }

// `p`'s text; `shown` names it in the error.
std::string read_file(const std::filesystem::path& p, const std::string& shown) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw LoadError(Location{shown, 0, 0}, "cannot read file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Schema load_sources(const std::vector<SourceFile>& sources, SourceMap* where) {
  Schema schema;
  LoadContext ctx;
  // The files are parsed on other threads while this one reads them, in
  // order: the model and its diagnostics are the same as when read one by one.
  std::vector<std::optional<Diagnostic>> bad_text;
  std::vector<const std::string*> texts;
  std::size_t bytes = 0;
  for (const auto& s : sources) bytes += s.text.size();
  // A model declares something (a column, its type, a key...) every 20 to
  // 30 bytes.
  ctx.reserve_locations(bytes / 20);
  for (const auto& s : sources) {
    bad_text.push_back(utf8_problem(s.text, s.name, "model files"));
    texts.push_back(bad_text.back() ? nullptr : &s.text);
  }
  ParseAhead parsed(texts, ParseAhead::threads_for(sources.size()));
  for (std::size_t i = 0; i < sources.size(); ++i) {
    YamlStream yaml = parsed.take(i);
    if (bad_text[i])
      ctx.error(bad_text[i]->where, bad_text[i]->message);
    else
      read_document(sources[i].name, sources[i].text, yaml, schema, ctx);
  }
  resolve_function_references(schema);
  validate_and_normalize(schema, ctx);
  if (ctx.diagnostics().empty()) {
    if (where != nullptr) where->set(ctx.take_files(), ctx.take_locations());
    return schema;
  }
  // Report in reading order: by file as given, then by position.
  std::map<std::string, size_t> file_order;
  for (size_t i = 0; i < sources.size(); ++i) file_order.emplace(sources[i].name, i);
  std::vector<Diagnostic> ds = ctx.diagnostics();
  std::stable_sort(ds.begin(), ds.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    auto order = [&](const Diagnostic& d) {
      auto it = file_order.find(d.where.file);
      return std::make_tuple(it == file_order.end() ? sources.size() : it->second, d.where.line,
                             d.where.column);
    };
    return order(a) < order(b);
  });
  throw LoadError(std::move(ds));
}

std::vector<std::filesystem::path> model_files(const std::filesystem::path& dir, const ShowPath& show) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw LoadError(Location{show(dir), 0, 0}, "no such directory");
  std::vector<std::filesystem::path> files;
  auto it = std::filesystem::recursive_directory_iterator(dir);
  for (; it != std::filesystem::recursive_directory_iterator(); ++it) {
    const auto& e = *it;
    // Hidden files and folders (.git, editor backups) are not models.
    if (e.path().filename().string().starts_with(".")) {
      if (e.is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!e.is_regular_file()) continue;
    auto ext = e.path().extension().string();
    if (ext == ".yaml" || ext == ".yml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<SourceFile> read_files(const std::vector<std::filesystem::path>& files, const ShowPath& show) {
  std::vector<SourceFile> sources;
  for (const auto& f : files) {
    std::string shown = show(f);
    std::string text = read_file(f, shown);
    sources.push_back({std::move(shown), std::move(text)});
  }
  return sources;
}

}  // namespace

Schema load_sources(const std::vector<SourceFile>& sources) { return load_sources(sources, nullptr); }

Schema load_sources(const std::vector<SourceFile>& sources, SourceMap& where) { return load_sources(sources, &where); }

Location SourceMap::find(std::string_view kind, std::string_view a, std::string_view b,
                         std::string_view c) const {
  const DeclaredPlace* p = entries_.find(loc_key(kind, a, b, c));
  if (!p) return Location{};
  return Location{files_[p->file], p->line, p->column};
}

Schema load_string(std::string_view yaml, std::string_view file_name) {
  return load_sources({SourceFile{std::string(file_name), std::string(yaml)}});
}

Schema load_files(const std::vector<std::filesystem::path>& files) {
  return load_sources(read_files(files, generic), nullptr);
}

Schema load_directory(const std::filesystem::path& dir) { return load_files(model_files(dir, generic)); }

Schema load_directory(const std::filesystem::path& dir, SourceMap& where) {
  return load_directory(dir, where, generic);
}

Schema load_directory(const std::filesystem::path& dir, SourceMap& where, const ShowPath& show) {
  return load_sources(read_files(model_files(dir, show), show), &where);
}

}  // namespace strata::model
