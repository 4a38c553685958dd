#!/usr/bin/env bash
# The full `bank check` for `make test`: every coding part's canonical solution, mutants
# (hand-written and blind) and alternatives through the real sandbox and judge, N programs at
# a time. Meant to run in the background beside pytest:
#
#   scripts/bank-check.sh > .data/bank-check.log 2>&1 & bank_pid=$!
#   ... pytest ...
#   wait "$bank_pid" || { status=1; tail -40 .data/bank-check.log; }
#
# Environment: BANK_CHECK_JOBS (default 2), BANK_CHECK_REPEAT (default 1),
# BANK_CHECK_BACKEND (default: SANDBOX_BACKEND, i.e. docker when the engine and image are there).
# Extra arguments go to `manage.py bank check` (e.g. a <section>/<slug> list).
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBUG="${DEBUG:-True}"
args=(-j "${BANK_CHECK_JOBS:-2}" --repeat "${BANK_CHECK_REPEAT:-1}")
[[ -n "${BANK_CHECK_BACKEND:-}" ]] && args+=(--backend "$BANK_CHECK_BACKEND")
started=$(date +%s)
echo "==> bank check ${args[*]} $*"
status=0
.venv/bin/python manage.py bank check "${args[@]}" "$@" || status=$?
echo "==> bank check: exit $status after $(( $(date +%s) - started )) s"
exit "$status"
