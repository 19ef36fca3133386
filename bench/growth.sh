#!/usr/bin/env bash
# How iFastAPI's costs grow, over HTTP with wrk, on io.ifastapi.bench.GrowthApp (the demo's cookie sessions plus
# /fill, /read, /late routes; see its javadoc):
#   1. session size: /read (= /get-session) and /counter req/s, latency and server CPU per request with session
#      cookies of SIZES bytes;
#   2. open connections: /read under wrk with CONN_LEVELS keep-alive connections (server RSS sampled during the
#      run), and the same number of connections held open and idle (server RSS, heap after a full GC, threads);
#   3. routes: req/s and CPU per request for a late static (/late) and a late templated (/late/7) route behind
#      ROUTE_COUNTS routes.
# Writes bench/results/growth-<date>/{session,conns,idle,blocked,routes}.csv, summary.md and PNG plots (python3-matplotlib,
# installed from Debian when missing), and prints summary.md.
#
# Usage:  bench/growth.sh                          # everything, ~8 min on a quiet machine
#         PARTS="session routes" bench/growth.sh   # a subset (session, conns, routes)
# Env:    DURATION (10 s per measured run) WARMUP (3 s per point) START_WARMUP (15 s on a fresh JVM before its first
#         point: the JIT needs that long) SIZES ("100 500 1000 2000 3500")
#         CONN_LEVELS ("64 1000 10000") ROUTE_COUNTS ("10 100 1000") PORT (28300) JAVA_OPTS (-Xms1g -Xmx1g)
#         QUIET_WAIT (30 s to wait for an idle machine before each run) OUT_DIR
#         ADAPTER (netty, the default server, or jetty: GrowthApp served by ifastapi-jetty)
# Loopback only (127.0.0.1); every wrk run is bounded by -d and timeout, the idle hold by its own timer. Only the
# processes this script started are stopped, by PID. Holds /tmp/loopback-bench.lock (as run-peers.sh does).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
(( $# == 0 )) || { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

JAVA_HOME="$(find_jdk)"; export JAVA_HOME; export PATH="$JAVA_HOME/bin:$PATH"
PARTS="${PARTS:-session conns routes}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-3}"
START_WARMUP="${START_WARMUP:-15}"
SIZES="${SIZES:-100 500 1000 2000 3500}"
CONN_LEVELS="${CONN_LEVELS:-64 1000 10000}"
ROUTE_COUNTS="${ROUTE_COUNTS:-10 100 1000}"
PORT="${PORT:-28300}"
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g}"
QUIET_WAIT="${QUIET_WAIT:-30}"
ADAPTER="${ADAPTER:-netty}"
HOST=127.0.0.1
T0=$(date +%s)

suffix=""; [[ "$ADAPTER" == netty ]] || suffix="-$ADAPTER"
OUT_DIR="${OUT_DIR:-$ROOT/bench/results/growth-$(date +%F)$suffix}"
[[ -e "$OUT_DIR" && -z "${OUT_OVERWRITE:-}" ]] && OUT_DIR="$OUT_DIR-$(date +%H%M)"
mkdir -p "$OUT_DIR/logs"

# --- prerequisites ---------------------------------------------------------------------------------------------
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
# The plots need matplotlib: the python3 on PATH if it has it, else Debian's python3 with python3-matplotlib (installed
# when missing; a python3 from pyenv or a venv on PATH does not see Debian's packages).
PY=python3
if ! python3 -c "import matplotlib" 2>/dev/null; then
  PY=/usr/bin/python3
  if ! "$PY" -c "import matplotlib" 2>/dev/null; then
    echo ">>> installing python3-matplotlib (Debian) for the plots" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-matplotlib >/dev/null
  fi
fi
max_conns=0; for c in $CONN_LEVELS; do (( c > max_conns )) && max_conns=$c; done
want_fds=$(( max_conns + 1000 ))
if (( $(ulimit -n) < want_fds )); then
  ulimit -n "$(( $(ulimit -Hn) < want_fds ? $(ulimit -Hn) : want_fds ))" 2>/dev/null || true
fi
(( $(ulimit -n) >= want_fds )) || echo "warning: open-files limit $(ulimit -n) < $want_fds; the largest connection level may fail" >&2

echo ">>> building bench/target/benchmarks.jar (JDK $JAVA_HOME)" >&2
(cd "$ROOT" && ./mvnw -q -B package -DskipTests -pl bench -am)
JAR="$ROOT/bench/target/benchmarks.jar"

take_bench_lock

# --- helpers ---------------------------------------------------------------------------------------------------
HOLD_PID=""
cleanup() {
  [[ -n "$HOLD_PID" ]] && kill "$HOLD_PID" 2>/dev/null || true
  stop_server
}
trap 'cleanup; exit 130' INT TERM
trap cleanup EXIT

start_app() { # $1 = ROUTES, $2 = log name
  stop_server
  PORT="$PORT" HOST="$HOST" SECRET_KEY="$BENCH_SECRET_KEY" ROUTES="$1" ADAPTER="$ADAPTER" \
    java $JAVA_OPTS --enable-native-access=ALL-UNNAMED -cp "$JAR" io.ifastapi.bench.GrowthApp >"$OUT_DIR/logs/$2.server.log" 2>&1 9>&- &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    curl -s -o /dev/null --max-time 1 "http://$HOST:$PORT/hello" && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "GrowthApp did not start; see $OUT_DIR/logs/$2.server.log" >&2
  exit 1
}

rss_mib() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo 0; }
threads_of() { awk '/^Threads:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
heap_used_mib() { # live heap: a full GC first, then the heap's "used"
  jcmd "$1" GC.run >/dev/null 2>&1 || true
  jcmd "$1" GC.heap_info 2>/dev/null | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -1 | awk '{printf "%.1f", $1 / 1024}'
}


to_ms() { awk -v v="$1" 'BEGIN {
  if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
  else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 } else print "" }'; }

