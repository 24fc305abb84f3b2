#!/usr/bin/env bash
# End-to-end contract of `pausesvc validate-request`: outputs and exit codes.
set -uo pipefail
bin="tools/pausesvc"
example="examples/pause-service-request.json"
tmp="${TEST_TMPDIR:-$(mktemp -d)}"
fail=0
arn='arn:aws:apprunner:us-east-1:123456789012:service/python-app/8fe1e10304f84fd2b0df550fe98a71fa'

check() {  # NAME EXPECTED_RC EXPECTED_STDOUT ACTUAL_RC ACTUAL_STDOUT
  if [ "$4" != "$2" ] || [ "$5" != "$3" ]; then
    echo "FAIL $1: rc=$4 (want $2) stdout=[$5] want [$3]"; fail=1
  else
    echo "ok $1"
  fi
}

out=$("$bin" validate-request "$example" 2>"$tmp/err"); rc=$?
check "example file" 0 "{\"ServiceArn\":\"$arn\"}" "$rc" "$out"
[ -s "$tmp/err" ] && { echo "FAIL example: unexpected stderr: $(cat "$tmp/err")"; fail=1; }

out=$("$bin" validate-request < "$example" 2>/dev/null); rc=$?
check "stdin by default" 0 "{\"ServiceArn\":\"$arn\"}" "$rc" "$out"

out=$(printf '{ "x": {"y": [1]}, "ServiceArn" : "%s" }' "$arn" | "$bin" validate-request - 2>/dev/null); rc=$?
check "canonical re-encoding" 0 "{\"ServiceArn\":\"$arn\"}" "$rc" "$out"

out=$(printf '{}' | "$bin" validate-request - 2>"$tmp/err"); rc=$?
check "missing member" 1 '{"__type":"InvalidRequestException","Message":"1 validation error detected: Value null at '"'"'serviceArn'"'"' failed to satisfy constraint: Member must not be null"}' "$rc" "$out"
grep -q "rejected (HTTP 400 InvalidRequestException)" "$tmp/err" || { echo "FAIL missing member: stderr reason"; fail=1; }

out=$(printf '{"ServiceArn":[]}' | "$bin" validate-request - 2>/dev/null); rc=$?
check "wrong type" 1 '{"__type":"SerializationException","Message":"wrong JSON type for member '"'"'ServiceArn'"'"' (WrongType) at byte 14"}' "$rc" "$out"

out=$(printf '{"ServiceArn":"%s","Extra":1}' "$arn" | "$bin" validate-request --reject-unknown - 2>/dev/null); rc=$?
check "reject unknown" 1 '{"__type":"SerializationException","Message":"member not in the model (UnknownMember) at byte 109"}' "$rc" "$out"

out=$(printf '{"ServiceArn":"x%s"}' "$arn" | "$bin" validate-request --pattern-semantics=search - 2>/dev/null); rc=$?
check "search semantics" 0 "{\"ServiceArn\":\"x$arn\"}" "$rc" "$out"
out=$(printf '{"ServiceArn":"x%s"}' "$arn" | "$bin" validate-request --pattern-semantics=full - 2>/dev/null); rc=$?
[ "$rc" = 1 ] && echo "ok full semantics" || { echo "FAIL full semantics rc=$rc"; fail=1; }

out=$(printf '{"ServiceArn":"%s"}' "$arn" | "$bin" validate-request --max-body-bytes=20 - 2>/dev/null); rc=$?
[ "$rc" = 1 ] && [[ "$out" == *BodyTooLarge* ]] && echo "ok body limit" || { echo "FAIL body limit rc=$rc $out"; fail=1; }

# Relative FILE under `bazel run`: resolved against BUILD_WORKING_DIRECTORY.
mkdir -p "$tmp/wd/sub"
cp "$example" "$tmp/wd/sub/req.json"
out=$(BUILD_WORKING_DIRECTORY="$tmp/wd" "$bin" validate-request sub/req.json 2>/dev/null); rc=$?
check "BUILD_WORKING_DIRECTORY" 0 "{\"ServiceArn\":\"$arn\"}" "$rc" "$out"

"$bin" validate-request "$tmp/does-not-exist.json" >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] && echo "ok missing file" || { echo "FAIL missing file rc=$rc"; fail=1; }
"$bin" validate-request --bogus >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] && echo "ok unknown option" || { echo "FAIL unknown option rc=$rc"; fail=1; }
"$bin" frobnicate >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] && echo "ok unknown command" || { echo "FAIL unknown command rc=$rc"; fail=1; }
"$bin" >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] && echo "ok no command" || { echo "FAIL no command rc=$rc"; fail=1; }
"$bin" validate-request a.json b.json >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] && echo "ok two files" || { echo "FAIL two files rc=$rc"; fail=1; }
help=$("$bin" validate-request --help); rc=$?
for word in --reject-unknown --pattern-semantics --max-body-bytes --max-depth BUILD_WORKING_DIRECTORY SerializationException; do
  [[ "$help" == *"$word"* ]] || { echo "FAIL help lacks $word"; fail=1; }
done
[ "$rc" = 0 ] && echo "ok help" || { echo "FAIL help rc=$rc"; fail=1; }
exit "$fail"
