"""Choosing a backend: ``get_backend(name, *, pool_size, debug, allow_process_in_production)``."""

from __future__ import annotations

import atexit
import logging
import os
import threading
import warnings

from .docker_backend import BackendUnavailable, DockerBackend
from .process_backend import ProcessBackend

log = logging.getLogger("sandbox")
_open_backends: list = []
_default = None
_default_lock = threading.Lock()


def get_backend(name: str | None = None, *, pool_size: int = 2, debug: bool = False,
                allow_process_in_production: bool = False, **options):
    """``docker``, ``process``, or ``None``/``"auto"``: docker when an engine answers and the
    image exists; else, only with ``debug=True``, the process backend with a loud warning.
    With ``debug=False`` ``auto`` never falls back: it raises BackendUnavailable."""
    name = (name or "auto").lower()
    if name == "docker":
        return _track(DockerBackend(pool_size=pool_size, **options))
    if name == "process":
        return ProcessBackend(debug=debug, allow_in_production=allow_process_in_production, **options)
    if name != "auto":
        raise ValueError(f"unknown sandbox backend {name!r}: use docker, process or auto")
    try:
        return _track(DockerBackend(pool_size=pool_size, **options))
    except BackendUnavailable as exc:
        if not debug:
            # Production never trades isolation away silently: say so and stop.
            raise BackendUnavailable(
                f"SANDBOX_BACKEND=auto: the docker backend is unavailable ({exc}) and DEBUG is off, "
                "so there is no fallback to the weaker process backend. Start the Docker Engine and "
                "build the image (python -m sandbox.imagebuild ensure), or choose "
                "SANDBOX_BACKEND=process explicitly (with SANDBOX_ALLOW_PROCESS_IN_PRODUCTION=1)."
            ) from exc
        message = (f"SANDBOX WARNING: the docker backend is unavailable ({exc}); falling back to the "
                   "process backend, which does NOT isolate candidate code as a container does")
        log.warning(message)
        warnings.warn(message, RuntimeWarning, stacklevel=2)
        return ProcessBackend(debug=debug, allow_in_production=allow_process_in_production)


def default_backend():
    """The backend `run(job)` uses when given none: from SANDBOX_BACKEND / SANDBOX_POOL_SIZE /
    SANDBOX_DEBUG / SANDBOX_ALLOW_PROCESS_IN_PRODUCTION (production-safe defaults)."""
    global _default
    with _default_lock:
        if _default is None:
            env = os.environ
            _default = get_backend(
                env.get("SANDBOX_BACKEND") or None,
                pool_size=int(env.get("SANDBOX_POOL_SIZE", "2")),
                debug=env.get("SANDBOX_DEBUG", "0") == "1",
                allow_process_in_production=env.get("SANDBOX_ALLOW_PROCESS_IN_PRODUCTION", "0") == "1",
            )
        return _default


def _track(backend):
    _open_backends.append(backend)
    return backend


@atexit.register
def close_all() -> None:
    """Close every backend this process opened (their warm containers are removed).

    Registered with atexit; a process that exits without running atexit (a Celery prefork
    child leaves with os._exit) must call it itself."""
    for backend in _open_backends:
        try:
            backend.close()
        except Exception:  # noqa: BLE001 - exiting anyway; the sweep catches leftovers
            pass
