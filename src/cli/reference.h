#pragma once

// The manual page and the shell completions, generated from the command
// line's own definitions (the CLI11 tree main() builds), so they say what
// `--help` says and cannot drift from it. The build runs the hidden
// `strata help-man` and `strata help-completion bash|zsh` to produce the
// installed files.

#include <string>

namespace CLI {
class App;
}

namespace strata::cli {

// strata(1) in roff (man(7) macros): every visible command and subcommand
// with its description, arguments, options and help footer, the global
// options, exit status, environment and files.
std::string man_page(const CLI::App& app, const std::string& version);

// A bash completion script (complete -F _strata strata): commands,
// subcommands, options of the command being typed, files for options that
// take a path.
std::string bash_completion(const CLI::App& app);

// A zsh completion function (#compdef strata) with the same knowledge and
// the descriptions.
std::string zsh_completion(const CLI::App& app);

// A command is hidden (left out of all three) when its group is empty, as
// CLI11 hides it from --help.
bool is_hidden(const CLI::App& command);

}  // namespace strata::cli
