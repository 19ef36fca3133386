#!/usr/bin/env bash
# Makes (once) a Python venv with a modern FastAPI (pydantic 2) and httpx, from the machine's pip configuration,
# and prints the path of its python. VENV (default /tmp/ifastapi-fastapi-venv) picks another place.
# Used by scripts/pydantic-cases.py's regeneration (see docs/parameters.md, "Keeping the 422s honest").
set -euo pipefail
VENV=${VENV:-/tmp/ifastapi-fastapi-venv}
if ! "$VENV/bin/python" -c 'import fastapi, httpx, multipart' 2>/dev/null; then
  python3 -m venv "$VENV" >&2
  # the machine's pip may be configured with local package indexes; try them first, then the default index
  idx=$(pip config list 2>/dev/null | sed -n "s/^global.extra-index-url='\(.*\)'/\1/p")
  args=()
  if [[ -n $idx ]]; then set -- $idx; args=(--index-url "$1"); shift; for u in "$@"; do args+=(--extra-index-url "$u"); done; fi
  "$VENV/bin/pip" install -q "${args[@]}" 'fastapi>=0.100' python-multipart httpx >&2 2>/dev/null \
    || "$VENV/bin/pip" install -q 'fastapi>=0.100' python-multipart httpx >&2
fi
echo "$VENV/bin/python"
