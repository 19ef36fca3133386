#!/usr/bin/env bash
# iFastAPI side by side with its peers (FastAPI old and modern, Javalin, Vert.x, Helidon, Spring Boot, bare Jetty,
# bare Netty) over HTTP, at steady state.
#
# Usage (from a fresh clone, next to ../shared):
#   bench/run.sh                                  # every peer, 30 s warm-up per endpoint, about 25 min on a quiet machine
#   REPEAT=3 bench/run.sh                         # the closing-note run: 3 measured runs per endpoint, median (about 40 min)
#   PEERS="ifastapi vertx-cookie netty-raw" WARMUP=10 bench/run.sh   # a subset, shorter warm-up
#   ADAPTER=jetty bench/run.sh                    # the same demo served by the Jetty adapter (io.ifastapi.bench.JettyDemo)
#
# What it does:
#   1. builds the demo (examples/target/ifastapi-demo.jar) with the Maven wrapper and a JDK 21+;
#   2. builds the peers with ../shared/bench/build-peers.sh unless their jars are already there (fastapi-modern's
#      venv is made by ../shared/reference/setup-fastapi.sh on its first start);
#   3. runs ../shared/bench/run-peers.sh with the demo as the peer "ifastapi" (signed cookies, fixed test SECRET_KEY,
#      -Xms1g -Xmx1g), then once more as "ifastapi-encrypted" (SESSION_BACKEND=encrypted: AES-GCM cookies, as
#      Vert.x's CookieSessionStore) unless ENCRYPTED=0;
#   4. writes the report to bench/results/peers-<date>.md and prints it: run-peers.sh's tables (req/s, p50/p99, server
#      CPU us/req per peer and endpoint), then one table of ratios (req/s and server CPU per request of each iFastAPI
#      variant against each peer) and the issue's targets.
# Env: PEERS REPEAT (1) DURATION (10 s) WARMUP (30 s) and every other knob of run-peers.sh; JAVA_OPTS (-Xms1g -Xmx1g);
#      ENCRYPTED (1); ADAPTER (netty: the demo jar as users run it, on the default adapter; jetty: the demo on
#      ifastapi-jetty); DEMO_ENV (extra VAR=value words for the demo, e.g. NON_BLOCKING=false);
#      SHARED_BENCH (../shared/bench); BUILD_DIR (/tmp/ifastapi-bench-peers); OUT (the report's path).
# Loopback only (127.0.0.1); every load is bounded by wrk -d and by timeout. Only the servers it started are stopped.
set -euo pipefail

usage() { sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; }
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
export PEERS="${PEERS:-ifastapi fastapi fastapi-modern javalin vertx-cookie helidon spring-boot jetty-raw netty-raw}"
# WARMUP 30 s per endpoint (run-peers.sh: 5): each peer is measured from a fresh JVM, /hello first, and on this
# 2-core machine the JIT needs 30-40 s to reach steady state (a 5 s warm-up understates the demo by about 20 %,
# a 10 s one still by a few %). Every peer gets the same warm-up.
export REPEAT="${REPEAT:-1}" DURATION="${DURATION:-10}" WARMUP="${WARMUP:-30}"
ENCRYPTED="${ENCRYPTED:-1}"
DEMO_ENV="${DEMO_ENV:-}"
# Bounded waits for a quiet machine (run-peers.sh's defaults are 300 s and 2 retries), so that the whole command stays
# under 15 minutes even when other work keeps the machine busy: ~8 min of load + at most ~50 waits of QUIET_WAIT s +
# one re-measurement per disturbed run. Raise them (QUIET_WAIT=300 RETRIES=2) for cleaner numbers on a busy machine.
export QUIET_WAIT="${QUIET_WAIT:-3}" RETRIES="${RETRIES:-1}"
export BUILD_DIR="${BUILD_DIR:-/tmp/ifastapi-bench-peers}"
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g}"
T0=$(date +%s)
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

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
    helidon) [[ -f "$BUILD_DIR/helidon/target/app.jar" ]] || need_build=1 ;;
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
trap 'rm -f "$RAW" "$RAW.enc"' EXIT

export IFASTAPI_CMD="SECRET_KEY=$BENCH_SECRET_KEY $DEMO_ENV java $JAVA_OPTS $DEMO_RUN"
echo ">>> run-peers.sh: PEERS=\"$PEERS\" REPEAT=$REPEAT WARMUP=$WARMUP DURATION=$DURATION (progress below, report at the end)" >&2
# run-peers.sh is `set -u` only and always prints its report; a failing peer shows as FAILED in it.
JAVA_OPTS="$JAVA_OPTS" "$SHARED_BENCH/run-peers.sh" >"$RAW" || echo "run-peers.sh exited with $?" >&2
ENC_CMD=""
if [[ "$ENCRYPTED" == 1 && " $PEERS " == *" ifastapi "* ]]; then
  # The same demo with encrypted cookies, measured as the peer "ifastapi" of a second run, renamed in the report.
  ENC_CMD="SECRET_KEY=$BENCH_SECRET_KEY SESSION_BACKEND=encrypted $DEMO_ENV java $JAVA_OPTS $DEMO_RUN"
  echo ">>> run-peers.sh: ifastapi-encrypted (SESSION_BACKEND=encrypted)" >&2
  IFASTAPI_CMD="$ENC_CMD" PEERS=ifastapi JAVA_OPTS="$JAVA_OPTS" "$SHARED_BENCH/run-peers.sh" >"$RAW.enc" \
    || echo "run-peers.sh (encrypted) exited with $?" >&2
