#!/usr/bin/env bash
# Profiles the demo under load with Java Flight Recorder: for each endpoint, start the demo, warm it up with wrk,
# record PROFILE_SECONDS of JFR (settings=profile: CPU samples every 10 ms, allocation samples) while wrk keeps the
# same load on (-t1 -c64, as bench/run.sh), then summarise where the CPU time goes.
#
# Usage:  bench/profile.sh                        # /hello, /get-session, /counter; ~2.5 min
#         bench/profile.sh get-session counter    # some endpoints
# Env:    PROFILE_SECONDS (30) WARMUP (10) PORT (28400) JAVA_OPTS (-Xms1g -Xmx1g) DEMO_JAR (examples/target/ifastapi-demo.jar)
#         ADAPTER (netty, the default; jetty: the demo on the Jetty adapter, io.ifastapi.bench.JettyDemo from bench/target/benchmarks.jar)
#         JAR_LABEL (a word for the output directory, e.g. "before"), OUT_DIR
# Output: bench/results/profile-<date>[-label]/<endpoint>.jfr, <endpoint>-hot-methods.txt (jfr view hot-methods),
#         <endpoint>-allocations.txt (jfr view allocation-by-site), profile.md (jfr_summary.py of every endpoint).
# Loopback only; wrk bounded by -d and timeout; stops only the demo it started, by PID.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi

JAVA_HOME="$(find_jdk)"; export JAVA_HOME; export PATH="$JAVA_HOME/bin:$PATH"
ENDPOINTS="${*:-hello get-session counter}"
PROFILE_SECONDS="${PROFILE_SECONDS:-30}"
WARMUP="${WARMUP:-10}"
PORT="${PORT:-28400}"
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g}"
HOST=127.0.0.1

ADAPTER="${ADAPTER:-netty}"
case "$ADAPTER" in
  netty)
    if [[ -z "${DEMO_JAR:-}" ]]; then
      echo ">>> building the demo" >&2
      (cd "$ROOT" && ./mvnw -q -B package -DskipTests -pl examples -am)
      DEMO_JAR="$ROOT/examples/target/ifastapi-demo.jar"
    fi
    DEMO_RUN=(-jar "$DEMO_JAR") ;;
  jetty)
    if [[ -z "${DEMO_JAR:-}" ]]; then
      echo ">>> building bench/target/benchmarks.jar" >&2
      (cd "$ROOT" && ./mvnw -q -B package -DskipTests -pl bench -am)
      DEMO_JAR="$ROOT/bench/target/benchmarks.jar"
    fi
    DEMO_RUN=(-cp "$DEMO_JAR" io.ifastapi.bench.JettyDemo) ;;
  *) echo "ADAPTER must be netty or jetty" >&2; exit 2 ;;
esac
OUT_DIR="${OUT_DIR:-$ROOT/bench/results/profile-$(date +%F)${JAR_LABEL:+-$JAR_LABEL}}"
mkdir -p "$OUT_DIR"

take_bench_lock

trap 'stop_server; exit 130' INT TERM
trap stop_server EXIT

{
  echo "# Where the time goes: JFR CPU samples under load, $(date '+%Y-%m-%d %H:%M %Z')"
  echo
  echo "Command: \`bench/profile.sh $ENDPOINTS\` (PROFILE_SECONDS=$PROFILE_SECONDS after a ${WARMUP}s warm-up, wrk -t1 -c64"
  echo "throughout) on $(basename "$DEMO_JAR") ($ADAPTER adapter) at commit $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?'),"
  echo "\`$JAVA_OPTS\`, $(java -version 2>&1 | head -1), JFR settings=profile, stack depth 512."
  echo
} >"$OUT_DIR/profile.md"

for ep in $ENDPOINTS; do
  echo ">>> /$ep" >&2
  stop_server
  # stackdepth: Jetty's stacks under a virtual thread are deeper than JFR's default of 64 frames; truncated stacks
  # would lose the frames (JettyAppHandler.handle, IFastAPI.handle) that tell who called what.
  PORT="$PORT" HOST="$HOST" SECRET_KEY="$BENCH_SECRET_KEY" java $JAVA_OPTS -XX:FlightRecorderOptions:stackdepth=512 "${DEMO_RUN[@]}" >"$OUT_DIR/$ep.server.log" 2>&1 9>&- &
  SERVER_PID=$!
  up=""
  for _ in $(seq 1 600); do
    if curl -s -o /dev/null --max-time 1 "http://$HOST:$PORT/hello"; then up=1; break; fi
    kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1
  done
  [[ -n "$up" ]] || { echo "the demo did not start; see $OUT_DIR/$ep.server.log" >&2; exit 1; }
  args=(-t1 -c64 --latency)
  if [[ "$ep" != hello ]]; then
    cookie=$(curl -s --max-time 5 -o /dev/null -D - "http://$HOST:$PORT/set-session" \
      | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(session=[^;]*\);.*/\1/p' | head -1)
    [[ -n "$cookie" ]] || { echo "/set-session sent no cookie" >&2; exit 1; }
    [[ "$ep" == set-session ]] || args+=(-H "Cookie: $cookie")
  fi
  url="http://$HOST:$PORT/$ep"
  timeout $((WARMUP + 30)) wrk "${args[@]}" -d"${WARMUP}s" "$url" >/dev/null 2>&1 || true
  rm -f "$OUT_DIR/$ep.jfr"
  jcmd "$SERVER_PID" JFR.start name=bench settings=profile duration="${PROFILE_SECONDS}s" \
    filename="$OUT_DIR/$ep.jfr" >/dev/null
  timeout $((PROFILE_SECONDS + 30)) wrk "${args[@]}" -d"${PROFILE_SECONDS}s" "$url" >"$OUT_DIR/$ep.wrk.txt" 2>&1 || true
  for _ in $(seq 1 100); do [[ -s "$OUT_DIR/$ep.jfr" ]] && break; sleep 0.2; done
  sleep 1
  stop_server
  jfr view --width 200 hot-methods "$OUT_DIR/$ep.jfr" >"$OUT_DIR/$ep-hot-methods.txt" 2>&1 || true
  jfr view --width 200 allocation-by-site "$OUT_DIR/$ep.jfr" >"$OUT_DIR/$ep-allocations.txt" 2>&1 || true
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$OUT_DIR/$ep.wrk.txt")
  {
    python3 "$ROOT/bench/jfr_summary.py" "$OUT_DIR/$ep.jfr" "/$ep ($rps req/s under the recording)"
  } >>"$OUT_DIR/profile.md"
done
cat "$OUT_DIR/profile.md"
echo ">>> $OUT_DIR" >&2
