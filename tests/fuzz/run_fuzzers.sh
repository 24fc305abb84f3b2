#!/usr/bin/env bash
# Builds the libFuzzer targets (--config=fuzz) and runs each for SECONDS seconds on a
# scratch copy of its seed corpus. Exits non-zero on any finding (crash, sanitizer
# report, broken invariant, differential mismatch, timeout or out-of-memory), leaving
# the reproducer in OUT_DIR. Prints one line per fuzzer with its wall-clock seconds,
# executions and final corpus size (the record tests/fuzz/CAMPAIGNS.md keeps).
#   tests/fuzz/run_fuzzers.sh [SECONDS] [OUT_DIR]
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
out="${2:-$(mktemp -d)}"
mkdir -p "$out"
./bazelw build --config=fuzz //tests/fuzz:all >"$out/build.log" 2>&1 || {
  echo "fuzz build failed:"; grep -vE "Cannot export local symbol" "$out/build.log" | tail -40; exit 1; }
bin="bazel-out/k8-fastbuildfuzz/bin/tests/fuzz"
status=0
for target in request response round_trip error pattern; do
  corpora="$target"
  # The round trip decodes every input as a response and as a request.
  [ "$target" = round_trip ] && corpora="request response"
  max_len=65536
  [ "$target" = pattern ] && max_len=4096
  work="$out/$target"
  mkdir -p "$work/corpus" "$work/artifacts"
  for c in $corpora; do
    for f in "tests/fuzz/corpus/$c"/*; do cp "$f" "$work/corpus/$c-$(basename "$f")"; done
  done
  start=$(date +%s)
  "$bin/${target}_fuzzer" -dict=tests/fuzz/json.dict -max_total_time="$seconds" \
      -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$work/artifacts/" "$work/corpus" >"$work/log" 2>&1
  rc=$?
  elapsed=$(( $(date +%s) - start ))
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$work/log" | grep -oE '[0-9]+$' | tail -1)
  size=$(ls "$work/corpus" | wc -l)
  waived=$(grep -oE 'waived known finding [A-Z0-9]+' "$work/log" | awk '{print $4}' | sort -u | tr '\n' ' ')
  if [ "$rc" -ne 0 ]; then
    echo "FUZZ FINDING ${target}_fuzzer (exit $rc) after ${elapsed}s, ${execs:-?} executions:"
    grep -E "FINDING|ERROR|invariant|mismatch|SUMMARY|runtime error" "$work/log" | head -20
    ls "$work/artifacts"
    status=1
  else
    echo "fuzz ${target}_fuzzer: ${elapsed}s, ${execs} executions, corpus ${size} inputs,${waived:+ waived known findings: ${waived% },} no findings"
  fi
done
exit "$status"
