#!/usr/bin/env python3
"""Mints the Starlette session-cookie vectors that iFastAPI's tests check its cookie codec against.

Every cookie here comes out of the real ``starlette.middleware.sessions.SessionMiddleware`` (with the real
itsdangerous under it), called as an ASGI app with itsdangerous' clock frozen: valid vectors are what the middleware
sends in ``Set-Cookie`` when a handler stores a session; for the refused ones, ``starlette_session`` is what the
middleware handed the handler for that cookie. Nothing is computed by hand but the tampered cookies themselves.

    "$(scripts/python-venv.sh)" scripts/starlette-vectors.py           # rewrite the file
    "$(scripts/python-venv.sh)" scripts/starlette-vectors.py --check   # exit 1 if Starlette now disagrees

See scripts/README.md.
"""
import argparse
import asyncio
import base64
import json
import pathlib
import sys
from importlib import metadata

import itsdangerous
from starlette.middleware.sessions import SessionMiddleware

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "ifastapi-core" / "src" / "test" / "resources" / "vectors" / "starlette-session-cookies.json"

NOW = 1_767_225_600  # 2026-01-01T00:00:00Z
DAY = 86_400
MAX_AGE = 14 * DAY  # SessionMiddleware's default

KEYS = [
    "x" * 64,
    "a-short-key",
    "6f1c0b1e9f2d4d8e9a3b7c5d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f",
]

SESSIONS = [
    {"key": "value"},
    {"user_id": 42, "logged_in": True},
    {"cart": [{"sku": "A-1", "qty": 2}, {"sku": "B-7", "qty": 1}], "currency": "EUR"},
    {"name": "Zoë Ångström", "city": "Zürich", "emoji": "\U0001F600"},
    {"nothing": None, "empty_list": [], "empty_obj": {}, "zero": 0, "neg": -17},
    {"big": 9007199254740993, "flag": False},  # 2^53 + 1: not a double
    {"quote": 'he said "hi"\n\tand left \\ / <script>'},
    {f"k{i}": "v" * 20 for i in range(30)},
]

NOTES = [
    "cookie = b64std(json.dumps(session)) + '.' + b64url_nopad(int_to_bytes(timestamp)) + '.' "
    "+ b64url_nopad(HMAC-SHA1(key, value))",
    "HMAC key = SHA1(b'itsdangerous.Signer' + b'signer' + secret_key)  (django-concat derivation, default salt)",
    "signed value = b64std_payload + '.' + b64url_timestamp; json.dumps uses ', ' and ': ' separators and "
    "ensure_ascii=True",
    "invalid[].starlette_session is what real Starlette gave the handler for that cookie",
]


class FrozenClock:
    """itsdangerous reads the time only through TimestampSigner.get_timestamp, when it signs and when it checks age."""

    now = NOW

    @classmethod
    def install(cls):
        itsdangerous.TimestampSigner.get_timestamp = lambda signer: cls.now


async def handler(scope, receive, send):
    """GET /write stores scope['to_write'] in the session; GET /read answers with the session it was given."""
    session = scope["session"]
    if scope["path"] == "/write":
        for key, value in scope["to_write"].items():
            session[key] = value
    body = json.dumps(dict(session)).encode("utf-8")
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})


def request(secret_key, path, now, cookie=None, to_write=None, max_age=MAX_AGE):
    """One request through a fresh SessionMiddleware; returns (the session the handler saw, Set-Cookie headers)."""
    FrozenClock.now = now
    middleware = SessionMiddleware(handler, secret_key=secret_key, max_age=max_age)
    headers = [(b"host", b"testserver")]
    if cookie is not None:
        headers.append((b"cookie", b"session=" + cookie.encode("latin-1")))
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "", "headers": headers,
             "client": ("127.0.0.1", 50000), "server": ("testserver", 80), "to_write": to_write or {}}
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    asyncio.run(middleware(scope, receive, send))
    start = sent[0]
    assert start["status"] == 200, start
    set_cookies = [v.decode("latin-1") for k, v in start["headers"] if k.lower() == b"set-cookie"]
    body = b"".join(m.get("body", b"") for m in sent[1:])
    return json.loads(body), set_cookies


def valid_vector(secret_key, session):
    _, set_cookies = request(secret_key, "/write", NOW, to_write=session)
    assert len(set_cookies) == 1, set_cookies
    header = set_cookies[0]
    cookie = header[len("session="):header.index(";")]
    seen, _ = request(secret_key, "/read", NOW, cookie=cookie)  # (0.26 sends it again on every read; 1.x does not)
    assert seen == session and list(seen) == list(session), seen
    return {"secret_key": secret_key, "timestamp": NOW, "session": session, "cookie": cookie,
            "set_cookie_header": header}


def invalid_vectors(cookie):
    payload, timestamp, signature = cookie.split(".")
    flipped = ("B" if signature[0] == "A" else "A") + signature[1:]
    altered = base64.b64encode(json.dumps({"key": "evil"}).encode()).decode()
    key = KEYS[0]
    cases = [
        ("flipped signature char", key, f"{payload}.{timestamp}.{flipped}", NOW),
        ("wrong secret key", "y" * 64, cookie, NOW),
        ("expired: 15 days later with 14-day max_age", key, cookie, NOW + 15 * DAY),
        ("not expired: 13 days later", key, cookie, NOW + 13 * DAY),
        ("payload altered, signature kept", key, f"{altered}.{timestamp}.{signature}", NOW),
        ("no separators", key, "garbage", NOW),
        ("empty value", key, "", NOW),
        ("only dots", key, "..", NOW),
        ("timestamp not base64", key, f"{payload}.!!!.{signature}", NOW),
        ("signature truncated", key, f"{payload}.{timestamp}.{signature[:10]}", NOW),
        ("literal null (what a cleared cookie holds)", key, "null", NOW),
    ]
    vectors = []
    for name, secret_key, value, now in cases:
        seen, _ = request(secret_key, "/read", now, cookie=value)
        vectors.append({"name": name, "secret_key": secret_key, "cookie": value, "now": now, "max_age": MAX_AGE,
                        "starlette_session": seen})
    return vectors


def mint():
    FrozenClock.install()
    valid = [valid_vector(key, session) for key in KEYS for session in SESSIONS]
    generator = (f"real Starlette SessionMiddleware {metadata.version('starlette')} with itsdangerous "
                 f"{metadata.version('itsdangerous')}, clock frozen")
    return {"generator": generator, "notes": NOTES, "valid": valid, "invalid": invalid_vectors(valid[0]["cookie"])}


def render(document):
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed file (all but the generator line) instead of writing it")
    parser.add_argument("--output", type=pathlib.Path, default=OUTPUT)
    args = parser.parse_args()
    document = mint()
    if args.check:
        committed = json.loads(args.output.read_text(encoding="utf-8"))
        committed["generator"] = document["generator"]
        if render(committed) != render(document):
            print(f"{args.output}: {document['generator']} mints different vectors; rerun without --check and "
                  "look at the diff", file=sys.stderr)
            return 1
        print(f"{args.output}: the same as {document['generator']} mints")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(render(document), encoding="utf-8")
    print(f"wrote {args.output} ({len(document['valid'])} valid, {len(document['invalid'])} refused): "
          f"{document['generator']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
