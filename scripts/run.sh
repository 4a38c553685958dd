#!/usr/bin/env bash
# `make run`: everything Onsite needs on one machine, then web + worker in the foreground.
# Ctrl-C stops the web server, the worker and the Redis this script started.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBUG="${DEBUG:-True}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export SANDBOX_BACKEND="${SANDBOX_BACKEND:-docker}"
export WEB_HOST="${WEB_HOST:-127.0.0.1}"
export WEB_PORT="${WEB_PORT:-8000}"
py=.venv/bin/python

scripts/venv.sh requirements.txt
mkdir -p .data
scripts/redis.sh start
trap 'scripts/redis.sh stop' EXIT

if [[ -f sandbox/imagebuild.py && "$SANDBOX_BACKEND" == docker ]]; then
    echo "==> sandbox image"
    "$py" -m sandbox.imagebuild ensure
fi
"$py" manage.py migrate --noinput
if "$py" manage.py help bank >/dev/null 2>&1; then
    "$py" manage.py bank sync
fi
"$py" manage.py demo_user

echo
echo "==> Onsite: http://$WEB_HOST:$WEB_PORT/   (Ctrl-C to stop)"
echo
.venv/bin/honcho --no-colour -f Procfile start
