#include "cli/reference.h"

#include <algorithm>
#include <functional>
#include <set>
#include <sstream>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/error_report.h"

namespace strata::cli {

namespace {

// One option or positional argument as the references show it.
struct Argument {
  std::vector<std::string> names;  // "-c", "--config"; empty for a positional
  std::string positional;          // its name, for a positional
  std::string value;               // "TEXT", "INT", ...; empty for a flag
  std::string default_value;
  std::vector<std::string> choices;  // of a CLI::IsMember check ("TEXT:{text,github}")
  std::string description;
  bool required = false;
  bool path = false;  // its value is a file or a folder
};

// Options whose value names a file or folder (completed with file names).
const std::set<std::string> kPathOptions = {"--config", "--out", "--tls-cert", "--tls-key", "file"};

std::vector<Argument> arguments_of(const CLI::App& app) {
  std::vector<Argument> out;
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_group().empty()) continue;  // hidden
    Argument a;
    for (const auto& s : opt->get_snames()) a.names.push_back("-" + s);
    for (const auto& l : opt->get_lnames()) a.names.push_back("--" + l);
    if (a.names.empty()) a.positional = opt->get_name();
    if (opt->get_type_size_max() > 0) a.value = opt->get_type_name();
    if (auto open = a.value.find(":{"); open != std::string::npos && a.value.back() == '}') {
      std::string list = a.value.substr(open + 2, a.value.size() - open - 3);
      for (std::size_t at = 0; at <= list.size();) {
        std::size_t comma = std::min(list.find(',', at), list.size());
        a.choices.push_back(list.substr(at, comma - at));
        at = comma + 1;
      }
    }
    a.default_value = opt->get_default_str();
    a.description = opt->get_description();
    a.required = opt->get_required();
    for (const auto& n : a.names) a.path = a.path || kPathOptions.count(n) > 0;
    a.path = a.path || kPathOptions.count(a.positional) > 0;
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<const CLI::App*> commands_of(const CLI::App& app) {
  std::vector<const CLI::App*> out;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    if (!is_hidden(*sub)) out.push_back(sub);
  return out;
}

// --- roff ---------------------------------------------------------------

// Text for a roff line: backslashes and dashes escaped, and a leading '.' or
// '\'' made literal.
std::string roff(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
  }
  std::string lines;
  std::istringstream in(out);
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (!first) lines += "\n";
    first = false;
    if (!line.empty() && (line[0] == '.' || line[0] == '\'')) lines += "\\&";
    lines += line;
  }
  return lines;
}

std::string option_heading(const Argument& a) {
  std::string out;
  if (!a.positional.empty()) return "\\fI" + roff(a.positional) + "\\fR" + (a.required ? "" : " (optional)");
  for (std::size_t i = 0; i < a.names.size(); ++i) out += (i ? ", " : "") + ("\\fB" + roff(a.names[i]) + "\\fR");
  if (!a.value.empty()) out += " \\fI" + roff(a.value) + "\\fR";
  return out;
}

void write_arguments(std::ostringstream& out, const std::vector<Argument>& args) {
  for (const auto& a : args) {
    out << ".TP\n" << option_heading(a) << "\n" << roff(a.description);
    if (!a.default_value.empty()) out << " (default: " << roff(a.default_value) << ")";
    out << "\n";
  }
}

std::string usage_of(const std::string& path, const CLI::App& app) {
  std::string usage = "strata " + path;
  bool options = false;
  for (const auto& a : arguments_of(app)) {
    if (a.positional.empty()) {
      options = true;
      continue;
    }
    usage += a.required ? " " + a.positional : " [" + a.positional + "]";
  }
  if (!commands_of(app).empty()) usage += " COMMAND";
  if (options) usage += " [OPTIONS]";
  return usage;
}

void write_command(std::ostringstream& out, const std::string& path, const CLI::App& app) {
  out << ".SS \"" << roff(usage_of(path, app)) << "\"\n";
  out << roff(app.get_description()) << "\n";
  // Positionals first; every command's --help is said once, under OPTIONS.
  std::vector<Argument> args;
  for (int positional = 1; positional >= 0; --positional)
    for (auto& a : arguments_of(app))
      if (a.positional.empty() != static_cast<bool>(positional) &&
          std::find(a.names.begin(), a.names.end(), "--help") == a.names.end())
        args.push_back(a);
  if (!args.empty()) {
    out << ".RS\n";
    write_arguments(out, args);
    out << ".RE\n";
  }
  std::string footer = app.get_footer();
  if (footer.find_first_not_of(" \n") != std::string::npos)
    out << ".PP\n.nf\n" << roff(footer) << "\n.fi\n";
  for (const CLI::App* sub : commands_of(app)) write_command(out, path + " " + sub->get_name(), *sub);
}

// --- shells ---------------------------------------------------------------

