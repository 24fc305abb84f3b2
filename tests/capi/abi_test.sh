#!/usr/bin/env bash
# The ABI of libapprunner_codec.so.1: only apprunner_codec_* symbols exported (all of
# them versioned APPRUNNER_CODEC_1 or, since 1.1, APPRUNNER_CODEC_1.1), every function of include/apprunner_codec.h
# exported and nothing else, SONAME libapprunner_codec.so.1; and a C program built with
# `cc` from the header and the .so alone (linked directly, and loaded with dlopen)
# works.
set -uo pipefail

runfiles="${TEST_SRCDIR:-$PWD}/${TEST_WORKSPACE:-apprunner_codec}"
[ -d "$runfiles" ] || runfiles="$PWD"
lib="$runfiles/capi/libapprunner_codec.so.1"
header="$runfiles/include/apprunner_codec.h"
tmp="${TEST_TMPDIR:-$(mktemp -d)}"
checks=0
failed=0

ok() { checks=$((checks + 1)); echo "ok $1"; }
fail() { checks=$((checks + 1)); failed=$((failed + 1)); echo "FAIL $1"; }
expect() {  # NAME COMMAND...: passes when COMMAND succeeds
  local name="$1"; shift
  if "$@"; then ok "$name"; else fail "$name"; fi
}

if [ ! -f "$lib" ] || [ ! -f "$header" ]; then
  echo "FAIL: missing $lib or $header"; exit 1
fi

# --- Exported symbols ------------------------------------------------------------------
nm -D --defined-only "$lib" > "$tmp/nm.txt" 2> "$tmp/nm.err"; rc=$?
expect "nm -D runs" [ "$rc" = 0 ]
# "ADDR TYPE NAME[@@VERSION]" -> "TYPE NAME VERSION"
awk 'NF >= 3 { name = $3; ver = ""; i = index(name, "@");
               if (i) { ver = substr(name, i); sub(/^@+/, "", ver); name = substr(name, 1, i - 1) }
               print $2, name, ver }' "$tmp/nm.txt" > "$tmp/exports.txt"
# Version nodes: APPRUNNER_CODEC_1 (1.0's functions) and APPRUNNER_CODEC_1.1 (added in 1.1).
exported=$(awk '$2 !~ /^APPRUNNER_CODEC_1(\.1)?$/ { print $2 }' "$tmp/exports.txt" | sort -u)
n_exported=$(printf '%s\n' "$exported" | grep -c .)
expect "symbols are exported ($n_exported)" [ "$n_exported" -gt 0 ]
bad=$(printf '%s\n' "$exported" | grep -v '^apprunner_codec_' || true)
if [ -z "$bad" ]; then ok "every exported symbol starts with apprunner_codec_"; else
  fail "exported symbols outside apprunner_codec_*: $(echo $bad | head -c 600)"; fi
# Each function is bound to the node of the release that added it: the one added in 1.1
# to APPRUNNER_CODEC_1.1, every other to APPRUNNER_CODEC_1.
since_1_1="apprunner_codec_reject_body_too_large"
wrong_node=$(awk -v new="$since_1_1" '$2 !~ /^APPRUNNER_CODEC_1(\.1)?$/ {
    want = ($2 == new) ? "APPRUNNER_CODEC_1.1" : "APPRUNNER_CODEC_1"
    if ($3 != want) print $2 "@" $3 " (want " want ")" }' "$tmp/exports.txt")
if [ -z "$wrong_node" ]; then ok "every export has its version node (1.0: APPRUNNER_CODEC_1, 1.1: APPRUNNER_CODEC_1.1)"; else
  fail "exports with the wrong version node: $(echo $wrong_node)"; fi
for node in APPRUNNER_CODEC_1 APPRUNNER_CODEC_1.1; do
  grep -q " $node *\$" "$tmp/exports.txt" && ok "version node $node defined" ||
    fail "version node $node missing"
done
not_functions=$(awk '$2 !~ /^APPRUNNER_CODEC_1(\.1)?$/ && $1 != "T" { print $1, $2 }' "$tmp/exports.txt")
if [ -z "$not_functions" ]; then ok "every export is a function"; else
  fail "exports that are not functions: $(echo $not_functions)"; fi

# --- The header's functions vs the exports --------------------------------------------
declared=$(grep -o 'apprunner_codec_[a-z_]*(' "$header" | tr -d '(' | sort -u)
n_declared=$(printf '%s\n' "$declared" | grep -c .)
expect "the header declares 22 functions (found $n_declared)" [ "$n_declared" = 22 ]
missing=$(comm -23 <(printf '%s\n' "$declared") <(printf '%s\n' "$exported"))
if [ -z "$missing" ]; then ok "every function of the header is exported"; else
  fail "declared but not exported: $(echo $missing)"; fi
extra=$(comm -13 <(printf '%s\n' "$declared") <(printf '%s\n' "$exported"))
if [ -z "$extra" ]; then ok "every export is declared in the header"; else
  fail "exported but not declared: $(echo $extra)"; fi

