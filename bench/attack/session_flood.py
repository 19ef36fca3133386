#!/usr/bin/env python3
"""Issue 10's session flood against a running demo, bounded: logged-in victims, then one anonymous client creating
FLOOD new sessions (GET /set-session without cookies, on one keep-alive connection), then each victim's /counter.

A victim survived if its counter went on (n = 3 after two counts before the flood); a victim whose session was
evicted starts over at n = 1. Prints one Markdown table row, or JSON with --json, so that other attack scripts can
call it. Standard library only.

  python3 bench/attack/session_flood.py --port 8000 --flood 10400 --victims 20 [--label memory] [--json]
"""
import argparse
import http.client
import json
import sys
import time


def request(conn, path, cookie=None):
    headers = {"Cookie": cookie} if cookie else {}
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    set_cookie = response.getheader("set-cookie")
    return response.status, body, set_cookie


def cookie_of(set_cookie, old):
    if not set_cookie:
        return old
    pair = set_cookie.split(";", 1)[0]
    return None if pair.endswith("=null") else pair


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--flood", type=int, default=10_400, help="new sessions the anonymous client creates")
    parser.add_argument("--victims", type=int, default=20, help="logged-in users who must keep their sessions")
    parser.add_argument("--max-seconds", type=float, default=120, help="stop the flood after this long")
    parser.add_argument("--label", default="", help="first column of the row, e.g. the backend")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    def fresh():  # victims connect anew each time: their connections would idle out during a long flood
        return http.client.HTTPConnection(args.host, args.port, timeout=10)

    victims = []
    for _ in range(args.victims):
        cookie = None
        for _ in range(2):  # two requests: a session that came back
            conn = fresh()
            status, _, set_cookie = request(conn, "/counter", cookie)
            conn.close()
            cookie = cookie_of(set_cookie, cookie)
        victims.append(cookie)

    flood = http.client.HTTPConnection(args.host, args.port, timeout=10)
    started = time.monotonic()
    sent = errors = 0
    while sent < args.flood and time.monotonic() - started < args.max_seconds:
        status, _, _ = request(flood, "/set-session")
        sent += 1
        errors += status != 200
    seconds = time.monotonic() - started

    survived = 0
    for cookie in victims:
        conn = fresh()
        status, body, _ = request(conn, "/counter", cookie)
        survived += status == 200 and json.loads(body).get("n") == 3
        conn.close()
    flood.close()

    result = {"label": args.label, "flood": sent, "flood_errors": errors, "flood_seconds": round(seconds, 1),
              "victims": args.victims, "survived": survived}
    if args.json:
        print(json.dumps(result))
    else:
        print("| {label} | {flood} | {flood_errors} | {flood_seconds} | {survived}/{victims} |".format(**result))
    return 0 if survived == args.victims else 1


if __name__ == "__main__":
    sys.exit(main())
