#!/usr/bin/env bash
# End-to-end contract of `apprunner-codec`, the whole-service CLI: the operation from
# --target / --operation / a raw HTTP request (--http), decode-request, and every
# command on every operation's sample (examples/operations).
set -uo pipefail
bin="tools/apprunner-codec"
ops_dir="examples/operations"
tmp="${TEST_TMPDIR:-$(mktemp -d)}"
fail=0
checks=0

check() {  # NAME EXPECTED_RC EXPECTED_STDOUT ACTUAL_RC ACTUAL_STDOUT
  checks=$((checks + 1))
  if [ "$4" != "$2" ] || [ "$5" != "$3" ]; then
    echo "FAIL $1: rc=$4 (want $2) stdout=[${5:0:300}] want [${3:0:300}]"; fail=1
  else
    echo "ok $1"
  fi
}
expect_rc() {  # NAME EXPECTED_RC ACTUAL_RC [DETAIL]
  checks=$((checks + 1))
  if [ "$3" != "$2" ]; then echo "FAIL $1: rc=$3 (want $2) ${4:-}"; fail=1; else echo "ok $1"; fi
}

# No operation: a usage error naming the flags (apprunner-codec has no default).
"$bin" validate-request "$ops_dir/PauseService.request.json" >/dev/null 2>"$tmp/err"; rc=$?
expect_rc "no operation" 2 "$rc"
grep -q -- "--target AppRunner.NAME or --operation NAME" "$tmp/err" || { echo "FAIL no operation: message"; fail=1; }
"$bin" validate-request --target AppRunner.pauseService "$ops_dir/PauseService.request.json" >/dev/null 2>"$tmp/err"; rc=$?
expect_rc "unknown --target" 2 "$rc"
grep -q "names no operation" "$tmp/err" || { echo "FAIL unknown --target: message"; fail=1; }
"$bin" validate-request --operation Nope "$ops_dir/PauseService.request.json" >/dev/null 2>&1; rc=$?
expect_rc "unknown --operation" 2 "$rc"
"$bin" validate-request --operation PauseService --target AppRunner.PauseService "$ops_dir/PauseService.request.json" >/dev/null 2>&1; rc=$?
expect_rc "two operation flags" 2 "$rc"

# Every operation's sample: valid request (canonical output decodes to itself), response
# decode (and again from our own output: a fixed point), response validation.
ops=$(cd "$ops_dir" && ls *.request.json | sed 's/\.request\.json$//')
n=0
for op in $ops; do
  n=$((n + 1))
  out=$("$bin" validate-request --target "AppRunner.$op" "$ops_dir/$op.request.json" 2>"$tmp/err"); rc=$?
  expect_rc "$op validate-request" 0 "$rc" "$(head -c 300 "$tmp/err")"
  printf '%s' "$out" > "$tmp/$op.canonical.json"
  again=$("$bin" validate-request "--operation=$op" "$tmp/$op.canonical.json" 2>/dev/null); rc=$?
  check "$op canonical request is a fixed point" 0 "$out" "$rc" "$again"
  dec=$("$bin" decode-request --operation "$op" "$ops_dir/$op.request.json" 2>/dev/null); rc=$?
  check "$op decode-request" 0 "$out" "$rc" "$dec"
  resp=$("$bin" decode-response --operation "$op" "$ops_dir/$op.response.json" 2>"$tmp/err"); rc=$?
  expect_rc "$op decode-response" 0 "$rc" "$(head -c 300 "$tmp/err")"
  printf '%s' "$resp" > "$tmp/$op.response.canonical.json"
  again=$("$bin" validate-response --operation "$op" "$tmp/$op.response.canonical.json" 2>/dev/null); rc=$?
  check "$op validate-response of our re-encoding" 0 "$resp" "$rc" "$again"
done
[ "$n" = 37 ] && echo "ok 37 operations" || { echo "FAIL: $n operation samples, want 37"; fail=1; }

# decode-request does not validate: a decodable request breaking a constraint is printed.
out=$(printf '{"ResourceArn":"x","TagKeys":["aws:reserved"]}' | "$bin" decode-request --operation UntagResource - 2>/dev/null); rc=$?
check "decode-request skips validation" 0 '{"ResourceArn":"x","TagKeys":["aws:reserved"]}' "$rc" "$out"
out=$(printf '{"ResourceArn":"x","TagKeys":["aws:reserved"]}' | "$bin" validate-request --operation UntagResource - 2>/dev/null); rc=$?
check "list element path" 1 '{"__type":"InvalidRequestException","Message":"2 validation errors detected: Value '"'"'x'"'"' at '"'"'resourceArn'"'"' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws(-[\\w]+)*:[a-z0-9-\\\\.]{0,63}:[a-z0-9-\\\\.]{0,63}:[0-9]{12}:(\\w|\\/|-){1,1011}; Value '"'"'aws:reserved'"'"' at '"'"'tagKeys.1.member'"'"' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?!aws:).+"}' "$rc" "$out"
out=$(printf '{"ResourceArn":"x","TagKeys":[null]}' | "$bin" decode-request --operation UntagResource - 2>"$tmp/err"); rc=$?
expect_rc "null list element" 1 "$rc"
grep -q "null list element" "$tmp/err" || { echo "FAIL null list element: reason"; fail=1; }

