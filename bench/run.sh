#!/usr/bin/env bash
# iFastAPI side by side with its peers (FastAPI, Javalin, Vert.x, Spring Boot, bare Jetty, bare Netty) over HTTP.
#
# Usage (from a fresh clone, next to ../shared):
#   bench/run.sh                                  # all default peers, ~9 min on a quiet machine
#   PEERS="ifastapi vertx-cookie fastapi netty-raw jetty-raw" bench/run.sh
#   REPEAT=3 DURATION=10 bench/run.sh             # 3 measured runs per endpoint, median shown (about 2x longer)
#   ADAPTER=jetty bench/run.sh                    # the same demo served by the Jetty adapter (io.ifastapi.bench.JettyDemo)
#
# What it does:
#   1. builds the demo (examples/target/ifastapi-demo.jar) with the Maven wrapper and a JDK 21+;
#   2. builds the peers with ../shared/bench/build-peers.sh unless their jars are already there;
#   3. runs ../shared/bench/run-peers.sh with the demo as the peer "ifastapi" (fixed test SECRET_KEY, -Xms1g -Xmx1g);
#   4. writes the report to bench/results/peers-<date>.md (req/s, p50/p99, server CPU us/req per peer and endpoint,
#      each peer as a ratio to ifastapi, the issue's targets) and prints it.
# Env: PEERS REPEAT (1) DURATION (10 s) WARMUP (10 s) and every other knob of run-peers.sh; JAVA_OPTS (-Xms1g -Xmx1g);
#      ADAPTER (netty: the demo jar as users run it, on the default adapter; jetty: the demo on ifastapi-jetty);
#      SHARED_BENCH (../shared/bench); BUILD_DIR (/tmp/ifastapi-bench-peers); OUT (the report's path).
# Loopback only (127.0.0.1); every load is bounded by wrk -d and by timeout. Only the servers it started are stopped.
set -euo pipefail

usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; }
[[ "${1:-}" == "-h" || "${1:-}" == "--help" ]] && { usage; exit 0; }
(( $# == 0 )) || { usage >&2; exit 2; }

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
SHARED_BENCH="${SHARED_BENCH:-$ROOT/../shared/bench}"
[[ -x "$SHARED_BENCH/run-peers.sh" ]] || { echo "No peer benchmark at $SHARED_BENCH (set SHARED_BENCH)" >&2; exit 1; }
SHARED_BENCH="$(cd "$SHARED_BENCH" && pwd)"
[[ "$ROOT" != *" "* ]] || { echo "The checkout path must not contain spaces: $ROOT" >&2; exit 1; }

JAVA_HOME="$(find_jdk)"; export JAVA_HOME; export PATH="$JAVA_HOME/bin:$PATH"
export PEERS="${PEERS:-ifastapi fastapi javalin vertx-cookie spring-boot jetty-raw netty-raw}"
# WARMUP 10 s (run-peers.sh: 5): each peer is measured from a fresh JVM, /hello first, and the demo's JIT needs ~15 s
# (measured: /hello on the Netty adapter gave 20k, 108k, 125k, 135k req/s in four 5 s runs from start). Every peer
# gets the same warm-up.
export REPEAT="${REPEAT:-1}" DURATION="${DURATION:-10}" WARMUP="${WARMUP:-10}"
# Bounded waits for a quiet machine (run-peers.sh's defaults are 300 s and 2 retries), so that the whole command stays
# under 15 minutes even when other work keeps the machine busy: ~8 min of load + at most ~50 waits of QUIET_WAIT s +
# one re-measurement per disturbed run. Raise them (QUIET_WAIT=300 RETRIES=2) for cleaner numbers on a busy machine.
export QUIET_WAIT="${QUIET_WAIT:-3}" RETRIES="${RETRIES:-1}"
export BUILD_DIR="${BUILD_DIR:-/tmp/ifastapi-bench-peers}"
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g}"
T0=$(date +%s)

ADAPTER="${ADAPTER:-netty}"
echo ">>> building the demo (JDK $JAVA_HOME, adapter $ADAPTER)" >&2
case "$ADAPTER" in
  netty)
    (cd "$ROOT" && ./mvnw -q -B package -DskipTests -pl examples -am)
    DEMO_JAR="$ROOT/examples/target/ifastapi-demo.jar"
    DEMO_RUN="-jar $DEMO_JAR" ;;
  jetty)
    (cd "$ROOT" && ./mvnw -q -B package -DskipTests -pl bench -am)
    DEMO_JAR="$ROOT/bench/target/benchmarks.jar"
    DEMO_RUN="-cp $DEMO_JAR io.ifastapi.bench.JettyDemo" ;;
  *) echo "ADAPTER must be netty or jetty, got '$ADAPTER'" >&2; exit 2 ;;
esac
[[ -f "$DEMO_JAR" ]] || { echo "The build did not produce $DEMO_JAR" >&2; exit 1; }

