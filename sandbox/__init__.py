"""Run untrusted candidate code against case inputs; stream back observations.

A plain library: it imports nothing of Django and nothing of the project's other apps.

    from sandbox import Job, Limits, run, get_backend
    backend = get_backend(None, pool_size=2, debug=True, allow_process_in_production=False)
    for item in run(Job(files={"solution.py": src}, cases=cases, limits=Limits()), backend):
        ...   # Observation per case as it finishes, then exactly one Summary

See sandbox/README.md.
"""

from __future__ import annotations

from collections.abc import Iterator

from .backends import BackendUnavailable, close_all, default_backend, get_backend
from .process_backend import ProcessBackendRefused
from .types import Job, Limits, Observation, Summary

__all__ = [
    "close_all",
    "Job", "Limits", "Observation", "Summary", "run", "get_backend",
    "BackendUnavailable", "ProcessBackendRefused",
]


def run(job: Job, backend=None) -> Iterator[Observation | Summary]:
    """Observations as each case finishes, then exactly one Summary."""
    from .execute import execute

    return execute(backend if backend is not None else default_backend(), job)