// Every command path ("" for strata itself, "local", "local start") with its
// node, parents first.
void walk(const CLI::App& app, const std::string& path,
          const std::function<void(const std::string&, const CLI::App&)>& visit) {
  visit(path, app);
  for (const CLI::App* sub : commands_of(app))
    walk(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), visit);
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// A single-quoted shell word.
std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Text inside an _arguments spec's [...]: brackets and backslashes escaped
// (quotes are quoted()'s).
std::string zsh_bracketed(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '[' || c == ']' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// A field of a colon-separated spec (a _describe item, a value's name).
std::string zsh_field(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == ':' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string zsh_function_name(const std::string& path) {
  std::string name = "_strata";
  if (!path.empty()) name += "_";
  for (char c : path) name += (c == ' ' || c == '-') ? '_' : c;
  return name;
}

// The _arguments specs of one command's options and positionals.
std::vector<std::string> zsh_specs(const CLI::App& app) {
  std::vector<std::string> specs;
  int position = 0;
  for (const auto& a : arguments_of(app)) {
    std::string action = a.path ? ":_files" : ": ";
    if (!a.choices.empty()) action = ":(" + join(a.choices) + ")";
    if (!a.positional.empty()) {
      specs.push_back(quoted(std::to_string(++position) + (a.required ? "" : ":") + ":" +
                             zsh_field(a.positional) + action));
      continue;
    }
    std::string exclusive = "(" + join(a.names) + ")";
    std::string shown = a.choices.empty() ? a.value : a.value.substr(0, a.value.find(":{"));
    std::string value = a.value.empty() ? "" : ":" + zsh_field(shown) + action;
    for (const auto& n : a.names)
      specs.push_back(quoted(exclusive + n + "[" + zsh_bracketed(a.description) + "]" + value));
  }
  return specs;
}

}  // namespace

bool is_hidden(const CLI::App& command) { return command.get_group().empty(); }

std::string man_page(const CLI::App& app, const std::string& version) {
  std::ostringstream out;
  out << ".\\\" Generated by `strata help-man` from the command definitions; do not edit.\n";
  out << ".TH STRATA 1 \"\" \"" << roff(version) << "\" \"User Commands\"\n";
  out << ".SH NAME\nstrata \\- declarative PostgreSQL schema management\n";
  out << ".SH SYNOPSIS\n.B strata\n[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGUMENTS\\fR]\n";
  out << ".SH DESCRIPTION\n" << roff(app.get_description()) << "\n.PP\n"
      << roff("The models (YAML files under schema/) say what the database should look like; "
              "`strata create` writes a revision (an up and a down SQL file under migrations/) "
              "that moves the database there, `strata apply` runs pending revisions under an "
              "advisory lock, and `strata check` fails a CI job when the database, the revisions "
              "and the models disagree. Every command takes --help and --json.")
      << "\n";
  out << ".SH OPTIONS\n";
  write_arguments(out, arguments_of(app));
  out << ".SH COMMANDS\n";
  for (const CLI::App* sub : commands_of(app)) write_command(out, sub->get_name(), *sub);
  out << ".SH EXIT STATUS\n"
      << ".TP\n" << app::kExitOk << "\nFine.\n"
      << ".TP\n" << app::kExitProblems << "\nProblems found (drift, pending revisions, edited files, a failed proof).\n"
      << ".TP\n" << app::kExitUsage << "\nBad usage or bad input (models, revision files, configuration).\n"
      << ".TP\n" << app::kExitUnreachable << "\nThe database cannot be reached.\n";
  out << ".SH ENVIRONMENT\n.TP\n.B DATABASE_URL\n"
      << roff("Overrides database.url of strata.yaml. strata.yaml may also refer to any variable as "
              "${VAR} or ${VAR:-default}.")
      << "\n";
  out << ".SH FILES\n"
      << ".TP\n.I strata.yaml\n" << roff("The project's configuration, found in the working folder or a parent.") << "\n"
      << ".TP\n.I schema/\n" << roff("The models.") << "\n"
      << ".TP\n.I migrations/\n" << roff("The revisions (<date>_<time>_<slug>.up.sql and .down.sql).") << "\n"
      << ".TP\n.I backups/\n" << roff("pg_dump files of `strata backup` and `apply --backup`.") << "\n";
  out << ".SH SEE ALSO\n.BR psql (1),\n.BR pg_dump (1)\n";
  return out.str();
}

std::string bash_completion(const CLI::App& app) {
  std::ostringstream children, options, valued, paths, choices;
  walk(app, "", [&](const std::string& path, const CLI::App& node) {
    std::vector<std::string> subs, opts, takes_value, takes_path;
    for (const CLI::App* sub : commands_of(node)) subs.push_back(sub->get_name());
    for (const auto& a : arguments_of(node)) {
      for (const auto& n : a.names) {
        opts.push_back(n);
        if (!a.value.empty()) takes_value.push_back(n);
        if (!a.value.empty() && a.path) takes_path.push_back(n);
        if (!a.choices.empty())
          choices << "    " << quoted(path + "|" + n) << ") echo " << quoted(join(a.choices)) << " ;;\n";
      }
    }
    std::string label = quoted(path);
    if (!subs.empty()) children << "    " << label << ") echo " << quoted(join(subs)) << " ;;\n";
    if (!opts.empty()) options << "    " << label << ") echo " << quoted(join(opts)) << " ;;\n";
    if (!takes_value.empty()) valued << "    " << label << ") echo " << quoted(join(takes_value)) << " ;;\n";
    if (!takes_path.empty()) paths << "    " << label << ") echo " << quoted(join(takes_path)) << " ;;\n";
  });
  auto function = [](const std::string& name, const std::ostringstream& cases) {
    return "_strata_" + name + "() {\n  case \"$1\" in\n" + cases.str() + "  esac\n}\n\n";
  };
  std::ostringstream out;
  out << "# bash completion for strata\n"
         "# Generated by `strata help-completion bash` from the command definitions; do not edit.\n\n"
      << function("children", children) << function("options", options) << function("valued", valued)
      << function("paths", paths) << function("choices", choices)
      << R"sh(_strata() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev="" path="" word i skip=0
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
  # The command path typed so far; options (and the values of those that
  # take one) are skipped, global ones anywhere.
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    if ((skip)); then skip=0; continue; fi
    if [[ $word == -* ]]; then
      [[ " $(_strata_valued "$path") $(_strata_valued "") " == *" $word "* ]] && skip=1
      continue
    fi
    [[ " $(_strata_children "$path") " == *" $word "* ]] && path=${path:+$path }$word
  done
  local choices
  choices="$(_strata_choices "$path|$prev") $(_strata_choices "|$prev")"
  if [[ -n ${choices// /} ]]; then
    COMPREPLY=($(compgen -W "$choices" -- "$cur"))
    return
  fi
  if [[ " $(_strata_paths "$path") $(_strata_paths "") " == *" $prev "* ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))
    return
  fi
  if [[ " $(_strata_valued "$path") $(_strata_valued "") " == *" $prev "* ]]; then
    COMPREPLY=()
    return
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_strata_options "$path") $([[ -n $path ]] && _strata_options "")" -- "$cur"))
  elif [[ -n $(_strata_children "$path") ]]; then
    COMPREPLY=($(compgen -W "$(_strata_children "$path")" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}

complete -F _strata strata
)sh";
  return out.str();
}

std::string zsh_completion(const CLI::App& app) {
  std::ostringstream functions;
  // The global options, offered at every level; --help of each level is its own.
  std::vector<std::string> global_specs;
  for (const auto& spec : zsh_specs(app))
    if (spec.find(")-h[") == std::string::npos && spec.find(")--help[") == std::string::npos &&
        spec.find(")--version[") == std::string::npos)
      global_specs.push_back(spec);
  walk(app, "", [&](const std::string& path, const CLI::App& node) {
    // At the top its own options are the globals; below, the globals follow the level's own.
    auto specs = zsh_specs(node);
    const std::vector<std::string> none;
    const auto& globals = path.empty() ? none : global_specs;
    auto subs = commands_of(node);
    functions << zsh_function_name(path) << "() {\n";
    if (subs.empty()) {
      functions << "  _arguments -s";
      for (const auto& s : specs) functions << " \\\n    " << s;
      for (const auto& s : globals) functions << " \\\n    " << s;
      functions << "\n}\n\n";
      return;
    }
    functions << "  local curcontext=\"$curcontext\" state line\n  typeset -A opt_args\n";
    functions << "  _arguments -C -s";
    for (const auto& s : specs) functions << " \\\n    " << s;
    for (const auto& s : globals) functions << " \\\n    " << s;
    functions << " \\\n    '1: :->command' \\\n    '*:: :->argument'\n";
    functions << "  case $state in\n    command)\n      local -a commands=(\n";
    for (const CLI::App* sub : subs)
      functions << "        " << quoted(zsh_field(sub->get_name()) + ":" + zsh_field(sub->get_description())) << "\n";
    functions << "      )\n      _describe -t commands 'strata command' commands ;;\n    argument)\n"
                 "      curcontext=\"${curcontext%:*:*}:strata-$words[1]:\"\n      case $words[1] in\n";
    for (const CLI::App* sub : subs) {
      std::string child = path.empty() ? sub->get_name() : path + " " + sub->get_name();
      functions << "        " << quoted(sub->get_name()) << ") " << zsh_function_name(child) << " ;;\n";
    }
    functions << "      esac ;;\n  esac\n}\n\n";
  });
  std::ostringstream out;
  out << "#compdef strata\n"
         "# zsh completion for strata\n"
         "# Generated by `strata help-completion zsh` from the command definitions; do not edit.\n\n"
      << functions.str() << "_strata \"$@\"\n";
  return out.str();
}

}  // namespace strata::cli
