#!/usr/bin/env bash
# bench/gateway/run.sh [RUNS] [SECONDS] -- what the validating gateway costs in nginx.
#
# WHAT: requests/s and latency of one nginx worker (nginx 1.22 + lua-nginx-module) in
# three configurations, each a `server` block on its own port of the SAME nginx
# instance (so the same worker serves all three, under identical conditions):
#   (a) proxy      proxy only: proxy_pass to the upstream, no Lua at all;
#   (b) body-read  (a) plus an access_by_lua_block that only reads the body
#                  (ngx.req.read_body(), get_body_data(), get_body_file() if spilled);
#   (c) validate   (a) plus the module: require("apprunner_codec").access("bench")
#                  (gateway/nginx/apprunner_codec.lua over libapprunner_codec.so.1,
#                  profile defined with variables=false: access_log is off here).
# The upstream is a fourth server block of the same nginx (same worker) answering
# `return 200 '{}'` (application/x-amz-json-1.0); the three configurations reach it
# through an upstream{} with keepalive (HTTP/1.1, Connection ""). Its cost is in every
# proxied request, identically for all configurations.
#
# Workloads (POST /, Content-Type: application/x-amz-json-1.0, X-Amz-Target):
#   pause-ok         examples/pause-service-request.json, AppRunner.PauseService   (c: 200)
#   pause-rejected   `{}` (ServiceArn missing), AppRunner.PauseService             (c: 400)
#   create-ok        examples/operations/CreateService.request.json (3 KB)         (c: 200)
#   create-rejected  the same with HealthCheckConfiguration.Interval 100 (max 20)  (c: 400)
#   mixed-90-10      9 pause-ok, 9 create-ok, 1 pause-rejected, 1 create-rejected, cycled
# Before measuring, one curl per request kind checks the verdicts: 200 from (a) and (b)
# for everything, and from (c) 200 for the accepted and 400 for the rejected bodies. The
# script aborts if any differs.
#
# HOW: `wrk -t1 -c16 --latency -d SECONDS` (one wrk thread, one nginx worker: one core
# each on a 2-core machine), driven by bench/gateway/workload.lua. After a short
# warm-up of each configuration, runs are INTERLEAVED -- for run in 1..RUNS, for each
# workload, for each configuration (order rotated per run) -- so that drift of the
# machine hits all configurations alike. bench/gateway/summarize.py parses the raw wrk
# outputs (kept in the temp dir, deleted at exit; set GATEWAY_BENCH_KEEP_RAW=DIR to
# copy them out) and takes medians over runs.
#
# HOW TO READ IT: absolute requests/s move 10-15 % between identical runs on a shared
# machine; compare the ratios, which are medians of per-run ratios of adjacent
# (interleaved) measurements. "validate / body-read" is the cost of validation over
# the Lua body read it needs anyway (goal: >= 0.95, i.e. at most 5 % slower); for the
# rejected workloads "validate / proxy" > 1 means a rejected request is answered faster
# than proxying it would have been. min-max over runs shows the noise.
#
# OUTPUT: Markdown tables on stdout and in bench/results/gateway.md (with date,
# machine, versions, command), and bench/results/gateway.png (grouped bars of median
# requests/s, min-max error bars). GATEWAY_BENCH_RESULTS=DIR writes them elsewhere.
#
# The library: built with `./bazelw build -c opt //capi:libapprunner_codec.so.1` and
# copied into the temp dir (APPRUNNER_CODEC_LIBRARY=PATH uses that file instead, no
# build). nginx listens on 127.0.0.1 only, on free ports, with every path inside a
# mktemp dir; it is stopped by PID (QUIT, then KILL after 10 s) on every exit path.
# Default run (5 runs x 5 workloads x 3 configs x 3 s) takes about 4-5 minutes.

set -euo pipefail

