#!/usr/bin/env bash
# //tests/gateway:lua_module_test: lua_module_test.lua in the standalone LuaJIT (luajit2,
# which ./bazelw installs) with the module, the library, abi_layout's output and the
# header. Fails, never skips, when luajit is missing. Under --config=asan the library's
# sanitizer runtime is preloaded into luajit.
set -euo pipefail
fail() { echo "lua_module_test: FAIL: $*" >&2; exit 1; }

runfiles="${TEST_SRCDIR:-$0.runfiles}/${TEST_WORKSPACE:-apprunner_codec}"
case "$runfiles" in /*) ;; *) runfiles="$PWD/$runfiles" ;; esac
lib="$runfiles/capi/libapprunner_codec.so.1"
header="$runfiles/include/apprunner_codec.h"
for f in "$lib" "$header" "$runfiles/gateway/nginx/apprunner_codec.lua" "$runfiles/tests/gateway/lua_module_test.lua"; do
  [ -f "$f" ] || fail "runfile not found: $f"
done
command -v luajit >/dev/null 2>&1 || fail "luajit not found: run ./bazelw (it installs luajit2)"

layout="${TEST_TMPDIR:-$(mktemp -d)}/layout.txt"
"$runfiles/tests/gateway/abi_layout" > "$layout" || fail "abi_layout failed"
# shellcheck source=../testutil/python_env.sh
. "$runfiles/tests/testutil/python_env.sh"
runtime="$(sanitizer_runtime "$lib")"
if [ -n "$runtime" ]; then
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
  export LD_PRELOAD="$runtime${LD_PRELOAD:+:$LD_PRELOAD}"
fi
echo "$(luajit -v)"
exec luajit "$runfiles/tests/gateway/lua_module_test.lua" "$runfiles/gateway/nginx" "$lib" "$layout" "$header"
