#include "cli/usage.h"

#include <algorithm>

#include "model/suggestion.h"

namespace strata::cli {
namespace {

// "strata", "strata local": how the user reaches `app`.
std::string path_of(const CLI::App* app) {
  std::string out;
  for (; app != nullptr; app = app->get_parent()) out = app->get_name() + (out.empty() ? "" : " " + out);
  return out.empty() ? "strata" : out;
}

std::vector<std::string> names_of(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(sub->get_name());
  return names;
}

std::string lowercase_first(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z' && !(s.size() > 1 && s[1] >= 'A' && s[1] <= 'Z'))
    s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

}  // namespace

std::optional<std::string> command_problem(const CLI::App& app, int argc, const char* const* argv,
                                           const std::vector<std::string>& value_options) {
  const CLI::App* current = &app;
  bool top = true;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") break;
    if (arg.starts_with("-")) {
      if (arg == "-h" || arg == "--help" || arg == "--version") return std::nullopt;
      if (top && std::find(value_options.begin(), value_options.end(), arg) != value_options.end()) ++i;
      continue;
    }
    std::vector<std::string> names = names_of(*current);
    if (names.empty()) return std::nullopt;  // a command's own arguments
    if (std::find(names.begin(), names.end(), arg) == names.end()) {
      std::string of = top ? "" : " of `" + path_of(current) + "`";
      return "unknown command '" + arg + "'" + of + model::did_you_mean(arg, names) + "; `" + path_of(current) +
             " --help` lists them";
    }
    current = current->get_subcommand(arg);
    top = false;
  }
  if (!names_of(*current).empty())
    return (top ? std::string("no command given") : "`" + path_of(current) + "` needs a command") +
           "; `" + path_of(current) + " --help` lists them";
  return std::nullopt;
}

std::string parse_problem(const CLI::App& app, const CLI::ParseError& e) {
  // The deepest command that was given, for the pointer to its help.
  const CLI::App* where = &app;
  while (true) {
    auto subs = where->get_subcommands();
    if (subs.empty()) break;
    where = subs.front();
  }
  std::string message = lowercase_first(e.what());
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  std::string path = path_of(where);
  return (where == &app ? "" : path + ": ") + message + "; see `" + path + " --help`";
}

bool wants_json(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") return false;
    if (arg == "--json") return true;
  }
  return false;
}

bool wants_github(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") return false;
    if (arg == "--format=github") return true;
    if (arg == "--format" && i + 1 < argc && std::string(argv[i + 1]) == "github") return true;
  }
  return false;
}

std::string help_footer(const std::vector<std::string>& examples,
                        const std::vector<std::string>& extra_exit_codes) {
  std::string out = "\nExamples:\n";
  for (const auto& e : examples) out += "  " + e + "\n";
  out +=
      "\nExit codes:\n"
      "  0  fine\n"
      "  1  problems found\n"
      "  2  bad usage or bad input (unknown command or option, invalid models or files)\n"
      "  3  the database cannot be reached\n";
  for (const auto& line : extra_exit_codes) out += "  " + line + "\n";
  return out;
}

}  // namespace strata::cli
