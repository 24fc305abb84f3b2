#!/usr/bin/env bash
# The generator must refuse patterns RE2 cannot compile and it cannot prove a rewrite
# for, with a message that names the shape; and must report unsatisfiable members.
set -uo pipefail
gen="generator/gen_codec"
tmp="${TEST_TMPDIR:-$(mktemp -d)}"
model() {  # model NAME PATTERN MAX
  cat > "$tmp/$1.json" <<JSON
{"metadata":{"apiVersion":"1","jsonVersion":"1.0","targetPrefix":"T","serviceId":"S","signingName":"s"},
 "operations":[{"name":"Op","http":{"method":"POST","requestUri":"/"},"input":"In","output":"Out","errors":[]}],
 "shapes":{"In":{"type":"structure","members":[{"name":"A","target":"S1","required":true}]},
           "Out":{"type":"structure","members":[]},
           "S1":{"type":"string","min":1,"max":$3,"pattern":"$2"}}}
JSON
}
fail=0
refused() {  # NAME EXPECTED_TEXT: generating from $tmp/NAME.json must fail, naming it
  mkdir -p "$tmp/out-$1"
  if "$gen" --model "$tmp/$1.json" --out "$tmp/out-$1" 2> "$tmp/$1.err"; then
    echo "FAIL $1: generation succeeded"; fail=1
  elif ! grep -q "$2" "$tmp/$1.err"; then
    echo "FAIL $1: message lacks '$2':"; cat "$tmp/$1.err"; fail=1
  else
    echo "ok $1: $(cat "$tmp/$1.err")"
  fi
}
expect_fail() {  # NAME PATTERN MAX EXPECTED_TEXT
  model "$1" "$2" "$3"
  refused "$1" "$4"
}
expect_fail multi_char_atom '(ab){1,2000}' 5000 'S1: the repeated element (ab) can match more than one code point'
expect_fail not_last 'a{1,2000}b' 5000 'S1: pattern .* has a repetition over 1000 that is not its last element'
expect_fail alternation 'a{1,2000}|b' 5000 'S1: RE2 rejects pattern'

# A provable rewrite succeeds and says why.
model provable 'x[a-z]{1,1500}' 1200
mkdir -p "$tmp/out-provable"
if "$gen" --model "$tmp/provable.json" --out "$tmp/out-provable" 2> "$tmp/provable.err" &&
   grep -q 'repeats at most 1200 - 1 = 1199 <= 1500' "$tmp/out-provable/common.cc"; then
  echo "ok provable"
else
  echo "FAIL provable"; cat "$tmp/provable.err"; fail=1
fi
# Unsatisfiable length + pattern: reported as a model defect.
model defect '[0-9]{36}' 32
mkdir -p "$tmp/out-defect"
"$gen" --model "$tmp/defect.json" --out "$tmp/out-defect" 2> "$tmp/defect.err"
if grep -q 'model defect: S1' "$tmp/defect.err"; then echo "ok defect"; else echo "FAIL defect"; cat "$tmp/defect.err"; fail=1; fi
# Shapes the runtime has no form for are refused by name, never half-generated.
shape_case() {  # NAME SHAPES_JSON EXPECTED_TEXT
  cat > "$tmp/$1.json" <<JSON
{"metadata":{"apiVersion":"1","jsonVersion":"1.0","targetPrefix":"T","serviceId":"S","signingName":"s"},
 "operations":[{"name":"Op","http":{"method":"POST","requestUri":"/"},"input":"In","output":"Out","errors":[]}],
 "shapes":{"In":{"type":"structure","members":[{"name":"A","target":"L","required":false}]},
           "Out":{"type":"structure","members":[]},
           "S":{"type":"string"},
           $2}}
JSON
  refused "$1" "$3"
}
shape_case list_of_lists '"L":{"type":"list","member":"L2"},"L2":{"type":"list","member":"S"}' \
  'L: lists of lists are not supported'
shape_case list_length '"L":{"type":"list","member":"S","min":1}' \
  'L: length constraints on a list are not supported'
shape_case recursive '"L":{"type":"list","member":"In"}' 'recursive structure In is not supported'
exit "$fail"
