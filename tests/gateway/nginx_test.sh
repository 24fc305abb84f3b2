#!/usr/bin/env bash
# //tests/gateway:nginx_test: runs nginx_test.py (unittest) with the python3 first on PATH,
# against the system nginx with lua-nginx-module (./bazelw installs nginx,
# libnginx-mod-http-lua and luajit2) and the node on PATH with the JS SDK that ./bazelw
# installs into tests/interop/js/node_modules (found through the runfile symlink of
# package.json: node_modules is not a Bazel input). Fails, never skips, when any of them
# is missing. Under --config=asan the library's sanitizer runtime is preloaded into
# nginx (and python3), with leak checking off (nginx's and the interpreter's own memory
# at exit is not the library's).
set -euo pipefail

fail() { echo "nginx_test: FAIL: $*" >&2; exit 1; }

runfiles="${TEST_SRCDIR:-$0.runfiles}/${TEST_WORKSPACE:-apprunner_codec}"
case "$runfiles" in /*) ;; *) runfiles="$PWD/$runfiles" ;; esac
lib="$runfiles/capi/libapprunner_codec.so.1"
for f in "$lib" "$runfiles/gateway/nginx/apprunner_codec.lua" "$runfiles/gateway/nginx/nginx.conf" \
         "$runfiles/python/apprunner_codec.py" "$runfiles/tests/gateway/nginx_test.py"; do
  [ -f "$f" ] || fail "runfile not found: $f"
done
[ -d "$runfiles/examples/operations" ] || fail "runfile directory not found: examples/operations"

nginx="${NGINX:-/usr/sbin/nginx}"
[ -x "$nginx" ] || fail "$nginx not found: run ./bazelw (it installs nginx and libnginx-mod-http-lua)"
for m in ndk_http_module.so ngx_http_lua_module.so; do
  [ -f "/usr/lib/nginx/modules/$m" ] || fail "/usr/lib/nginx/modules/$m not found (libnginx-mod-http-lua)"
done
command -v node >/dev/null 2>&1 || fail "node is not on PATH (PATH=$PATH); run ./bazelw"
package_json="$(readlink -f "$runfiles/tests/interop/js/package.json")" ||
  fail "cannot resolve $runfiles/tests/interop/js/package.json"
js_dir="$(dirname "$package_json")"
[ -d "$js_dir/node_modules" ] || fail "$js_dir/node_modules is missing: run ./bazelw (it runs npm ci)"
# The gateway script must sit beside node_modules for its imports to resolve.
[ -f "$js_dir/sdk_gateway.mjs" ] || fail "$js_dir/sdk_gateway.mjs not found"

# shellcheck source=../testutil/python_env.sh
. "$runfiles/tests/testutil/python_env.sh"
isolate_aws "${TEST_TMPDIR:-$(mktemp -d)}"
find_python

export NGINX="$nginx"
export APPRUNNER_CODEC_LIBRARY="$lib"
export APPRUNNER_CODEC_LUA_DIR="$runfiles/gateway/nginx"
export APPRUNNER_CODEC_NGINX_CONF="$runfiles/gateway/nginx/nginx.conf"
export APPRUNNER_CODEC_EXAMPLES="$runfiles/examples/operations"
export APPRUNNER_CODEC_JS_DIR="$js_dir"
export PYTHONPATH="$runfiles/python:$runfiles/tests/gateway${PYTHONPATH:+:$PYTHONPATH}"
echo "$("$nginx" -v 2>&1); $("$python" --version 2>&1); node $(node --version); library $lib"

runtime="$(sanitizer_runtime "$lib")"
export NGINX_PRELOAD="$runtime"
if [ -n "$runtime" ]; then
  echo "nginx_test: preloading $runtime into nginx and python3 (sanitized library)"
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
  LD_PRELOAD="$runtime${LD_PRELOAD:+:$LD_PRELOAD}" exec "$python" -B -m unittest -v nginx_test
fi
exec "$python" -B -m unittest -v nginx_test
