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

command -v python3 >/dev/null 2>&1 || fail "python3 is not on PATH (PATH=$PATH)"
python3 -c 'import botocore' 2>/dev/null ||
  fail "botocore is not importable by $(command -v python3) (PATH=$PATH)"

# No shared AWS config or credentials from the machine.
scratch="${TEST_TMPDIR:-$(mktemp -d)}"
export AWS_CONFIG_FILE="$scratch/no-aws-config"
export AWS_SHARED_CREDENTIALS_FILE="$scratch/no-aws-credentials"
unset AWS_PROFILE AWS_REGION AWS_DEFAULT_REGION AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY \
  AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_ENDPOINT_URL_APPRUNNER 2>/dev/null || true

# The interpreter itself, not a wrapper (pyenv's python3 is a shell-script shim, which
# crashes under a preloaded TSan runtime).
python="$(python3 -c 'import sys; print(sys.executable)')" ||
  fail "$(command -v python3) cannot report its interpreter"
[ -x "$python" ] || fail "python3's sys.executable is not executable: '$python'"

export APPRUNNER_CODEC_LIBRARY="$lib"
export APPRUNNER_CODEC_EXAMPLES="$examples"
export PYTHONPATH="$runfiles/python:$runfiles/tests/python${PYTHONPATH:+:$PYTHONPATH}"
echo "$python: $("$python" --version 2>&1); library $lib"

# A sanitized build of the library: preload its runtime into the interpreter only.
runtime="$(ldd "$lib" 2>/dev/null | awk '/lib(asan|tsan)\.so/ { print $3; exit }')" || true
if [ -n "$runtime" ]; then
  echo "binding_test: preloading $runtime (sanitized library)"
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
  LD_PRELOAD="$runtime${LD_PRELOAD:+:$LD_PRELOAD}" exec "$python" -B -m unittest -v binding_test
fi
exec "$python" -B -m unittest -v binding_test
