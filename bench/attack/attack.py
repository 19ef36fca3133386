#!/usr/bin/env python3
"""Replays the attacks of issue 10 against the built demo on loopback and prints a table.

Cases: pipelining (1,000 and 10,000 GET /hello in one write on one connection: how many answered, in order),
slowloris (N connections trickling a request head one byte a second: how many got 408 and when), the session
flood (one client creating 1.04x the memory store's capacity in new sessions: do logged-in users keep theirs), and the
connection cap (more connections than ServerConfig.maxConnections: how many served at once, the rest waiting and
served once others close, the server still answering afterwards, and how many "Connection limit reached" lines it
logged). The server is started here with `ulimit -n` set to OPEN_FILES, so that its default maxConnections
(3/4 of that limit) is small enough to reach quickly.

Usage: python3 bench/attack/attack.py            (from the repository root, after ./mvnw package)
Environment: ADAPTER=netty|jetty (jetty needs bench/target/benchmarks.jar), HOST (127.0.0.1; loopback only),
PORT (18000), SLOWLORIS (200 connections), OPEN_FILES (512), FLOOD_CAPACITY (2000 sessions in the memory store). Standard library only; every step has a timeout, and
the whole run takes about a minute.
"""
import json
import os
import resource
import socket
import subprocess
import sys
import threading
import time

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "18000"))
ADAPTER = os.environ.get("ADAPTER", "netty")
SLOWLORIS = int(os.environ.get("SLOWLORIS", "200"))
OPEN_FILES = int(os.environ.get("OPEN_FILES", "512"))
FLOOD_CAPACITY = int(os.environ.get("FLOOD_CAPACITY", "2000"))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

if HOST not in ("127.0.0.1", "localhost", "::1"):
    sys.exit("attack.py only runs against loopback")


