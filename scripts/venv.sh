#!/usr/bin/env bash
# Create .venv (once) and install a pinned requirements file into it (again only when the
# requirement files changed: a stamp keyed on their hash lives in .venv/.stamps/).
# Usage: scripts/venv.sh requirements.txt|requirements-dev.txt
set -euo pipefail
cd "$(dirname "$0")/.."

requirements="${1:?usage: scripts/venv.sh REQUIREMENTS_FILE}"
python="${PYTHON:-python3.11}"

if [[ ! -x .venv/bin/python ]]; then
    scripts/apt-ensure.sh "$python=$python"
    if ! "$python" -c 'import ensurepip, venv' 2>/dev/null; then
        # Debian splits venv support out of the interpreter package.
        echo "==> $python cannot create virtual environments; installing ${python}-venv"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${python}-venv" >/dev/null \
            || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${python}-venv" >/dev/null; }
    fi
    echo "==> creating .venv with $python"
    rm -rf .venv
    "$python" -m venv .venv
fi

# requirements-dev.txt includes requirements.txt, so hash both.
hash="$(cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-16)"
name="$(basename "$requirements" .txt)"
stamp=".venv/.stamps/$name-$hash"
[[ -e "$stamp" ]] && exit 0
# The dev requirements include the runtime ones.
[[ "$name" == requirements && -e ".venv/.stamps/requirements-dev-$hash" ]] && exit 0

echo "==> installing $requirements into .venv"
.venv/bin/python -m pip install --disable-pip-version-check --no-input -q -r "$requirements"
mkdir -p .venv/.stamps
rm -f ".venv/.stamps/$name-"*
touch "$stamp"
