#!/usr/bin/env bash
# Install Debian packages for the commands that are missing, and nothing else.
# Usage: scripts/apt-ensure.sh COMMAND=PACKAGE [COMMAND=PACKAGE ...]
# A pair is skipped when COMMAND is already on PATH (or is an existing absolute path),
# so a machine that has everything costs one `command -v` per pair.
set -euo pipefail

missing=()
for pair in "$@"; do
    command_name="${pair%%=*}"
    package="${pair#*=}"
    if [[ "$command_name" == /* && -x "$command_name" ]] || command -v "$command_name" >/dev/null 2>&1; then
        continue
    fi
    missing+=("$package")
done

[[ ${#missing[@]} -eq 0 ]] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: missing ${missing[*]} and apt-get is not available; install them by hand and re-run." >&2
    exit 1
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
        sudo_cmd=(sudo)
    else
        echo "error: missing ${missing[*]}; installing needs root (run as root or install sudo)." >&2
        exit 1
    fi
fi

echo "==> apt-get install ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "==> installed ${missing[*]}"
