#!/usr/bin/env bash
# `make test`: install what the tests need, start a test Redis on port 6390, build the
# sandbox image, then lint and test. Extra arguments go to pytest. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBUG=True
# TEST_REDIS_PORT lets two checkouts run their tests side by side.
export REDIS_URL="redis://127.0.0.1:${TEST_REDIS_PORT:-6390}/0"
unset DATABASE_URL
py=.venv/bin/python

# Debian's chromium is the browser for Playwright (never `playwright install`); mmdebstrap
# builds the sandbox image's root file system without a registry.
compose=docker-compose=docker-compose
docker compose version >/dev/null 2>&1 && compose=""
scripts/apt-ensure.sh redis-server=redis-server /usr/bin/chromium=chromium mmdebstrap=mmdebstrap jq=jq $compose
scripts/venv.sh requirements-dev.txt
mkdir -p .data
# Stop the test Redis at the end only if this run started it (another run may be using it).
if redis_status="$(scripts/redis.sh start)"; then echo "$redis_status"; else echo "$redis_status"; exit 1; fi
if [[ "$redis_status" == *"Redis started"* ]]; then trap 'scripts/redis.sh stop' EXIT; fi

if [[ -f sandbox/imagebuild.py ]]; then
    echo "==> sandbox image"
    "$py" -m sandbox.imagebuild ensure
fi

status=0
echo "==> ruff check ."
.venv/bin/ruff check . || status=1
echo "==> pytest"
"$py" -m pytest -n 2 --timeout=300 "$@" || status=1
exit "$status"
