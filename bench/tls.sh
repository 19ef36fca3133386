#!/usr/bin/env bash
# HTTPS cost on the Netty adapter: the JDK's TLS against BoringSSL (netty-tcnative-boringssl-static), the demo's
# /hello over loopback with wrk.
#
# Usage: bench/tls.sh            (after ./mvnw package, which builds examples/target/ifastapi-demo.jar)
# Env: DURATION (10 s per run, at most 25), WARMUP (20 s, half keep-alive, half handshakes), CONNECTIONS (16), JAVA_OPTS (-Xms512m -Xmx512m).
# Per engine: a warm-up, then keep-alive req/s (TLS session set up once per connection) and new connections per
# second (wrk with Connection: close: every request pays a full TLS 1.3 handshake; wrk does not resume sessions).
# A self-signed EC P-256 certificate is made with keytool in a temporary directory. The tcnative jars come from
# ~/.m2 at the version of Netty's BOM (run `./mvnw -pl ifastapi-netty dependency:resolve` once if they are missing).
# Loopback only; every run is bounded by wrk -d and timeout; only the server this script started is stopped.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
JAVA_HOME="$(find_jdk)"; export PATH="$JAVA_HOME/bin:$PATH"
DURATION="${DURATION:-10}"; WARMUP="${WARMUP:-20}"; CONNECTIONS="${CONNECTIONS:-16}"
(( DURATION <= 25 && WARMUP <= 25 )) || { echo "DURATION and WARMUP are at most 25 s" >&2; exit 2; }
JAR="$ROOT/examples/target/ifastapi-demo.jar"
[[ -f "$JAR" ]] || { echo "No $JAR: run ./mvnw -q package -DskipTests first" >&2; exit 1; }
TCN_VERSION="$(sed -n 's:.*<tcnative.version>\(.*\)</tcnative.version>.*:\1:p' \
  "$HOME/.m2/repository/io/netty/netty-bom/$(sed -n 's:.*<netty.version>\(.*\)</netty.version>.*:\1:p' "$ROOT/pom.xml")/"*.pom | head -1)"
M2="$HOME/.m2/repository/io/netty"
TCN="$M2/netty-tcnative-classes/$TCN_VERSION/netty-tcnative-classes-$TCN_VERSION.jar:$M2/netty-tcnative-boringssl-static/$TCN_VERSION/netty-tcnative-boringssl-static-$TCN_VERSION-linux-x86_64.jar"

DIR="$(mktemp -d)"; trap 'stop_server; rm -rf "$DIR"' EXIT
keytool -genkeypair -alias server -dname CN=localhost -ext SAN=dns:localhost,ip:127.0.0.1 -validity 2 \
  -keyalg EC -groupname secp256r1 -storetype PKCS12 -keystore "$DIR/server.p12" -storepass changeit -keypass changeit \
  >/dev/null 2>&1
PORT=8443
take_bench_lock
echo "| TLS engine | keep-alive req/s | new TLS connections/s (Connection: close) |"
echo "|---|---:|---:|"
for engine in jdk openssl; do
  SSL_CERTFILE="$DIR/server.p12" SSL_KEYFILE_PASSWORD=changeit PORT=$PORT SECRET_KEY="$BENCH_SECRET_KEY" \
    java ${JAVA_OPTS:--Xms512m -Xmx512m} -Dio.ifastapi.netty.tls=$engine -cp "$JAR:$TCN" io.ifastapi.examples.DemoApp \
    >"$DIR/$engine.log" 2>&1 9>&- &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -skf "https://127.0.0.1:$PORT/hello" >/dev/null 2>&1 && break; sleep 0.2; done
  grep -o "TLS by [A-Za-z]*" "$DIR/$engine.log" >&2 || { cat "$DIR/$engine.log" >&2; exit 1; }
  # warm both paths up: requests on open connections, and handshakes
  timeout $((WARMUP + 10)) wrk -t1 -c"$CONNECTIONS" -d"$((WARMUP / 2))s" "https://127.0.0.1:$PORT/hello" >/dev/null
  timeout $((WARMUP + 10)) wrk -t1 -c"$CONNECTIONS" -d"$((WARMUP / 2))s" -H "Connection: close" \
    "https://127.0.0.1:$PORT/hello" >/dev/null
  keep=$(timeout $((DURATION + 10)) wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" "https://127.0.0.1:$PORT/hello" \
    | awk '/Requests\/sec/ {print $2}')
  fresh=$(timeout $((DURATION + 10)) wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -H "Connection: close" \
    "https://127.0.0.1:$PORT/hello" | awk '/Requests\/sec/ {print $2}')
  echo "| $engine | $keep | $fresh |"
  stop_server
done
