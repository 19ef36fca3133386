#!/usr/bin/env bash
# Context switches and system calls per request of the demo under wrk load, counted by `perf stat` (software events
# and tracepoints: they count events, not time, so they hold on a busy shared machine where req/s and CPU time do
# not). What the hand-off to a virtual thread costs shows here first: a context switch and a few futex calls.
#
# Usage:  bench/switches.sh JAR [ENDPOINT...]       # default endpoints: hello counter
#         DEMO_ENV="NON_BLOCKING=false" bench/switches.sh examples/target/ifastapi-demo.jar hello
# Env:    WARMUP (10 s per endpoint) DURATION (5 s) PORT (28600) JAVA_OPTS (-Xms1g -Xmx1g) DEMO_ENV (VAR=value words)
#         LABEL (a word for the output line; default the jar's name)
# Output: one line per endpoint: label, endpoint, requests, context switches/req, syscalls/req, server CPU us/req.
# Needs perf (linux-perf) and root or kernel.perf_event_paranoid <= 1 for the syscall tracepoint.
# Loopback only; wrk bounded by -d and timeout; stops only the demo it started, by PID.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
if [[ "${1:-}" == "-h" || "${1:-}" == "--help" || $# -lt 1 ]]; then sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
command -v perf >/dev/null || { echo "perf is not installed (apt-get install linux-perf)" >&2; exit 1; }
JAR="$1"; shift
ENDPOINTS="${*:-hello counter}"
JAVA_HOME="$(find_jdk)"; export JAVA_HOME; export PATH="$JAVA_HOME/bin:$PATH"
WARMUP="${WARMUP:-10}"; DURATION="${DURATION:-5}"; PORT="${PORT:-28600}"; JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g}"
DEMO_ENV="${DEMO_ENV:-}"; LABEL="${LABEL:-$(basename "$JAR")}"
HOST=127.0.0.1
LOG="$(mktemp /tmp/ifastapi-switches.XXXXXX)"
take_bench_lock
trap 'stop_server; exit 130' INT TERM
trap 'stop_server; rm -f "$LOG" "$LOG".*' EXIT

# shellcheck disable=SC2086 # word lists on purpose
env PORT="$PORT" HOST="$HOST" SECRET_KEY="$BENCH_SECRET_KEY" $DEMO_ENV java $JAVA_OPTS -jar "$JAR" >"$LOG" 2>&1 9>&- &
SERVER_PID=$!
for _ in $(seq 1 600); do curl -s -o /dev/null --max-time 1 "http://$HOST:$PORT/hello" && break; sleep 0.1; done
cookie=$(curl -s --max-time 5 -o /dev/null -D - "http://$HOST:$PORT/set-session" \
  | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(session=[^;]*\);.*/\1/p' | head -1)
for ep in $ENDPOINTS; do
  args=(-t1 -c64)
  [[ "$ep" == get-session || "$ep" == counter ]] && args+=(-H "Cookie: $cookie")
  url="http://$HOST:$PORT/$ep"
  timeout $((WARMUP + 30)) wrk "${args[@]}" -d"${WARMUP}s" "$url" >/dev/null 2>&1 || true
  c0=$(cpu_ticks "$SERVER_PID")
  perf stat -x, -e context-switches,raw_syscalls:sys_enter -p "$SERVER_PID" -o "$LOG.perf" -- sleep "$DURATION" &
  perf_pid=$!
  timeout $((DURATION + 30)) wrk "${args[@]}" -d"${DURATION}s" "$url" >"$LOG.wrk" 2>&1 || true
  wait "$perf_pid" || true
  c1=$(cpu_ticks "$SERVER_PID")
  n=$(awk '/requests in/ {print $1}' "$LOG.wrk")
  cs=$(awk -F, '$3 == "context-switches" {print $1}' "$LOG.perf")
  sc=$(awk -F, '$3 == "raw_syscalls:sys_enter" {print $1}' "$LOG.perf")
  awk -v l="$LABEL" -v e="/$ep" -v n="${n:-0}" -v cs="${cs:-0}" -v sc="${sc:-0}" -v d=$((c1 - c0)) -v t="$CLK_TCK" \
    'BEGIN { if (n > 0) printf "%s %s %d requests: %.2f context switches/req, %.2f syscalls/req, %.1f us CPU/req\n", l, e, n, cs / n, sc / n, d / t / n * 1e6 }'
done
