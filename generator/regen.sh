#!/usr/bin/env bash
# Regenerates generated/apprunner/ from model/apprunner.json (run through:
# ./bazelw run //generator:regen).
set -euo pipefail
ws="${BUILD_WORKSPACE_DIRECTORY:?run me with bazel run}"
gen="$(pwd)/generator/gen_codec"
out="$ws/generated/apprunner"
mkdir -p "$out"
rm -f "$out"/*.h "$out"/*.cc
"$gen" --model "$ws/model/apprunner.json" --model-name model/apprunner.json \
  --namespace apprunner::model --package generated/apprunner --out "$out"
echo "regenerated $out"
