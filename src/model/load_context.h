#pragma once

// Internal to the YAML loader: where things were declared, and the
// diagnostics gathered so far. Not part of the model's public contract.

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/error.h"
#include "model/declared_place.h"
#include "model/declared_places.h"

namespace strata::model {

// Column names an expression of a table uses, with where each one is written;
// checked against the table once every file is read.
struct ExpressionColumns {
  std::string schema;
  std::string table;
  std::string what;  // "check 'users_age_check'", "index 'x'", ...
  std::vector<std::pair<std::string, Location>> columns;
};

class LoadContext {
 public:
  // User types that exist in the database but are not part of the model
  // (domains, composite and range types, types of extensions Strata does not
  // know): canonical qualified names without "[]".
  void add_external_type(const std::string& canonical) { external_types_.insert(canonical); }
  bool is_external_type(const std::string& canonical) const {
    return external_types_.count(canonical) > 0;
  }

  void expect_columns(ExpressionColumns e) { expression_columns_.push_back(std::move(e)); }
  const std::vector<ExpressionColumns>& expression_columns() const { return expression_columns_; }

  void error(Location where, std::string message) {
    diagnostics_.push_back({std::move(where), std::move(message)});
  }
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

  // Records where the object named by `key` was declared (first one wins).
  void mark(std::string_view key, const Location& where) {
    locations_.mark(key, DeclaredPlace{file_index(where.file), where.line, where.column});
  }
  // As above, the file given by its index (file_index): a reader marks
  // thousands of objects of one file.
  void mark(std::string_view key, DeclaredPlace where) { locations_.mark(key, where); }
  // Room for about `n` declarations, so the table is not rebuilt as it grows.
  void reserve_locations(std::size_t n) { locations_.reserve(n); }
  // The index that names `file` in DeclaredPlace.
  std::uint32_t file_index(const std::string& file) {
    for (std::size_t i = files_.size(); i-- > 0;)
      if (files_[i] == file) return static_cast<std::uint32_t>(i);
    files_.push_back(file);
    return static_cast<std::uint32_t>(files_.size() - 1);
  }
  // Where `key` was declared; else where `fallback` was; else nowhere.
  Location at(const std::string& key, const std::string& fallback = {}) const {
    const DeclaredPlace* p = locations_.find(key);
    if (!p && !fallback.empty()) p = locations_.find(fallback);
    if (!p) return {};
    return Location{files_[p->file], p->line, p->column};
  }
  // Every declaration's place and the files they name, handed over (for a
  // SourceMap) when reading is done.
  std::vector<std::string> take_files() { return std::move(files_); }
  DeclaredPlaces take_locations() { return std::move(locations_); }

 private:
  std::vector<Diagnostic> diagnostics_;
  std::vector<std::string> files_;
  DeclaredPlaces locations_;
  std::vector<ExpressionColumns> expression_columns_;
  std::set<std::string> external_types_;
};

// How a message points at another place: "5:7" in the same file, else
// "file:5:7".
inline std::string refer_to(const Location& other, const std::string& from_file) {
  if (other.file == from_file && other.line > 0) {
    Location same = other;
    same.file.clear();
    std::string s = same.str();
    return s.empty() ? s : s.substr(1);
  }
  return other.str();
}

// Location keys: kind and the parts of the object's name joined with '\x1f'.
inline std::string loc_key(std::string_view kind, std::string_view a, std::string_view b = {},
                           std::string_view c = {}, std::string_view d = {}) {
  std::string out(kind);
  for (std::string_view p : {a, b, c, d}) {
    if (p.empty()) continue;
    out += '\x1f';
    out += p;
  }
  return out;
}

}  // namespace strata::model
