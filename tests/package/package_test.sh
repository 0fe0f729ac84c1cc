#!/usr/bin/env bash
# The .deb as a user gets it: built with cpack, unpacked with dpkg -x into a
# scratch root, run from there with the system's libraries only.
#   package_test.sh BUILD_DIR VERSION
# Checks: Depends names the Debian package of every library the binary
# needs and Recommends postgresql-client; `strata --version` runs from the
# unpacked root; strata(1) renders cleanly and is what `strata help-man`
# prints now, and covers every command and option `--help` lists; the bash
# and zsh completions offer the commands `--help` lists.
set -euo pipefail

build=$(cd "$1" && pwd)
version=$2
scratch=$(mktemp -d -t strata-package.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# What the package holds must be built (a no-op after `make build`).
cmake --build "$build" --target strata strata_reference >/dev/null
(cd "$build" && cpack -G DEB -B "$scratch/out" >"$scratch/cpack.log" 2>&1) || {
  cat "$scratch/cpack.log" >&2
  exit 1
}
deb=$(ls "$scratch"/out/strata_"$version"_*.deb)
echo "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

# --- control fields -------------------------------------------------------
depends=$(dpkg-deb -f "$deb" Depends)
recommends=$(dpkg-deb -f "$deb" Recommends)
echo "Depends: $depends"
echo "Recommends: $recommends"
[[ $(dpkg-deb -f "$deb" Package) == strata ]] || fail "Package is not strata"
[[ $(dpkg-deb -f "$deb" Version) == "$version" ]] || fail "Version is not $version"
[[ ", $recommends," == *", postgresql-client,"* ]] || fail "Recommends lacks postgresql-client (pg_dump)"

root=$scratch/root
dpkg -x "$deb" "$root"
binary=$root/usr/bin/strata
[[ -x $binary ]] || fail "usr/bin/strata is missing"

# Every library the binary names (DT_NEEDED) comes from a Debian package
# that Depends lists.
needed=$(objdump -p "$binary" | awk '$1 == "NEEDED" { print $2 }')
[[ -n $needed ]] || fail "objdump found no NEEDED libraries"
for lib in $needed; do
  path=$(ldd "$binary" | awk -v lib="$lib" '
    $2 == "=>" && $1 == lib { print $3 }
    $1 ~ /^\// && $1 ~ ("/" lib "$") { print $1 }')
  if [[ -z $path || $path == "not" ]]; then
    fail "$lib: not found on this system"
    continue
  fi
  owner=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -1 | cut -d: -f1) ||
    owner=$(dpkg -S "$path" 2>/dev/null | head -1 | cut -d: -f1) || true
  if [[ -z $owner ]]; then
    fail "$lib ($path) belongs to no Debian package"
    continue
  fi
  # The package, or a name it Provides (libspdlog1.10 provides libspdlog1.10-fmt9).
  names=("$owner")
  provides=$(dpkg-query -W -f='${Provides}' "$owner" 2>/dev/null || true)
  for p in ${provides//,/ }; do [[ $p == \(* || $p == *\) || $p == "=" ]] || names+=("$p"); done
  listed=""
  for n in "${names[@]}"; do
    [[ ", $depends," == *", $n "* || ", $depends," == *", $n,"* ]] && listed=$n
  done
  if [[ -z $listed ]]; then
    fail "$lib comes from $owner (${names[*]}), which Depends does not list"
  else
    echo "  $lib -> $owner (Depends: $listed)"
  fi
done

# --- it runs from the unpacked root ----------------------------------------
out=$(env -u LD_LIBRARY_PATH "$binary" --version) || fail "strata --version failed"
[[ $out == "strata $version" ]] || fail "strata --version printed '$out', not 'strata $version'"
echo "usr/bin/strata --version: $out"

# --- strata(1) ------------------------------------------------------------
man_gz=$root/usr/share/man/man1/strata.1.gz
if [[ ! -f $man_gz ]]; then
  fail "usr/share/man/man1/strata.1.gz is missing"
else
  zcat "$man_gz" >"$scratch/strata.1"
  "$binary" help-man | cmp -s - "$scratch/strata.1" || fail "strata.1 differs from what strata help-man prints"
  warnings=$(groff -man -ww -z "$scratch/strata.1" 2>&1) || true
  [[ -z $warnings ]] || fail "groff warns about strata.1: $warnings"
  MANWIDTH=200 man -l "$scratch/strata.1" 2>/dev/null | col -b >"$scratch/strata.txt"
fi

# The commands `strata --help` lists, and each one's options.
commands=$("$binary" --help | awk '/^Subcommands:/ { on = 1; next } on && /^$/ { on = 0 } on && /^  [a-z]/ { print $1 }')
[[ $(wc -w <<<"$commands") -ge 15 ]] || fail "strata --help lists too few commands: $commands"
for cmd in $commands; do
  grep -q "^   strata $cmd\b" "$scratch/strata.txt" || fail "strata(1) has no section for '$cmd'"
  subs=$("$binary" "$cmd" --help | awk '/^Subcommands:/ { on = 1; next } on && /^$/ { on = 0 } on && /^  [a-z]/ { print $1 }')
  for sub in $subs; do
    grep -q "^   strata $cmd $sub\b" "$scratch/strata.txt" || fail "strata(1) has no section for '$cmd $sub'"
  done
  for opt in $("$binary" "$cmd" --help | grep -oE '(^|[ ,])--[a-z][a-z-]+' | tr -d ' ,' | sort -u); do
    grep -qe "$opt" "$scratch/strata.txt" || fail "strata(1) does not mention '$cmd $opt'"
  done
done

# --- bash completion ---------------------------------------------------------
bash_file=$root/usr/share/bash-completion/completions/strata
[[ -f $bash_file ]] || fail "the bash completion is missing"
complete_bash() {  # words...; the last one is being completed
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _strata; printf "%s\n" "${COMPREPLY[@]}" | sort' \
    _ "$bash_file" "$@"
}
offered=$(complete_bash strata "" | tr '\n' ' ')
for cmd in $commands; do
  [[ " $offered " == *" $cmd "* ]] || fail "bash: 'strata <TAB>' does not offer $cmd (offered: $offered)"
done
for hidden in help-man help-completion; do
  [[ " $offered " != *" $hidden "* ]] || fail "bash offers the hidden command $hidden"
done
[[ $(complete_bash strata ad | tr '\n' ' ') == "adopt " ]] || fail "bash: 'strata ad<TAB>' is not adopt"
[[ $(complete_bash strata local st | tr '\n' ' ') == "start status stop " ]] ||
  fail "bash: 'strata local st<TAB>' is not start status stop"
[[ $(complete_bash strata -c strata.yaml apply --lock | tr '\n' ' ') == "--lock-wait " ]] ||
  fail "bash: 'strata -c strata.yaml apply --lock<TAB>' is not --lock-wait"
[[ $(complete_bash strata check --format "" | tr '\n' ' ') == "github text " ]] ||
  fail "bash: 'strata check --format <TAB>' is not github text"
mkdir -p "$scratch/cwd" && touch "$scratch/cwd/strata.yaml"
[[ $(cd "$scratch/cwd" && complete_bash strata --config str | tr '\n' ' ') == "strata.yaml " ]] ||
  fail "bash: 'strata --config str<TAB>' does not complete the file name"

# --- zsh completion --------------------------------------------------------
zsh_file=$root/usr/share/zsh/vendor-completions/_strata
[[ -f $zsh_file ]] || fail "the zsh completion is missing"
head -1 "$zsh_file" | grep -qx '#compdef strata' || fail "_strata does not start with #compdef strata"
zsh -n "$zsh_file" || fail "_strata is not valid zsh"
# With _arguments and _describe replaced by stand-ins that report what they
# were given: the command list at the top, the options of `strata apply`,
# the subcommands of `strata local`.
zsh_probe() {  # "states, one per _arguments call" words...
  zsh -f -c '
    file=$1 states=(${=2}); shift 2
    _arguments() { print -r -- "ARGUMENTS $*"; state=${states[1]-}; states=(${states[2,-1]}); return 0 }
    _describe() { print -r -- "DESCRIBE ${(j: :)${(@P)4}}" }
    words=("$@"); curcontext=":complete:strata:"
    source $file' _ "$zsh_file" "$@" 2>&1
}
top=$(zsh_probe command strata)
for cmd in $commands; do
  [[ $top == *"DESCRIBE "*"$cmd:"* ]] || fail "zsh: the command list lacks $cmd"
done
apply=$(zsh_probe argument apply)
[[ $apply == *"--lock-wait["* && $apply == *"--backup["* && $apply == *"--config["* ]] ||
  fail "zsh: 'strata apply' does not offer --lock-wait, --backup, --config: $apply"
check=$(zsh_probe argument check)
[[ $check == *"--format[text or github (workflow annotations)]:"*":(text github)"* ]] ||
  fail "zsh: 'strata check --format' does not offer text and github: $check"
local_subs=$(zsh_probe "argument command" local)
[[ $local_subs == *"start:"* && $local_subs == *"stop:"* ]] || fail "zsh: 'strata local' does not list start and stop"

if ((failures)); then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "package checks passed"
