#!/usr/bin/env bash
# tools/format.sh [--check]: formats the hand-written C, C++ and header files with
# clang-format-14 and the repository's .clang-format (generated/ is the generator's
# output and is left as it emits it). --check changes nothing and exits 1, listing the
# files, when any file is not formatted (the check .ci/run makes).
set -euo pipefail
cd "$(dirname "$0")/.."
format="$(command -v clang-format-14 || command -v clang-format || true)"
if [ -z "$format" ]; then
  echo "format.sh: clang-format-14 is missing (apt-get install clang-format-14)" >&2
  exit 2
fi
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.c' '*.cc' '*.h' |
                     grep -v '^generated/' | while read -r f; do [ -f "$f" ] && echo "$f"; done)
if [ "${1:-}" = "--check" ]; then
  bad=()
  for f in "${files[@]}"; do
    "$format" --dry-run --Werror "$f" > /dev/null 2>&1 || bad+=("$f")
  done
  if [ "${#bad[@]}" -gt 0 ]; then
    echo "format.sh: ${#bad[@]} of ${#files[@]} files are not clang-formatted (run tools/format.sh):"
    printf '  %s\n' "${bad[@]}"
    exit 1
  fi
  echo "format.sh: all ${#files[@]} hand-written C/C++ files are clang-formatted"
  exit 0
fi
"$format" -i "${files[@]}"