warm() { # $1 = url, [$2 = cookie], [$3 = seconds, default WARMUP]: an unmeasured run
  local secs="${3:-$WARMUP}" args
  args=(-t1 -c64 -d"${secs}s")
  [[ -n "${2:-}" ]] && args+=(-H "Cookie: session=$2")
  timeout $((secs + 30)) wrk "${args[@]}" "$1" >/dev/null 2>&1 || true
}

# measure NAME URL CONNS THREADS [COOKIE] -> sets M_RPS M_P50 M_P99 M_US M_CPU M_OTHER M_ERR M_RSSMAX M_THREADS
measure() {
  local name="$1" url="$2" conns="$3" threads="$4" cookie="${5:-}" out="$OUT_DIR/logs/$1.txt"
  local args=(-t"$threads" -c"$conns" -d"${DURATION}s" --latency --timeout 10s)
  [[ -n "$cookie" ]] && args+=(-H "Cookie: session=$cookie")
  wait_for_quiet
  local rssfile="$OUT_DIR/logs/$name.rss"
  ( max=0; while :; do r=$(rss_mib "$SERVER_PID"); (( r > max )) && { max=$r; echo "$max" >"$rssfile"; }; sleep 0.5; done ) &
  local sampler=$!
  local c0 w0 s0 c1 w1 s1
  c0=$(cpu_ticks "$SERVER_PID"); w0=$(child_ticks); s0=$(sys_ticks)
  timeout $((DURATION + 30)) wrk "${args[@]}" "$url" >"$out" 2>&1 || true
  c1=$(cpu_ticks "$SERVER_PID"); w1=$(child_ticks); s1=$(sys_ticks)
  M_THREADS=$(threads_of "$SERVER_PID")
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  M_RSSMAX=$(cat "$rssfile" 2>/dev/null || echo 0)
  local requests
  requests=$(awk '/requests in/ {print $1}' "$out")
  M_RPS=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")
  M_P50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
  M_P99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
  M_CPU=$(awk -v d=$((c1 - c0)) -v t="$CLK_TCK" -v s="$DURATION" 'BEGIN{printf "%.0f", d / t / s * 100}')
  M_OTHER=$(awk -v d=$(( (s1 - s0) - (c1 - c0) - (w1 - w0) )) -v t="$CLK_TCK" -v s="$DURATION" 'BEGIN{printf "%.0f", d / t / s * 100}')
  M_US=$(awk -v d=$((c1 - c0)) -v t="$CLK_TCK" -v n="${requests:-0}" 'BEGIN{ if (n > 0) printf "%.1f", d / t / n * 1e6; else print "" }')
  local non2xx sockerr
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")
  sockerr=$(awk -F'Socket errors: ' 'NF > 1 {print $2}' "$out")
  M_ERR="${non2xx:+non2xx=$non2xx }${sockerr:-}"; M_ERR="${M_ERR:-none}"; M_ERR="${M_ERR//,/;}"
  [[ -n "$M_RPS" ]] || { M_RPS=0; M_ERR="wrk failed: $(head -c 200 "$out" | tr '\n,' ' ;')"; }
  printf '    %-28s %7s req/s  p50 %6s ms  p99 %7s ms  server CPU %3s%% (%s us/req)  other %3s%%  RSS max %s MiB  %s\n' \
    "$name" "$M_RPS" "$M_P50" "$M_P99" "$M_CPU" "$M_US" "$M_OTHER" "$M_RSSMAX" "$M_ERR" >&2
}