RUNS=${1:-5}
DURATION=${2:-3}
if ! [[ $RUNS =~ ^[1-9][0-9]*$ && $DURATION =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [RUNS>=1] [SECONDS>=1]  (defaults 5 runs, 3 s each)" >&2
  exit 2
fi
if ((RUNS < 5)); then
  echo "note: $RUNS run(s): fewer than 5, medians are not meaningful (debug run)" >&2
fi

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RESULTS=${GATEWAY_BENCH_RESULTS:-$ROOT/bench/results}
NGINX=${NGINX:-nginx}
CONNECTIONS=16
COMMAND="bench/gateway/run.sh $RUNS $DURATION"

# wrk + nginx want the whole machine; other load (a build) turns the numbers into noise.
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
if awk -v l="${LOAD_BEFORE%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n / 4) }'; then
  echo "warning: load average $LOAD_BEFORE at start: other processes compete for the CPUs" >&2
fi

for tool in "$NGINX" wrk curl python3 gnuplot timeout; do
  command -v "$tool" >/dev/null || { echo "error: $tool not found" >&2; exit 1; }
done
for mod in ndk_http_module ngx_http_lua_module; do
  [[ -f /usr/lib/nginx/modules/$mod.so ]] ||
    { echo "error: /usr/lib/nginx/modules/$mod.so missing (apt-get install libnginx-mod-http-lua)" >&2; exit 1; }
done

# --- temp dir and cleanup on every exit path ------------------------------------------
TMP=$(mktemp -d "${TMPDIR:-/tmp}/gateway-bench.XXXXXX")
NGINX_PID=""

stop_nginx() {
  [[ -n $NGINX_PID ]] || return 0
  if kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -QUIT "$NGINX_PID" 2>/dev/null || true
    local i
    for ((i = 0; i < 100; i++)); do # at most 10 s for a graceful stop
      kill -0 "$NGINX_PID" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$NGINX_PID" 2>/dev/null; then
      echo "nginx (pid $NGINX_PID) did not stop on QUIT; killing it" >&2
      pkill -KILL -P "$NGINX_PID" 2>/dev/null || true # its workers, by parent PID
      kill -KILL "$NGINX_PID" 2>/dev/null || true
    fi
  fi
  wait "$NGINX_PID" 2>/dev/null || true
  NGINX_PID=""
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_nginx
  if [[ -n ${GATEWAY_BENCH_KEEP_RAW:-} && -d $TMP/raw ]]; then
    if mkdir -p "$GATEWAY_BENCH_KEEP_RAW"; then cp -r "$TMP/raw/." "$GATEWAY_BENCH_KEEP_RAW/" || true; fi
  fi
  rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- the library -------------------------------------------------------------------
mkdir -p "$TMP/lib"
if [[ -n ${APPRUNNER_CODEC_LIBRARY:-} ]]; then
  LIB_SRC=$APPRUNNER_CODEC_LIBRARY
else
  echo "building //capi:libapprunner_codec.so.1 (-c opt) ..." >&2
  (cd "$ROOT" && ./bazelw build -c opt //capi:libapprunner_codec.so.1) >"$TMP/build.log" 2>&1 ||
    { cat "$TMP/build.log" >&2; echo "error: bazel build failed" >&2; exit 1; }
  LIB_SRC=$ROOT/bazel-out/k8-opt/bin/capi/libapprunner_codec.so.1
  if [[ ! -f $LIB_SRC ]]; then
    LIB_SRC=$(cd "$ROOT" && find bazel-out/k8-opt -name libapprunner_codec.so.1 -not -path '*.runfiles/*' | head -n1)
    LIB_SRC=${LIB_SRC:+$ROOT/$LIB_SRC}
  fi
fi
[[ -n $LIB_SRC && -f $LIB_SRC ]] || { echo "error: libapprunner_codec.so.1 not found" >&2; exit 1; }
# A private copy: immune to rebuilds during the run, readable by the workers.
LIB=$TMP/lib/libapprunner_codec.so.1
cp "$LIB_SRC" "$LIB"
chmod 0755 "$TMP" "$TMP/lib"
chmod 0644 "$LIB"

# --- request bodies and workloads --------------------------------------------------
mkdir -p "$TMP/bodies" "$TMP/workloads" "$TMP/raw"
python3 - "$ROOT" "$TMP/bodies" <<'EOF'
import pathlib, sys
root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
pause = (root / "examples/pause-service-request.json").read_bytes()
create = (root / "examples/operations/CreateService.request.json").read_bytes()
(out / "pause-ok.json").write_bytes(pause)
(out / "pause-rejected.json").write_bytes(b"{}")
(out / "create-ok.json").write_bytes(create)
# A constraint violation near the end of the document: HealthCheckInterval is 1..20.
old, new = b'"Interval": 10,', b'"Interval": 100,'
assert create.count(old) == 1, "CreateService example changed: fix the rejected body"
(out / "create-rejected.json").write_bytes(create.replace(old, new))
EOF

B=$TMP/bodies
PAUSE=AppRunner.PauseService
CREATE=AppRunner.CreateService
WORKLOADS=(pause-ok pause-rejected create-ok create-rejected mixed-90-10)
echo "1 $PAUSE $B/pause-ok.json" >"$TMP/workloads/pause-ok.txt"
echo "1 $PAUSE $B/pause-rejected.json" >"$TMP/workloads/pause-rejected.txt"
echo "1 $CREATE $B/create-ok.json" >"$TMP/workloads/create-ok.txt"
echo "1 $CREATE $B/create-rejected.json" >"$TMP/workloads/create-rejected.txt"
cat >"$TMP/workloads/mixed-90-10.txt" <<EOF
9 $PAUSE $B/pause-ok.json
9 $CREATE $B/create-ok.json
1 $PAUSE $B/pause-rejected.json
1 $CREATE $B/create-rejected.json
EOF
# Each request kind with the status the validating configuration (c) must give it.
CHECKS=(
  "$PAUSE pause-ok.json 200"
  "$PAUSE pause-rejected.json 400"
  "$CREATE create-ok.json 200"
  "$CREATE create-rejected.json 400"
)

# --- nginx: four server blocks on free ports of 127.0.0.1, one worker ----------------
read -r PORT_UP PORT_A PORT_B PORT_C < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(4)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))
for s in socks:
    s.close()')
[[ -n ${PORT_C:-} ]] || { echo "error: could not pick free ports" >&2; exit 1; }
declare -A PORT=([proxy]=$PORT_A [body-read]=$PORT_B [validate]=$PORT_C)
CONFIGS=(proxy body-read validate)

N=$TMP/nginx
mkdir -p "$N/logs" "$N/temp"
USER_LINE=""
# As root the workers would run as nobody; keep them root (temp paths stay usable).
if ((EUID == 0)); then USER_LINE="user root;"; fi

cat >"$N/nginx.conf" <<EOF
load_module /usr/lib/nginx/modules/ndk_http_module.so;
load_module /usr/lib/nginx/modules/ngx_http_lua_module.so;
$USER_LINE
worker_processes 1;
pid $N/nginx.pid;
error_log $N/logs/error.log warn;

events {
  worker_connections 1024;
}

http {
  access_log off;
  lua_package_path "$ROOT/gateway/nginx/?.lua;;";

  client_body_temp_path $N/temp/client_body;
  proxy_temp_path $N/temp/proxy;
  fastcgi_temp_path $N/temp/fastcgi;
  uwsgi_temp_path $N/temp/uwsgi;
  scgi_temp_path $N/temp/scgi;

  # Identical for all configurations: bodies stay in memory, connections stay open.
  client_max_body_size 1m;
  client_body_buffer_size 1m;
  keepalive_requests 1000000;

  init_by_lua_block {
    -- In the master, before the worker forks.
    local codec = require "apprunner_codec"
    codec.init { library = "$LIB" }
    codec.define("bench", { max_body_size = 1048576, variables = false })
  }

  upstream backend {
    server 127.0.0.1:$PORT_UP;
    keepalive 32;
    keepalive_requests 1000000;
  }

  # The upstream: fast and constant.
  server {
    listen 127.0.0.1:$PORT_UP;
    location / {
      default_type application/x-amz-json-1.0;
      return 200 '{}';
    }
  }

  # (a) proxy only.
  server {
    listen 127.0.0.1:$PORT_A;
    location = / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }

  # (b) proxy + the Lua body read, no validation.
  server {
    listen 127.0.0.1:$PORT_B;
    location = / {
      access_by_lua_block {
        ngx.req.read_body()
        local body = ngx.req.get_body_data()
        if not body then
          local file = ngx.req.get_body_file()
        end
      }
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }

  # (c) proxy + validation (the module's access()).
  server {
    listen 127.0.0.1:$PORT_C;
    location = / {
      access_by_lua_block { require("apprunner_codec").access("bench") }
      error_page 413 = @too_large;
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
    location @too_large {
      content_by_lua_block { require("apprunner_codec").body_too_large("bench") }
    }
  }
}
EOF

"$NGINX" -p "$N" -e "$N/logs/error.log" -c "$N/nginx.conf" -t -q ||
  { cat "$N/logs/error.log" >&2 || true; echo "error: nginx -t failed" >&2; exit 1; }
"$NGINX" -p "$N" -e "$N/logs/error.log" -c "$N/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!

ready=0
for ((i = 0; i < 100; i++)); do
  kill -0 "$NGINX_PID" 2>/dev/null || break
  if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT_UP/" &&
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT_C/"; then
    ready=1
    break
  fi
  sleep 0.1
done
if ((!ready)); then
  cat "$N/logs/error.log" >&2 || true
  echo "error: nginx did not come up" >&2
  exit 1
fi
echo "nginx pid $NGINX_PID: upstream :$PORT_UP, proxy :$PORT_A, body-read :$PORT_B, validate :$PORT_C" >&2

# --- verdict checks: one curl per request kind and configuration ---------------------
for check in "${CHECKS[@]}"; do
  read -r target body want_c <<<"$check"
  for cfg in "${CONFIGS[@]}"; do
    want=200
    [[ $cfg == validate ]] && want=$want_c
    got=$(curl -s -o "$TMP/check.out" -D "$TMP/check.hdr" -w '%{http_code}' --max-time 5 \
      -X POST -H "Content-Type: application/x-amz-json-1.0" -H "X-Amz-Target: $target" \
      --data-binary "@$B/$body" "http://127.0.0.1:${PORT[$cfg]}/") || got="curl-failed"
    etype=$(sed -n 's/^[Xx]-[Aa]mzn-[Ee]rror[Tt]ype: *\([^[:space:]]*\).*/\1/p' "$TMP/check.hdr")
    printf 'check %-9s %-24s %-20s -> %s %s\n' "$cfg" "$target" "$body" "$got" "${etype:-}" >&2
    if [[ $got != "$want" ]]; then
      echo "error: $cfg answered $got to $body, expected $want; body:" >&2
      cat "$TMP/check.out" >&2
      echo >&2
      exit 1
    fi
  done
done

run_wrk() { # workload config seconds output
  GATEWAY_WORKLOAD="$TMP/workloads/$1.txt" timeout --kill-after=5 $(($3 + 30)) \
    wrk -t1 -c"$CONNECTIONS" -d"$3s" --latency -s "$HERE/workload.lua" \
    "http://127.0.0.1:${PORT[$2]}/" >"$4"
}

# --- warm-up (not recorded): LuaJIT traces, keepalive connections, caches -------------
for cfg in "${CONFIGS[@]}"; do
  run_wrk mixed-90-10 "$cfg" 1 "$TMP/warmup.txt"
done

# --- measurement: interleaved --------------------------------------------------------
START=$(date +%s)
for ((run = 1; run <= RUNS; run++)); do
  for w in "${WORKLOADS[@]}"; do
    for ((k = 0; k < ${#CONFIGS[@]}; k++)); do
      cfg=${CONFIGS[$(((k + run - 1) % ${#CONFIGS[@]}))]} # rotate the order per run
      out=$TMP/raw/$w.$cfg.$run.txt
      run_wrk "$w" "$cfg" "$DURATION" "$out"
      printf 'run %d/%d %-16s %-9s %10s req/s\n' "$run" "$RUNS" "$w" "$cfg" \
        "$(awk '/^Requests\/sec:/ {print $2}' "$out")" >&2
    done
  done
done
ELAPSED=$(($(date +%s) - START))
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

kill -0 "$NGINX_PID" 2>/dev/null || { echo "error: nginx died during the run" >&2; exit 1; }
ERRORS=$(grep -cE '\[(error|crit|alert|emerg)\]' "$N/logs/error.log" || true)
if ((ERRORS > 0)); then
  echo "warning: $ERRORS error lines in nginx's error.log:" >&2
  grep -E '\[(error|crit|alert|emerg)\]' "$N/logs/error.log" | head -5 >&2
fi
stop_nginx

# --- summary -------------------------------------------------------------------------
LIB_VERSION=$(python3 -c 'import ctypes, sys
lib = ctypes.CDLL(sys.argv[1]); lib.apprunner_codec_version.restype = ctypes.c_char_p
print(lib.apprunner_codec_version().decode())' "$LIB" 2>/dev/null || echo unknown)
{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "command=$COMMAND"
  echo "runs=$RUNS"
  echo "seconds=$DURATION"
  echo "connections=$CONNECTIONS"
  echo "nproc=$(nproc)"
  echo "cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
  echo "kernel=$(uname -r)"
  echo "nginx=$("$NGINX" -v 2>&1 | sed 's/^nginx version: //')"
  echo "lua_module=$(dpkg-query -W -f '${Version}' libnginx-mod-http-lua 2>/dev/null || echo unknown)"
  echo "wrk=$(wrk -v 2>&1 | head -n1 | awk '{print $1, $2}' || true)"
  echo "library=$LIB_VERSION (bazel -c opt)"
  echo "git=$(cd "$ROOT" && git describe --always --dirty 2>/dev/null || echo unknown)"
  echo "load_before=$LOAD_BEFORE"
  echo "load_after=$LOAD_AFTER"
  echo "elapsed=$ELAPSED"
  echo "user_root=$((EUID == 0))"
} >"$TMP/meta.txt"

mkdir -p "$RESULTS"
python3 "$HERE/summarize.py" --raw "$TMP/raw" --meta "$TMP/meta.txt" \
  --md "$RESULTS/gateway.md" --dat "$TMP/chart.dat" \
  --workloads "${WORKLOADS[*]}" --configs "${CONFIGS[*]}"
gnuplot -e "datafile='$TMP/chart.dat'; outfile='$RESULTS/gateway.png'; subtitle='$RUNS runs x ${DURATION} s, wrk -t1 -c$CONNECTIONS, 1 nginx worker, $(nproc) CPUs'" \
  "$HERE/chart.gp"
echo "wrote $RESULTS/gateway.md and $RESULTS/gateway.png" >&2
