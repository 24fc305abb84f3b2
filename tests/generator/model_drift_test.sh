#!/usr/bin/env bash
# Fails when model/apprunner-pause-service.json or model/apprunner.json no longer matches
# the App Runner model of the installed botocore (the machine's python3) and, for the
# whole service's error statuses, the JS SDK's error schemas (node, tests/interop/js). Also checks that the importer sees
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

# The whole service: model/apprunner.json against botocore and the JS SDK's error facts.
if ! command -v node >/dev/null; then
  echo "FAIL node not on PATH (./bazelw puts Node.js >= 20 there)"; exit 1
fi
js_dir="$(dirname "$(readlink -f tests/interop/js/package.json)")"
[ -d "$js_dir/node_modules" ] || { echo "FAIL $js_dir/node_modules is missing: run ./bazelw (npm ci)"; exit 1; }
service=model/apprunner.json
python3 model/import_model.py --service --js-sdk "$js_dir" --check "$service" \
  && echo "ok whole service matches botocore and the JS SDK" || fail=1
node model/js_sdk_errors.mjs "$js_dir" > "$tmp/js.json" || { echo "FAIL js_sdk_errors.mjs"; exit 1; }
python3 - "$service" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
ops, shapes = d["operations"], d["shapes"]
problems = []
if len(ops) != 37: problems.append("%d operations, want 37" % len(ops))
if len(shapes) != 199: problems.append("%d shapes, want 199" % len(shapes))
if d["metadata"].get("targetPrefix") != "AppRunner": problems.append("targetPrefix")
if d["namespace"] != "com.amazonaws.apprunner": problems.append("namespace " + d["namespace"])
if shapes["ServiceQuotaExceededException"].get("httpError") != 402: problems.append("402")
creates = sorted(o["name"] for o in ops if "ServiceQuotaExceededException" in o["errors"])
if creates != sorted(o["name"] for o in ops if o["name"].startswith("Create")) or len(creates) != 6:
    problems.append("ServiceQuotaExceededException on %s" % creates)
for o in ops:
    if not {"InvalidRequestException", "InternalServiceErrorException"} <= set(o["errors"]):
        problems.append(o["name"] + " lacks the common errors")
print("FAIL whole-service facts: " + "; ".join(problems) if problems else
      "ok whole service: 37 operations, 199 shapes, 402 on the six Create*")
sys.exit(1 if problems else 0)
PY
# A changed error status in the SDK is drift; an SDK error botocore lacks stops the import.
python3 - "$tmp/js.json" "$tmp/js402.json" "$tmp/jsextra.json" <<'PY'
import json, sys
js = json.load(open(sys.argv[1]))
js["errors"]["ServiceQuotaExceededException"]["httpError"] = 429
json.dump(js, open(sys.argv[2], "w"))
js["errors"]["ServiceQuotaExceededException"]["httpError"] = 402
js["errors"]["ThrottlingException"] = {"namespace": "com.amazonaws.apprunner", "error": "client", "httpError": 400}
json.dump(js, open(sys.argv[3], "w"))
PY
python3 model/import_model.py --service --js-errors "$tmp/js.json" --check "$service" >/dev/null \
  && echo "ok the SDK's facts as read match" || { echo "FAIL the SDK's facts as read"; fail=1; }
python3 model/import_model.py --service --js-errors "$tmp/js402.json" --check "$service" >/dev/null 2>&1 \
  && { echo "FAIL a changed error status is not drift"; fail=1; } || echo "ok error status change is drift"
err=$(python3 model/import_model.py --service --js-errors "$tmp/jsextra.json" --stdout 2>&1 >/dev/null); rc=$?
[ "$rc" -ne 0 ] && [[ "$err" == *"not botocore's exception shapes"* ]] && echo "ok an error botocore lacks stops the import" \
  || { echo "FAIL an extra SDK error passed: rc=$rc $err"; fail=1; }
mutate newop 'm["operations"]["PauseEverything"] = dict(m["operations"]["PauseService"], name="PauseEverything")'
python3 model/import_model.py --service --source "$tmp/newop.json" --js-errors "$tmp/js.json" --check "$service" >/dev/null 2>&1 \
  && { echo "FAIL a new operation is not drift"; fail=1; } || echo "ok a new operation is drift"
mutate fault 'm["shapes"]["InvalidStateException"]["fault"] = True'
err=$(python3 model/import_model.py --service --source "$tmp/fault.json" --js-errors "$tmp/js.json" --stdout 2>&1 >/dev/null); rc=$?
[ "$rc" -ne 0 ] && [[ "$err" == *"server error in botocore"* ]] && echo "ok a fault disagreement stops the import" \
  || { echo "FAIL a fault disagreement passed: rc=$rc $err"; fail=1; }
exit "$fail"
