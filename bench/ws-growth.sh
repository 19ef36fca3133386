#!/usr/bin/env bash
# How iFastAPI's WebSocket costs grow (issue 14, point 6), on the demo's WS /ws (it sends {"key": <session key>},
# then echoes every text message), on each adapter of ADAPTERS:
#   1. idle: N WebSocket connections held open and idle by a client in another process (each upgraded with the
#      session cookie of /set-session, its greeting read; the client answers the server's pings), N growing through
#      IDLE_LEVELS on one server: server RSS, live heap after a full GC, JVM threads, open files, and the memory per
#      connection (the growth over the 0 row, divided by N);
#   2. echo: C connections (ECHO_CONNS) from a load generator in another process, each sending a 32-byte text message
#      and waiting for its echo, again and again, WARMUP s then DURATION s measured: round trips/s, p50/p99, server
#      CPU % and CPU us per round trip (utime + stime of /proc/<server>/stat over the measured window); and, for
#      comparison, HTTP GET /hello with wrk at the same connection count (HTTP_COMPARE=0 to skip).
# The client is io.ifastapi.bench.WsLoad (Java NIO, one thread, RFC 6455 by hand, client frames masked); the server
# is the demo app (examples' DemoApp, as in examples/target/ifastapi-demo.jar) started by io.ifastapi.bench.DemoServer,
# which sets maxConnections (MAX_CONNECTIONS, default: the open-files limit less 300; the server's own default is 3/4
# of the limit). Writes bench/results/ws-growth-<date>/{idle,echo}.csv and summary.md, and prints summary.md.
#
# Usage:  bench/ws-growth.sh                                   # both parts, both adapters
#         IDLE_LEVELS="0 500 2000" ECHO_CONNS="1 64" DURATION=5 bench/ws-growth.sh   # a small validation run
# Env:    PARTS ("idle echo") ADAPTERS ("netty jetty") IDLE_LEVELS ("0 1000 5000 10000 18000") ECHO_CONNS ("1 64 1000")
#         DURATION (10 s measured per echo run) WARMUP (5 s per run) START_WARMUP (15 s on a fresh server)
#         HTTP_COMPARE (1) PORT (28400) JAVA_OPTS (-Xms1g -Xmx1g, the server) CLIENT_OPTS (-Xms256m -Xmx512m)
#         MAX_CONNECTIONS QUIET_WAIT (30) OUT_DIR SKIP_BUILD (1: use the jars as they are)
# One process may hold at most its open-files limit (ulimit -Hn) of sockets: IDLE_LEVELS above that less 400 are
# skipped with a message. Loopback only (127.0.0.1; each client run binds its own 127.0.0.x source address so that
# earlier connections in TIME_WAIT do not use up its ephemeral ports); every run is bounded (client deadlines,
# timeout, wrk -d). Only the processes this script started are stopped, by PID. Holds /tmp/loopback-bench.lock.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
usage() { sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; }
if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then usage; exit 0; fi
(( $# == 0 )) || { usage >&2; exit 2; }

JAVA_HOME="$(find_jdk)"; export JAVA_HOME; export PATH="$JAVA_HOME/bin:$PATH"
PARTS="${PARTS:-idle echo}"
ADAPTERS="${ADAPTERS:-netty jetty}"
IDLE_LEVELS="${IDLE_LEVELS:-0 1000 5000 10000 18000}"
ECHO_CONNS="${ECHO_CONNS:-1 64 1000}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-5}"
START_WARMUP="${START_WARMUP:-15}"
HTTP_COMPARE="${HTTP_COMPARE:-1}"
PORT="${PORT:-28400}"
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g}"
CLIENT_OPTS="${CLIENT_OPTS:--Xms256m -Xmx512m}"
QUIET_WAIT="${QUIET_WAIT:-30}"
HOST=127.0.0.1
T0=$(date +%s)
for a in $ADAPTERS; do [[ "$a" == netty || "$a" == jetty ]] || { echo "ADAPTERS: netty or jetty, got '$a'" >&2; exit 2; }; done

OUT_DIR="${OUT_DIR:-$ROOT/bench/results/ws-growth-$(date +%F)}"
[[ -e "$OUT_DIR" && -z "${OUT_OVERWRITE:-}" ]] && OUT_DIR="$OUT_DIR-$(date +%H%M)"
mkdir -p "$OUT_DIR/logs"

# --- open files: as many as this process may have (children inherit it) ---------------------------------------
HARD_FDS=$(ulimit -Hn)
[[ "$HARD_FDS" == unlimited ]] && HARD_FDS=1048576
ulimit -n "$HARD_FDS" 2>/dev/null || true
FDS=$(ulimit -n)
MAX_CONNECTIONS="${MAX_CONNECTIONS:-$(( FDS - 300 ))}"
levels=""
for n in $IDLE_LEVELS; do
  if (( n > FDS - 400 )); then
    echo "skipping idle level $n: one process may open at most $FDS files here (ulimit -Hn), less ~400 for the JVM" >&2
  elif (( n > 0 )); then levels="$levels $n"; fi
done

if [[ -z "${SKIP_BUILD:-}" ]]; then
  echo ">>> building examples/target/ifastapi-demo.jar and bench/target/benchmarks.jar (JDK $JAVA_HOME)" >&2
  (cd "$ROOT" && { ./mvnw -q -B -o package -DskipTests -pl bench -am || ./mvnw -q -B package -DskipTests -pl bench -am; })
fi
JAR="$ROOT/bench/target/benchmarks.jar"
[[ -f "$JAR" ]] || { echo "$JAR is missing: run without SKIP_BUILD" >&2; exit 1; }

take_bench_lock

# --- helpers ---------------------------------------------------------------------------------------------------
CLIENT_PID=""
cleanup() {
  if [[ -n "$CLIENT_PID" ]]; then kill "$CLIENT_PID" 2>/dev/null || true; wait "$CLIENT_PID" 2>/dev/null || true; fi
  CLIENT_PID=""
  stop_server
}
trap 'cleanup; exit 130' INT TERM
trap cleanup EXIT

SRC=10
next_source() { SRC=$(( SRC >= 250 ? 11 : SRC + 1 )); SOURCE="127.0.0.$SRC"; } # a fresh loopback source per client

start_server() { # $1 = adapter, $2 = log name
  stop_server
  ADAPTER="$1" PORT="$PORT" HOST="$HOST" SECRET_KEY="$BENCH_SECRET_KEY" MAX_CONNECTIONS="$MAX_CONNECTIONS" \
    java $JAVA_OPTS --enable-native-access=ALL-UNNAMED -cp "$JAR" io.ifastapi.bench.DemoServer \
    >"$OUT_DIR/logs/$2.server.log" 2>&1 9>&- &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    curl -s -o /dev/null --max-time 1 "http://$HOST:$PORT/hello" && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  curl -s -o /dev/null --max-time 1 "http://$HOST:$PORT/hello" \
    || { echo "the demo ($1) did not start; see $OUT_DIR/logs/$2.server.log" >&2; exit 1; }
  COOKIE=$(curl -s --max-time 5 -o /dev/null -D - "http://$HOST:$PORT/set-session" \
    | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(session=[^;]*\);.*/\1/p' | head -1)
  [[ -n "$COOKIE" ]] || { echo "/set-session sent no cookie; see $OUT_DIR/logs/$2.server.log" >&2; exit 1; }
}

rss_mib() { awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo 0; }
threads_of() { awk '/^Threads:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
fds_of() { find "/proc/$1/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }
heap_used_mib() { # live heap: a full GC, then the used survivor, eden and old spaces (jstat: any collector)
  jcmd "$1" GC.run >/dev/null 2>&1 || true
  jstat -gc "$1" 2>/dev/null | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    NR == 2 { printf "%.1f", ($col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]) / 1024 }'
}
kv() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$2"; } # $1 = key, $2 = a WsLoad result line

to_ms() { awk -v v="$1" 'BEGIN {
  if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
  else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 } else print "" }'; }

# wrk_hello CONNS SECONDS [measure]: GET /hello; with "measure", sets H_RPS H_P50 H_P99 H_CPU H_US H_ERR
wrk_hello() {
  local conns="$1" secs="$2" threads=1 out="$OUT_DIR/logs/http-$ADAPTER-$1.txt" c0 c1 requests
  (( conns > 64 )) && threads=2
  if [[ "${3:-}" != measure ]]; then
    timeout $((secs + 30)) wrk -t"$threads" -c"$conns" -d"${secs}s" "http://$HOST:$PORT/hello" >/dev/null 2>&1 || true
    return
  fi
  c0=$(cpu_ticks "$SERVER_PID")
  timeout $((secs + 30)) wrk -t"$threads" -c"$conns" -d"${secs}s" --latency --timeout 10s "http://$HOST:$PORT/hello" >"$out" 2>&1 || true
  c1=$(cpu_ticks "$SERVER_PID")
  requests=$(awk '/requests in/ {print $1}' "$out")
  H_RPS=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out"); H_RPS="${H_RPS:-0}"
  H_P50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
  H_P99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
  H_CPU=$(awk -v d=$((c1 - c0)) -v t="$CLK_TCK" -v s="$secs" 'BEGIN{printf "%.0f", d / t / s * 100}')
  H_US=$(awk -v d=$((c1 - c0)) -v t="$CLK_TCK" -v n="${requests:-0}" 'BEGIN{ if (n > 0) printf "%.1f", d / t / n * 1e6 }')
  H_ERR=$(awk -F'Socket errors: ' 'NF > 1 {print $2}' "$out"); H_ERR="${H_ERR:-none}"; H_ERR="${H_ERR//,/;}"
}

# --- 1. idle connections ---------------------------------------------------------------------------------------
if [[ " $PARTS " == *" idle "* ]]; then
  echo ">>> idle WebSocket connections:${levels} (one server per adapter, connections added level by level)" >&2
  echo "adapter,conns,held,failed,rss_mib,heap_mib,threads,server_fds,rss_kb_per_conn,heap_kb_per_conn" >"$OUT_DIR/idle.csv"
  for ADAPTER in $ADAPTERS; do
    start_server "$ADAPTER" "idle-$ADAPTER"
    sleep 2
    heap0=$(heap_used_mib "$SERVER_PID"); rss0=$(rss_mib "$SERVER_PID")
    printf '    %-5s %6s open: RSS %s MiB, live heap %s MiB, threads %s\n' "$ADAPTER" 0 "$rss0" "$heap0" "$(threads_of "$SERVER_PID")" >&2
    echo "$ADAPTER,0,0,0,$rss0,$heap0,$(threads_of "$SERVER_PID"),$(fds_of "$SERVER_PID"),," >>"$OUT_DIR/idle.csv"
    next_source
    coproc HOLD { exec java $CLIENT_OPTS -cp "$JAR" io.ifastapi.bench.WsLoad hold "$PORT" "$COOKIE" "$SOURCE" 900 \
                    2>"$OUT_DIR/logs/idle-$ADAPTER.client.log" 9>&-; }
    CLIENT_PID=$HOLD_PID; CLIENT_IN=${HOLD[1]}; CLIENT_OUT=${HOLD[0]}
    for n in $levels; do
      echo "$n" >&"$CLIENT_IN"
      line=""
      read -r -t 240 line <&"$CLIENT_OUT" || true
      [[ "$line" == held* ]] || { echo "    the client did not answer for $n connections (see $OUT_DIR/logs/idle-$ADAPTER.client.log)" >&2; break; }
      read -r _ held _ failed _ bad _ closed <<<"$line"
      sleep 2
      heap=$(heap_used_mib "$SERVER_PID"); rss=$(rss_mib "$SERVER_PID"); thr=$(threads_of "$SERVER_PID"); fds=$(fds_of "$SERVER_PID")
      per=$(awk -v r0="$rss0" -v r="$rss" -v h0="$heap0" -v h="$heap" -v n="$held" \
        'BEGIN { if (n > 0) printf "%.1f,%.1f", (r - r0) * 1024 / n, (h - h0) * 1024 / n; else printf "," }')
      printf '    %-5s %6s open (failed %s, bad greeting %s, closed %s): RSS %s MiB, live heap %s MiB, threads %s, fds %s; per connection (RSS, heap) KB: %s\n' \
        "$ADAPTER" "$held" "$failed" "$bad" "$closed" "$rss" "$heap" "$thr" "$fds" "$per" >&2
      echo "$ADAPTER,$n,$held,$((failed + bad + closed)),$rss,$heap,$thr,$fds,$per" >>"$OUT_DIR/idle.csv"
    done
    eval "exec $CLIENT_IN>&-" # the end of the client's stdin: it closes its connections and exits
    for _ in $(seq 1 100); do kill -0 "$CLIENT_PID" 2>/dev/null || break; sleep 0.1; done
    kill "$CLIENT_PID" 2>/dev/null || true; wait "$CLIENT_PID" 2>/dev/null || true; CLIENT_PID=""
    stop_server
  done
fi

# --- 2. echo round trip under load -----------------------------------------------------------------------------
if [[ " $PARTS " == *" echo "* ]]; then
  echo ">>> echo round trips: $ECHO_CONNS connections, ${WARMUP}s warm-up + ${DURATION}s measured each" >&2
  echo "adapter,conns,ws_rt_per_s,ws_p50_ms,ws_p99_ms,ws_server_cpu_pct,ws_server_us_per_rt,ws_client_cpu_pct,ws_errors,http_rps,http_p50_ms,http_p99_ms,http_server_cpu_pct,http_us_per_req,http_errors" \
    >"$OUT_DIR/echo.csv"
  for ADAPTER in $ADAPTERS; do
    start_server "$ADAPTER" "echo-$ADAPTER"
    first=1
    for conns in $ECHO_CONNS; do
      warm=$WARMUP; (( first )) && warm=$START_WARMUP
      first=0
      wait_for_quiet
      next_source
      line=$(timeout $((warm + DURATION + 300)) java $CLIENT_OPTS -cp "$JAR" io.ifastapi.bench.WsLoad echo "$PORT" "$COOKIE" \
               "$SOURCE" "$conns" "$warm" "$DURATION" "$SERVER_PID" "$CLK_TCK" 2>"$OUT_DIR/logs/echo-$ADAPTER-$conns.client.log" 9>&- || true)
      echo "$line" >"$OUT_DIR/logs/echo-$ADAPTER-$conns.txt"
      if [[ "$line" == conns=* ]]; then
        errs=$(( $(kv failed "$line") + $(kv closed "$line") + $(kv mismatches "$line") ))
        (( $(kv open "$line") == conns )) || errs="$errs (open $(kv open "$line") of $conns)"
      else
        errs="client failed (logs/echo-$ADAPTER-$conns.client.log)"
      fi
      H_RPS=""; H_P50=""; H_P99=""; H_CPU=""; H_US=""; H_ERR=""
      if [[ "$HTTP_COMPARE" == 1 ]]; then
        wait_for_quiet
        wrk_hello "$conns" "$WARMUP"
        wrk_hello "$conns" "$DURATION" measure
      fi
      printf '    %-5s %5s conns: WS %7s rt/s p50 %s ms p99 %s ms server CPU %s%% (%s us/rt), client CPU %s%%, errors %s | HTTP /hello %s req/s p50 %s ms p99 %s ms %s us/req\n' \
        "$ADAPTER" "$conns" "$(kv rt_per_s "$line")" "$(kv p50_ms "$line")" "$(kv p99_ms "$line")" "$(kv server_cpu_pct "$line")" \
        "$(kv server_us_per_rt "$line")" "$(kv client_cpu_pct "$line")" "$errs" "$H_RPS" "$H_P50" "$H_P99" "$H_US" >&2
      echo "$ADAPTER,$conns,$(kv rt_per_s "$line"),$(kv p50_ms "$line"),$(kv p99_ms "$line"),$(kv server_cpu_pct "$line"),$(kv server_us_per_rt "$line"),$(kv client_cpu_pct "$line"),$errs,$H_RPS,$H_P50,$H_P99,$H_CPU,$H_US,$H_ERR" \
        >>"$OUT_DIR/echo.csv"
    done
    stop_server
  done
fi

# --- report ----------------------------------------------------------------------------------------------------
table() { awk -F, 'NR == 1 { h = "|"; s = "|"; for (i = 1; i <= NF; i++) { h = h " " $i " |"; s = s "---|" } print h; print s; next }
                   { l = "|"; for (i = 1; i <= NF; i++) l = l " " $i " |"; print l }' "$1"; }
{
  echo "# WebSocket cost growth, $(date '+%Y-%m-%d %H:%M %Z')"
  echo
  echo "Command: \`PARTS=\"$PARTS\" ADAPTERS=\"$ADAPTERS\" IDLE_LEVELS=\"$IDLE_LEVELS\" ECHO_CONNS=\"$ECHO_CONNS\" WARMUP=$WARMUP DURATION=$DURATION bench/ws-growth.sh\`"
  echo "at commit $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$ROOT" && git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)');"
  echo "the demo's \`WS /ws\` served by io.ifastapi.bench.DemoServer (DemoApp) with \`$JAVA_OPTS\`, maxConnections $MAX_CONNECTIONS,"
  echo "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1); client io.ifastapi.bench.WsLoad in its own JVM (\`$CLIENT_OPTS\`);"
  echo "$(nproc) cores shared by client and server (and anything else running); load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Open-files limit per process: $FDS (hard limit $HARD_FDS), so one server process here holds at most about $(( FDS - 400 )) connections."
  if [[ -f "$OUT_DIR/idle.csv" ]]; then
    echo; echo "## Idle WebSocket connections"; echo
    echo "Held open by one client process, each upgraded with the session cookie and its greeting read; live heap after"
    echo "a full GC (jcmd GC.run, then jstat); per connection = growth over the 0 row / connections."
    echo; table "$OUT_DIR/idle.csv"
    # the marginal cost between the two largest levels (fixed costs of the first connections left out), and the
    # 100,000-connection figure extrapolated from it, said to be one
    awk -F, -v n=100000 'NR == 1 { next }
      $3 > 0 { pn[$1] = cn[$1]; ph[$1] = ch[$1]; pr[$1] = cr[$1]; cn[$1] = $3; ch[$1] = $6; cr[$1] = $5; k[$1] = $10; kr[$1] = $9 }
      $2 == 0 { pn[$1] = 0; ph[$1] = $6; pr[$1] = $5; cn[$1] = 0; ch[$1] = $6; cr[$1] = $5 }
      END { for (a in cn) if (cn[a] > pn[a]) {
        mh = (ch[a] - ph[a]) * 1024 / (cn[a] - pn[a]); mr = (cr[a] - pr[a]) * 1024 / (cn[a] - pn[a])
        printf "\n**%s**: at %d idle connections, %s KB of live heap and %s KB of RSS each (over the 0 row); from %d to %d, %.1f KB of live heap and %.1f KB of RSS per added connection. *Extrapolated, not measured:* 100,000 idle connections would hold about %.0f MiB of live heap (%.1f MiB at %d, plus %.1f KB for each further connection); reaching them needs a server open-files limit above 100,000 and several client processes, each under its own limit, on several 127.0.0.x source addresses.\n",
          a, cn[a], k[a], kr[a], pn[a], cn[a], mh, mr, ch[a] + mh * (n - cn[a]) / 1024, ch[a], cn[a], mh } }' "$OUT_DIR/idle.csv"
  fi
  if [[ -f "$OUT_DIR/echo.csv" ]]; then
    echo; echo "## Echo round trip under load"; echo
    echo "Each connection sends a 32-byte text message and waits for its echo, again and again (${WARMUP}s warm-up, ${START_WARMUP}s on the"
    echo "fresh server's first level, then ${DURATION}s measured). Server CPU us/rt = server utime + stime over the measured window /"
    echo "round trips. HTTP columns: wrk GET /hello with the same connection count (1 wrk thread up to 64 connections, 2 above)."
    echo; table "$OUT_DIR/echo.csv"
  fi
  echo
  echo "Wall time: $(( $(date +%s) - T0 )) s. Client output, wrk output and server logs: logs/."
} >"$OUT_DIR/summary.md"
cat "$OUT_DIR/summary.md"
echo ">>> $OUT_DIR" >&2
