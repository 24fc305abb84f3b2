#!/usr/bin/env bash
# //bench:parse_cost on real bodies: one line per body with its byte count, positive
# timings, 0 allocations for a valid request, the verdict (valid, or rejected with the
# member path), the totals line; a directory expands to its files, sorted; --response
# and --json; exit 2 for an unknown --target, a missing file, a missing --target.
set -uo pipefail
bin="bench/parse_cost"
example="examples/operations/CreateService.request.json"
tmp="${TEST_TMPDIR:-$(mktemp -d)}"
fail=0

ok() { echo "ok $1"; }
bad() { echo "FAIL $1"; fail=1; }

# A copy that breaks one constraint: ServiceName must start with a letter or digit.
mkdir -p "$tmp/bodies"
cp "$example" "$tmp/bodies/a-valid.json"
sed 's/"ServiceName": "name-_9ame-_"/"ServiceName": "_bad"/' "$example" > "$tmp/bodies/b-broken.json"
grep -q '"ServiceName": "_bad"' "$tmp/bodies/b-broken.json" || { echo "FAIL setup: the sample changed"; exit 1; }
broken="$tmp/bodies/b-broken.json"
valid_bytes=$(wc -c < "$example")
broken_bytes=$(wc -c < "$broken")

"$bin" --target AppRunner.CreateService --min-time 0.01 "$example" "$broken" > "$tmp/out" 2> "$tmp/err"
rc=$?
cat "$tmp/out"
[ "$rc" = 0 ] && ok "exit 0" || bad "exit $rc (want 0): $(cat "$tmp/err")"

# body bytes decode_ns dv_ns dv_MB/s allocs ref_ns ref_MB/s ratio verdict...
row() { awk -v f="$1" '$1 == f' "$tmp/out"; }
check_row() {  # NAME FILE BYTES ALLOCS VERDICT_PREFIX
  local line
  line=$(row "$2")
  if [ -z "$line" ] || [ "$(row "$2" | wc -l)" != 1 ]; then bad "$1: one line for $2"; return; fi
  set -- "$1" "$2" "$3" "$4" "$5" $line
  local name="$1" want_bytes="$3" want_allocs="$4" verdict="$5"
  shift 5
  [ "$2" = "$want_bytes" ] && ok "$name: bytes" || bad "$name: bytes $2 (want $want_bytes)"
  for v in "$3" "$4" "$5" "$7" "$8"; do
    awk -v v="$v" 'BEGIN { exit !(v + 0 > 0) }' || bad "$name: not a positive number: $v"
  done
  case "$9" in *x) ok "$name: ratio" ;; *) bad "$name: ratio $9" ;; esac
  if [ -n "$want_allocs" ]; then
    [ "$6" = "$want_allocs" ] && ok "$name: allocs" || bad "$name: allocs $6 (want $want_allocs)"
  fi
  shift 9
  case "$*" in "$verdict"*) ok "$name: verdict" ;; *) bad "$name: verdict [$*] (want [$verdict...])" ;; esac
}
check_row "valid" "$example" "$valid_bytes" 0 "valid"
check_row "broken" "$broken" "$broken_bytes" "" \
  "rejected: InvalidRequestException: 1 validation error; 'serviceName': Member must satisfy regular expression pattern"
total=$(awk '$1 == "total"' "$tmp/out")
set -- $total
[ "${2:-}" = "$((valid_bytes + broken_bytes))" ] && ok "total bytes" || bad "total bytes [$total]"
case "$total" in *"1 valid, 1 rejected") ok "total verdicts" ;; *) bad "total verdicts [$total]" ;; esac
grep -q "^# one pass over all 2 bodies: decode .* us, decode+validate .* us, reference .* us$" "$tmp/out" &&
  ok "pass line" || bad "pass line"

# A directory: its files, sorted.
"$bin" --target AppRunner.CreateService --min-time 0.01 "$tmp/bodies" > "$tmp/dir" 2> "$tmp/err"
rc=$?
got=$(awk '$1 ~ /\.json$/ { print $1 }' "$tmp/dir" | tr '\n' ' ')
[ "$rc" = 0 ] && [ "$got" = "$tmp/bodies/a-valid.json $tmp/bodies/b-broken.json " ] && ok "directory" ||
  bad "directory: rc=$rc rows [$got]"

# Responses, as JSON.
"$bin" --target AppRunner.CreateService --response --json --min-time 0.01 \
  examples/operations/CreateService.response.json > "$tmp/json" 2> "$tmp/err"
rc=$?
[ "$rc" = 0 ] && grep -q '"kind":"response"' "$tmp/json" && grep -q '"valid":true,"verdict":"valid"' "$tmp/json" &&
  grep -q '"total":{"bodies":1,"valid":1,' "$tmp/json" && ok "--response --json" || bad "--response --json: rc=$rc $(cat "$tmp/json")"

# Usage and I/O errors: exit 2, no table.
"$bin" --target AppRunner.NoSuchOperation --min-time 0.01 "$example" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ "$rc" = 2 ] && grep -q "names no operation" "$tmp/err" && [ ! -s "$tmp/out" ] && ok "unknown target" ||
  bad "unknown target: rc=$rc"
"$bin" --target AppRunner.CreateService --min-time 0.01 "$example" "$tmp/missing.json" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ "$rc" = 2 ] && grep -q "cannot read $tmp/missing.json" "$tmp/err" && [ ! -s "$tmp/out" ] && ok "missing file" ||
  bad "missing file: rc=$rc"
"$bin" --min-time 0.01 "$example" > /dev/null 2>&1
rc=$?
[ "$rc" = 2 ] && ok "no target" || bad "no target: rc=$rc"
"$bin" --target AppRunner.CreateService --min-time 0 "$example" > /dev/null 2>&1
rc=$?
[ "$rc" = 2 ] && ok "bad --min-time" || bad "bad --min-time: rc=$rc"

exit "$fail"
