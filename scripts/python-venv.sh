#!/usr/bin/env bash
# Makes (once) a Python venv with modern FastAPI/Starlette, uvicorn, python-multipart, itsdangerous, httpx and jinja2,
# from the machine's pip configuration (its local indexes first, then the default index), and prints its python.
# When no index can provide them, falls back to Debian's python3-starlette (apt) with a venv that sees system packages.
# VENV (default /tmp/ifastapi-venv) picks the directory; EXTRA adds packages (e.g. EXTRA=pytest).
set -euo pipefail
VENV=${VENV:-/tmp/ifastapi-venv}
EXTRA=${EXTRA:-}
check='import fastapi, starlette, uvicorn, multipart, itsdangerous, httpx, jinja2'
for mod in $EXTRA; do check="$check, $mod"; done
if ! "$VENV/bin/python" -c "$check" 2>/dev/null; then
  python3 -m venv "$VENV" >&2 || { rm -rf "$VENV"; python3 -m venv --without-pip "$VENV" >&2; }
  idx=$(pip config list 2>/dev/null | sed -n "s/^global.extra-index-url='\(.*\)'/\1/p" || true)
  args=()
  if [[ -n $idx ]]; then set -- $idx; args=(--index-url "$1"); shift; for u in "$@"; do args+=(--extra-index-url "$u"); done; fi
  pkgs=('fastapi>=0.100' 'starlette' uvicorn python-multipart itsdangerous httpx jinja2 $EXTRA)
  if ! { "$VENV/bin/pip" install -q "${args[@]}" "${pkgs[@]}" >&2 2>/dev/null \
         || "$VENV/bin/pip" install -q "${pkgs[@]}" >&2; }; then
    echo "python-venv.sh: no pip index has them; falling back to Debian's python3-starlette" >&2
    (apt-get install -y -q python3-starlette python3-uvicorn python3-multipart python3-itsdangerous python3-httpx \
        python3-jinja2 >&2 || { apt-get update -q >&2 && apt-get install -y -q python3-starlette python3-uvicorn \
        python3-multipart python3-itsdangerous python3-httpx python3-jinja2 >&2; })
    rm -rf "$VENV"
    python3 -m venv --system-site-packages "$VENV" >&2
  fi
fi
echo "$VENV/bin/python"
