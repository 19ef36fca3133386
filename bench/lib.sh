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
