#!/usr/bin/env bash
# End-to-end contract of `pausesvc`: outputs and exit codes of every command.
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

# --message-file: the message is the file's raw bytes (NUL, CR, LF, quotes, backslashes,
# a tab, an astral character, U+2028, U+2029, U+0085, and a trailing newline that must
# not be stripped). The body must be one line (by Python's str.splitlines() too, which
# also ends lines at U+2028, U+2029, U+0085 and more), strict JSON, and decode to exactly
# those bytes. python3 is the one first on PATH; a missing python3 is a failure.
printf 'a\000b\nc\r\nd "q" \\ \\n \t e \360\237\230\200 \342\200\250 \342\200\251 \302\205 end\n' > "$tmp/msg.txt"
cat > "$tmp/check_body.py" <<'PY'
import json, sys
body_path, msg_path, want_type = sys.argv[1:4]
raw = open(body_path, "rb").read()
want = open(msg_path, "rb").read().decode("utf-8")
def result(name, ok, detail=""):
    print(("ok " if ok else "FAIL ") + name + ("" if ok else ": " + detail))
result("ends with one newline", raw.endswith(b"\n") and raw.count(b"\n") == 1 and b"\r" not in raw,
       repr(raw))
text = raw.decode("utf-8")[:-1] if raw.endswith(b"\n") else raw.decode("utf-8")
lines = text.splitlines()
result("one line by str.splitlines()", len(lines) == 1, "%d lines: %r" % (len(lines), lines))
try:
    doc = json.loads(text)
except ValueError as e:
    result("valid JSON", False, "%s: %r" % (e, text))
    sys.exit(0)
result("valid JSON", True)
result("a JSON object with exactly __type and Message",
       isinstance(doc, dict) and sorted(doc) == ["Message", "__type"], repr(doc))
result("__type", isinstance(doc, dict) and doc.get("__type") == want_type, repr(doc))
result("Message is the file's bytes", isinstance(doc, dict) and doc.get("Message") == want,
       "got %r want %r" % (doc.get("Message") if isinstance(doc, dict) else doc, want))
PY
check_body() {  # NAME BODY_FILE MESSAGE_FILE TYPE
  local report
  if ! report=$(python3 "$tmp/check_body.py" "$2" "$3" "$4" 2>&1); then
    echo "FAIL $1: python3 failed: $report"; fail=1; return
  fi
  [ -n "$report" ] || { echo "FAIL $1: python3 printed nothing"; fail=1; return; }
  while IFS= read -r line; do
    echo "${line%% *} $1: ${line#* }"
    [[ "$line" == ok* ]] || fail=1
  done <<< "$report"
}
"$bin" encode-error --type InvalidRequestException --message-file "$tmp/msg.txt" >"$tmp/body" 2>"$tmp/err"; rc=$?
[ "$rc" = 0 ] && echo "ok encode-error --message-file rc" || { echo "FAIL encode-error --message-file rc=$rc $(head -1 "$tmp/err")"; fail=1; }
[ "$(cat "$tmp/err")" = $'HTTP 400\nX-Amzn-ErrorType: InvalidRequestException' ] && echo "ok encode-error --message-file stderr" \
  || { echo "FAIL encode-error --message-file stderr: $(head -3 "$tmp/err")"; fail=1; }