# hold_measure KIND CONNS PATH [--in-flight]: CONNS connections held open by hold_conns.py (each made one request to
# PATH: answered, or with --in-flight still running), the server's RSS, live heap and threads before and while they
# are held -> a row of $OUT_DIR/KIND.csv
hold_measure() {
  local kind="$1" conns="$2" path="$3" flag="${4:-}" hold_out="$OUT_DIR/logs/$1-$2.txt"
  local heap0 rss0 thr0 heap1 rss1 thr1 held failed
  heap0=$(heap_used_mib "$SERVER_PID"); rss0=$(rss_mib "$SERVER_PID"); thr0=$(threads_of "$SERVER_PID")
  python3 "$ROOT/bench/hold_conns.py" $flag "$PORT" "$conns" "$path" 180 "session=$cookie" >"$hold_out" 2>&1 &
  HOLD_PID=$!
  for _ in $(seq 1 300); do grep -q '^held' "$hold_out" && break; kill -0 "$HOLD_PID" 2>/dev/null || break; sleep 0.5; done
  sleep 2
  heap1=$(heap_used_mib "$SERVER_PID"); rss1=$(rss_mib "$SERVER_PID"); thr1=$(threads_of "$SERVER_PID")
  read -r _ held _ failed < <(grep '^held' "$hold_out" || echo "held 0 failed ?")
  kill "$HOLD_PID" 2>/dev/null || true; wait "$HOLD_PID" 2>/dev/null || true; HOLD_PID=""
  printf '    %-7s %-6s held %s (failed %s): RSS %s -> %s MiB, live heap %s -> %s MiB, threads %s -> %s\n' \
    "$kind" "$conns" "$held" "$failed" "$rss0" "$rss1" "$heap0" "$heap1" "$thr0" "$thr1" >&2
  echo "$conns,$held,$failed,$rss0,$rss1,$heap0,$heap1,$thr0,$thr1" >>"$OUT_DIR/$kind.csv"
}

session_cookie() { # $1 = target cookie bytes -> the session cookie's value, from /fill
  curl -s --max-time 5 -o /dev/null -D - "http://$HOST:$PORT/fill?bytes=$1" \
    | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: session=\([^;]*\);.*/\1/p' | head -1
}

check_body() { # $1 = path, $2 = cookie, $3 = expected body
  local body
  body=$(curl -s --max-time 5 -H "Cookie: session=$2" "http://$HOST:$PORT$1")
  [[ "$body" == "$3" ]] || { echo "GET $1 answered '$body', expected '$3'" >&2; exit 1; }
}

# --- 1. session size -------------------------------------------------------------------------------------------
if [[ " $PARTS " == *" session "* ]]; then
  echo ">>> session size: $SIZES bytes (cookie value)" >&2
  echo "endpoint,cookie_bytes,rps,p50_ms,p99_ms,server_cpu_pct,cpu_us_per_req,other_cpu_pct,errors" >"$OUT_DIR/session.csv"
  start_app 0 session
  first=$(session_cookie 100)
  warm "http://$HOST:$PORT/read" "$first" $(( (START_WARMUP + 1) / 2 ))
  warm "http://$HOST:$PORT/counter" "$first" $(( (START_WARMUP + 1) / 2 ))
  for size in $SIZES; do
    cookie=$(session_cookie "$size")
    [[ -n "$cookie" ]] || { echo "/fill?bytes=$size sent no cookie" >&2; exit 1; }
    check_body /read "$cookie" '{"key":"value"}'
    check_body /counter "$cookie" '{"n":1}'
    for ep in read counter; do
      warm "http://$HOST:$PORT/$ep" "$cookie"
      measure "session-$ep-$size" "http://$HOST:$PORT/$ep" 64 1 "$cookie"
      echo "/$ep,${#cookie},$M_RPS,$M_P50,$M_P99,$M_CPU,$M_US,$M_OTHER,$M_ERR" >>"$OUT_DIR/session.csv"
    done
  done
  stop_server
fi

