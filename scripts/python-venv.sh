#!/usr/bin/env bash
# Prints the path of a Python that has FastAPI's stack (fastapi, starlette, uvicorn, python-multipart, itsdangerous,
# httpx, jinja2), for the scripts and tests that run the real Starlette/FastAPI beside iFastAPI.
#
# First choice: a venv at $VENV (default /tmp/ifastapi-venv) with modern releases, installed from the machine's pip
# configuration (its local package indexes, `pip config list`), then from the default index. Made once, reused after
# (idempotent; safe to run concurrently: a lock serialises the installs). pip's output goes to $VENV.log.
# Fallback: Debian's packages (python3-starlette, python3-itsdangerous, ...: Starlette 0.26 on bookworm), installed
# with apt-get when missing and this runs as root; then the system python3 is printed.
# Exit status 1, with the fix on stderr, when neither works.
set -euo pipefail
VENV=${VENV:-/tmp/ifastapi-venv}
MODULES='fastapi, starlette, uvicorn, multipart, itsdangerous, httpx, jinja2'
PACKAGES=('fastapi>=0.100' 'starlette' 'uvicorn' 'python-multipart' 'itsdangerous' 'httpx' 'jinja2')
DEBIAN=(python3-starlette python3-itsdangerous python3-fastapi python3-uvicorn python3-multipart python3-httpx
        python3-jinja2)

ready() { "$VENV/bin/python" -c "import $MODULES" 2>/dev/null; }

modern() {
  ready && return 0
  mkdir -p "$(dirname "$VENV")"
  exec 8>"$VENV.lock"
  flock 8                       # another build may be installing the same venv right now
  ready && return 0
  {
    rm -rf "$VENV"
    python3 -m venv "$VENV" || return 1
    # The machine's pip is configured with local package indexes: try them first, then the default index.
    local idx args=()
    idx=$(pip config list 2>/dev/null | sed -n "s/^global.extra-index-url='\(.*\)'/\1/p")
    if [[ -n $idx ]]; then
      set -- $idx; args=(--index-url "$1"); shift
      for u in "$@"; do args+=(--extra-index-url "$u"); done
    fi
    "$VENV/bin/pip" install -q "${args[@]}" "${PACKAGES[@]}" \
      || "$VENV/bin/pip" install -q "${PACKAGES[@]}"
  } >"$VENV.log" 2>&1 && ready
}

debian() {
  local system=/usr/bin/python3
  "$system" -c 'import starlette, itsdangerous' 2>/dev/null && { echo "$system"; return 0; }
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${DEBIAN[@]}"; } >>"$VENV.log" 2>&1 || true
  fi
  "$system" -c 'import starlette, itsdangerous' 2>/dev/null && { echo "$system"; return 0; }
  return 1
}

if modern; then
  echo "$VENV/bin/python"
elif debian; then
  echo "python-venv.sh: no modern FastAPI/Starlette venv (see $VENV.log); using Debian's packages" >&2
else
  echo "python-venv.sh: could not make a venv at $VENV (see $VENV.log) and Debian's python3-starlette is missing." \
       "Fix pip's access to a package index (pip config list), or: apt-get install ${DEBIAN[*]}" >&2
  exit 1
fi
