#!/usr/bin/env bash
# Fails when model/apprunner-pause-service.json no longer matches the App Runner model
# of the installed botocore (the machine's python3). Also checks that the importer sees
# what it must not drop: a changed metadata value is drift, and a shape or operation
# trait it does not understand stops the import.
set -uo pipefail
if ! command -v python3 >/dev/null; then
  echo "python3 not on PATH (run tests with --test_env=PATH, as .bazelrc does)"; exit 1
fi
model=model/apprunner-pause-service.json
python3 model/import_model.py --check "$model" || exit 1

tmp="${TEST_TMPDIR:-$(mktemp -d)}"
# mutate NAME PYTHON: writes $tmp/NAME.json, botocore's model with PYTHON applied to `m`.
mutate() {
  python3 - "$tmp/$1.json" "$2" <<'PY' || exit 1
import botocore, gzip, json, os, sys
base = os.path.join(os.path.dirname(botocore.__file__), "data", "apprunner", "2020-05-15")
path = os.path.join(base, "service-2.json.gz")
m = json.load(gzip.open(path, "rt", encoding="utf-8")) if os.path.exists(path) else \
    json.load(open(os.path.join(base, "service-2.json"), encoding="utf-8"))
exec(sys.argv[2])
json.dump(m, open(sys.argv[1], "w"))
PY
}
fail=0
mutate same 'pass'
python3 model/import_model.py --source "$tmp/same.json" --check "$model" >/dev/null \
  && echo "ok an unchanged copy matches" || { echo "FAIL unchanged copy"; fail=1; }

mutate protocols 'm["metadata"]["protocols"] = ["json", "smithy-rpc-v2-cbor"]'
python3 model/import_model.py --source "$tmp/protocols.json" --check "$model" >/dev/null 2>&1 \
  && { echo "FAIL a new protocol list is not drift"; fail=1; } || echo "ok metadata change is drift"

mutate auth 'm["metadata"]["auth"] = ["aws.auth#sigv4a"]'
python3 model/import_model.py --source "$tmp/auth.json" --check "$model" >/dev/null 2>&1 \
  && { echo "FAIL a new auth list is not drift"; fail=1; } || echo "ok auth change is drift"

mutate pattern 'm["shapes"]["ServiceName"]["pattern"] = "[A-Za-z0-9]+"'
python3 model/import_model.py --source "$tmp/pattern.json" --check "$model" >/dev/null 2>&1 \
  && { echo "FAIL a changed pattern is not drift"; fail=1; } || echo "ok pattern change is drift"

for trait in 'm["shapes"]["Timestamp"]["timestampFormat"] = "iso8601"' \
             'm["shapes"]["ServiceName"]["deprecated"] = True' \
             'm["operations"]["PauseService"]["endpoint"] = {"hostPrefix": "x."}'; do
  mutate trait "$trait"
  err=$(python3 model/import_model.py --source "$tmp/trait.json" --stdout 2>&1 >/dev/null); rc=$?
  if [ "$rc" -ne 0 ] && [[ "$err" == *"not understood"* ]]; then
    echo "ok unknown trait stops the import: $trait"
  else
    echo "FAIL unknown trait passed ($trait): rc=$rc $err"; fail=1
  fi
done
exit "$fail"
