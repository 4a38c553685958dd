"""Container health checks of the compose stack, cheap enough for a loaded host.

    python scripts/compose/healthcheck.py web|worker|beat

Standard library only and no Django start-up (a check that imports Django costs seconds of CPU on
every interval, on every container). ``web`` asks the running server's /readyz/ (database and
Redis, checked inside the server); ``worker`` checks Redis, PostgreSQL and the Docker Engine the
worker needs; ``beat`` checks Redis. Exit status 0 = healthy; the reason is printed otherwise.
"""

from __future__ import annotations

import http.client
import os
import socket
import sys
from urllib.parse import urlsplit

TIMEOUT = 10.0


def redis_ping() -> None:
    url = urlsplit(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
    with socket.create_connection((url.hostname or "127.0.0.1", url.port or 6379), TIMEOUT) as conn:
        if url.password:
            conn.sendall(f"AUTH {url.password}\r\nPING\r\n".encode())
        else:
            conn.sendall(b"PING\r\n")
        reply = conn.recv(64)
    if b"+PONG" not in reply:
        raise RuntimeError(f"redis answered {reply!r}")


def database_reachable() -> None:
    url = urlsplit(os.environ.get("DATABASE_URL", ""))
    if url.scheme.startswith("postgres"):
        socket.create_connection((url.hostname or "127.0.0.1", url.port or 5432), TIMEOUT).close()


def docker_ping() -> None:
    path = urlsplit(os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")).path
    with socket.socket(socket.AF_UNIX) as conn:
        conn.settimeout(TIMEOUT)
        conn.connect(path)
        conn.sendall(b"GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n")
        reply = conn.recv(256)
    if b" 200 " not in reply.split(b"\r\n", 1)[0] + b" ":
        raise RuntimeError(f"docker answered {reply[:60]!r}")


def web_ready() -> None:
    host = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip().lstrip(".")
    host = "localhost" if host in {"", "*"} else host
    conn = http.client.HTTPConnection("127.0.0.1", 8000, timeout=TIMEOUT)
    try:
        # As the TLS proxy would send it: HTTPS already, so no redirect.
        conn.request("GET", "/readyz/", headers={"Host": host, "X-Forwarded-Proto": "https"})
        response = conn.getresponse()
        body = response.read(500)
    finally:
        conn.close()
    if response.status != 200:
        raise RuntimeError(f"/readyz/ answered {response.status}: {body!r}")


CHECKS = {
    "web": [web_ready],
    "worker": [redis_ping, database_reachable, docker_ping],
    "beat": [redis_ping],
}

if __name__ == "__main__":
    role = sys.argv[1] if len(sys.argv) > 1 else ""
    if role not in CHECKS:
        sys.exit(f"usage: healthcheck.py {'|'.join(CHECKS)}")
    for check in CHECKS[role]:
        try:
            check()
        except Exception as error:  # noqa: BLE001 - the reason is the output
            sys.exit(f"{role} unhealthy: {check.__name__}: {type(error).__name__}: {error}")
