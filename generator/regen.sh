#!/usr/bin/env bash
# Regenerates codec/generated/ from model/ (run through: ./bazelw run //generator:regen).
set -euo pipefail
ws="${BUILD_WORKSPACE_DIRECTORY:?run me with bazel run}"
gen="$(pwd)/generator/gen_codec"
"$gen" --model "$ws/model/apprunner-pause-service.json" --out "$ws/codec/generated"
echo "regenerated $ws/codec/generated"
