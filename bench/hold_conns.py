#!/usr/bin/env python3
"""Opens N keep-alive HTTP connections to 127.0.0.1:PORT, sends one GET on each and reads its response, then holds
them all open and idle for HOLD seconds (or until it is sent SIGTERM) before closing them. Prints "held N" once every
connection is open and answered, so that a caller can measure the server's memory with N idle connections.
With --in-flight it does not wait for the responses: "held N" means N requests were sent and are still unanswered
(for a PATH that blocks, e.g. GrowthApp's /block?seconds=60), so that a caller can measure N requests in flight.

Usage: hold_conns.py [--in-flight] PORT N PATH HOLD_SECONDS [COOKIE_HEADER_VALUE]
Loopback only; the process needs an open-files limit above N (bench/growth.sh raises it).
"""
import signal
import socket
import sys
import time


def read_response(sock):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionError("closed before the headers")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status = head.split(b"\r\n", 1)[0]
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionError("closed in the body")
        body += chunk
    return status


def main():
    args = sys.argv[1:]
    in_flight = "--in-flight" in args
    if in_flight:
        args.remove("--in-flight")
    port, n, path, hold = int(args[0]), int(args[1]), args[2], float(args[3])
    cookie = args[4] if len(args) > 4 else None
    request = "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" % (path, port)
    if cookie:
        request += "Cookie: %s\r\n" % cookie
    request = (request + "\r\n").encode("ascii")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    socks, failed = [], 0
    deadline = time.time() + 120  # opening must not take forever either
    for _ in range(n):
        if time.time() > deadline:
            break
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=10)
            s.sendall(request)
            if not in_flight:
                status = read_response(s)
                if b" 200 " not in status + b" ":
                    failed += 1
            socks.append(s)
        except OSError as e:
            failed += 1
            if failed == 1:
                print("first failure: %s" % e, file=sys.stderr, flush=True)
    print("held %d failed %d" % (len(socks), failed), flush=True)
    try:
        time.sleep(hold)
    finally:
        for s in socks:
            s.close()


if __name__ == "__main__":
    main()
