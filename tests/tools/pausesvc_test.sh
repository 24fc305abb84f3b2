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
check "reject unknown" 1 '{"__type":"SerializationException","Message":"member not in the model: '"'"'Extra'"'"' (UnknownMember) at byte 109"}' "$rc" "$out"

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

# ---- responses ------------------------------------------------------------------
full="examples/pause-service-response.json"
cli="examples/pause-service-response.cli.json"
out=$("$bin" decode-response "$full" 2>"$tmp/err"); rc=$?
[ "$rc" = 0 ] && [[ "$out" == '{"Service":{"ServiceName":"python-app",'* ]] && [[ "$out" == *'"DeletedAt":1606245900,'* ]] \
  && echo "ok decode-response" || { echo "FAIL decode-response rc=$rc $out"; fail=1; }
again=$(printf '%s' "$out" | "$bin" decode-response - 2>/dev/null)
[ "$again" = "$out" ] && echo "ok canonical fixed point" || { echo "FAIL canonical fixed point"; fail=1; }

"$bin" decode-response "$cli" >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ "$rc" = 1 ] && [ ! -s "$tmp/out" ] && grep -q "4 deviation(s)" "$tmp/err" \
   && grep -q "Service.InstanceConfiguration.CPU: member name differs" "$tmp/err" \
   && grep -q "Service.CreatedAt: timestamp as an ISO-8601 string at byte 83" "$tmp/err"; then
  echo "ok strict rejects the CLI sample"
else
  echo "FAIL strict CLI sample rc=$rc"; cat "$tmp/err"; fail=1
fi
out=$("$bin" decode-response --lenient "$cli" 2>/dev/null); rc=$?
[ "$rc" = 0 ] && [[ "$out" == *'"CreatedAt":1605899125,'* ]] && [[ "$out" == *'"RuntimeEnvironmentVariables":{"NAME":"Jane"}'* ]] \
  && echo "ok lenient CLI sample" || { echo "FAIL lenient CLI sample rc=$rc $out"; fail=1; }

out=$("$bin" validate-response "$full" 2>/dev/null); rc=$?
[ "$rc" = 0 ] && echo "ok validate-response valid" || { echo "FAIL validate-response rc=$rc $out"; fail=1; }
out=$("$bin" validate-response --lenient "$cli" 2>/dev/null); rc=$?
check "validate-response violations" 1 "2 validation errors detected: Value 'Api' at 'service.sourceConfiguration.codeRepository.codeConfiguration.configurationSource' failed to satisfy constraint: Member must satisfy enum value set: [REPOSITORY, API]; Value null at 'service.autoScalingConfigurationSummary' failed to satisfy constraint: Member must not be null" "$rc" "$out"
"$bin" validate-response --pattern-semantics=search "$full" >/dev/null 2>&1; rc=$?
[ "$rc" = 0 ] && echo "ok validate-response search" || { echo "FAIL validate-response search rc=$rc"; fail=1; }
"$bin" decode-response --pattern-semantics=full "$full" >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] && echo "ok decode-response refuses validation flags" || { echo "FAIL decode-response flag rc=$rc"; fail=1; }

# ---- errors ---------------------------------------------------------------------
out=$("$bin" encode-error --type InternalServiceErrorException --message 'boom "x"' 2>"$tmp/err"); rc=$?
check "encode-error" 0 '{"__type":"InternalServiceErrorException","Message":"boom \"x\""}' "$rc" "$out"
[ "$(cat "$tmp/err")" = $'HTTP 500\nX-Amzn-ErrorType: InternalServiceErrorException' ] && echo "ok encode-error stderr" \
  || { echo "FAIL encode-error stderr: $(cat "$tmp/err")"; fail=1; }
out=$("$bin" encode-error --type ResourceNotFoundException --message gone 2>"$tmp/err"); rc=$?
grep -q "HTTP 400" "$tmp/err" && [ "$rc" = 0 ] && echo "ok encode-error 400" || { echo "FAIL encode-error 400"; fail=1; }
"$bin" encode-error --type Nope --message x >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] && echo "ok encode-error unknown type" || { echo "FAIL encode-error unknown rc=$rc"; fail=1; }
"$bin" encode-error --type InvalidRequestException >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] && echo "ok encode-error needs message" || { echo "FAIL encode-error needs message rc=$rc"; fail=1; }