check_body "encode-error --message-file" "$tmp/body" "$tmp/msg.txt" InvalidRequestException
"$bin" encode-error --type InternalServiceErrorException --message-file - <"$tmp/msg.txt" >"$tmp/body" 2>"$tmp/err"; rc=$?
[ "$rc" = 0 ] && echo "ok encode-error --message-file - rc" || { echo "FAIL encode-error --message-file - rc=$rc $(head -1 "$tmp/err")"; fail=1; }
check_body "encode-error --message-file -" "$tmp/body" "$tmp/msg.txt" InternalServiceErrorException
cp "$tmp/msg.txt" "$tmp/wd/sub/msg.txt"
BUILD_WORKING_DIRECTORY="$tmp/wd" "$bin" encode-error --type InvalidStateException --message-file=sub/msg.txt >"$tmp/body" 2>/dev/null; rc=$?
[ "$rc" = 0 ] && echo "ok encode-error --message-file= relative rc" || { echo "FAIL encode-error --message-file= relative rc=$rc"; fail=1; }
check_body "encode-error --message-file= relative" "$tmp/body" "$tmp/msg.txt" InvalidStateException
: > "$tmp/empty.txt"
out=$("$bin" encode-error --type InvalidRequestException --message-file "$tmp/empty.txt" 2>/dev/null); rc=$?
check "encode-error empty --message-file" 0 '{"__type":"InvalidRequestException","Message":""}' "$rc" "$out"
# Invalid UTF-8: exit 2, nothing on stdout, the offset of the first invalid sequence on stderr.
for row in 'ab\377cd:2' 'abc\342\202:3' 'x\300\257:1' 'ok \355\240\200:3' '\360\237\230\200\340\200\200:4'; do
  bytes=${row%:*}; offset=${row##*:}
  printf "$bytes" > "$tmp/bad.txt"
  "$bin" encode-error --type InvalidRequestException --message-file "$tmp/bad.txt" >"$tmp/out" 2>"$tmp/err"; rc=$?
  if [ "$rc" = 2 ] && [ ! -s "$tmp/out" ] && grep -q "not valid UTF-8" "$tmp/err" && grep -q "byte offset $offset\b" "$tmp/err"; then
    echo "ok encode-error invalid UTF-8 at $offset"
  else
    echo "FAIL encode-error invalid UTF-8 [$bytes] rc=$rc (want 2, offset $offset) stdout=[$(cat "$tmp/out")] stderr=[$(head -1 "$tmp/err")]"; fail=1
  fi
done
printf 'ab\377' | "$bin" encode-error --type InvalidRequestException --message-file - >"$tmp/out" 2>"$tmp/err"; rc=$?
[ "$rc" = 2 ] && [ ! -s "$tmp/out" ] && grep -q "byte offset 2" "$tmp/err" && echo "ok encode-error invalid UTF-8 on stdin" \
  || { echo "FAIL encode-error invalid UTF-8 on stdin rc=$rc $(head -1 "$tmp/err")"; fail=1; }
"$bin" encode-error --type InvalidRequestException --message x --message-file "$tmp/msg.txt" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ "$rc" = 2 ] && [ ! -s "$tmp/out" ] && grep -q "not both" "$tmp/err" && echo "ok encode-error --message and --message-file" \
  || { echo "FAIL encode-error --message and --message-file rc=$rc"; fail=1; }
"$bin" encode-error --type InvalidRequestException --message-file "$tmp/msg.txt" --message=x >"$tmp/out" 2>/dev/null; rc=$?
[ "$rc" = 2 ] && [ ! -s "$tmp/out" ] && echo "ok encode-error --message-file and --message=" \
  || { echo "FAIL encode-error --message-file and --message= rc=$rc"; fail=1; }
"$bin" encode-error --type InvalidRequestException --message-file "$tmp/does-not-exist.txt" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ "$rc" = 2 ] && [ ! -s "$tmp/out" ] && grep -q "cannot open" "$tmp/err" && echo "ok encode-error missing --message-file" \
  || { echo "FAIL encode-error missing --message-file rc=$rc $(head -1 "$tmp/err")"; fail=1; }
"$bin" encode-error --type InvalidRequestException --message-file >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] && echo "ok encode-error --message-file needs a value" || { echo "FAIL encode-error --message-file without value rc=$rc"; fail=1; }
help=$("$bin" encode-error --help); rc=$?
[ "$rc" = 0 ] && [[ "$help" == *"--message-file FILE|-"* ]] && [[ "$help" == *"(default 1000, at most 1024)"* ]] \
  && echo "ok encode-error help" || { echo "FAIL encode-error help rc=$rc"; fail=1; }

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
# Line separators in echoed values: U+2028, U+2029, U+0085 (NEL) and the C1 controls
# U+0080/U+009F, each sent raw and as a \u escape, inside a rejected ServiceArn (the
# InvalidRequestException message echoes it) and inside a response member that
# decode-response re-encodes. Every stdout body must be one line for str.splitlines()
# and decode back to the exact value. python3 (first on PATH) drives the binary.
cat > "$tmp/separators.py" <<'PY'
import json, subprocess, sys
binary = sys.argv[1]
failed = False
def result(name, ok, detail=""):
    global failed
    print(("ok " if ok else "FAIL ") + name + ("" if ok else ": " + detail))
    failed |= not ok
