#!/usr/bin/env bash
# Build the base images the compose stack needs on a machine WITHOUT a container registry.
# One Debian bookworm root file system (mmdebstrap, Debian's own packages: Python 3.11, PostgreSQL
# and Redis), `docker import`ed as onsite-local-base:<hash>, tagged onsite-local-base:bookworm.
# docker-compose.local.yml builds the app and sandbox images FROM it and runs PostgreSQL and Redis
# from it. Rebuilt only when this script's package list (its hash) changes.
#   scripts/compose-images.sh            # build if missing, print the tag
# With a registry you do not need this: docker-compose.yml alone uses python:3.11-slim,
# postgres:16 and redis:7.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -x .venv/bin/python ]] || scripts/venv.sh requirements.txt

# libpango: WeasyPrint (the report's PDF export).
packages="python3,python3-venv,ca-certificates,postgresql,redis-server,util-linux,libpango-1.0-0,libpangoft2-1.0-0"
repo="onsite-local-base"
hash="$(printf '%s' "$packages" | sha256sum | cut -c1-12)"
tag="$repo:$hash"

scripts/apt-ensure.sh mmdebstrap=mmdebstrap
if ! docker image inspect "$tag" >/dev/null 2>&1; then
    mirror="$(.venv/bin/python -c 'from sandbox.imagebuild import apt_mirror; print(apt_mirror())')"
    tmp="$(mktemp -d /tmp/onsite-localbase-XXXXXX)"
    trap 'rm -rf "$tmp"' EXIT
    echo "==> building $tag: mmdebstrap bookworm ($packages) from $mirror"
    started=$SECONDS
    # The host's CA bundle goes in too, so that pip inside `docker build` trusts the same
    # certificate authorities (e.g. an egress proxy's) as the host that built the base.
    mmdebstrap --variant=minbase --include="$packages" --quiet \
        --customize-hook='copy-in /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/' \
        --customize-hook='rm -rf "$1"/var/lib/postgresql/*/main "$1"/etc/postgresql/*/main' \
        bookworm "$tmp/rootfs.tar" "$mirror"
    docker import -c 'ENV LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        "$tmp/rootfs.tar" "$tag" >/dev/null
    echo "==> $tag ready in $((SECONDS - started)) s"
fi
docker tag "$tag" "$repo:bookworm"

# The sandbox image's base: the same minimal root file system `python -m sandbox.imagebuild` uses.
sandbox_base="$(.venv/bin/python -c 'from sandbox.imagebuild import _client, ensure_debian_base; print(ensure_debian_base(_client(), quiet=True))')"
docker tag "$sandbox_base" onsite-sandbox-base:local
echo "$repo:bookworm"
