#!/usr/bin/env bash
# Fails when generated/apprunner/ is not what the generator makes of model/ today.
#
# The generator is a build tool: the genrule :regenerated runs //generator:gen_codec as
# built for the host (optimised, without the target's sanitizer flags) on the model, at
# build time, into one bundle; this test only compares it with the checked-in files
# (bundled the same way: every file, by name, after a line "==> NAME <=="). So the test
# takes the same time under --config=asan as without.
set -uo pipefail
new="tests/generator/regenerated.bundle"
dir="generated/apprunner"
tmp="${TEST_TMPDIR:-/tmp}"
if [ ! -f "$new" ]; then
  echo "MISSING: $new (the genrule //tests/generator:regenerated did not produce it)"
  exit 1
fi
: > "$tmp/checked_in.bundle"
for f in $(cd "$dir" && LC_ALL=C ls | LC_ALL=C sort); do
  printf '==> %s <==\n' "$f" >> "$tmp/checked_in.bundle"
  cat "$dir/$f" >> "$tmp/checked_in.bundle"
done
if diff -u --label "generated/apprunner (checked in)" --label "generator output" \
    "$tmp/checked_in.bundle" "$new" > "$tmp/bundle.diff"; then
  echo "generated/apprunner is up to date ($(grep -c '^==> ' "$new") files)"
  exit 0
fi
echo "STALE: generated/apprunner differs from the generator's output" \
     "($(( $(grep -c '^[-+]' "$tmp/bundle.diff") - 2 )) lines removed or added; first 80 diff lines):"
head -80 "$tmp/bundle.diff"
echo "regenerate with: ./bazelw run //generator:regen"
exit 1