def server_command():
    java = os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "java")  # Java 21+: set JAVA_HOME
    flags = [java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m"]
    if ADAPTER == "jetty":
        return flags + ["-cp", os.path.join(ROOT, "bench/target/benchmarks.jar"), "io.ifastapi.bench.JettyDemo"]
    return flags + ["-jar", os.path.join(ROOT, "examples/target/ifastapi-demo.jar")]


def start_server(log_path):
    def limit_files():
        resource.setrlimit(resource.RLIMIT_NOFILE, (OPEN_FILES, OPEN_FILES))
    log = open(log_path, "w")
    # Sessions in the memory store, small enough that the flood case fills it (the issue: 104,000 against 100,000)
    env = dict(os.environ, HOST=HOST, PORT=str(PORT), SESSION_BACKEND="memory",
               SESSION_MAX_SESSIONS=str(FLOOD_CAPACITY))
    proc = subprocess.Popen(server_command(), stdout=log, stderr=subprocess.STDOUT, env=env, preexec_fn=limit_files)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            status, _ = get("/hello", timeout=1)
            if status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    sys.exit("the demo did not start; see " + log_path)


def read_response(sock, buf):
    """One response from sock (buf: bytes already read); returns (status, body, rest of buf)."""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        buf += chunk
    head, _, buf = buf.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(buf) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed in a body")
        buf += chunk
    return status, buf[:length], buf[length:]


def get(path, timeout=5):
    with socket.create_connection((HOST, PORT), timeout=timeout) as s:
        s.sendall(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        status, body, _ = read_response(s, b"")
        return status, body


def pipelining(count):
    """count GET /hello in one write; answers read concurrently (the server stops reading while we don't)."""
    request = b"GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"
    start = time.time()
    answered = 0
    note = "all in order"
    with socket.create_connection((HOST, PORT), timeout=10) as s:
        writer = threading.Thread(target=lambda: s.sendall(request * count), daemon=True)
        writer.start()
        buf = b""
        try:
            expected = None
            for _ in range(count):
                status, body, buf = read_response(s, buf)
                expected = expected or body
                if status != 200 or body != expected:
                    note = "answer %d: %d %r" % (answered, status, body[:40])
                    break
                answered += 1
        except (OSError, ConnectionError) as e:
            note = "%s after %d answers" % (type(e).__name__, answered)
    return ["pipelining %d in one write" % count, "%d/%d answered" % (answered, count),
            "%.1f s" % (time.time() - start), note]


def slowloris(n):
    """n connections each send a request line, then one header byte a second, until the server answers or closes."""
    socks = []
    for _ in range(n):
        s = socket.create_connection((HOST, PORT), timeout=1)
        s.sendall(b"GET /hello HTTP/1.1\r\nHost: x\r\n")
        socks.append(s)
    start = time.time()
    outcome = {}  # index -> (first bytes of the answer, seconds)
    deadline = start + 45
    while len(outcome) < n and time.time() < deadline:
        for i, s in enumerate(socks):
            if i in outcome:
                continue
            try:
                s.sendall(b"X")
                s.settimeout(0.001)
                data = s.recv(64)
                outcome[i] = (data[:12] or b"closed", time.time() - start)
            except socket.timeout:
                pass
            except OSError:
                outcome[i] = (b"reset", time.time() - start)
        time.sleep(1)
    for s in socks:
        s.close()
    got_408 = sum(1 for data, _ in outcome.values() if data.startswith(b"HTTP/1.1 408"))
    times = sorted(t for _, t in outcome.values())
    spread = "%.0f-%.0f s" % (times[0], times[-1]) if times else "-"
    held = n - len(outcome)
    return ["slowloris %d conns, 1 byte/s" % n, "%d got 408, %d still held" % (got_408, held), spread,
            "deadline: headTimeout (20 s)"]


def connection_cap(log_path):
    """Opens 1.5x the cap; counts who is served at once, then closes them and checks the waiting ones are served."""
    cap = OPEN_FILES // 4 * 3
    total = cap + cap // 2
    socks, served_at_once, not_connected = [], 0, 0
    start = time.time()
    for _ in range(total):
        try:
            s = socket.create_connection((HOST, PORT), timeout=5)
        except OSError:
            not_connected += 1  # the listen backlog is full: the kernel drops the SYN
            continue
        s.sendall(b"GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        socks.append(s)
    waiting = []
    for s in socks:
        s.settimeout(0.5 if not waiting else 0.01)
        try:
            status, _, _ = read_response(s, b"")
            served_at_once += 1
        except (socket.timeout, ConnectionError, OSError):
            waiting.append(s)
    for s in socks:
        if s not in waiting:
            s.close()
    served_later = 0
    for s in waiting:
        s.settimeout(10)
        try:
            if read_response(s, b"")[0] == 200:
                served_later += 1
        except (OSError, ConnectionError):
            pass
        s.close()
    after = get("/hello")[0]
    with open(log_path) as f:
        lines = sum(1 for line in f if "Connection limit reached" in line)
    return ["cap: %d conns, maxConnections %d" % (total, cap),
            "%d at once, %d waited then served" % (served_at_once, served_later), "%.1f s" % (time.time() - start),
            "after: %d; %d log line(s); %d not connected" % (after, lines, not_connected)]


def session_flood():
    """One anonymous client writes 1.04x the memory store's capacity in new sessions; do 20 logged-in users keep
    theirs? (session_flood.py does the requests.)"""
    flood = FLOOD_CAPACITY * 104 // 100
    start = time.time()
    out = subprocess.run([sys.executable, os.path.join(ROOT, "bench/attack/session_flood.py"), "--host", HOST,
                          "--port", str(PORT), "--flood", str(flood), "--victims", "20", "--json"],
                         capture_output=True, text=True, timeout=180)
    result = json.loads(out.stdout)
    return ["session flood: %d new sessions, memory store of %d" % (result["flood"], FLOOD_CAPACITY),
            "%d/%d victims kept their session" % (result["survived"], result["victims"]),
            "%.1f s" % (time.time() - start), "%d flood requests not 200" % result["flood_errors"]]


def main():
    log_path = "/tmp/ifastapi-attack-%s.log" % ADAPTER
    proc = start_server(log_path)
    rows = []
    try:
        rows.append(pipelining(1_000))
        rows.append(pipelining(10_000))
        rows.append(slowloris(SLOWLORIS))
        rows.append(connection_cap(log_path))
        rows.append(session_flood())
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=40)
        except subprocess.TimeoutExpired:
            proc.kill()
    with open(log_path) as f:
        log = f.read()
    traces = log.count("\tat ")
    print("adapter: %s, ulimit -n %d (default maxConnections %d), server log %s (%d stack-trace lines)"
          % (ADAPTER, OPEN_FILES, OPEN_FILES // 4 * 3, log_path, traces))
    widths = [max(len(str(r[i])) for r in rows + [HEADER]) for i in range(4)]
    for row in [HEADER] + rows:
        print(" | ".join(str(c).ljust(w) for c, w in zip(row, widths)))


HEADER = ["case", "outcome", "time", "note"]

if __name__ == "__main__":
    main()
