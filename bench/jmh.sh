#!/usr/bin/env bash
# Builds and runs the JMH micro-benchmarks of the per-request hot paths (bench/src/main/java/io/ifastapi/bench).
#
# Usage:
#   bench/jmh.sh                          # every benchmark, modest settings (~5 min)
#   bench/jmh.sh AppBenchmark             # only those whose name matches a regex (JMH's include pattern)
#   JMH_ARGS="-f 2 -wi 5 -i 10" bench/jmh.sh CookieCodec    # more forks/iterations for a decision
#   bench/jmh.sh -l                       # list the benchmarks (any argument starting with '-' goes to JMH as is)
#
# Default settings: -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc (1 fork, 3 warm-up and 5 measured 1-second iterations,
# allocation per operation from the GC profiler). Results: bench/results/jmh-<date>.json (JMH's JSON),
# bench/results/jmh-<date>.txt (JMH's console output) and bench/results/jmh-<date>.md (a compact table).
# Env: JMH_ARGS (replaces the default settings), JAVA_OPTS (for the benchmark JVMs), OUT_PREFIX.
# The machine has 2 cores shared with other work: run it when the machine is quiet, compare within one run.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi

JAVA_HOME="$(find_jdk)"; export JAVA_HOME; export PATH="$JAVA_HOME/bin:$PATH"
JMH_ARGS="${JMH_ARGS:--f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc}"

echo ">>> building bench/target/benchmarks.jar (JDK $JAVA_HOME)" >&2
(cd "$ROOT" && ./mvnw -q -B package -DskipTests -pl bench -am)
JAR="$ROOT/bench/target/benchmarks.jar"

if [[ "${1:-}" == -* ]]; then exec java -jar "$JAR" "$@"; fi

mkdir -p "$ROOT/bench/results"
OUT_PREFIX="${OUT_PREFIX:-$ROOT/bench/results/jmh-$(date +%F)}"
[[ -e "$OUT_PREFIX.json" && -z "${OUT_OVERWRITE:-}" ]] && OUT_PREFIX="$OUT_PREFIX-$(date +%H%M)"
# shellcheck disable=SC2086 # JMH_ARGS is a list of words on purpose
java -jar "$JAR" $JMH_ARGS ${JAVA_OPTS:+-jvmArgsAppend "$JAVA_OPTS"} \
  -rf json -rff "$OUT_PREFIX.json" "$@" 2>&1 | tee "$OUT_PREFIX.txt"

# A compact table: score +- error per benchmark and parameters, plus bytes allocated per operation.
python3 "$ROOT/bench/jmh_summary.py" "$OUT_PREFIX.json" "$JMH_ARGS" >"$OUT_PREFIX.md"
cat "$OUT_PREFIX.md"
echo ">>> $OUT_PREFIX.{json,txt,md}" >&2
