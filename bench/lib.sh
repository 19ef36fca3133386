# Shared helpers for the bench/*.sh scripts (sourced, not run).

# A JDK 21 or newer: JAVA_HOME when it is one, else the newest under /usr/lib/jvm (the machine's default java may
# be older). Same rule as ../shared/bench/run-peers.sh's find_jdk and .ci/run.
jdk_version() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
find_jdk() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/javac" && "$(jdk_version "$JAVA_HOME")" -ge 21 ]]; then
    echo "$JAVA_HOME"; return
  fi
  local d best="" v bv=0
  for d in /usr/lib/jvm/*/; do [[ -x $d/bin/javac ]] || continue
    v=$(jdk_version "${d%/}"); v=${v:-0}
    if (( v >= 21 && v > bv )); then best=${d%/}; bv=$v; fi
  done
  if [[ -z "$best" ]]; then
    echo "No JDK 21+ found (JAVA_HOME or /usr/lib/jvm); install one, e.g. apt-get install openjdk-21-jdk-headless" >&2
    return 1
  fi
  echo "$best"
}

# The fixed test key the benchmarks sign cookies with (64 hex digits; never use it for anything real).
BENCH_SECRET_KEY="5eb1c4e0d6a2f7b9385c1e0f2a4b6d8c9e1f3a5b7c9d0e2f4a6b8c0d1e3f5a7b"

# One load test at a time on this machine: the loopback lock that ../shared/bench/run-peers.sh also takes, held on
# file descriptor 9 until the script exits (servers are started with 9>&- so that they do not inherit it).
take_bench_lock() {
  exec 9>"${LOCK_FILE:-/tmp/loopback-bench.lock}"
  flock -w 600 9 || echo "could not get the benchmark lock in 600 s; going on" >&2
}

# The server the sourcing script started (its PID), stopped by stop_server: SIGTERM, up to 10 s for the graceful
# stop, then SIGKILL. Only that PID is ever signalled.
SERVER_PID=""
stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

# CPU accounting from /proc, in clock ticks: a process (user + system), this script's waited-for children (wrk), and
# the whole machine (user, nice, system, irq, softirq).
CLK_TCK="$(getconf CLK_TCK)"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
child_ticks() { awk '{print $16 + $17}' "/proc/$$/stat"; }
sys_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }

# Waits (at most QUIET_WAIT s) until processes other than the server use at most 15 % of a core, so that a measured
# run is not shared with other work; measures anyway after that, saying so.
wait_for_quiet() {
  local waited=0 a b sa sb busy
  while :; do
    a=$(sys_ticks); sa=$(cpu_ticks "${SERVER_PID:-0}"); sleep 1; b=$(sys_ticks); sb=$(cpu_ticks "${SERVER_PID:-0}")
    busy=$(( ((b - a) - (sb - sa)) * 100 / CLK_TCK ))
    (( busy <= 15 )) && return 0
    (( waited == 0 )) && echo "    machine busy (others use ${busy}% of a core); waiting up to ${QUIET_WAIT}s" >&2
    (( waited >= QUIET_WAIT )) && { echo "    still busy; measuring anyway" >&2; return 0; }
    sleep 2; waited=$((waited + 3))
  done
}
