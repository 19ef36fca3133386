#!/usr/bin/env bash
# A/B of two builds of the demo over HTTP, interleaved (A B A B ...) so that drifting load on a shared machine hits
# both alike: for each round and each jar, start the demo, warm up, then measure each endpoint with wrk -t1 -c64 (as
# bench/run.sh). Reports the median req/s and server CPU us/req of each jar per endpoint, and B's ratio to A.
#
# Usage:  bench/ab.sh A.jar B.jar                 # e.g. a copy of the demo jar before a change, and the new one
#         ROUNDS=5 ENDPOINTS="get-session counter" bench/ab.sh A.jar B.jar
#         bench/ab.sh examples/target/ifastapi-demo.jar bench/target/benchmarks.jar@io.ifastapi.bench.JettyDemo
#                                                 # JAR@MAIN: run that main class from the jar (Netty vs Jetty adapter)
# Env:    ROUNDS (3) DURATION (10) WARMUP (5) ENDPOINTS ("hello get-session counter set-session") PORT (28500)
#         JAVA_OPTS (-Xms1g -Xmx1g) JAVA_OPTS_A, JAVA_OPTS_B (per side; default JAVA_OPTS) QUIET_WAIT (30)
#         ENV_A, ENV_B: extra VAR=value words for one side's demo, e.g. ENV_B="NON_BLOCKING=false"
#         (the same jar on both sides with different settings: one lever at a time)
# Loopback only; wrk bounded by -d and timeout; stops only the demos it started, by PID.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; }
[[ "${1:-}" == "-h" || "${1:-}" == "--help" ]] && { usage; exit 0; }
(( $# == 2 )) && [[ -f "${1%@*}" && -f "${2%@*}" ]] || { usage >&2; exit 2; }
abs() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
# "JAR" -> java -jar JAR; "JAR@MAIN" -> java -cp JAR MAIN
launch() { if [[ "$1" == *@* ]]; then echo "--enable-native-access=ALL-UNNAMED -cp $(abs "${1%@*}") ${1#*@}"; else echo "-jar $(abs "$1")"; fi; }
JAR_A="$1"; JAR_B="$2"; RUN_A="$(launch "$1")"; RUN_B="$(launch "$2")"

JAVA_HOME="$(find_jdk)"; export JAVA_HOME; export PATH="$JAVA_HOME/bin:$PATH"
ROUNDS="${ROUNDS:-3}"; DURATION="${DURATION:-10}"; WARMUP="${WARMUP:-5}"; PORT="${PORT:-28500}"
ENDPOINTS="${ENDPOINTS:-hello get-session counter set-session}"
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g}"; QUIET_WAIT="${QUIET_WAIT:-30}"
JAVA_OPTS_A="${JAVA_OPTS_A:-$JAVA_OPTS}"; JAVA_OPTS_B="${JAVA_OPTS_B:-$JAVA_OPTS}"
ENV_A="${ENV_A:-}"; ENV_B="${ENV_B:-}"
HOST=127.0.0.1
LOG_DIR="$(mktemp -d /tmp/ifastapi-ab.XXXXXX)"
RESULTS="$LOG_DIR/results.txt"   # jar endpoint rps us_per_req other_pct

take_bench_lock

trap 'stop_server; exit 130' INT TERM
trap stop_server EXIT


for round in $(seq 1 "$ROUNDS"); do
  for label in A B; do
    run="$JAVA_OPTS_A $RUN_A"; envs="$ENV_A"
    [[ "$label" == B ]] && { run="$JAVA_OPTS_B $RUN_B"; envs="$ENV_B"; }
    wait_for_quiet
    # shellcheck disable=SC2086 # $run is the launch arguments
    # shellcheck disable=SC2086 # $envs is a list of VAR=value words
    env PORT="$PORT" HOST="$HOST" SECRET_KEY="$BENCH_SECRET_KEY" $envs java $run >"$LOG_DIR/$label.$round.log" 2>&1 9>&- &
    SERVER_PID=$!
    for _ in $(seq 1 600); do curl -s -o /dev/null --max-time 1 "http://$HOST:$PORT/hello" && break; sleep 0.1; done
    cookie=$(curl -s --max-time 5 -o /dev/null -D - "http://$HOST:$PORT/set-session" \
      | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(session=[^;]*\);.*/\1/p' | head -1)
    [[ -n "$cookie" ]] || { echo "$label: /set-session sent no cookie (see $LOG_DIR/$label.$round.log)" >&2; exit 1; }
    for ep in $ENDPOINTS; do
      args=(-t1 -c64 --latency)
      [[ "$ep" == get-session || "$ep" == counter ]] && args+=(-H "Cookie: $cookie")
      url="http://$HOST:$PORT/$ep"
      timeout $((WARMUP + 30)) wrk "${args[@]}" -d"${WARMUP}s" "$url" >/dev/null 2>&1 || true
      wait_for_quiet
      out="$LOG_DIR/$label.$round.$ep.txt"
      c0=$(cpu_ticks "$SERVER_PID"); w0=$(child_ticks); s0=$(sys_ticks)
      timeout $((DURATION + 30)) wrk "${args[@]}" -d"${DURATION}s" "$url" >"$out" 2>&1 || true
      c1=$(cpu_ticks "$SERVER_PID"); w1=$(child_ticks); s1=$(sys_ticks)
      n=$(awk '/requests in/ {print $1}' "$out"); rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")
      us=$(awk -v d=$((c1 - c0)) -v t="$CLK_TCK" -v n="${n:-0}" 'BEGIN{ if (n > 0) printf "%.2f", d / t / n * 1e6; else print 0 }')
      other=$(awk -v d=$(( (s1 - s0) - (c1 - c0) - (w1 - w0) )) -v t="$CLK_TCK" -v s="$DURATION" 'BEGIN{printf "%.0f", d / t / s * 100}')
      load=$(cut -d' ' -f1 /proc/loadavg)
      echo "$label $ep ${rps:-0} $us $other $load" >>"$RESULTS"
      printf '  round %s %s /%-12s %7s req/s  %6s us/req  other CPU %s%%  load %s\n' "$round" "$label" "$ep" "${rps:-?}" "$us" "$other" "$load" >&2
    done
    stop_server
  done
done

echo "## A/B: $ROUNDS interleaved rounds, wrk -t1 -c64 -d${DURATION}s, $(date '+%Y-%m-%d %H:%M %Z')"
echo
echo "A = ${ENV_A:+$ENV_A }java $JAVA_OPTS_A $RUN_A"
echo "B = ${ENV_B:+$ENV_B }java $JAVA_OPTS_B $RUN_B"
echo
echo "Load average (1 min) at the end of each measured run: $(awk '{print $6}' "$RESULTS" | sort -n | head -1) to $(awk '{print $6}' "$RESULTS" | sort -n | tail -1)."
echo "The machine is shared with other builds: the figures are noisy; CPU us/req is the steadier one."
echo
echo "| endpoint | A req/s | B req/s | B/A req/s | A CPU us/req | B CPU us/req | B/A CPU | other CPU % (max) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for ep in $ENDPOINTS; do
  med() { awk -v l="$1" -v e="$ep" -v f="$2" '$1 == l && $2 == e {print $f}' "$RESULTS" | sort -n \
          | awk '{v[NR] = $1} END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
  ra=$(med A 3); rb=$(med B 3); ua=$(med A 4); ub=$(med B 4)
  omax=$(awk -v e="$ep" '$2 == e {print $5}' "$RESULTS" | sort -n | tail -1)
  awk -v e="$ep" -v ra="$ra" -v rb="$rb" -v ua="$ua" -v ub="$ub" -v o="$omax" 'BEGIN {
    printf "| /%s | %.0f | %.0f | %.2f | %.2f | %.2f | %.2f | %s |\n", e, ra, rb, (ra > 0 ? rb / ra : 0), ua, ub, (ua > 0 ? ub / ua : 0), o }'
done
echo
echo "Every run (jar, endpoint, req/s, server CPU us/req, other CPU %, load average):"
echo
echo '```'
sort -s -k1,1 "$RESULTS"
echo '```'
echo
echo "Medians over the rounds. CPU us/req = server CPU time / requests (does not depend on how the 2 cores were"
echo "split between wrk and the server). Raw wrk output: $LOG_DIR"
