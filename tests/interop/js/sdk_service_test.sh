#!/usr/bin/env bash
# //tests/interop:js_sdk_service_test: runs sdk_service.mjs (the AWS SDK for JavaScript v3
# against apprunner-codec, every operation of the service, offline) with the node on PATH
# (.bazelrc passes PATH to tests) and the node_modules that ./bazelw installs next to
# package.json in the source tree. node_modules is not a Bazel input, so the real source
# directory is found by resolving the runfile symlink of package.json. The request
# parameters, response bodies and error cases come from service_cases.py (botocore's model,
# through the python3 on PATH): `gen` (the rows //tests/interop:botocore_service_test
# uses) and `jsparams` (the same request parameter sets as JSON for the SDK, with botocore's
# bodies, and where each output has timestamps). Fails, never skips, when node,
# node_modules, python3 or botocore is missing; the last line is "N checks, M failed".
set -euo pipefail

fail() {
  echo "js_sdk_service_test: FAIL: $*" >&2
  echo "0 checks, 1 failed"
  exit 1
}

runfiles="${TEST_SRCDIR:-$0.runfiles}/${TEST_WORKSPACE:-apprunner_codec}"
case "$runfiles" in /*) ;; *) runfiles="$PWD/$runfiles" ;; esac
codec="$runfiles/tools/apprunner-codec"
operations="$runfiles/examples/operations"
cases_py="$runfiles/tests/interop/service_cases.py"
model="$runfiles/model/apprunner.json"
[ -x "$codec" ] || fail "apprunner-codec not found at $codec"
[ -d "$operations" ] || fail "examples/operations not found at $operations"
for f in "$cases_py" "$model"; do
  [ -f "$f" ] || fail "runfile not found: $f"
done

package_json="$(readlink -f "$runfiles/tests/interop/js/package.json")" ||
  fail "cannot resolve $runfiles/tests/interop/js/package.json"
js_dir="$(dirname "$package_json")"

command -v node >/dev/null 2>&1 ||
  fail "node is not on PATH (PATH=$PATH). Install Node.js >= 20 with npm, then run ./bazelw again."
[ -d "$js_dir/node_modules" ] ||
  fail "$js_dir/node_modules is missing. Run ./bazelw (it runs npm ci), or: npm ci --no-audit --no-fund --prefix tests/interop/js"
node "$js_dir/check_install.mjs" "$js_dir" || fail "JS dependencies are not installed as package-lock.json locks them"
[ -f "$js_dir/sdk_service.mjs" ] || fail "$js_dir/sdk_service.mjs not found next to package.json"

# No shared AWS config or credentials from the machine; the script sets its own.
scratch="${TEST_TMPDIR:-$(mktemp -d)}"
export AWS_CONFIG_FILE="$scratch/no-aws-config"
export AWS_SHARED_CREDENTIALS_FILE="$scratch/no-aws-credentials"
unset AWS_PROFILE AWS_REGION AWS_DEFAULT_REGION AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY \
  AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_ENDPOINT_URL_APPRUNNER 2>/dev/null || true

command -v python3 >/dev/null 2>&1 ||
  fail "python3 is not on PATH (PATH=$PATH); service_cases.py needs it, with botocore."
gen="$scratch/service_cases.jsonl"
status=0
python3 -B "$cases_py" gen "$gen" || status=$?
[ "$status" -eq 0 ] || fail "service_cases.py gen failed (exit $status; 3: no botocore) with $(command -v python3)"
jsparams="$scratch/jsparams"
files="$scratch/files"
rm -rf "$jsparams" "$files"
mkdir -p "$jsparams" "$files"
python3 -B "$cases_py" jsparams "$jsparams" || status=$?
[ "$status" -eq 0 ] || fail "service_cases.py jsparams failed (exit $status; 3: no botocore) with $(command -v python3)"

echo "node $(node --version), $(node -p "'@aws-sdk/client-apprunner ' + require('$js_dir/node_modules/@aws-sdk/client-apprunner/package.json').version")"
node "$js_dir/sdk_service.mjs" "$codec" "$operations" "$gen" "$jsparams" "$model" "$files"