out=$(printf '%s' '{"__type":"aws.apprunner#InvalidRequestException:http://internal.amazon.com/x","message":"bad"}' | "$bin" decode-error --status 400 -); rc=$?
check "decode-error sanitizes" 0 '{"type":"InvalidRequestException","message":"bad","status":400,"fault":"client","modelled":true}' "$rc" "$out"
out=$(printf '' | "$bin" decode-error --status 500 --header 'X-Amzn-ErrorType: InternalServiceErrorException:http://x' -); rc=$?
check "decode-error header" 0 '{"type":"InternalServiceErrorException","message":null,"status":500,"fault":"server","modelled":true}' "$rc" "$out"
out=$(printf '{"code":"Throttling","Message":"slow"}' | "$bin" decode-error --status 503 -); rc=$?
check "decode-error unknown" 0 '{"type":"Throttling","message":"slow","status":503,"fault":"server","modelled":false}' "$rc" "$out"
out=$(printf '{}' | "$bin" decode-error --status 404 -); rc=$?
check "decode-error no type" 0 '{"type":null,"message":null,"status":404,"fault":"client","modelled":false}' "$rc" "$out"
printf '{"__type":' | "$bin" decode-error --status 400 - >/dev/null 2>&1; rc=$?
[ "$rc" = 1 ] && echo "ok decode-error malformed" || { echo "FAIL decode-error malformed rc=$rc"; fail=1; }
"$bin" decode-error --header 'Content-Type: x' - </dev/null >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] && echo "ok decode-error bad header" || { echo "FAIL decode-error bad header rc=$rc"; fail=1; }
# ---- output safety --------------------------------------------------------------
# Values from the body never reach a terminal or log raw: control characters are escaped.
printf '{"ServiceArn":"a\\nFORGED LINE \\u001b[31m"}' | "$bin" validate-request - >/dev/null 2>"$tmp/err"; rc=$?
if [ "$rc" = 1 ] && [ "$(wc -l < "$tmp/err")" = 1 ] && grep -qF 'a\u000aFORGED LINE \u001b[31m' "$tmp/err" \
   && ! grep -q $'\x1b' "$tmp/err"; then
  echo "ok stderr escapes control characters"
else
  echo "FAIL stderr escaping: $(od -c "$tmp/err" | head -5)"; fail=1
fi
out=$(sed 's|"ServiceName": "python-app"|"ServiceName": "x\\nFORGED"|' "$full" | "$bin" validate-response - 2>/dev/null); rc=$?
[ "$rc" = 1 ] && [ "$(printf '%s\n' "$out" | wc -l)" = 1 ] && [[ "$out" == *"Value 'x\\u000aFORGED' at 'service.serviceName'"* ]] \
  && echo "ok validate-response escapes control characters" || { echo "FAIL validate-response escaping rc=$rc [$out]"; fail=1; }
# A case variant in strict mode is an unknown member: ignored, and said so on stderr.
printf '{"ServiceArn":"%s","serviceArn":"x"}' "$arn" | "$bin" validate-request - >/dev/null 2>&1; rc=$?
[ "$rc" = 0 ] && echo "ok case variant ignored" || { echo "FAIL case variant rc=$rc"; fail=1; }
# Output that cannot be written is an I/O error (exit 2), not a result.
if [ -w /dev/full ]; then
  "$bin" validate-request "$example" >/dev/full 2>"$tmp/err"; rc=$?
  [ "$rc" = 2 ] && grep -q "cannot write standard output" "$tmp/err" && echo "ok write error" \
    || { echo "FAIL write error rc=$rc $(cat "$tmp/err")"; fail=1; }
else
  echo "FAIL /dev/full is not writable here"; fail=1
fi
out=$(printf '{"code":400,"Message":"m"}' | "$bin" decode-error --status 400 --header 'X-Amzn-ErrorType: InvalidRequestException' -); rc=$?
check "decode-error numeric code ignored" 0 '{"type":"InvalidRequestException","message":"m","status":400,"fault":"client","modelled":true}' "$rc" "$out"
out=$(printf '{"__type":"Throttled"}' | "$bin" decode-error -); rc=$?
check "decode-error fault unknown" 0 '{"type":"Throttled","message":null,"status":0,"fault":"unknown","modelled":false}' "$rc" "$out"
exit "$fail"
