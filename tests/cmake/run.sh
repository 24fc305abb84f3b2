#!/usr/bin/env bash
# tests/cmake/run.sh [WORKDIR]: the CMake CI step. Configures, builds (-j2) and installs
# the repository with CMake into WORKDIR/prefix, checks the installed files and the
# shared library's exported symbols, then builds and runs, from outside the tree, a C
# consumer (pkg-config, shared library) and a C++ consumer (find_package, static
# library). Prints "cmake: <step> ok|FAILED" per step and "cmake: N passed, N failed";
# exits non-zero on any failure. WORKDIR defaults to a temporary directory, removed at
# exit. Uses only checked-in files (no Bazel outputs). Logs: WORKDIR/logs/<step>.log
# (kept, and printed on failure).
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$repo/tests/cmake"
# The library's full version, as CMakeLists.txt's project() and the header say it.
version="$(sed -n 's/^project(apprunner_codec VERSION \([0-9.]*\).*/\1/p' "$repo/CMakeLists.txt")"

# apt_install PKG...: installs Debian packages, as root or through sudo (as ./bazelw).
apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "cmake: installing missing Debian packages: $*" >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >&2
}

# Debian package -> a file that proves it is installed. The libraries are what the
# build needs, as ./bazelw installs them.
declare -A NEED=(
  [cmake]=/usr/bin/cmake
  [pkgconf]=/usr/bin/pkg-config
  [ninja-build]=/usr/bin/ninja
  [g++]=/usr/bin/g++
  [gcc]=/usr/bin/gcc
  [binutils]=/usr/bin/nm
  [libsimdjson-dev]=/usr/include/simdjson.h
  [libre2-dev]=/usr/include/re2/re2.h
  [libabsl-dev]=/usr/include/absl/status/statusor.h
)
missing=()
for pkg in "${!NEED[@]}"; do
  [ -e "${NEED[$pkg]}" ] || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  apt_install "${missing[@]}" || { echo "cmake: install tools FAILED"; exit 1; }
fi

if [ $# -ge 1 ]; then
  work="$1"
  mkdir -p "$work"
  work="$(cd "$work" && pwd)"
else
  work="$(mktemp -d "${TMPDIR:-/tmp}/apprunner-codec-cmake.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
fi
build="$work/build"
prefix="$work/prefix"
logs="$work/logs"
mkdir -p "$logs"

passed=0
failed=0
# step NAME COMMAND...: runs COMMAND with its output in $logs/NAME.log.
step() {
  local name="$1"
  shift
  local log
  log="$logs/$(printf %s "$name" | tr -c 'A-Za-z0-9+' _).log"
  if "$@" >"$log" 2>&1; then
    echo "cmake: $name ok"
    passed=$((passed + 1))
    return 0
  fi
  echo "cmake: $name FAILED"
  sed 's/^/    /' "$log" | tail -n 60
  failed=$((failed + 1))
  return 1
}

configure() {
  rm -rf "$build" "$prefix"
  cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix"
}

# Warnings count as failures: the build is meant to be warnings-clean.
build_library() {
  local log="$logs/build.out"
  cmake --build "$build" -j2 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || return 1
  if grep -E -n 'warning:' "$log"; then
    echo "compiler warnings (above)"
    return 1
  fi
}

check_installed() {
  local lib="$prefix/lib" ok=0 f
  for f in \
      "$prefix/include/apprunner_codec.h" \
      "$prefix/include/apprunner_codec/codec/decode.h" \
      "$prefix/include/apprunner_codec/api/gateway.h" \
      "$prefix/include/apprunner_codec/validate/validate.h" \
      "$prefix/include/apprunner_codec/generated/apprunner/service.h" \
      "$lib/libapprunner_codec.a" \
      "$lib/libapprunner_codec.so.$version" \
      "$lib/pkgconfig/apprunner-codec.pc" \
      "$prefix/share/apprunner_codec/lua/apprunner_codec.lua" \
      "$prefix/share/apprunner_codec/nginx/nginx.conf" \
      "$lib/cmake/apprunner_codec/apprunner_codecConfig.cmake" \
      "$lib/cmake/apprunner_codec/apprunner_codecConfigVersion.cmake" \
      "$lib/cmake/apprunner_codec/apprunner_codecTargets.cmake"; do
    if [ -f "$f" ]; then echo "present: $f"; else echo "MISSING: $f"; ok=1; fi
  done
  # The symlink chain: .so -> .so.1 -> .so.$version.
  if [ -L "$lib/libapprunner_codec.so" ] && [ "$(readlink "$lib/libapprunner_codec.so")" = libapprunner_codec.so.1 ] &&
     [ -L "$lib/libapprunner_codec.so.1" ] && [ "$(readlink "$lib/libapprunner_codec.so.1")" = libapprunner_codec.so.$version ]; then
    echo "symlinks: libapprunner_codec.so -> .so.1 -> .so.$version"
  else
    ls -l "$lib"/libapprunner_codec.so*
    echo "wrong symlink chain"
    ok=1
  fi
  local soname
  soname="$(readelf -d "$lib/libapprunner_codec.so.$version" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')"
  echo "SONAME: $soname"
  [ "$soname" = libapprunner_codec.so.1 ] || ok=1
  # No Bazel output reached the install.
  if grep -rl 'bazel-out\|bazel-bin' "$prefix" 2>/dev/null; then echo "Bazel paths in the install"; ok=1; fi
  return "$ok"
}

# Only apprunner_codec_* symbols, under the version nodes APPRUNNER_CODEC_1 and _1.1.
check_exports() {
  local so="$prefix/lib/libapprunner_codec.so.$version"
  local syms bad count
  syms="$(nm -D --defined-only "$so")" || return 1
  echo "$syms"
  bad="$(echo "$syms" | awk '{print $NF}' |
         grep -v -E '^apprunner_codec_[A-Za-z0-9_]+@@APPRUNNER_CODEC_1(\.1)?$' |
         grep -v -x -E 'APPRUNNER_CODEC_1(\.1)?')"
  if [ -n "$bad" ]; then
    echo "unexpected exports:"
    echo "$bad"
    return 1
  fi
  count="$(echo "$syms" | grep -c ' apprunner_codec_')"
  echo "$count apprunner_codec_* symbols exported"
  # Every function the header declares is exported.
  local fn missing_fn=0
  for fn in $(grep -o -E '\bapprunner_codec_[a-z_]+\(' "$prefix/include/apprunner_codec.h" | tr -d '(' | sort -u); do
    echo "$syms" | grep -q -E " $fn@@APPRUNNER_CODEC_1(\.1)?\$" || { echo "not exported: $fn"; missing_fn=1; }
  done
  return "$missing_fn"
}

