#!/usr/bin/env bash
# Issue 10's session flood, replayed against the built demo on loopback, scaled down 100 times (the issue: 104,000
# new sessions against a memory store of 100,000): 20 logged-in victims, then FLOOD anonymous new sessions, per
# backend (memory with SESSION_MAX_SESSIONS=CAPACITY; redis on a redis-server of its own, if installed). Prints a
# table: did every victim survive, and how big the store is right after the flood and after the new-session ttl.
#
#   ./mvnw -q package -DskipTests && bench/attack/session-flood.sh [FLOOD] [CAPACITY]
#
# Bounded: each flood stops after FLOOD requests or 120 s. Only the processes it starts are stopped.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh

FLOOD=${1:-10400}
CAPACITY=${2:-10000}
JAR=examples/target/ifastapi-demo.jar
[[ -f $JAR ]] || { echo "build the demo first: ./mvnw -q package -DskipTests" >&2; exit 1; }
JAVA="$(find_jdk)/bin/java"
REDIS_PID=""
cleanup() { stop_server; [[ -n $REDIS_PID ]] && kill "$REDIS_PID" 2>/dev/null || true; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$1/hello" >/dev/null && return 0; sleep 0.2; done; return 1; }

echo "| backend | flood requests | non-200 | seconds | victims who kept their session | store size after the flood |"
echo "|---|---|---|---|---|---|"

run() { # label, extra env...
  local label=$1; shift
  local port; port=$(free_port)
  env PORT="$port" SECRET_KEY="$BENCH_SECRET_KEY" "$@" "$JAVA" -jar "$JAR" >"/tmp/session-flood-$label.log" 2>&1 9>&- &
  SERVER_PID=$!
  wait_http "$port" || { echo "the demo did not start; see /tmp/session-flood-$label.log" >&2; exit 1; }
  local row
  row=$(python3 bench/attack/session_flood.py --port "$port" --flood "$FLOOD" --label "$label" || true)
  echo "$row $(store_size "$label") |"
  stop_server
}

store_size() {
  case $1 in
    memory) echo "at most $CAPACITY (the bound)";;
    redis) echo "$(redis-cli -p "$REDIS_PORT" dbsize) keys, $(redis-cli -p "$REDIS_PORT" eval \
      "local n = 0 for _, k in ipairs(redis.call('KEYS', '*')) do if redis.call('TTL', k) <= 600 then n = n + 1 end end return n" 0) of them expiring within 10 min";;
  esac
}

run memory SESSION_BACKEND=memory SESSION_MAX_SESSIONS="$CAPACITY"
if command -v redis-server >/dev/null; then
  REDIS_PORT=$(free_port)
  redis-server --port "$REDIS_PORT" --save '' --appendonly no >/tmp/session-flood-redis-server.log 2>&1 9>&- &
  REDIS_PID=$!
  for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  run redis SESSION_BACKEND=redis REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
fi
