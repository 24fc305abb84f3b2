#!/usr/bin/env bash
# Fails when codec/generated/ is not what the generator makes of model/ today.
#
# The generator is a build tool: the genrule :regenerated runs //generator:gen_codec as
# built for the host (optimised, without the target's sanitizer flags) on the model, at
# build time; this test only compares its outputs with the checked-in files. So the test
# takes the same time under --config=asan as without.
set -uo pipefail
new="tests/generator/regenerated"
status=0
for f in pause_service_types.h pause_service_tables.cc; do
  if [ ! -f "$new/$f" ]; then
    echo "MISSING: $new/$f (the genrule //tests/generator:regenerated did not produce it)"
    status=1
  elif ! diff -u --label "codec/generated/$f (checked in)" --label "generator output" \
        "codec/generated/$f" "$new/$f" > "${TEST_TMPDIR:-/tmp}/$f.diff"; then
    echo "STALE: codec/generated/$f differs from the generator's output" \
         "($(( $(grep -c '^[-+]' "${TEST_TMPDIR:-/tmp}/$f.diff") - 2 )) lines removed or added; first 60 diff lines):"
    head -60 "${TEST_TMPDIR:-/tmp}/$f.diff"
    status=1
  fi
done
if [ "$status" -eq 0 ]; then
  echo "codec/generated is up to date"
else
  echo "regenerate with: ./bazelw run //generator:regen"
fi
exit "$status"
