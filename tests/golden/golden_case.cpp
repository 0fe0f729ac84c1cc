#include "golden/golden_case.h"

#include <algorithm>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <sstream>

#include "model/yaml_loader.h"
#include "sql/parse_result.h"
#include "sql/script.h"
#include "support/test_database.h"

namespace strata::golden {

std::string GoldenCase::read(const std::string& file) const {
  std::ifstream in(dir / file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void GoldenCase::write(const std::string& file, const std::string& text) const {
  std::ofstream out(dir / file, std::ios::binary | std::ios::trunc);
  out << text;
}

namespace {

// A case file may hold several model files separated by "---" lines (one
// schema each).
model::Schema load_documents(const std::string& text, const std::string& name) {
  std::vector<model::SourceFile> files;
  std::string part;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line == "---") {
      files.push_back({name + "#" + std::to_string(files.size() + 1), part});
      part.clear();
    } else {
      part += line + "\n";
    }
  }
  files.push_back({name + "#" + std::to_string(files.size() + 1), part});
  return model::load_sources(files);
}

}  // namespace

model::Schema GoldenCase::current() const {
  return load_documents(read("current.yaml"), name + "/current.yaml");
}

model::Schema GoldenCase::desired() const {
  return load_documents(read("desired.yaml"), name + "/desired.yaml");
}

bool GoldenCase::online() const {
  if (!std::filesystem::exists(dir / "options.yaml")) return false;
  std::istringstream in(read("options.yaml"));
  std::optional<bool> online;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line.starts_with("#")) continue;
    if (line == "plan: online" || line == "plan: offline") {
      online = line == "plan: online";
      continue;
    }
    throw std::runtime_error(name + "/options.yaml: '" + line + "' is not `plan: online` or `plan: offline`");
  }
  return online.value_or(false);
}

std::vector<std::string> GoldenCase::roles() const {
  std::vector<std::string> out;
  std::istringstream lines(read("roles"));
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

diff::Options GoldenCase::options() const {
  diff::Options o;
  std::string manage = read("manage");
  o.manage_owners = manage.find("owners") != std::string::npos;
  o.manage_privileges = manage.find("privileges") != std::string::npos;
  return o;
}

std::vector<GoldenCase> all_cases() {
  std::vector<GoldenCase> out;
  std::filesystem::path root = testing::source_path("tests/golden");
  for (const auto& entry : std::filesystem::directory_iterator(root))
    if (entry.is_directory() && std::filesystem::exists(entry.path() / "desired.yaml"))
      out.push_back({entry.path().filename().string(), entry.path()});
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

std::string case_name(const GoldenCase& c) {
  std::string out;
  for (char ch : c.name) out += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return out;
}

std::vector<std::string> parsed_statements(const std::string& script,
                                           std::vector<std::string>& problems) {
  std::vector<std::string> out;
  sql::SplitResult split = sql::split_script(script);
  if (!split.ok()) {
    problems.push_back("script does not parse: " + split.error->str());
    return out;
  }
  for (const auto& s : split.statements) {
    if (auto e = sql::check_syntax(s.text)) problems.push_back(s.text + ": " + e->message);
    out.push_back(s.text);
  }
  return out;
}

}  // namespace strata::golden
