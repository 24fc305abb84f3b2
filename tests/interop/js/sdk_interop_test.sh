#!/usr/bin/env bash
# //tests/interop:js_sdk_test: runs sdk_interop.mjs (the AWS SDK for JavaScript v3 against
# pausesvc's bytes, offline) with the node on PATH (.bazelrc passes PATH to tests) and the
# node_modules that ./bazelw installs next to package.json in the source tree. node_modules
# is not a Bazel input, so the real source directory is found by resolving the runfile
# symlink of package.json. Fails, never skips, when node or node_modules is missing.
set -euo pipefail

fail() { echo "js_sdk_test: FAIL: $*" >&2; exit 1; }

runfiles="${TEST_SRCDIR:-$0.runfiles}/${TEST_WORKSPACE:-apprunner_codec}"
case "$runfiles" in /*) ;; *) runfiles="$PWD/$runfiles" ;; esac
pausesvc="$runfiles/tools/pausesvc"
response="$runfiles/examples/pause-service-response.json"
[ -x "$pausesvc" ] || fail "pausesvc not found at $pausesvc"
[ -f "$response" ] || fail "example response not found at $response"

package_json="$(readlink -f "$runfiles/tests/interop/js/package.json")" ||
  fail "cannot resolve $runfiles/tests/interop/js/package.json"
js_dir="$(dirname "$package_json")"

command -v node >/dev/null 2>&1 ||
  fail "node is not on PATH (PATH=$PATH). Install Node.js >= 20 with npm, then run ./bazelw again."
[ -d "$js_dir/node_modules" ] ||
  fail "$js_dir/node_modules is missing. Run ./bazelw (it runs npm ci), or: npm ci --no-audit --no-fund --prefix tests/interop/js"
node "$js_dir/check_install.mjs" "$js_dir" || fail "JS dependencies are not installed as package-lock.json locks them"

# No shared AWS config or credentials from the machine; the script sets its own.
scratch="${TEST_TMPDIR:-$(mktemp -d)}"
export AWS_CONFIG_FILE="$scratch/no-aws-config"
export AWS_SHARED_CREDENTIALS_FILE="$scratch/no-aws-credentials"
unset AWS_PROFILE AWS_REGION AWS_DEFAULT_REGION AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY \
  AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_ENDPOINT_URL_APPRUNNER 2>/dev/null || true

echo "node $(node --version), $(node -p "'@aws-sdk/client-apprunner ' + require('$js_dir/node_modules/@aws-sdk/client-apprunner/package.json').version + ', @smithy/protocol-http ' + require('$js_dir/node_modules/@smithy/protocol-http/package.json').version")"
node "$js_dir/sdk_interop.mjs" "$pausesvc" "$response"