def run(args, body):
    p = subprocess.run([binary] + args + ["-"], input=body, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout
for cp in (0x2028, 0x2029, 0x85, 0x80, 0x9F):
    ch = chr(cp)
    for form in ("raw", "escaped"):
        spelled = ch if form == "raw" else "\\u%04x" % cp
        name = "U+%04X %s" % (cp, form)
        value = "arn-bad" + ch + "x"
        body = ('{"ServiceArn":"arn-bad%sx"}' % spelled).encode("utf-8")
        rc, out = run(["validate-request"], body)
        text = out.decode("utf-8")
        result(name + " rejected", rc == 1, "rc=%d" % rc)
        result(name + " error body is one line", len(text.splitlines()) == 1 and text.endswith("\n"), repr(text))
        for c in ("\u2028", "\u2029", "\x85") + tuple(chr(c1) for c1 in range(0x80, 0xA0)):
            if c in text:
                result(name + " no raw U+%04X in the error body" % ord(c), False, repr(text))
        try:
            message = json.loads(text)["Message"]
        except Exception as e:
            result(name + " error body is JSON", False, "%s: %r" % (e, text))
            continue
        result(name + " message echoes the exact value", ("Value '%s' at 'serviceArn'" % value) in message, repr(message))
        response = ('{"Service":{"ServiceName":"n%sm"},"OperationId":"o%s"}' % (spelled, spelled)).encode("utf-8")
        rc, out = run(["decode-response"], response)
        text = out.decode("utf-8")
        result(name + " decode-response", rc == 0, "rc=%d" % rc)
        result(name + " canonical JSON is one line", len(text.splitlines()) == 1 and text.endswith("\n"), repr(text))
        try:
            doc = json.loads(text)
            result(name + " canonical JSON keeps the values",
                   doc["Service"]["ServiceName"] == "n" + ch + "m" and doc["OperationId"] == "o" + ch, repr(doc))
        except Exception as e:
            result(name + " canonical JSON is JSON", False, "%s: %r" % (e, text))
sys.exit(1 if failed else 0)
PY
if python3 "$tmp/separators.py" "$bin" > "$tmp/separators.out" 2>&1; then
  echo "ok line separators: $(grep -c '^ok ' "$tmp/separators.out") checks"
else
  grep -v '^ok ' "$tmp/separators.out" | head -20; fail=1
fi

# An empty 200 body is a PauseServiceResponse with no members: decode-response prints
# {}; validate-response reports the missing required Service.
out=$(printf '' | "$bin" decode-response - 2>/dev/null); rc=$?
check "decode-response empty body" 0 '{}' "$rc" "$out"
out=$(printf ' \n' | "$bin" decode-response - 2>/dev/null); rc=$?
check "decode-response whitespace body" 0 '{}' "$rc" "$out"
out=$(printf '' | "$bin" validate-response - 2>/dev/null); rc=$?
check "validate-response empty body" 1 "1 validation error detected: Value null at 'service' failed to satisfy constraint: Member must not be null" "$rc" "$out"
out=$(printf '' | "$bin" validate-request - 2>/dev/null); rc=$?
check "validate-request empty body" 1 '{"__type":"SerializationException","Message":"empty body (MalformedJson) at byte 0"}' "$rc" "$out"

# A null map value is dropped, listed on stderr, never a failure (strict mode too).
vars='{"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":{"A":null,"B":"x"}}}}}}'
out=$(printf '%s' "$vars" | "$bin" decode-response - 2>"$tmp/err"); rc=$?
check "decode-response null map value" 0 '{"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":{"B":"x"}}}}}}' "$rc" "$out"
grep -q "^pausesvc: dropped: Service.SourceConfiguration.ImageRepository.ImageConfiguration.RuntimeEnvironmentVariables.A: null map value (entry dropped) at byte 111$" "$tmp/err" && echo "ok null map value listed" \
  || { echo "FAIL null map value listed: $(cat "$tmp/err")"; fail=1; }

# Timestamps keep the precision the wire had.
out=$(printf '{"Service":{"CreatedAt":1700000000.123456,"UpdatedAt":1700000000.0005,"DeletedAt":1.7e9}}' | "$bin" decode-response - 2>/dev/null); rc=$?
check "decode-response timestamp precision" 0 '{"Service":{"CreatedAt":1700000000.123456,"UpdatedAt":1700000000.0005,"DeletedAt":1700000000}}' "$rc" "$out"

exit "$fail"