consumer_c() {
  local out="$work/consumer_c"
  rm -rf "$out" && mkdir -p "$out" && cp "$here/consumer_c/main.c" "$out/" || return 1
  (
    cd "$out" || exit 1
    export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
    echo "pkg-config: $(pkg-config --cflags --libs apprunner-codec)"
    set -x
    # shellcheck disable=SC2046  # the flags are meant to be split
    cc -std=c99 -Wall -Wextra -Werror -o consumer_c main.c $(pkg-config --cflags --libs apprunner-codec) \
      -Wl,-rpath,"$prefix/lib" || exit 1
    set +x
    readelf -d consumer_c | grep NEEDED
    readelf -d consumer_c | grep -q 'NEEDED.*\[libapprunner_codec.so.1\]' || { echo "not linked to libapprunner_codec.so.1"; exit 1; }
    ./consumer_c
  )
}

consumer_cpp() {
  local src="$work/consumer_cpp_src" out="$work/consumer_cpp_build"
  rm -rf "$src" "$out" && mkdir -p "$src" && cp "$here/consumer_cpp/CMakeLists.txt" "$here/consumer_cpp/main.cc" "$src/" ||
    return 1
  cmake -S "$src" -B "$out" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" || return 1
  cmake --build "$out" -j2 2>&1 | tee "$logs/consumer_cpp_build.out"
  [ "${PIPESTATUS[0]}" -eq 0 ] || return 1
  if grep -E -n 'warning:' "$logs/consumer_cpp_build.out"; then return 1; fi
  # Static: the codec is inside the executable, not loaded.
  if readelf -d "$out/app" | grep -q 'libapprunner_codec'; then echo "app loads libapprunner_codec"; return 1; fi
  "$out/app"
}

echo "cmake: repository $repo, work directory $work ($(cmake --version | head -n1))"
run_steps() {
  # Later steps need the install: stop at the first of these that fails.
  step configure configure || return
  step build build_library || return
  step install cmake --install "$build" || return
  step "installed files" check_installed
  step exports check_exports
  step "C consumer (pkg-config, shared)" consumer_c
  step "C++ consumer (find_package, static)" consumer_cpp
}
run_steps
echo "cmake: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