# The peers' jars (and wrk, and FastAPI for Debian's python3): built only when something is missing.
need_build=""
command -v wrk >/dev/null || need_build=1
for peer in $PEERS; do
  case "$peer" in
    javalin|spring-boot|jetty-raw|netty-raw) [[ -f "$BUILD_DIR/$peer/target/app.jar" ]] || need_build=1 ;;
    vertx-cookie|vertx-local) [[ -f "$BUILD_DIR/vertx-web/target/app.jar" ]] || need_build=1 ;;
    fastapi) /usr/bin/python3 -c "import fastapi, uvicorn, itsdangerous" 2>/dev/null || need_build=1 ;;
  esac
done
if [[ -n "$need_build" ]]; then
  echo ">>> building the peers ($SHARED_BENCH/build-peers.sh)" >&2
  BUILD_DIR="$BUILD_DIR" "$SHARED_BENCH/build-peers.sh" >&2
else
  echo ">>> peers already built in $BUILD_DIR" >&2
fi

mkdir -p "$ROOT/bench/results"
OUT="${OUT:-$ROOT/bench/results/peers-$(date +%F).md}"
[[ -e "$OUT" && -z "${OUT_OVERWRITE:-}" ]] && OUT="${OUT%.md}-$(date +%H%M).md"
RAW="$(mktemp)"
trap 'rm -f "$RAW"' EXIT

export IFASTAPI_CMD="SECRET_KEY=$BENCH_SECRET_KEY java $JAVA_OPTS $DEMO_RUN"
echo ">>> run-peers.sh: PEERS=\"$PEERS\" REPEAT=$REPEAT DURATION=$DURATION (progress below, report at the end)" >&2
# run-peers.sh is `set -u` only and always prints its report; a failing peer shows as FAILED in it.
JAVA_OPTS="$JAVA_OPTS" "$SHARED_BENCH/run-peers.sh" >"$RAW" || echo "run-peers.sh exited with $?" >&2

{
  echo "# iFastAPI vs peers, $(date '+%Y-%m-%d %H:%M %Z')"
  echo
  echo "Command: \`PEERS=\"$PEERS\" REPEAT=$REPEAT DURATION=$DURATION ADAPTER=$ADAPTER bench/run.sh\` at commit"
  echo "$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$ROOT" && git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)'),"
  echo "ifastapi = the demo on the $ADAPTER adapter: \`$IFASTAPI_CMD\` (cookie sessions, SECRET_KEY = the fixed test key in bench/lib.sh)."
  echo "Machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), shared with wrk and"
  echo "with whatever else runs: compare ratios within this run, not absolute numbers across runs."
  echo
  cat "$RAW"
  echo
  # What run-peers.sh does not give: the issue's targets, and CPU per request as a ratio.
  awk -F'|' '
    function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
    /^### Detail/ { detail = 1; next }
    /^### / { detail = 0 }
    detail && /^\| [a-z]/ && $2 !~ /peer/ {
      p = trim($2); e = trim($3); rps[p, e] = trim($4); us[p, e] = trim($9); peers[p] = 1
      if (!(p in seen)) { seen[p] = 1; order[++n] = p }
    }
    function target(e, p, min,   r) {
      if (rps["ifastapi", e] == "" || rps[p, e] == "" || rps[p, e] == 0) {
        printf "| %s | %s | %.2fx | not measured | - |\n", e, p, min; return
      }
      r = rps["ifastapi", e] / rps[p, e]
      printf "| %s | %s | %.2fx | %.2fx | %s |\n", e, p, min, r, (r >= min ? "yes" : "**no**")
    }
    END {
      if (!(("ifastapi", "/hello") in rps)) exit
      print "### Issue targets (req/s of ifastapi divided by the peer'"'"'s, this run)"
      print ""
      print "| endpoint | peer | target | measured | met |"
      print "|---|---|---:|---:|---|"
      split("/get-session /set-session /counter", eps, " ")
      for (i = 1; i <= 3; i++) { target(eps[i], "vertx-cookie", 1.0); target(eps[i], "fastapi", 12.0) }
      target("/hello", "netty-raw", 0.9)
      print ""
      print "### Server CPU per request: each peer'"'"'s us/req divided by ifastapi'"'"'s (above 1.00 = ifastapi uses less CPU)"
      print ""
      print "This ratio does not depend on how wrk and the server happened to split the 2 cores."
      print ""
      print "| peer | /hello | /get-session | /set-session | /counter |"
      print "|---|---:|---:|---:|---:|"
      split("/hello /get-session /set-session /counter", all, " ")
      for (k = 1; k <= n; k++) {
        p = order[k]; if (p == "ifastapi") continue
        line = "| " p
        for (i = 1; i <= 4; i++) {
          e = all[i]
          if (us[p, e] != "" && us["ifastapi", e] != "" && us["ifastapi", e] + 0 > 0)
            line = line sprintf(" | %.2f", us[p, e] / us["ifastapi", e])
          else line = line " | -"
        }
        print line " |"
      }
      print ""
    }' "$RAW"
  echo "Wall time of bench/run.sh (build included): $(( $(date +%s) - T0 )) s."
} >"$OUT"

cat "$OUT"
echo ">>> report written to $OUT" >&2
