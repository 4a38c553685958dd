#!/usr/bin/env bash
# `make test`: install what the tests need, start a test Redis and a test PostgreSQL, build the
# sandbox image, then lint and test. Exits non-zero on any failure.
#
# Which database runs what:
# - no arguments: the whole suite on PostgreSQL (what production runs), then the tests marked
#   `sqlite_smoke` on SQLite (the embedded default of `make run`), then scripts/bank-check.sh
#   (the full bank check) and scripts/compose-test.sh (the compose stack end to end); every
#   exit status counts.
# - arguments (PYTEST_ARGS): they go to pytest, on PostgreSQL; TEST_DATABASE=sqlite runs them on
#   SQLite instead.
# Ports: TEST_REDIS_PORT (default 6390) and TEST_PG_PORT (default 5433) let two checkouts run
# their tests side by side. Each server is stopped at the end only if this run started it.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBUG=True
export REDIS_URL="redis://127.0.0.1:${TEST_REDIS_PORT:-6390}/0"
export TEST_PG_PORT="${TEST_PG_PORT:-5433}"
test_database="${TEST_DATABASE:-postgres}"
case "$test_database" in
    postgres|sqlite) ;;
    *) echo "error: TEST_DATABASE must be postgres or sqlite, got '$test_database'" >&2; exit 2 ;;
esac
unset DATABASE_URL
py=.venv/bin/python

# Debian's chromium is the browser for Playwright (never `playwright install`); mmdebstrap
# builds the sandbox image's root file system without a registry; postgresql is the test database.
compose=docker-compose=docker-compose
docker compose version >/dev/null 2>&1 && compose=""
scripts/apt-ensure.sh redis-server=redis-server /usr/bin/chromium=chromium mmdebstrap=mmdebstrap jq=jq \
    pg_ctlcluster=postgresql $compose
scripts/venv.sh requirements-dev.txt
mkdir -p .data

cleanup=()
on_exit() {
    local step
    for step in "${cleanup[@]}"; do $step || true; done
}
trap on_exit EXIT

# Stop a server at the end only if this run started it (another run may be using it).
if redis_status="$(scripts/redis.sh start)"; then echo "$redis_status"; else echo "$redis_status"; exit 1; fi
[[ "$redis_status" == *"Redis started"* ]] && cleanup+=("scripts/redis.sh stop")
if [[ "$test_database" == postgres || $# -eq 0 ]]; then
    if pg_status="$(scripts/postgres.sh start)"; then echo "$pg_status"; else echo "$pg_status"; exit 1; fi
    [[ "$pg_status" == *"PostgreSQL started"* ]] && cleanup+=("scripts/postgres.sh stop")
fi

if [[ -f sandbox/imagebuild.py ]]; then
    echo "==> sandbox image"
    "$py" -m sandbox.imagebuild ensure
fi

status=0
echo "==> ruff check ."
.venv/bin/ruff check . || status=1

postgres_url="$(scripts/postgres.sh url)"
if [[ $# -eq 0 ]]; then
    echo "==> pytest on PostgreSQL (port $TEST_PG_PORT): the whole suite"
    DATABASE_URL="$postgres_url" "$py" -m pytest -n 2 --timeout=300 || status=1
    echo "==> pytest on SQLite: the smoke set (-m sqlite_smoke)"
    "$py" -m pytest -n 2 --timeout=300 -m sqlite_smoke || status=1
elif [[ "$test_database" == postgres ]]; then
    echo "==> pytest on PostgreSQL (port $TEST_PG_PORT)"
    DATABASE_URL="$postgres_url" "$py" -m pytest -n 2 --timeout=300 "$@" || status=1
else
    echo "==> pytest on SQLite"
    "$py" -m pytest -n 2 --timeout=300 "$@" || status=1
fi

# The slow suites (whole runs only), one after the other: each judges CPU and wall-clock limits,
# and on two cores running them beside pytest turned correct solutions into wall-clock TLEs.
# SKIP_BANK_CHECK=1 / SKIP_COMPOSE_TEST=1 leave one out of a local run; CI runs both.
run_suite() {  # name script
    local log=".data/$1.log" started=$SECONDS
    echo "==> $2 (log: $log)"
    if "$2" >"$log" 2>&1; then
        echo "==> $1 passed in $((SECONDS - started)) s"
    else
        echo "==> $1 FAILED after $((SECONDS - started)) s; the end of $log:" >&2
        tail -n 40 "$log" >&2 || true
        status=1
    fi
}
if [[ $# -eq 0 && "${SKIP_BANK_CHECK:-0}" != 1 ]]; then run_suite bank-check scripts/bank-check.sh; fi
if [[ $# -eq 0 && "${SKIP_COMPOSE_TEST:-0}" != 1 ]]; then run_suite compose-test scripts/compose-test.sh; fi
exit "$status"
