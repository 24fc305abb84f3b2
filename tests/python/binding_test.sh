#!/usr/bin/env bash
# //tests/python:binding_test: runs binding_test.py (unittest) with the python3 first on
# PATH (.bazelrc passes PATH to tests), the binding from python/ and the library from
# the runfiles (APPRUNNER_CODEC_LIBRARY). Fails, never skips, when python3 or botocore is
# missing. Under --config=asan/tsan the library needs its sanitizer runtime loaded first
# into an uninstrumented python3: it is preloaded (leak checking off: the interpreter's
# own allocations at exit are not the library's).
set -euo pipefail

fail() { echo "binding_test: FAIL: $*" >&2; exit 1; }

runfiles="${TEST_SRCDIR:-$0.runfiles}/${TEST_WORKSPACE:-apprunner_codec}"
case "$runfiles" in /*) ;; *) runfiles="$PWD/$runfiles" ;; esac
lib="$runfiles/capi/libapprunner_codec.so.1"
module="$runfiles/python/apprunner_codec.py"
test_py="$runfiles/tests/python/binding_test.py"
examples="$runfiles/examples/operations"
for f in "$lib" "$module" "$test_py"; do
  [ -f "$f" ] || fail "runfile not found: $f"
done
[ -d "$examples" ] || fail "runfile directory not found: $examples"

# shellcheck source=../testutil/python_env.sh
. "$runfiles/tests/testutil/python_env.sh"
isolate_aws "${TEST_TMPDIR:-$(mktemp -d)}"
find_python

export APPRUNNER_CODEC_LIBRARY="$lib"
export APPRUNNER_CODEC_EXAMPLES="$examples"
export PYTHONPATH="$runfiles/python:$runfiles/tests/python${PYTHONPATH:+:$PYTHONPATH}"
echo "$python: $("$python" --version 2>&1); library $lib"

# A sanitized build of the library: preload its runtime into the interpreter only.
runtime="$(sanitizer_runtime "$lib")"
if [ -n "$runtime" ]; then
  echo "binding_test: preloading $runtime (sanitized library)"
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
  LD_PRELOAD="$runtime${LD_PRELOAD:+:$LD_PRELOAD}" exec "$python" -B -m unittest -v binding_test
fi
exec "$python" -B -m unittest -v binding_test