# --http: the target comes from the captured request.
body=$(cat "$ops_dir/TagResource.request.json")
len=$(printf '%s' "$body" | wc -c)
printf 'POST / HTTP/1.1\r\nHost: apprunner.us-east-1.amazonaws.com\r\nX-Amz-Target: AppRunner.TagResource\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: %d\r\n\r\n%s' "$len" "$body" > "$tmp/tag.http"
want=$("$bin" validate-request --operation TagResource "$ops_dir/TagResource.request.json" 2>/dev/null)
out=$("$bin" validate-request --http "$tmp/tag.http" 2>/dev/null); rc=$?
check "--http Content-Length" 0 "$want" "$rc" "$out"
out=$("$bin" decode-request --http "$tmp/tag.http" 2>/dev/null); rc=$?
check "decode-request --http" 0 "$want" "$rc" "$out"
# Content-Length shorter than what follows: only that many bytes are the body.
printf 'POST / HTTP/1.1\r\nx-amz-target: AppRunner.TagResource\r\nContent-Length: %d\r\n\r\n%sGARBAGE' "$len" "$body" > "$tmp/tag-extra.http"
out=$("$bin" validate-request --http "$tmp/tag-extra.http" 2>/dev/null); rc=$?
check "--http body is Content-Length bytes" 0 "$want" "$rc" "$out"
# Chunked, with LF-only line ends.
half=$((len / 2))
printf 'POST / HTTP/1.1\nX-Amz-Target: AppRunner.TagResource\nTransfer-Encoding: chunked\n\n%x\n%s\n%x\n%s\n0\n\n' \
  "$half" "${body:0:$half}" "$((len - half))" "${body:$half}" > "$tmp/tag-chunked.http"
out=$("$bin" validate-request --http "$tmp/tag-chunked.http" 2>/dev/null); rc=$?
check "--http chunked" 0 "$want" "$rc" "$out"
# No X-Amz-Target, or an unknown one: the gateway's answer.
printf 'POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}' > "$tmp/none.http"
out=$("$bin" validate-request --http "$tmp/none.http" 2>"$tmp/err"); rc=$?
check "--http without target" 1 '{"__type":"UnknownOperationException"}' "$rc" "$out"
grep -q "rejected (HTTP 400 UnknownOperationException)" "$tmp/err" || { echo "FAIL --http without target: stderr"; fail=1; }
printf 'POST / HTTP/1.1\r\nX-Amz-Target: AppRunner.tagResource\r\nContent-Length: %d\r\n\r\n%s' "$len" "$body" > "$tmp/case.http"
out=$("$bin" validate-request --http "$tmp/case.http" 2>/dev/null); rc=$?
check "--http target is case-sensitive" 1 '{"__type":"UnknownOperationException"}' "$rc" "$out"
printf 'POST / HTTP/1.1\r\nX-Amz-Target: AppRunner.TagResource\r\nContent-Length: 99999\r\n\r\n{}' > "$tmp/short.http"
"$bin" validate-request --http "$tmp/short.http" >/dev/null 2>&1; rc=$?
expect_rc "--http body shorter than Content-Length" 2 "$rc"
printf 'POST / HTTP/1.1\r\nX-Amz-Target: AppRunner.TagResource\r\n' > "$tmp/nohdrend.http"
"$bin" validate-request --http "$tmp/nohdrend.http" >/dev/null 2>&1; rc=$?
expect_rc "--http without the blank line" 2 "$rc"
"$bin" validate-request --http --target AppRunner.TagResource "$tmp/tag.http" >/dev/null 2>&1; rc=$?
expect_rc "--http with --target" 2 "$rc"

# Errors per operation: the 402 of the Create* operations' quota error, and an error the
# operation does not model is a usage error.
out=$("$bin" encode-error --operation CreateService --type ServiceQuotaExceededException --message "too many" 2>"$tmp/err"); rc=$?
check "402 body" 0 '{"__type":"ServiceQuotaExceededException","Message":"too many"}' "$rc" "$out"
grep -qx "HTTP 402" "$tmp/err" || { echo "FAIL 402 status: $(cat "$tmp/err")"; fail=1; }
"$bin" encode-error --operation PauseService --type ServiceQuotaExceededException --message x >/dev/null 2>&1; rc=$?
expect_rc "PauseService has no quota error" 2 "$rc"
out=$(printf '{"__type":"ServiceQuotaExceededException","Message":"m"}' | "$bin" decode-error --target AppRunner.CreateConnection --status 402 - 2>/dev/null); rc=$?
check "decode-error 402 modelled" 0 '{"type":"ServiceQuotaExceededException","message":"m","status":402,"fault":"client","modelled":true}' "$rc" "$out"
out=$(printf '{"__type":"ServiceQuotaExceededException","Message":"m"}' | "$bin" decode-error --operation ListServices --status 402 - 2>/dev/null); rc=$?
check "decode-error not modelled for ListServices" 0 '{"type":"ServiceQuotaExceededException","message":"m","status":402,"fault":"client","modelled":false}' "$rc" "$out"

echo "$checks checks"
exit "$fail"
