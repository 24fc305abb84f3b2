#!/usr/bin/env bash
# //tests/interop:js_sdk_test: runs sdk_interop.mjs (the AWS SDK for JavaScript v3 against
# pausesvc's bytes, offline) with the node on PATH (.bazelrc passes PATH to tests) and the
# node_modules that ./bazelw installs next to package.json in the source tree. node_modules
# is not a Bazel input, so the real source directory is found by resolving the runfile
# symlink of package.json. The response corpus is botocore_response_gen.py's (the one
# //tests/interop:botocore_response_test checks), written by the python3 on PATH, which
# needs botocore for the model. The tricky error responses are botocore_response_check.py's
# DECODE_CASES table, dumped as JSON by the same python3 (the table itself needs no
# botocore), so both tests read the same cases; so are the timestamp rows
# (botocore_response_gen.py --timestamp-rows: each value with its shortest exact decimal
# and the SDK's millisecond reading, computed with Decimal). Fails, never skips, when
# node, node_modules, python3 or botocore is missing.
set -euo pipefail

fail() { echo "js_sdk_test: FAIL: $*" >&2; exit 1; }

runfiles="${TEST_SRCDIR:-$0.runfiles}/${TEST_WORKSPACE:-apprunner_codec}"
case "$runfiles" in /*) ;; *) runfiles="$PWD/$runfiles" ;; esac
pausesvc="$runfiles/tools/pausesvc"
examples="$runfiles/examples"
gen="$runfiles/tests/interop/botocore_response_gen.py"
check_py="$runfiles/tests/interop/botocore_response_check.py"
[ -x "$pausesvc" ] || fail "pausesvc not found at $pausesvc"
for f in "$examples/pause-service-response.json" "$examples/pause-service-response.cli.json" "$gen" "$check_py"; do
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

# No shared AWS config or credentials from the machine; the script sets its own.
scratch="${TEST_TMPDIR:-$(mktemp -d)}"

export AWS_CONFIG_FILE="$scratch/no-aws-config"
export AWS_SHARED_CREDENTIALS_FILE="$scratch/no-aws-credentials"
unset AWS_PROFILE AWS_REGION AWS_DEFAULT_REGION AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY \
  AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_ENDPOINT_URL_APPRUNNER 2>/dev/null || true

command -v python3 >/dev/null 2>&1 ||
  fail "python3 is not on PATH (PATH=$PATH); it writes the response corpus and needs botocore."
corpus="$scratch/botocore_response_corpus.jsonl"
python3 -B "$gen" --jsonl >"$corpus" ||
  fail "botocore_response_gen.py --jsonl failed (exit $?) with $(command -v python3)"

# DECODE_CASES rows (name, status, header, body, botocore's (Code, Message), our
# (type, message, fault, modelled), botocore relation) as JSON objects.
decode_cases="$scratch/decode_cases.json"
python3 -B -c '
import json, sys
sys.path.insert(0, sys.argv[1])
from botocore_response_check import DECODE_CASES
json.dump([{"name": n, "status": s, "header": h, "body": b,
            "botocore": {"code": bc, "message": bm},
            "ours": {"type": t, "message": m, "fault": f, "modelled": mo},
            "botocore_relation": r}
           for n, s, h, b, (bc, bm), (t, m, f, mo), r in DECODE_CASES], sys.stdout)
' "$(dirname "$check_py")" >"$decode_cases" ||
  fail "cannot dump DECODE_CASES from $check_py (exit $?) with $(command -v python3)"

# TIMESTAMP_ROWS with what decode-response must write and what the SDK must read.
timestamp_rows="$scratch/timestamp_rows.json"
python3 -B "$gen" --timestamp-rows >"$timestamp_rows" ||
  fail "botocore_response_gen.py --timestamp-rows failed (exit $?) with $(command -v python3)"

echo "node $(node --version), $(node -p "'@aws-sdk/client-apprunner ' + require('$js_dir/node_modules/@aws-sdk/client-apprunner/package.json').version + ', @smithy/protocol-http ' + require('$js_dir/node_modules/@smithy/protocol-http/package.json').version")"
node "$js_dir/sdk_interop.mjs" "$pausesvc" "$examples" "$corpus" "$decode_cases" "$timestamp_rows"