# --- 2. connections --------------------------------------------------------------------------------------------
if [[ " $PARTS " == *" conns "* ]]; then
  echo ">>> connections: $CONN_LEVELS (fresh server per level)" >&2
  echo "conns,wrk_threads,rps,p50_ms,p99_ms,server_cpu_pct,cpu_us_per_req,other_cpu_pct,rss_max_mib,threads,errors" >"$OUT_DIR/conns.csv"
  for kind in idle blocked; do
    echo "conns,held,failed,rss_before_mib,rss_held_mib,heap_before_mib,heap_held_mib,threads_before,threads_held" \
      >"$OUT_DIR/$kind.csv"
  done
  for conns in $CONN_LEVELS; do
    start_app 0 "conns-$conns"
    cookie=$(session_cookie 100)
    warm "http://$HOST:$PORT/read" "$cookie" "$START_WARMUP"
    # idle: N connections that made one request each and stay open
    hold_measure idle "$conns" /read
    sleep 2
    # busy: wrk with N connections (1 wrk thread up to 64 connections, as run-peers.sh; 2 above)
    threads=1; (( conns > 64 )) && threads=2
    measure "conns-$conns" "http://$HOST:$PORT/read" "$conns" "$threads" "$cookie"
    echo "$conns,$threads,$M_RPS,$M_P50,$M_P99,$M_CPU,$M_US,$M_OTHER,$M_RSSMAX,$M_THREADS,$M_ERR" >>"$OUT_DIR/conns.csv"
    # blocked: on a fresh server, N connections each with a request whose virtual thread sleeps (parked)
    start_app 0 "blocked-$conns"
    hold_measure blocked "$conns" "/block?seconds=60" --in-flight
    stop_server
  done
fi

# --- 3. routes -------------------------------------------------------------------------------------------------
if [[ " $PARTS " == *" routes "* ]]; then
  echo ">>> routes: $ROUTE_COUNTS (requesting the last static and the last templated route)" >&2
  echo "routes,target,rps,p50_ms,p99_ms,server_cpu_pct,cpu_us_per_req,other_cpu_pct,errors" >"$OUT_DIR/routes.csv"
  for routes in $ROUTE_COUNTS; do
    start_app "$routes" "routes-$routes"
    warm "http://$HOST:$PORT/late" "" "$START_WARMUP"
    for target in /late /late/7; do
      warm "http://$HOST:$PORT$target"
      kind=static; [[ "$target" == /late/7 ]] && kind=templated
      measure "routes-$routes-$kind" "http://$HOST:$PORT$target" 64 1
      echo "$routes,$kind,$M_RPS,$M_P50,$M_P99,$M_CPU,$M_US,$M_OTHER,$M_ERR" >>"$OUT_DIR/routes.csv"
    done
    stop_server
  done
fi

# --- report ----------------------------------------------------------------------------------------------------
"$PY" "$ROOT/bench/plot_growth.py" "$OUT_DIR" >&2 || echo "plotting failed" >&2
{
  echo "# Cost growth, $(date '+%Y-%m-%d %H:%M %Z')"
  echo
  echo "Command: \`PARTS=\"$PARTS\" DURATION=$DURATION ADAPTER=$ADAPTER bench/growth.sh\` at commit $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$ROOT" && git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)');"
  echo "GrowthApp on the $ADAPTER adapter with \`$JAVA_OPTS\`, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); wrk ${DURATION}s runs after ${WARMUP}s warm-ups"
  echo "(and ${START_WARMUP}s on each fresh JVM);"
  echo "$(nproc) cores shared by wrk and the server (and anything else running: see other CPU %)."
  for part in session conns idle blocked routes; do
    [[ -f "$OUT_DIR/$part.csv" ]] || continue
    echo; echo "## $part"; echo
    awk -F, 'NR == 1 { h = "|"; s = "|"; for (i = 1; i <= NF; i++) { h = h " " $i " |"; s = s "---|" } print h; print s; next }
             { l = "|"; for (i = 1; i <= NF; i++) l = l " " $i " |"; print l }' "$OUT_DIR/$part.csv"
  done
  echo
  for png in "$OUT_DIR"/*.png; do [[ -f "$png" ]] && echo "![$(basename "$png" .png)]($(basename "$png"))"; done
  echo
  echo "Wall time: $(( $(date +%s) - T0 )) s. Raw wrk output and server logs: logs/."
} >"$OUT_DIR/summary.md"
cat "$OUT_DIR/summary.md"
echo ">>> $OUT_DIR" >&2
