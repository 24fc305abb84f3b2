#!/usr/bin/env bash
# Fails when codec/generated/ is not what the generator makes of model/ today.
set -euo pipefail
gen="generator/gen_codec"
out="${TEST_TMPDIR:-$(mktemp -d)}/generated"
mkdir -p "$out"
"$gen" --quiet --model model/apprunner-pause-service.json --out "$out"
status=0
for f in pause_service_types.h pause_service_tables.cc; do
  if ! diff -u "codec/generated/$f" "$out/$f" > "$out/$f.diff"; then
    echo "STALE: codec/generated/$f differs from the generator's output:"
    head -40 "$out/$f.diff"
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "codec/generated is up to date"
echo "regenerate with: ./bazelw run //generator:regen" >&2
exit "$status"