fi

{
  echo "# iFastAPI vs peers, $(date '+%Y-%m-%d %H:%M %Z')"
  echo
  echo "Command: \`PEERS=\"$PEERS\" REPEAT=$REPEAT WARMUP=$WARMUP DURATION=$DURATION ADAPTER=$ADAPTER ENCRYPTED=$ENCRYPTED bench/run.sh\` at commit"
  echo "$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$ROOT" && git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)'),"
  echo "ifastapi = the demo on the $ADAPTER adapter: \`$IFASTAPI_CMD\` (signed-cookie sessions, SECRET_KEY = the fixed test key in bench/lib.sh)."
  [[ -n "$ENC_CMD" ]] && echo "ifastapi-encrypted = \`$ENC_CMD\` (AES-GCM encrypted cookies), measured in a second run of run-peers.sh."
  echo "Load average before the run: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), shared with wrk and"
  echo "with whatever else runs: compare ratios within this run, not absolute numbers across runs."
  echo
  cat "$RAW"
  echo
  if [[ -s "$RAW.enc" ]]; then
    echo "### ifastapi-encrypted (the second run of run-peers.sh)"
    echo
    sed -n '/^### Detail/,/^### Peers/p' "$RAW.enc" | sed '1d;$d' | sed 's/^| ifastapi |/| ifastapi-encrypted |/'
  fi
  # One table of ratios (req/s and server CPU per request) and the issue's targets, from the Detail tables.
  awk -F'|' '
    function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
    /^### Detail/ { detail = 1; next }
    /^### / { detail = 0 }
    detail && /^\| [a-z]/ && $2 !~ /peer/ {
      p = trim($2); e = trim($3); rps[p, e] = trim($4); us[p, e] = trim($9)
      if (!(p in seen)) { seen[p] = 1; order[++n] = p }
    }
    function have(p, e) { return rps[p, e] != "" && rps[p, e] + 0 > 0 }
    function target(v, e, p, min, what,   r) {
      if (!have(v, e) || !have(p, e)) { printf "| %s %s | %s | %s | not measured | - |\n", v, e, p, what; return }
      r = rps[v, e] / rps[p, e]
      printf "| %s %s | %s | %s | %.2fx | %s |\n", v, e, p, what, r, (r >= min ? "yes" : "**no**")
    }
    function cpu_target(v, e, p,   a, b) {
      if (!have(v, e) || !have(p, e) || us[v, e] == "" || us[p, e] == "") return
      a = us[v, e] + 0; b = us[p, e] + 0
      printf "| %s %s | %s | CPU/req <= the peer'"'"'s | %.1f vs %.1f us | %s |\n", v, e, p, a, b, (a <= b ? "yes" : "**no**")
    }
    END {
      if (!have("ifastapi", "/hello")) exit
      split("/hello /get-session /set-session /counter", all, " ")
      print "### Ratios: each iFastAPI variant against each peer"
      print ""
      print "Each cell: iFastAPI req/s divided by the peer'"'"'s (above 1.00 = iFastAPI serves more), then in brackets"
      print "iFastAPI server CPU per request divided by the peer'"'"'s (below 1.00 = iFastAPI uses less CPU per request;"
      print "this one does not depend on how wrk and the server split the 2 cores)."
      print ""
      print "| iFastAPI variant | peer | /hello | /get-session | /set-session | /counter |"
      print "|---|---|---:|---:|---:|---:|"
      for (vi = 1; vi <= 2; vi++) {
        v = (vi == 1 ? "ifastapi" : "ifastapi-encrypted")
        if (!(v in seen)) continue
        for (k = 1; k <= n; k++) {
          p = order[k]; if (p ~ /^ifastapi/) continue
          line = "| " v " | " p
          for (i = 1; i <= 4; i++) {
            e = all[i]
            if (have(v, e) && have(p, e)) {
              cell = sprintf("%.2f", rps[v, e] / rps[p, e])
              if (us[v, e] + 0 > 0 && us[p, e] + 0 > 0) cell = cell sprintf(" (%.2f)", us[v, e] / us[p, e])
              line = line " | " cell
            } else line = line " | -"
          }
          print line " |"
        }
      }
      print ""
      print "### Issue targets (this run)"
      print ""
      print "| iFastAPI | peer | target | measured | met |"
      print "|---|---|---|---:|---|"
      split("/get-session /set-session /counter", eps, " ")
      for (vi = 1; vi <= 2; vi++) {
        v = (vi == 1 ? "ifastapi" : "ifastapi-encrypted")
        if (!(v in seen)) continue
        for (i = 1; i <= 3; i++) target(v, eps[i], "vertx-cookie", 1.1, ">= 1.1x req/s")
      }
      target("ifastapi", "/hello", "netty-raw", 0.9, ">= 0.9x req/s")
      for (i = 1; i <= 4; i++) target("ifastapi", all[i], "fastapi-modern", 15, ">= 15x req/s")
      for (i = 1; i <= 4; i++) cpu_target("ifastapi", all[i], "vertx-cookie")
      for (i = 2; i <= 4; i++) cpu_target("ifastapi-encrypted", all[i], "vertx-cookie")
      print ""
    }' "$RAW" <(sed 's/^| ifastapi |/| ifastapi-encrypted |/' "$RAW.enc" 2>/dev/null)
  echo "Wall time of bench/run.sh (build included): $(( $(date +%s) - T0 )) s."
} >"$OUT"

cat "$OUT"
echo ">>> report written to $OUT" >&2