# --- SONAME ----------------------------------------------------------------------------
readelf -d "$lib" > "$tmp/dynamic.txt" 2>&1
soname=$(sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p' "$tmp/dynamic.txt")
expect "SONAME is libapprunner_codec.so.1 (got '$soname')" [ "$soname" = "libapprunner_codec.so.1" ]
major=$(sed -n 's/^#define APPRUNNER_CODEC_VERSION_MAJOR \([0-9]*\).*/\1/p' "$header")
expect "SONAME major matches APPRUNNER_CODEC_VERSION_MAJOR ($major)" [ "$soname" = "libapprunner_codec.so.$major" ]
# Position-independent: no text relocations.
if grep -q TEXTREL "$tmp/dynamic.txt"; then fail "no TEXTREL"; else ok "no TEXTREL"; fi

# --- A C program against the header and the .so alone ---------------------------------
# Only the header's directory and a directory holding nothing but the .so.
mkdir -p "$tmp/inc" "$tmp/lib"
cp "$header" "$tmp/inc/"
cp "$lib" "$tmp/lib/"
ln -sf libapprunner_codec.so.1 "$tmp/lib/libapprunner_codec.so"

# A sanitizer build of the library needs its runtime in the program too.
sanitizers=""
grep -q 'NEEDED.*\[libasan' "$tmp/dynamic.txt" && sanitizers="address"
grep -q 'NEEDED.*\[libubsan' "$tmp/dynamic.txt" && sanitizers="${sanitizers:+$sanitizers,}undefined"
grep -q 'NEEDED.*\[libtsan' "$tmp/dynamic.txt" && sanitizers="thread"
san="${sanitizers:+-fsanitize=$sanitizers}"
echo "sanitizer runtime of the library: ${sanitizers:-none}"

cat > "$tmp/consumer.c" <<'EOF'
/* Uses the library as a gateway would: create, configure, inspect, read, destroy. */
#include <stdio.h>
#include <string.h>

#include <apprunner_codec.h>

static int failures = 0;
#define EXPECT(e) do { if (!(e)) { ++failures; fprintf(stderr, "line %d: %s\n", __LINE__, #e); } } while (0)

int main(void) {
  static const char ct[] = "application/x-amz-json-1.0";
  static const char ok_body[] = "{\"ServiceArn\":\"arn:aws:::123456789012:x\"}";
  apprunner_codec* codec = NULL;
  apprunner_codec_request req;
  const apprunner_codec_result* r = NULL;
  apprunner_codec_violation v;
  char buf[512];
  size_t needed = 0;

  EXPECT(strcmp(apprunner_codec_version(), "1.1.0") == 0);
  EXPECT(apprunner_codec_version_number() == APPRUNNER_CODEC_VERSION_NUMBER);
  EXPECT(apprunner_codec_operation_count() == 37);
  EXPECT(apprunner_codec_create(&codec) == APPRUNNER_CODEC_OK && codec != NULL);
  EXPECT(apprunner_codec_set_max_body_size(codec, 1 << 20) == APPRUNNER_CODEC_OK);
  EXPECT(apprunner_codec_allow(codec, "Nope", 4) == APPRUNNER_CODEC_INVALID_ARGUMENT);
  EXPECT(strstr(apprunner_codec_last_error(codec), "Nope") != NULL);

  memset(&req, 0, sizeof req);
  req.method = "POST"; req.method_len = 4;
  req.path = "/"; req.path_len = 1;
  req.target = "AppRunner.PauseService"; req.target_len = 22;
  req.content_type = ct; req.content_type_len = sizeof ct - 1;
  req.body = ok_body; req.body_len = sizeof ok_body - 1;
  EXPECT(apprunner_codec_inspect(codec, &req, &r) == APPRUNNER_CODEC_OK && r != NULL);
  EXPECT(r != NULL && r->verdict == APPRUNNER_CODEC_FORWARD && r->status == 200);
  EXPECT(r != NULL && strcmp(r->operation.data, "PauseService") == 0);

  req.body = "{}"; req.body_len = 2;
  EXPECT(apprunner_codec_inspect(codec, &req, &r) == APPRUNNER_CODEC_OK && r != NULL);
  EXPECT(r != NULL && r->verdict == APPRUNNER_CODEC_REJECT && r->status == 400);
  EXPECT(r != NULL && r->check == APPRUNNER_CODEC_CHECK_VALIDATION);
  EXPECT(r != NULL && strcmp(r->error_type.data, "InvalidRequestException") == 0);
  EXPECT(strcmp(apprunner_codec_check_name(r != NULL ? r->check : -1), "Validation") == 0);
  EXPECT(apprunner_codec_violation_get(codec, 0, &v) == APPRUNNER_CODEC_OK);
  EXPECT(strcmp(v.path.data, "serviceArn") == 0);
  EXPECT(apprunner_codec_copy_body(codec, buf, sizeof buf, &needed) == APPRUNNER_CODEC_OK);
  EXPECT(r != NULL && needed == r->body.size && strncmp(buf, "{\"__type\":\"InvalidRequestException\"", 35) == 0);
  apprunner_codec_destroy(codec);
  printf("consumer: %s\n", failures == 0 ? "ok" : "FAILED");
  return failures == 0 ? 0 : 1;
}
EOF

cat > "$tmp/dlopen.c" <<'EOF'
/* Loads the library by path and resolves entry points by name. */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include <apprunner_codec.h>

int main(int argc, char** argv) {
  void* h;
  const char* (*version)(void);
  int (*create)(apprunner_codec**);
  void (*destroy)(apprunner_codec*);
  int (*is_allowed)(const apprunner_codec*, const char*, size_t);
  apprunner_codec* codec = NULL;
  int ok = 1;
  if (argc != 2) return 2;
  h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (h == NULL) { fprintf(stderr, "dlopen: %s\n", dlerror()); return 1; }
  *(void**)&version = dlsym(h, "apprunner_codec_version");
  *(void**)&create = dlsym(h, "apprunner_codec_create");
  *(void**)&destroy = dlsym(h, "apprunner_codec_destroy");
  *(void**)&is_allowed = dlsym(h, "apprunner_codec_is_allowed");
  if (!version || !create || !destroy || !is_allowed) { fprintf(stderr, "dlsym failed\n"); return 1; }
  /* Symbols of the C++ engine are not reachable. */
  if (dlsym(h, "_ZN9apprunner5codec13HttpInspector7InspectERKNS0_15HttpRequestViewE") != NULL) {
    fprintf(stderr, "internal C++ symbol exported\n"); ok = 0;
  }
  if (strcmp(version(), "1.1.0") != 0) ok = 0;
  if (create(&codec) != 0 || codec == NULL) ok = 0;
  if (codec != NULL && is_allowed(codec, "PauseService", 12) != 1) ok = 0;
  if (codec != NULL && is_allowed(codec, "Nope", 4) >= 0) ok = 0;
  destroy(codec);
  /* No dlclose: the library's process-wide validators (Validator::Default) are
   * intentionally never freed, so unloading it would leave them unreachable (LeakSanitizer
   * reports ~340 KB under --config=asan). */
  printf("dlopen: %s\n", ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
EOF

cc_bin="${CC_FOR_TEST:-cc}"
command -v "$cc_bin" >/dev/null 2>&1 || cc_bin=gcc
# Direct link: -I the header's copy, -L the .so's copy, rpath to it.
if "$cc_bin" -std=c99 -Wall -Wextra -pedantic -Werror $san -I"$tmp/inc" "$tmp/consumer.c" \
    -L"$tmp/lib" -lapprunner_codec -Wl,-rpath,"$tmp/lib" -o "$tmp/consumer" 2> "$tmp/cc.err"; then
  ok "consumer builds with cc against the header and the .so"
  # The program needs exactly our .so from the rpath, no other copy.
  if readelf -d "$tmp/consumer" | grep -q 'NEEDED.*\[libapprunner_codec.so.1\]'; then
    ok "consumer records NEEDED libapprunner_codec.so.1 (the SONAME)"
  else
    fail "consumer does not record NEEDED libapprunner_codec.so.1"
  fi
  out=$("$tmp/consumer" 2>&1); rc=$?
  expect "consumer runs: $out" [ "$rc" = 0 ]
  [ "$out" = "consumer: ok" ] && ok "consumer output" || fail "consumer output: $out"
else
  fail "consumer builds: $(head -c 1500 "$tmp/cc.err")"
fi

if "$cc_bin" -std=c99 -Wall -Wextra $san -I"$tmp/inc" "$tmp/dlopen.c" -ldl -o "$tmp/dlopen" \
    2> "$tmp/cc2.err"; then
  ok "dlopen program builds"
  out=$("$tmp/dlopen" "$tmp/lib/libapprunner_codec.so.1" 2>&1); rc=$?
  expect "dlopen program runs: $out" [ "$rc" = 0 ]
else
  fail "dlopen program builds: $(head -c 1500 "$tmp/cc2.err")"
fi

# The header compiles as C++ too (extern "C", noexcept), without the library's flags.
if command -v c++ >/dev/null 2>&1; then
  printf '#include <apprunner_codec.h>\nstatic_assert(noexcept(apprunner_codec_version()), "noexcept");\nint main() { return apprunner_codec_version_number() == APPRUNNER_CODEC_VERSION_NUMBER ? 0 : 1; }\n' \
    > "$tmp/cxx.cc"
  if c++ -std=c++17 -Wall -Wextra -Werror $san -I"$tmp/inc" "$tmp/cxx.cc" -L"$tmp/lib" -lapprunner_codec \
      -Wl,-rpath,"$tmp/lib" -o "$tmp/cxx" 2> "$tmp/cxx.err"; then
    "$tmp/cxx"; rc=$?
    expect "C++ consumer runs" [ "$rc" = 0 ]
  else
    fail "C++ consumer builds: $(head -c 1500 "$tmp/cxx.err")"
  fi
fi

echo "$checks checks, $failed failed"
[ "$failed" = 0 ]
