#pragma once

// The manners of the command line around the commands themselves: unknown
// commands (with the nearest one suggested), parse errors as `error:` lines
// (and as JSON with --json), and the examples and exit codes every --help
// ends with.

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace strata::cli {

// Walks argv the way CLI11 will and finds a word where a command is expected
// that is no command of `app` (or of the command it names, for `local` and
// `token`): "unknown command 'statuss' (did you mean 'status'?); ...". Also
// says so when no command is given at all. `value_options` are the options
// of `app` itself that take a value (their value is not a command).
std::optional<std::string> command_problem(const CLI::App& app, int argc, const char* const* argv,
                                           const std::vector<std::string>& value_options);

// A CLI11 parse error as one sentence: what is wrong and where to look
// ("strata status: the following argument was not expected: --bogus; see
// `strata status --help`").
std::string parse_problem(const CLI::App& app, const CLI::ParseError& e);

// True when argv asks for JSON (--json anywhere before a lone "--").
bool wants_json(int argc, const char* const* argv);

// True when argv asks for GitHub annotations (`--format github` or
// `--format=github`), so that even a usage error becomes an ::error::.
bool wants_github(int argc, const char* const* argv);

// The end of a --help text: "Examples:" with each example, then the exit
// codes (the four that every command shares, then `extra` lines if any).
std::string help_footer(const std::vector<std::string>& examples,
                        const std::vector<std::string>& extra_exit_codes = {});

}  // namespace strata::cli
