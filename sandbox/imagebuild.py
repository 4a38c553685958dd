"""Build the sandbox image, tagged by the hash of ``sandbox/image/``; rebuilt only when it changes.

    python -m sandbox.imagebuild ensure [--base-mode auto|registry|debian] [--quiet]
    python -m sandbox.imagebuild tag          # print the tag the current folder hashes to

``ensure`` is idempotent: a fast no-op when the hashed tag exists. Otherwise it picks a base:

* ``registry``: ``FROM python:3.11-slim`` (pulled by the engine: needs a registry);
* ``debian``: no registry (this project's machines): ``mmdebstrap --variant=minbase
  --include=python3 bookworm`` with the mirror read from the system's apt configuration,
  ``docker import`` of that root file system, then ``docker build --build-arg BASE=<it>``;
* ``auto`` (default): ``python:3.11-slim`` if the engine already has it, else ``debian``.

It never pulls anything in ``auto`` mode, and the build itself runs with no network.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time

IMAGE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "image")
REPOSITORY = "onsite-sandbox"
BASE_REPOSITORY = "onsite-sandbox-base"
REGISTRY_BASE = "python:3.11-slim"
SUITE = "bookworm"
IMAGE_LABEL = "onsite.sandbox.image"


def folder_hash(path: str = IMAGE_DIR) -> str:
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            full = os.path.join(root, name)
            rel = os.path.relpath(full, path).replace(os.sep, "/")
            digest.update(rel.encode() + b"\0")
            with open(full, "rb") as handle:
                digest.update(hashlib.sha256(handle.read()).digest())
    return digest.hexdigest()[:16]


def image_tag() -> str:
    return f"{REPOSITORY}:{folder_hash()}"


def _say(message: str, quiet: bool = False) -> None:
    if not quiet:
        print(f"[sandbox.imagebuild] {message}", flush=True)


def _client():
    import docker

    return docker.from_env(timeout=600)


def _has_image(client, tag: str) -> bool:
    import docker

    try:
        client.images.get(tag)
        return True
    except docker.errors.ImageNotFound:
        return False


def apt_mirror() -> str:
    """The Debian mirror this system's apt uses (sources.list, *.list or deb822 *.sources)."""
    candidates: list[str] = []
    files = ["/etc/apt/sources.list"] + sorted(glob.glob("/etc/apt/sources.list.d/*.list"))
    for path in files:
        try:
            with open(path, encoding="utf-8") as handle:
                for line in handle:
                    parts = line.split("#", 1)[0].split()
                    if len(parts) >= 3 and parts[0] == "deb":
                        uri = next((p for p in parts[1:] if not p.startswith("[")), "")
                        if uri.rstrip("/").endswith("debian"):
                            candidates.append(uri)
        except OSError:
            continue
    for path in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except OSError:
            continue
        for stanza in text.split("\n\n"):
            fields = {}
            for line in stanza.splitlines():
                if line.startswith("#") or ":" not in line:
                    continue
                key, value = line.split(":", 1)
                fields[key.strip().lower()] = value.strip()
            if "deb" not in fields.get("types", "").split():
                continue
            for uri in fields.get("uris", "").split():
                suites = fields.get("suites", "").split()
                if uri.rstrip("/").endswith("debian") and (not suites or SUITE in suites):
                    candidates.append(uri)
    if not candidates:
        raise RuntimeError("no Debian mirror found in /etc/apt/sources.list or /etc/apt/sources.list.d/")
    return candidates[0]


def _ensure_mmdebstrap(quiet: bool) -> None:
    if shutil.which("mmdebstrap"):
        return
    _say("mmdebstrap is missing: installing it with apt-get", quiet)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "mmdebstrap"], check=True, env=env)


def ensure_debian_base(client, quiet: bool = False) -> str:
    mirror = apt_mirror()
    tag = f"{BASE_REPOSITORY}:{SUITE}-{hashlib.sha256(mirror.encode()).hexdigest()[:8]}"
    if _has_image(client, tag):
        _say(f"base {tag} exists", quiet)
        return tag
    _ensure_mmdebstrap(quiet)
    with tempfile.TemporaryDirectory(prefix="onsite-rootfs-") as tmp:
        tar = os.path.join(tmp, "rootfs.tar")
        cmd = ["mmdebstrap", "--variant=minbase", "--include=python3", "--quiet", SUITE, tar, mirror]
        _say(f"building a Debian {SUITE} root file system: {' '.join(cmd)}", quiet)
        started = time.monotonic()
        subprocess.run(cmd, check=True)
        _say(f"root file system ready in {time.monotonic() - started:.0f} s "
             f"({os.path.getsize(tar) / 1e6:.0f} MB); docker import as {tag}", quiet)
        subprocess.run(["docker", "import", tar, tag], check=True, stdout=subprocess.DEVNULL)
    return tag


def ensure(base_mode: str = "auto", quiet: bool = False) -> str:
    client = _client()
    tag = image_tag()
    if _has_image(client, tag):
        _say(f"{tag} is up to date", quiet)
        return tag
    if base_mode == "auto":
        base_mode = "registry" if _has_image(client, REGISTRY_BASE) else "debian"
    if base_mode == "registry":
        base = REGISTRY_BASE
        if not _has_image(client, base):
            _say(f"pulling {base}", quiet)
            client.images.pull(base)
    elif base_mode == "debian":
        base = ensure_debian_base(client, quiet)
    else:
        raise ValueError(f"unknown base mode {base_mode!r}")
    _say(f"building {tag} FROM {base}", quiet)
    started = time.monotonic()
    client.images.build(path=IMAGE_DIR, tag=tag, buildargs={"BASE": base}, rm=True, forcerm=True,
                        pull=False, network_mode="none", labels={IMAGE_LABEL: folder_hash()})
    _say(f"built {tag} in {time.monotonic() - started:.1f} s", quiet)
    # Older tags are kept: other checkouts (branches that did not change sandbox/image/) and
    # running workers still use them. `python -m sandbox.imagebuild prune` removes them.
    return tag


def _prune_old(client, keep: str, quiet: bool) -> None:
    """Remove older onsite-sandbox:<hash> tags (best effort: one still in use stays)."""
    for image in client.images.list(name=REPOSITORY):
        for old in image.tags:
            if old != keep and old.startswith(REPOSITORY + ":"):
                try:
                    client.images.remove(old)
                    _say(f"removed the old image {old}", quiet)
                except Exception:  # noqa: BLE001 - in use by a running container: keep it
                    pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sandbox.imagebuild", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p_ensure = sub.add_parser("ensure", help="build the image if its hashed tag is missing")
    p_ensure.add_argument("--base-mode", choices=["auto", "registry", "debian"],
                          default=os.environ.get("ONSITE_SANDBOX_BASE_MODE", "auto"))
    p_ensure.add_argument("--quiet", action="store_true")
    sub.add_parser("tag", help="print the tag for the current image folder")
    sub.add_parser("prune", help="remove every onsite-sandbox tag but the current one (unused ones only)")
    args = parser.parse_args(argv)
    if args.command == "tag":
        print(image_tag())
        return 0
    if args.command == "prune":
        _prune_old(_client(), image_tag(), False)
        return 0
    try:
        ensure(args.base_mode, args.quiet)
    except Exception as exc:  # noqa: BLE001 - a CLI: say what failed
        print(f"[sandbox.imagebuild] failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
